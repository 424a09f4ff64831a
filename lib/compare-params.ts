import { z } from "zod";

/** /compare?ids=3,7,12: two to four department ids, in the order given; anything else is dropped, never an error. */
export const compareParamsSchema = z.object({
  ids: z
    .string()
    .optional()
    .catch(undefined)
    .transform((s) =>
      [
        ...new Set(
          (s ?? "")
            .split(/[,，\s]+/)
            .filter((x) => /^\d{1,9}$/.test(x))
            .map(Number),
        ),
      ].slice(0, 4),
    ),
});

/** /search?q=…: the words typed, trimmed and bounded. */
export const searchParamsSchema = z.object({
  q: z
    .string()
    .optional()
    .catch(undefined)
    .transform((s) => (s ?? "").trim().slice(0, 50)),
  synthetic: z
    .string()
    .optional()
    .catch(undefined)
    .transform((s) => s === "1"),
});
