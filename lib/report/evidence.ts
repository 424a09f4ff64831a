import { figureRanges, rowName } from "./cite";
import { findRow, getTable, type Report, type Table, type TableId, type TableRow } from "./schema";

/**
 * Where the original prints a headline figure (lib/report/figures.ts): the line, the figure as stored (the source
 * view finds it however the page prints it), a word of its row that tells equal figures apart, and in Chinese which
 * place that is. A figure computed from others (a rate) cites the place that prints its main input, and says so.
 */
export type FigurePlace = {
  line: number;
  figure?: string;
  context?: string;
  place: string;
  computed?: string;
  /** the last line the figure may be printed on, when the place is a heading above it (a sheet's title) */
  until?: number;
};

type Cell = { table: Table; row: TableRow; column: string };

function cell(
  report: Report,
  id: TableId,
  key: string,
  column: string,
  section?: "income" | "expenditure",
): Cell | undefined {
  const table = getTable(report, id);
  if (!table || table.status !== "data") return undefined;
  const rows = table.rows.filter((r) => r.key === key);
  // t01/t04 print 总计 on both sides: the side asked for, else (sections unmarked) the first or second as figures.ts reads them
  const row = section
    ? (rows.find((r) => r.section === section) ??
      (rows.every((r) => r.section === undefined) ? rows[section === "income" ? 0 : 1] : undefined))
    : rows[0];
  return row && row.values[column] !== undefined ? { table, row, column } : undefined;
}

const TABLE_NAMES: Partial<Record<TableId, string>> = {
  t01: "公开01表",
  t02: "公开02表",
  t03: "公开03表",
  t04: "公开04表",
  t05: "公开05表",
  t06: "公开06表",
  t09: "公开09表",
};

function atCell(c: Cell | undefined, what: string): FigurePlace | undefined {
  if (!c?.row.sourceLine) return undefined;
  return {
    line: c.row.sourceLine,
    figure: c.row.values[c.column],
    context: rowName(c.row),
    place: `${TABLE_NAMES[c.table.id] ?? c.table.title} ${what}`,
  };
}

function atLine(line: number | undefined, figure: string | undefined, place: string): FigurePlace | undefined {
  return line && figure !== undefined ? { line, figure, place } : undefined;
}

function sangongRow(report: Report): Cell | undefined {
  const t = getTable(report, "t09");
  if (!t || t.status !== "data") return undefined;
  const row = findRow(t, { key: "sangong" }) ?? (t.rows.length === 1 ? t.rows[0] : undefined);
  return row ? { table: t, row, column: "" } : undefined;
}

function sangong(
  report: Report,
  column: "finalTotal" | "budgetTotal",
  narrative: "final" | "budget",
): FigurePlace | undefined {
  const r = sangongRow(report);
  if (r && r.row.values[column] !== undefined)
    return atCell({ ...r, column }, column === "finalTotal" ? "“三公”经费 决算数合计" : "“三公”经费 预算数合计");
  const s = report.narrative.sangong;
  return atLine(s?.total?.sourceLine ?? s?.sourceLine, s?.total?.[narrative], "情况说明 “三公”经费");
}

const KEYS: Record<string, (r: Report) => FigurePlace | undefined> = {
  incomeTotal: (r) =>
    atCell(cell(r, "t01", "incomeTotal", "amount", "income"), "本年收入合计") ??
    atCell(cell(r, "t02", "total", "total"), "合计"),
  expenditureTotal: (r) =>
    atCell(cell(r, "t01", "expenditureTotal", "amount", "expenditure"), "本年支出合计") ??
    atCell(cell(r, "t03", "total", "total"), "合计"),
  basicExpenditure: (r) => atCell(cell(r, "t03", "total", "basic"), "合计 基本支出"),
  projectExpenditure: (r) => atCell(cell(r, "t03", "total", "project"), "合计 项目支出"),
  personnelCost: (r) => atCell(cell(r, "t06", "personnelTotal", "amount"), "人员经费合计"),
  publicCost: (r) => atCell(cell(r, "t06", "publicTotal", "amount"), "公用经费合计"),
  gpbExpenditure: (r) =>
    atCell(cell(r, "t05", "total", "total"), "合计") ??
    atCell(cell(r, "t04", "expenditureTotal", "gpb", "expenditure"), "支出合计 一般公共预算"),
  sangongFinal: (r) => sangong(r, "finalTotal", "final"),
  sangongBudget: (r) => sangong(r, "budgetTotal", "budget"),
  procurementTotal: (r) =>
    atLine(r.narrative.procurement?.sourceLine, r.narrative.procurement?.total, "情况说明 政府采购"),
  procurementSme: (r) => atLine(r.narrative.procurement?.sourceLine, r.narrative.procurement?.sme, "情况说明 政府采购"),
  procurementSmeShare: (r) =>
    atLine(r.narrative.procurement?.sourceLine, r.narrative.procurement?.smeShare, "情况说明 政府采购"),
  operatingCost: (r) =>
    atLine(r.narrative.operatingCost?.sourceLine, r.narrative.operatingCost?.amount, "情况说明 机关运行经费"),
  initialBudgetGpb: (r) =>
    atLine(
      r.narrative.budgetExecution?.sourceLine,
      r.narrative.budgetExecution?.initialBudget,
      "情况说明 一般公共预算财政拨款支出预决算对比",
    ),
  gpbExecutionRate: (r) => {
    const e = r.narrative.budgetExecution;
    const p = atLine(e?.sourceLine, e?.rate ?? e?.initialBudget, "情况说明 一般公共预算财政拨款支出预决算对比");
    return p && { ...p, computed: "执行率 = 一般公共预算财政拨款支出 ÷ 年初预算，链接到情况说明写年初预算的地方" };
  },
};

/** The keys figurePlace can cite (the headline figures the overview and the dashboards show). */
export const CITED_FIGURES: readonly string[] = Object.keys(KEYS);

/** Where the report prints the figure `key`; undefined when it does not, or the place is unknown. */
export function figurePlace(report: Report, key: string): FigurePlace | undefined {
  return KEYS[key]?.(report);
}

/**
 * Where a 绩效自评表 prints its project's execution: the sheet's line, the rate as printed (else the executed amount).
 * `ord` counts the sheets from 1, as performance_projects numbers them.
 */
export function projectPlace(report: Report, ord: number): FigurePlace | undefined {
  const s = report.appendix.performanceSheets[ord - 1];
  if (!s?.sourceLine) return undefined;
  const t = s.funds.total;
  const firstIndicator = s.indicators.find((i) => i.sourceLine)?.sourceLine;
  return {
    line: s.sourceLine,
    figure: t.rate ?? t.executed ?? t.annual ?? s.totalScore,
    context: s.name.slice(0, 12) || undefined,
    place: `绩效自评表 ${s.name}`,
    until: firstIndicator ?? s.sourceLine + 60,
  };
}

/**
 * The year of another report a finding's place lies in: a cross-year check names that report's year at the head
 * of the place's label ("2022 年度部门决算 公开01表 …"), as a place in the report itself never does.
 */
export function otherYearOf(label: string, year: number): number | undefined {
  const m = /^(\d{4}) 年度/.exec(label);
  return m && Number(m[1]) !== year ? Number(m[1]) : undefined;
}

/**
 * The evidence of a figure: a link the server answers with the source view at the page or line that prints it
 * (app/reports/[id]/evidence). `figure` a headline figure's key, `project` a 绩效自评表 (from 1), `finding` + `at` a
 * finding's place.
 */
export function evidenceHref(
  reportId: number,
  what: { figure: string } | { project: number; q?: string } | { finding: number; at?: number },
): string {
  const p = new URLSearchParams(Object.entries(what).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
  return `/reports/${reportId}/evidence?${p}`;
}

/**
 * The first of `lines` (1-based, from `from` to `to` inclusive) that prints the figure: a 绩效自评表 is cited at its
 * title, and in extracted text its funds row comes some lines below — further than the source view looks.
 */
export function lineWithFigure(lines: readonly string[], from: number, to: number, figure: string): number | undefined {
  for (let n = Math.max(1, from); n <= Math.min(lines.length, to); n++)
    if (figureRanges(lines[n - 1], figure).length) return n;
  return undefined;
}
