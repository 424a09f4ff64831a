import { sql, type SQL } from "drizzle-orm";
import type { Finding } from "../lib/audit/types";
import { D, printedScale, type Dec } from "../lib/money/decimal";
import { matchProjects } from "../lib/audit/project-match";
import { computeCoverage, unreadNotes, type Coverage } from "../lib/report/coverage";
import { extractFigures } from "../lib/report/figures";
import type { Change, Report } from "../lib/report/schema";
import { unnestInsert, withParts, type BulkColumn } from "./bulk";
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
    throw new LoadError(
      `${where} 的数值 ${value} 有 ${printedScale(value)} 位小数，超过数据库列的 ${scale} 位，无法精确保存`,
    );
  }
  return value;
}
const money = (v: string | undefined, where: string) => exact(v, AMOUNT_SCALE, where);
const pct = (v: string | undefined, where: string) => exact(v, RATE_SCALE, where);

type Columns = BulkColumn[];

function tableColumns(report: Report): { rows: Columns; cells: Columns } {
  const rows: {
    table: string;
    order: number;
    section?: string;
    key?: string;
    code?: string;
    name: string;
    line?: number;
    sourceLine?: number;
  }[] = [];
  const cells: { table: string; order: number; column: string; amount: string }[] = [];
  for (const table of report.tables) {
    table.rows.forEach((row, i) => {
      const order = i + 1;
      rows.push({
        table: table.id,
        order,
        section: row.section,
        key: row.key,
        code: row.code,
        name: row.name,
        line: row.line,
        sourceLine: row.sourceLine,
      });
      for (const [column, amount] of Object.entries(row.values)) {
        cells.push({
          table: table.id,
          order,
          column,
          amount: money(amount, `${table.title} 第 ${order} 行（${row.name}）${column} 列`)!,
        });
      }
    });
  }
  return {
    rows: [
      { name: "table_id", type: "text", values: rows.map((r) => r.table) },
      { name: "row_order", type: "integer", values: rows.map((r) => r.order) },
      { name: "section", type: "text", values: rows.map((r) => r.section) },
      { name: "row_key", type: "text", values: rows.map((r) => r.key) },
      { name: "code", type: "text", values: rows.map((r) => r.code) },
      { name: "name", type: "text", values: rows.map((r) => r.name) },
      { name: "line_no", type: "integer", values: rows.map((r) => r.line) },
      { name: "source_line", type: "integer", values: rows.map((r) => r.sourceLine) },
    ],
    cells: [
      { name: "table_id", type: "text", values: cells.map((c) => c.table) },
      { name: "row_order", type: "integer", values: cells.map((c) => c.order) },
      { name: "column_key", type: "text", values: cells.map((c) => c.column) },
      { name: "amount", type: "numeric", values: cells.map((c) => c.amount) },
    ],
  };
}

function figureColumns(report: Report): Columns {
  const entries: [string, string][] = [];
  const figures: Record<string, string | number | undefined> = extractFigures(report);
  for (const [key, v] of Object.entries(figures)) {
    if (v === undefined) continue;
    const text = typeof v === "number" ? String(v) : v;
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new LoadError(`指标 ${key} 的值不是十进制数：${text}`);
    entries.push([key, text]);
  }
  return [
    { name: "key", type: "text", values: entries.map(([k]) => k) },
    { name: "value", type: "numeric", values: entries.map(([, v]) => v) },
  ];
}

/** prior = current − change as the narrative implies it; `unchanged` means prior = current. */
export function impliedPrior(change: Change): Dec | undefined {
  if (change.change !== undefined) return new D(change.current).minus(change.change);
  if (change.unchanged) return new D(change.current);
  return undefined;
}

function narrativeColumns(report: Report): { changes: Columns; items: Columns } {
  const changes = report.narrative.changes;
  const where = (i: number) => `情况说明第 ${i + 1} 条增减说明（${changes[i].subject}）`;
  const items = report.narrative.budgetExecution?.items ?? [];
  const at = (i: number) => `预算执行说明第 ${i + 1} 项（${items[i].path.join("/")}）`;
  return {
    changes: [
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
    ],
    items: [
      { name: "ord", type: "integer", values: items.map((_, i) => i + 1) },
      { name: "code", type: "text", values: items.map((it) => it.code) },
      { name: "path", type: "text", values: items.map((it) => it.path.join(" / ")) },
      { name: "initial_budget", type: "numeric", values: items.map((it, i) => money(it.initialBudget, at(i))) },
      { name: "final", type: "numeric", values: items.map((it, i) => money(it.final, at(i))) },
      { name: "rate", type: "numeric", values: items.map((it, i) => pct(it.rate, at(i))) },
      { name: "no_initial_budget", type: "boolean", values: items.map((it) => it.noInitialBudget ?? false) },
      { name: "reason", type: "text", values: items.map((it) => it.reason) },
      { name: "source_line", type: "integer", values: items.map((it) => it.sourceLine) },
    ],
  };
}

/**
 * Projects and their indicators. Indicators carry their project's ord (read-only `project_ord`): the project ids
 * exist only once the projects are inserted, so the statement joins the two on ord.
 */
function performanceColumns(report: Report): { projects: Columns; indicators: Columns } {
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

  type NewProject = Omit<typeof performanceProjects.$inferInsert, "reportId">;
  const projects: NewProject[] = sheets.map((s, i) => {
    const where = `绩效自评表第 ${i + 1} 张（${s.name}）`;
    const t = s.funds.total;
    const sum = summaryOf.get(i);
    return {
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
  const indicators = sheets.flatMap((s, i) =>
    s.indicators.map((ind, k) => ({
      projectOrd: i + 1,
      ord: k + 1,
      ind,
      where: `绩效自评表第 ${i + 1} 张第 ${k + 1} 个指标`,
    })),
  );
  return {
    projects: [
      { name: "ord", type: "integer", values: projects.map((p) => p.ord) },
      { name: "name", type: "text", values: projects.map((p) => p.name) },
      { name: "department", type: "text", values: projects.map((p) => p.department) },
      { name: "implementing_unit", type: "text", values: projects.map((p) => p.implementingUnit) },
      { name: "has_sheet", type: "boolean", values: projects.map((p) => p.hasSheet) },
      { name: "initial", type: "numeric", values: projects.map((p) => p.initial) },
      { name: "annual", type: "numeric", values: projects.map((p) => p.annual) },
      { name: "executed", type: "numeric", values: projects.map((p) => p.executed) },
      { name: "rate", type: "numeric", values: projects.map((p) => p.rate) },
      { name: "funds_score", type: "numeric", values: projects.map((p) => p.fundsScore) },
      { name: "total_score", type: "numeric", values: projects.map((p) => p.totalScore) },
      { name: "grade", type: "text", values: projects.map((p) => p.grade) },
      { name: "summary_budget", type: "numeric", values: projects.map((p) => p.summaryBudget) },
      { name: "summary_score", type: "numeric", values: projects.map((p) => p.summaryScore) },
      { name: "source_line", type: "integer", values: projects.map((p) => p.sourceLine) },
    ],
    indicators: [
      { name: "project_ord", type: "integer", values: indicators.map((r) => r.projectOrd), readOnly: true },
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
    ],
  };
}

/** The unread notes, the PDF page resolved from the line where the note gives none. */
function unreadColumns(report: Report): Columns {
  const notes = unreadNotes(report);
  return [
    { name: "ord", type: "integer", values: notes.map((_, i) => i + 1) },
    { name: "part", type: "text", values: notes.map((u) => u.part) },
    { name: "place", type: "text", values: notes.map((u) => u.where) },
    { name: "source_line", type: "integer", values: notes.map((u) => u.sourceLine) },
    { name: "page", type: "integer", values: notes.map((u) => u.page) },
    { name: "text", type: "text", values: notes.map((u) => u.text) },
    { name: "message", type: "text", values: notes.map((u) => u.message) },
  ];
}

export function findingColumns(list: Finding[]): Columns {
  return [
    { name: "rule", type: "text", values: list.map((f) => f.rule) },
    { name: "severity", type: "text", values: list.map((f) => f.severity) },
    { name: "message", type: "text", values: list.map((f) => f.message) },
    { name: "expected", type: "text", values: list.map((f) => f.expected) },
    { name: "found", type: "text", values: list.map((f) => f.found) },
    { name: "locations", type: "jsonb", values: list.map((f) => JSON.stringify(f.locations)) },
  ];
}

export async function insertFindings(ex: Executor, reportId: number, list: Finding[]): Promise<void> {
  const statement = unnestInsert("findings", findingColumns(list), {
    lead: [{ name: "report_id", expr: sql`${reportId}::integer` }],
  });
  if (statement) await ex.execute(statement);
}

/**
 * Everything of a report the store writes, checked against the column scales and encoded, before any statement
 * runs: a report the store cannot hold fails here, and the encoding work stays outside the transaction.
 */
export type PreparedReport = {
  report: Report;
  json: string;
  tables: ReturnType<typeof tableColumns>;
  figures: Columns;
  narrative: ReturnType<typeof narrativeColumns>;
  performance: ReturnType<typeof performanceColumns>;
  coverage: Coverage;
  unread: Columns;
};

export function prepareReport(report: Report): PreparedReport {
  // in this order, so the first value refused is the one the step-by-step load named
  const tables = tableColumns(report);
  const figures = figureColumns(report);
  const narrative = narrativeColumns(report);
  const performance = performanceColumns(report);
  return {
    report,
    json: JSON.stringify(report),
    tables,
    figures,
    narrative,
    performance,
    coverage: computeCoverage(report),
    unread: unreadColumns(report),
  };
}

/** The reports row of a new revision, besides what the report itself says. */
export type NewRevision = { departmentId: number; revision: number; completeness: string | null };

/**
 * Every row of one report (the reports row with its reading coverage, the nine tables, figures, narrative, 绩效,
 * findings, unread notes) as ONE statement
 * returning the new report's id. `extra` parts ride along in the same round trip (new subjects, another report's
 * refreshed findings); they must not depend on the new rows.
 */
export function reportWriteStatement(
  p: PreparedReport,
  row: NewRevision,
  findingList: Finding[],
  extra: [string, SQL | null][] = [],
): SQL {
  const { report, coverage: c } = p;
  const ofReport = { lead: [{ name: "report_id", expr: sql`r.id` }], from: sql`CROSS JOIN r` };
  const insertReport = sql`INSERT INTO "reports" ("department_id", "year", "scope", "revision", "is_latest", "synthetic", "content_sha256", "source_file", "layout", "source_unit", "completeness", "report",
      "coverage", "tables_read", "cells_placed", "cells_open", "statements_read", "statements_unread", "unread_count", "extra_tables")
    VALUES (${row.departmentId}::integer, ${report.year}::integer, ${report.scope}::text, ${row.revision}::integer, true, ${report.synthetic}::boolean,
      ${report.source.sha256}::text, ${report.source.fileName}::text, ${report.source.layout}::text, ${report.sourceUnit}::text,
      ${row.completeness}::numeric, ${p.json}::jsonb,
      ${c.percent}::numeric, ${c.tables.read}::integer, ${c.cells.placed}::integer, ${c.cells.open}::integer,
      ${c.statements.recognised}::integer, ${c.statements.unread}::integer, ${c.unread.total}::integer, ${c.extraTables.count}::integer)
    RETURNING "id"`;
  return withParts(
    [
      ["r", insertReport],
      ["ins_table_rows", unnestInsert("table_rows", p.tables.rows, ofReport)],
      ["ins_table_cells", unnestInsert("table_cells", p.tables.cells, ofReport)],
      ["ins_figures", unnestInsert("figures", p.figures, ofReport)],
      ["ins_narrative_changes", unnestInsert("narrative_changes", p.narrative.changes, ofReport)],
      ["ins_execution_items", unnestInsert("execution_items", p.narrative.items, ofReport)],
      [
        "p",
        unnestInsert("performance_projects", p.performance.projects, { ...ofReport, tail: sql`RETURNING "id", "ord"` }),
      ],
      // every indicator belongs to a sheet and every sheet is a project, so "p" exists whenever this part does
      [
        "ins_performance_indicators",
        unnestInsert("performance_indicators", p.performance.indicators, {
          lead: [{ name: "project_id", expr: sql`p.id` }],
          from: sql`JOIN p ON p.ord = u."project_ord"::integer`,
        }),
      ],
      ["ins_findings", unnestInsert("findings", findingColumns(findingList), ofReport)],
      ["ins_unread_notes", unnestInsert("unread_notes", p.unread, ofReport)],
      ...extra,
    ],
    sql`SELECT "id" FROM r`,
  );
}

/** Completeness arrives as a score string; it is a derived ratio, so rounding it to the column's scale is fine. */
export function completenessValue(score: string | undefined | null): string | null {
  if (score === undefined || score === null || score === "") return null;
  return new D(score).toDecimalPlaces(RATE_SCALE).toFixed();
}
