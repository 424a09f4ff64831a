import { z } from "zod";
import { qualityParamsSchema } from "@/lib/filters";

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** /quality's filters, plus `read`: the page of the reading-coverage ranking (20 reports a page). */
export const qualityPageParamsSchema = qualityParamsSchema.extend({
  read: z
    .preprocess(
      (v) => (first(v) === "" ? undefined : first(v)),
      z.coerce.number().int().positive().max(2_147_483_647).optional(),
    )
    .catch(undefined),
});
