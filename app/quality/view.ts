import { cache } from "react";
import type { z } from "zod";
import { getCoverageSummary, getReportCount, getRuleCounts } from "@/db/queries/quality";
import { hrefWith } from "../_components/ui";
import type { qualityPageParamsSchema } from "./search-params";

export const FINDINGS_PAGE = 50;
export const RANK_PAGE = 50;
export const READ_PAGE = 20;
/** unread notes shown under each report of the coverage ranking; the department page lists them all */
export const NOTES_SHOWN = 3;

type Params = z.infer<typeof qualityPageParamsSchema>;

/** What every section of /quality shares: the parsed URL and the year shown. */
export type QualityView = { sp: Params; year: number | undefined };

export const qualityView = (sp: Params, year: number | undefined): QualityView => ({ sp, year });

/**
 * The counts every section pages by — findings by rule and severity, reports, reading coverage — read once a request
 * whichever section asks first (React cache keys on the one view object), and each list's page, so that each pager
 * keeps the other lists where they are.
 */
export const qualityData = cache(async (v: QualityView) => {
  const { sp, year } = v;
  const f = { ...sp, year };
  const [counts, reportCount, reading] = await Promise.all([
    getRuleCounts({ ...f, rule: undefined, severity: undefined }),
    getReportCount(f),
    getCoverageSummary(f),
  ]);
  // the filtered list's length, from the counts by rule and severity (no second pass over the findings)
  const findingTotal = counts
    .filter((c) => (!sp.rule || c.rule === sp.rule) && (!sp.severity || c.severity === sp.severity))
    .reduce((a, c) => a + c.count, 0);
  const page = Math.min(sp.page ?? 1, Math.max(1, Math.ceil(findingTotal / FINDINGS_PAGE)));
  const rank = Math.min(sp.rank ?? 1, Math.max(1, Math.ceil(reportCount / RANK_PAGE)));
  const read = Math.min(sp.read ?? 1, Math.max(1, Math.ceil(reading.partial / READ_PAGE)));
  const keep = { year, rule: sp.rule, severity: sp.severity, synthetic: sp.synthetic ? "1" : undefined };
  const at = {
    page: page > 1 ? page : undefined,
    rank: rank > 1 ? rank : undefined,
    read: read > 1 ? read : undefined,
  };
  const pageHref = (n: number) => hrefWith("/quality", { ...keep, ...at, page: n > 1 ? n : undefined }) + "#findings";
  const rankHref = (n: number) =>
    hrefWith("/quality", { ...keep, ...at, rank: n > 1 ? n : undefined }) + "#completeness";
  const readHref = (n: number) => hrefWith("/quality", { ...keep, ...at, read: n > 1 ? n : undefined }) + "#coverage";
  return { f, counts, reportCount, reading, findingTotal, page, rank, read, keep, pageHref, rankHref, readHref };
});
