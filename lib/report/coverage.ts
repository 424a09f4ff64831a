import { tableIdOfTitle } from "../ingest/layouts/markdown/titles";
import { pageOfLine, TABLE_IDS, TABLE_TITLES, type Narrative, type Report, type TableId, type Unread } from "./schema";

/**
 * Reading coverage: how much of a document the reader understood, as opposed to completeness (how much the
 * document discloses). A table the document never prints lowers completeness, not coverage; a table it prints
 * that the reader could not read lowers coverage.
 *
 * Three parts, each a share between 0 and 1, counted only when the document has something in that part:
 *
 *   表格 (tables)     = 读出的表 ÷ (读出的表 + 未读的表 + 目录列出而未找到的表) × 已定位单元格 ÷ (已定位 + 待定单元格)
 *                       the nine tables; "读出" = printed with data or declared empty, with no unread note;
 *                       "未读" also counts unread table notes that name none of the nine;
 *                       待定单元格 = `ambiguities` (cells whose column the identities leave open)
 *   情况说明 (text)   = 已识别语句 ÷ (已识别语句 + 未读的语句、段落和封面说明)
 *                       已识别语句 = the narrative facts the reader holds (STATEMENT_KINDS: one per stated change,
 *                       share, execution item, 三公 category …); an unread section counts as one, however long
 *   附件 (appendix)   = 读出的绩效自评表和汇总表 ÷ (读出的 + 未读的附件)
 *
 *   读取覆盖 = the mean of the parts present × 100, cut (not rounded) to two decimals, so 100 means every part
 *   was read and nothing is open. Computed on exact fractions of integers (so is the SQL that mirrors it).
 *
 * Tables the reader does not know (`extraTables`, kept as raw grids) are listed but do not count: nothing of them
 * is lost, and a provincial template with twelve tables is not a worse read than the national nine.
 */

export type TableReading = "data" | "empty" | "unread" | "missing";

type StatementKind = { key: string; label: string; count: number };

export type Coverage = {
  /** 0–100, at most two decimals (cut, not rounded) */
  percent: string;
  /** nothing unread, nothing open, no table the 目录 lists left unfound */
  fullyRead: boolean;
  tables: {
    expected: number;
    /** printed in the document: read, or noted as unread */
    found: number;
    /** found and read: with data or declared empty, and no unread note */
    read: number;
    withData: number;
    empty: number;
    /** found but not read (an unread note names it) */
    unread: number;
    /** not in the document at all (a completeness matter unless the 目录 lists it) */
    missing: number;
    /** missing, but listed in the 目录: counted as not read */
    listedMissing: number;
    /** unread table notes that name none of the nine */
    otherUnread: number;
    items: { id: TableId; title: string; status: TableReading; listed: boolean }[];
    /** share of the tables part, 0–100, or null when the document has no table at all */
    percent: string | null;
  };
  extraTables: { count: number; titles: string[] };
  cells: { placed: number; open: number };
  statements: { recognised: number; unread: number; kinds: StatementKind[]; percent: string | null };
  appendix: { read: number; unread: number; percent: string | null };
  /** every unread note, by part */
  unread: { total: number; byPart: Record<Unread["part"], number> };
};

const has = (v: unknown) => (v === undefined || v === null ? 0 : 1);
const any = (...vs: unknown[]) => (vs.some((v) => v !== undefined && v !== null) ? 1 : 0);

/**
 * The narrative facts, counted as statements. Mirrored in SQL by the migration that filled the coverage columns of
 * reports loaded before them (db/migrations/0002_reading_coverage.sql): change both together.
 */
const STATEMENT_KINDS: { key: string; label: string; count: (n: Narrative) => number }[] = [
  { key: "changes", label: "与上年相比的增减", count: (n) => n.changes.length },
  { key: "shares", label: "构成占比", count: (n) => n.shares.length },
  {
    key: "budgetExecution",
    label: "年初预算与决算（总述和各科目）",
    count: (n) => (n.budgetExecution ? 1 + n.budgetExecution.items.length : 0),
  },
  { key: "basicExpenditure", label: "基本支出构成", count: (n) => has(n.basicExpenditure) },
  {
    key: "sangong",
    label: "“三公”经费",
    count: ({ sangong: s }) =>
      s
        ? has(s.total) +
          has(s.abroad) +
          has(s.vehicle) +
          has(s.reception) +
          any(s.vehiclePurchase, s.vehicleOperation) +
          any(s.abroadGroups, s.abroadPersons) +
          any(s.vehiclesPurchased, s.vehiclesKept) +
          has(s.receptionDomestic) +
          has(s.receptionForeign)
        : 0,
  },
  { key: "operatingCost", label: "机关运行经费", count: (n) => has(n.operatingCost) },
  {
    key: "procurement",
    label: "政府采购",
    count: ({ procurement: p }) =>
      p
        ? 1 +
          any(p.sme, p.smeShare, p.smallMicro, p.smallMicroShare) +
          any(p.reservedSme, p.reservedSmallMicro, p.smeWonReserved, p.smallMicroWonReserved, p.smeWonOther)
        : 0,
  },
  { key: "assets", label: "国有资产占用", count: (n) => has(n.assets) },
  {
    key: "performance",
    label: "预算绩效（总述和项目）",
    count: (n) => (n.performance ? 1 + n.performance.summaries.length : 0),
  },
];

/** Which of the nine tables a printed title names (公开02表 收入决算表, 二、收入决算表 …), if any. */
export function tableOfTitle(title: string): TableId | null {
  return tableIdOfTitle(title);
}

/** A share as an exact fraction of integers: no rounding anywhere before the final cut. */
type Frac = { n: bigint; d: bigint };
const frac = (n: number, d: number): Frac | undefined => (d > 0 ? { n: BigInt(n), d: BigInt(d) } : undefined);

/** The mean of the present parts as one fraction: Σ nᵢ·(D/dᵢ) ÷ (k·D), D = Π dᵢ. */
function mean(parts: Frac[]): Frac {
  if (parts.length === 0) return { n: 1n, d: 1n };
  const D = parts.reduce((a, p) => a * p.d, 1n);
  return { n: parts.reduce((a, p) => a + p.n * (D / p.d), 0n), d: D * BigInt(parts.length) };
}

/** 100 × n/d cut (not rounded) to two decimals: 8/9 → "88.88", 1 → "100", 9/10 → "90". */
export function cutPercent(f: Frac | undefined): string | null {
  if (f === undefined) return null;
  const hundredths = (10000n * f.n) / f.d;
  const whole = hundredths / 100n;
  const rest = hundredths % 100n;
  return rest === 0n ? whole.toString() : `${whole}.${rest.toString().padStart(2, "0").replace(/0$/, "")}`;
}

/** the plain-text solver's message for a row whose amounts fit several columns (lib/ingest/layouts/plain-text/tables.ts) */
const OPEN_CELLS = /可以归入不同的栏目/;

export function computeCoverage(report: Report): Coverage {
  const unread = report.unread ?? [];
  const byPart: Coverage["unread"]["byPart"] = { table: 0, statement: 0, section: 0, cover: 0, appendix: 0 };
  for (const u of unread) byPart[u.part]++;

  // tables
  const notedTables = new Set<TableId>();
  let otherUnread = 0;
  for (const u of unread) {
    if (u.part !== "table") continue;
    const id = tableOfTitle(u.where);
    if (id) notedTables.add(id);
    else otherUnread++;
  }
  const listed = new Set((report.listedTables ?? []).map(tableOfTitle).filter((id): id is TableId => id !== null));
  const items = TABLE_IDS.map((id) => {
    const t = report.tables.find((x) => x.id === id);
    const status: TableReading = notedTables.has(id)
      ? "unread"
      : !t
        ? "missing"
        : t.status === "empty"
          ? "empty"
          : "data";
    return { id, title: TABLE_TITLES[id], status, listed: listed.has(id) };
  });
  const count = (s: TableReading) => items.filter((i) => i.status === s).length;
  const withData = count("data");
  const empty = count("empty");
  const tablesUnread = count("unread");
  const missing = count("missing");
  const listedMissing = items.filter((i) => i.status === "missing" && i.listed).length;
  const read = withData + empty;

  let placed = 0;
  for (const t of report.tables) for (const r of t.rows) placed += Object.keys(r.values).length;
  // Only rows whose amounts could go to more than one column leave cells open; the other notes (a header column
  // ignored, a total printed twice, no unit printed) say how something was read, not that it was not.
  const open = report.ambiguities.filter((a) => OPEN_CELLS.test(a.message)).length;

  // 读出的表 ÷ 应读的表 × 已定位 ÷ (已定位 + 待定); with no cell at all, the cell factor is 1
  const tablesWhole = read + tablesUnread + listedMissing + otherUnread;
  const cellsWhole = placed + open;
  const tablesPart =
    tablesWhole > 0
      ? frac(read * (cellsWhole > 0 ? placed : 1), tablesWhole * (cellsWhole > 0 ? cellsWhole : 1))
      : undefined;

  // narrative statements
  const kinds = STATEMENT_KINDS.map((k) => ({ key: k.key, label: k.label, count: k.count(report.narrative) }));
  const recognised = kinds.reduce((a, k) => a + k.count, 0);
  const statementsUnread = byPart.statement + byPart.section + byPart.cover;
  const statementsPart = frac(recognised, recognised + statementsUnread);

  // appendix
  const appendixRead =
    report.appendix.performanceSheets.length + ((report.appendix.performanceSummary?.rows.length ?? 0) > 0 ? 1 : 0);
  const appendixPart = frac(appendixRead, appendixRead + byPart.appendix);

  const overall = mean([tablesPart, statementsPart, appendixPart].filter((p): p is Frac => p !== undefined));

  return {
    percent: cutPercent(overall)!,
    fullyRead: unread.length === 0 && open === 0 && listedMissing === 0,
    tables: {
      expected: TABLE_IDS.length,
      found: read + tablesUnread,
      read,
      withData,
      empty,
      unread: tablesUnread,
      missing,
      listedMissing,
      otherUnread,
      items,
      percent: cutPercent(tablesPart),
    },
    extraTables: { count: report.extraTables?.length ?? 0, titles: (report.extraTables ?? []).map((t) => t.title) },
    cells: { placed, open },
    statements: { recognised, unread: statementsUnread, kinds, percent: cutPercent(statementsPart) },
    appendix: { read: appendixRead, unread: byPart.appendix, percent: cutPercent(appendixPart) },
    unread: { total: unread.length, byPart },
  };
}

export const PART_LABELS: Record<Unread["part"], string> = {
  table: "表格",
  statement: "语句",
  section: "段落",
  cover: "封面与概况",
  appendix: "附件",
};

/** Where a part lies, as a reader finds it: the PDF page when the report came from a PDF, else the text line. */
function locate(
  report: Pick<Report, "source">,
  at: { page?: number; sourceLine?: number },
): { page?: number; line?: number } {
  const page = at.page ?? pageOfLine(report, at.sourceLine);
  if (page !== undefined) return { page };
  return at.sourceLine !== undefined ? { line: at.sourceLine } : {};
}

/** "第 3 页" / "第 120 行" / "" */
export function locationText(report: Pick<Report, "source">, at: { page?: number; sourceLine?: number }): string {
  const l = locate(report, at);
  return l.page !== undefined ? `第 ${l.page} 页` : l.line !== undefined ? `第 ${l.line} 行` : "";
}

/** The unread notes with their page resolved (PDF) — what `check --json` and the store give. */
export function unreadNotes(report: Report): (Unread & { page?: number })[] {
  return (report.unread ?? []).map((u) => {
    const page = u.page ?? pageOfLine(report, u.sourceLine);
    return page !== undefined ? { ...u, page } : { ...u };
  });
}
