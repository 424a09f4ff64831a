import { z } from "zod";

const int = z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined);

/** /budget-review and its datasets: a department (else the city view) and a budget year (else the newest). */
export const budgetReviewParamsSchema = z.object({ dept: int, year: int });
