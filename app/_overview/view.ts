import type { z } from "zod";
import { getFlagSummary, getLargestReports, getOverviewTotals, type FlagKind } from "@/db/queries/overview-flags";
import type { overviewPageParamsSchema } from "@/lib/filters";
import { hrefWith } from "../_components/ui";

/** departments in the overview's spending chart */
export const LARGEST = 15;
/** flags shown per kind on the overview; the rest page by page (`flag=`) and in the CSV */
const PER_KIND = 8;
export const FLAG_PAGE = 50;
export const TABLE_PAGE = 50;

type Params = z.infer<typeof overviewPageParamsSchema>;

/**
 * Everything the overview shows for a year, read at once. A page number past the end shows the last page; the
 * departments' table pages on `page` unless a flag list is open, which pages on it.
 */
export async function loadOverview(sp: Params, year: number) {
  const keep = { synthetic: sp.synthetic ? "1" : undefined };
  const flagPage = sp.flag ? Math.max(1, sp.page ?? 1) : 1;
  const flagOpts = (page: number) =>
    sp.flag ? { kind: sp.flag, offset: (page - 1) * FLAG_PAGE, limit: FLAG_PAGE } : { perKind: PER_KIND };
  const [totals, requestedFlags, top] = await Promise.all([
    getOverviewTotals(year, sp.synthetic),
    getFlagSummary(year, sp.synthetic, flagOpts(flagPage)),
    getLargestReports(year, sp.synthetic, 0, LARGEST),
  ]);
  // a missing part is not drawn as zero: such a department is left out of the stacked bars
  const charted = top.filter(
    (r) => r.figures.basicExpenditure !== undefined && r.figures.projectExpenditure !== undefined,
  );
  const flagPages = sp.flag ? Math.max(1, Math.ceil((requestedFlags.counts[sp.flag] ?? 0) / FLAG_PAGE)) : 1;
  const shownFlagPage = Math.min(flagPage, flagPages);
  const flags =
    shownFlagPage === flagPage ? requestedFlags : await getFlagSummary(year, sp.synthetic, flagOpts(shownFlagPage));
  const tablePages = Math.max(1, Math.ceil(totals.reports / TABLE_PAGE));
  const tablePage = sp.flag ? 1 : Math.min(Math.max(1, sp.page ?? 1), tablePages);
  const table = sp.flag ? [] : await getLargestReports(year, sp.synthetic, (tablePage - 1) * TABLE_PAGE, TABLE_PAGE);
  const here = { year, ...keep };
  const flagHref = (kind: FlagKind, page?: number) =>
    `${hrefWith("/", { ...here, flag: kind, page: page && page > 1 ? page : undefined })}#flags`;
  return { keep, here, totals, flags, shownFlagPage, charted, table, tablePage, flagHref };
}

export type OverviewData = Awaited<ReturnType<typeof loadOverview>>;
