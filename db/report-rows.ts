import type { Finding } from "../lib/audit/types";
import { D, printedScale, type Dec } from "../lib/money/decimal";
import { matchProjects } from "../lib/audit/project-match";
import { extractFigures } from "../lib/report/figures";
import type { Change, Report } from "../lib/report/schema";
import { insertUnnest } from "./bulk";
import { AMOUNT_SCALE, RATE_SCALE } from "./columns";
import { performanceProjects } from "./schema";
import type { Executor } from "./types";

/** A report that the store cannot hold exactly. Nothing of it is written (the caller's transaction rolls back). */
export class LoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LoadError";
  }
}

// Postgres would round a finer value to the column's scale without a word; an audit store must refuse instead.
function exact(value: string | undefined, scale: number, where: string): string | null {
  if (value === undefined) return null;
  if (printedScale(value) > scale) {
    throw new LoadError(`${where} 的数值 ${value} 有 ${printedScale(value)} 位小数，超过数据库列的 ${scale} 位，无法精确保存`);
  }
  return value;
}
const money = (v: string | undefined, where: string) => exact(v, AMOUNT_SCALE, where);
const pct = (v: string | undefined, where: string) => exact(v, RATE_SCALE, where);

export async function insertTables(ex: Executor, reportId: number, report: Report): Promise<void> {
  const rows: { table: string; order: number; section?: string; key?: string; code?: string; name: string; line?: number; sourceLine?: number }[] = [];
  const cells: { table: string; order: number; column: string; amount: string }[] = [];
  for (const table of report.tables) {
    table.rows.forEach((row, i) => {
      const order = i + 1;
      rows.push({ table: table.id, order, section: row.section, key: row.key, code: row.code, name: row.name, line: row.line, sourceLine: row.sourceLine });
      for (const [column, amount] of Object.entries(row.values)) {
        cells.push({ table: table.id, order, column, amount: money(amount, `${table.title} 第 ${order} 行（${row.name}）${column} 列`)! });
      }
    });
  }
  await insertUnnest(ex, "table_rows", [
    { name: "report_id", type: "integer", values: rows.map(() => reportId) },
    { name: "table_id", type: "text", values: rows.map((r) => r.table) },
    { name: "row_order", type: "integer", values: rows.map((r) => r.order) },
    { name: "section", type: "text", values: rows.map((r) => r.section) },
    { name: "row_key", type: "text", values: rows.map((r) => r.key) },
    { name: "code", type: "text", values: rows.map((r) => r.code) },
    { name: "name", type: "text", values: rows.map((r) => r.name) },
    { name: "line_no", type: "integer", values: rows.map((r) => r.line) },
    { name: "source_line", type: "integer", values: rows.map((r) => r.sourceLine) },
  ]);
  await insertUnnest(ex, "table_cells", [
    { name: "report_id", type: "integer", values: cells.map(() => reportId) },
    { name: "table_id", type: "text", values: cells.map((c) => c.table) },
    { name: "row_order", type: "integer", values: cells.map((c) => c.order) },
    { name: "column_key", type: "text", values: cells.map((c) => c.column) },
    { name: "amount", type: "numeric", values: cells.map((c) => c.amount) },
  ]);
}

export async function insertFigures(ex: Executor, reportId: number, report: Report): Promise<void> {
  const entries: [string, string][] = [];
  const figures: Record<string, string | number | undefined> = extractFigures(report);
  for (const [key, v] of Object.entries(figures)) {
    if (v === undefined) continue;
    const text = typeof v === "number" ? String(v) : v;
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new LoadError(`指标 ${key} 的值不是十进制数：${text}`);
    entries.push([key, text]);
  }
  await insertUnnest(ex, "figures", [
    { name: "report_id", type: "integer", values: entries.map(() => reportId) },
    { name: "key", type: "text", values: entries.map(([k]) => k) },
    { name: "value", type: "numeric", values: entries.map(([, v]) => v) },
  ]);
}

/** prior = current − change as the narrative implies it; `unchanged` means prior = current. */
export function impliedPrior(change: Change): Dec | undefined {
  if (change.change !== undefined) return new D(change.current).minus(change.change);
  if (change.unchanged) return new D(change.current);
  return undefined;
}

export async function insertNarrative(ex: Executor, reportId: number, report: Report): Promise<void> {
  const changes = report.narrative.changes;
  const where = (i: number) => `情况说明第 ${i + 1} 条增减说明（${changes[i].subject}）`;
  await insertUnnest(ex, "narrative_changes", [
    { name: "report_id", type: "integer", values: changes.map(() => reportId) },
    { name: "ord", type: "integer", values: changes.map((_, i) => i + 1) },
    { name: "key", type: "text", values: changes.map((c) => c.key) },
    { name: "subject", type: "text", values: changes.map((c) => c.subject) },
    { name: "current", type: "numeric", values: changes.map((c, i) => money(c.current, where(i))) },
    { name: "change", type: "numeric", values: changes.map((c, i) => money(c.change, where(i))) },
    { name: "pct", type: "numeric", values: changes.map((c, i) => pct(c.pct, where(i))) },
    { name: "prior", type: "numeric", values: changes.map((c) => impliedPrior(c)?.toFixed() ?? null) },
    { name: "unchanged", type: "boolean", values: changes.map((c) => c.unchanged) },
    { name: "reason", type: "text", values: changes.map((c) => c.reason) },
    { name: "source_line", type: "integer", values: changes.map((c) => c.sourceLine) },
  ]);

  const items = report.narrative.budgetExecution?.items ?? [];
  const at = (i: number) => `预算执行说明第 ${i + 1} 项（${items[i].path.join("/")}）`;
  await insertUnnest(ex, "execution_items", [
    { name: "report_id", type: "integer", values: items.map(() => reportId) },
    { name: "ord", type: "integer", values: items.map((_, i) => i + 1) },
    { name: "code", type: "text", values: items.map((it) => it.code) },
    { name: "path", type: "text", values: items.map((it) => it.path.join(" / ")) },
    { name: "initial_budget", type: "numeric", values: items.map((it, i) => money(it.initialBudget, at(i))) },
    { name: "final", type: "numeric", values: items.map((it, i) => money(it.final, at(i))) },
    { name: "rate", type: "numeric", values: items.map((it, i) => pct(it.rate, at(i))) },
    { name: "no_initial_budget", type: "boolean", values: items.map((it) => it.noInitialBudget ?? false) },
    { name: "reason", type: "text", values: items.map((it) => it.reason) },
    { name: "source_line", type: "integer", values: items.map((it) => it.sourceLine) },
  ]);
}

export async function insertPerformance(ex: Executor, reportId: number, report: Report): Promise<void> {
  const sheets = report.appendix.performanceSheets;
  const summary = report.appendix.performanceSummary?.rows ?? [];
  // The summary and the sheets print one project under slightly different names (a year suffix, a dropped 等);
  // the audit's matcher pairs them, and the store follows the same pairing.
  const pairs = matchProjects(
    sheets.map((s) => s.name),
    summary.map((r) => r.name),
  );
  const summaryOf = new Map(pairs.map((p) => [p.a, summary[p.b]]));
  const used = new Set(pairs.map((p) => p.b));

  type NewProject = typeof performanceProjects.$inferInsert;
  const projects: NewProject[] = sheets.map((s, i) => {
    const where = `绩效自评表第 ${i + 1} 张（${s.name}）`;
    const t = s.funds.total;
    const sum = summaryOf.get(i);
    return {
      reportId,
      ord: i + 1,
      name: s.name,
      department: s.department,
      implementingUnit: s.implementingUnit,
      hasSheet: true,
      initial: money(t.initial, where),
      annual: money(t.annual, where),
      executed: money(t.executed, where),
      rate: pct(t.rate, where),
      fundsScore: pct(t.score, where),
      totalScore: pct(s.totalScore, where),
      grade: sum?.grade,
      summaryBudget: money(sum?.budget, `${where} 汇总表行`),
      summaryScore: pct(sum?.score, `${where} 汇总表行`),
      sourceLine: s.sourceLine,
    };
  });
  summary.forEach((r, j) => {
    if (used.has(j)) return;
    const where = `绩效自评汇总表第 ${j + 1} 行（${r.name}）`;
    projects.push({
      reportId,
      ord: projects.length + 1,
      name: r.name,
      implementingUnit: r.unit,
      hasSheet: false,
      grade: r.grade,
      summaryBudget: money(r.budget, where),
      summaryScore: pct(r.score, where),
      sourceLine: r.sourceLine,
    });
  });
  if (projects.length === 0) return;

  const ids = await ex.insert(performanceProjects).values(projects).returning({ id: performanceProjects.id, ord: performanceProjects.ord });
  const idByOrd = new Map(ids.map((r) => [r.ord, r.id]));
  const indicators = sheets.flatMap((s, i) =>
    s.indicators.map((ind, k) => ({ projectId: idByOrd.get(i + 1)!, ord: k + 1, ind, where: `绩效自评表第 ${i + 1} 张第 ${k + 1} 个指标` })),
  );
  await insertUnnest(ex, "performance_indicators", [
    { name: "project_id", type: "integer", values: indicators.map((r) => r.projectId) },
    { name: "ord", type: "integer", values: indicators.map((r) => r.ord) },
    { name: "level1", type: "text", values: indicators.map((r) => r.ind.level1) },
    { name: "level2", type: "text", values: indicators.map((r) => r.ind.level2) },
    { name: "level3", type: "text", values: indicators.map((r) => r.ind.level3) },
    { name: "target", type: "text", values: indicators.map((r) => r.ind.target) },
    { name: "actual", type: "text", values: indicators.map((r) => r.ind.actual) },
    { name: "weight", type: "numeric", values: indicators.map((r) => pct(r.ind.weight, r.where)) },
    { name: "score", type: "numeric", values: indicators.map((r) => pct(r.ind.score, r.where)) },
    { name: "deviation", type: "text", values: indicators.map((r) => r.ind.deviation) },
    { name: "source_line", type: "integer", values: indicators.map((r) => r.ind.sourceLine) },
  ]);
}

export async function insertFindings(ex: Executor, reportId: number, list: Finding[]): Promise<void> {
  await insertUnnest(ex, "findings", [
    { name: "report_id", type: "integer", values: list.map(() => reportId) },
    { name: "rule", type: "text", values: list.map((f) => f.rule) },
    { name: "severity", type: "text", values: list.map((f) => f.severity) },
    { name: "message", type: "text", values: list.map((f) => f.message) },
    { name: "expected", type: "text", values: list.map((f) => f.expected) },
    { name: "found", type: "text", values: list.map((f) => f.found) },
    { name: "locations", type: "jsonb", values: list.map((f) => JSON.stringify(f.locations)) },
  ]);
}

/** Completeness arrives as a score string; it is a derived ratio, so rounding it to the column's scale is fine. */
export function completenessValue(score: string | undefined | null): string | null {
  if (score === undefined || score === null || score === "") return null;
  return new D(score).toDecimalPlaces(RATE_SCALE).toFixed();
}
