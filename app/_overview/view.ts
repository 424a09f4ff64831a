import { cache } from "react";
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

/** The overview's URL as every section reads it, and its links. */
export function overviewView(sp: Params, year: number) {
  const keep = { synthetic: sp.synthetic ? "1" : undefined };
  const here = { year, ...keep };
  const flagHref = (kind: FlagKind, page?: number) =>
    `${hrefWith("/", { ...here, flag: kind, page: page && page > 1 ? page : undefined })}#flags`;
  return { sp, year, keep, here, flagHref };
}

export type OverviewView = ReturnType<typeof overviewView>;

// Each section's reads, once a request whichever section asks (React cache keys on the one view object), so that
// the sections stream in on their own.

export const overviewTotals = cache((v: OverviewView) => getOverviewTotals(v.year, v.sp.synthetic));

/** The flags: a few of each kind, or one kind's page (`flag=`); a page number past the end shows the last page. */
export const overviewFlags = cache(async (v: OverviewView) => {
  const { sp, year } = v;
  const flagPage = sp.flag ? Math.max(1, sp.page ?? 1) : 1;
  const flagOpts = (page: number) =>
    sp.flag ? { kind: sp.flag, offset: (page - 1) * FLAG_PAGE, limit: FLAG_PAGE } : { perKind: PER_KIND };
  const requested = await getFlagSummary(year, sp.synthetic, flagOpts(flagPage));
  const flagPages = sp.flag ? Math.max(1, Math.ceil((requested.counts[sp.flag] ?? 0) / FLAG_PAGE)) : 1;
  const shownFlagPage = Math.min(flagPage, flagPages);
  const flags =
    shownFlagPage === flagPage ? requested : await getFlagSummary(year, sp.synthetic, flagOpts(shownFlagPage));
  return { flags, shownFlagPage };
});

/** The largest departments for the spending chart; a missing part is not drawn as zero: such a department is left out. */
export const overviewCharted = cache(async (v: OverviewView) =>
  (await getLargestReports(v.year, v.sp.synthetic, 0, LARGEST)).filter(
    (r) => r.figures.basicExpenditure !== undefined && r.figures.projectExpenditure !== undefined,
  ),
);

/** The departments' table pages on `page` unless a flag list is open, which pages on it. */
export const overviewTable = cache(async (v: OverviewView) => {
  const { sp, year } = v;
  const totals = await overviewTotals(v);
  const tablePages = Math.max(1, Math.ceil(totals.reports / TABLE_PAGE));
  const tablePage = sp.flag ? 1 : Math.min(Math.max(1, sp.page ?? 1), tablePages);
  const table = sp.flag ? [] : await getLargestReports(year, sp.synthetic, (tablePage - 1) * TABLE_PAGE, TABLE_PAGE);
  return { totals, table, tablePage };
});

export type FlagsData = OverviewView & Awaited<ReturnType<typeof overviewFlags>>;
export type TableData = OverviewView & Awaited<ReturnType<typeof overviewTable>>;
export type Charted = Awaited<ReturnType<typeof overviewCharted>>;
