import { D } from "@/lib/money/decimal";
import { extractFigures } from "@/lib/report/figures";
import { TABLE_COLUMNS, TABLE_IDS, getTable, type Report, type TableRow } from "@/lib/report/schema";
import { DEFAULT_HTML_OPTIONS, type HtmlOptions } from "./html-options";
import { printedColumns } from "./html-tables";

/**
 * What the HTML prints of a report: everything but 第五部分 附件 (the 绩效自评表 are not laid out as HTML), so the
 * narrative does not refer to an appendix that is not there.
 */
export function printableReport(report: Report): Report {
  return { ...report, appendix: { performanceSheets: [] } };
}

/**
 * The report a reader should read back from `renderHtml(report, options)` printed: the printable part only, in the
 * printed unit, with every printed zero (`0.00`, `0`) as a value — a printed zero is a disclosed zero, never empty
 * (`-` and blank are empty). Amounts stay in 万元 as the report has them; a document in 元 reads back the same amounts
 * (÷10000, exact), though a reader may drop trailing zeros ("8979.10" → "8979.1"), so those compare numerically.
 */
export function htmlTruth(input: Report, options: Partial<HtmlOptions> = {}): Report {
  const o: HtmlOptions = { ...DEFAULT_HTML_OPTIONS, ...options };
  const report = structuredClone(printableReport(input));
  report.sourceUnit = o.unit;
  if (o.empty === "0.00" || o.empty === "0") {
    for (const t of report.tables) {
      if (t.status !== "data") continue;
      for (const r of t.rows) {
        const cols = printedColumns(t, r, o).filter((c) => (TABLE_COLUMNS[t.id] as readonly string[]).includes(c));
        for (const c of cols) if (r.values[c] === undefined) r.values[c] = o.empty;
      }
    }
  }
  return report;
}

/** One difference between the truth and what a reader read, with the category it falls under. */
export type Mismatch = {
  /** header | table | status | row-missing | row-empty-missing | row-extra | value | figure */
  kind: string;
  where: string;
  expected: string;
  actual: string;
};

const rowId = (r: TableRow) => (r.key === "class" ? `class ${r.code ?? r.name}` : r.code ? r.code : (r.key ?? r.name));

/** Rows by identity (code, or key; a key printed twice such as 总计 counts its occurrences: grandTotal#2). */
function indexRows(rows: TableRow[]): Map<string, TableRow> {
  const out = new Map<string, TableRow>();
  const seen = new Map<string, number>();
  for (const r of rows) {
    const id = rowId(r);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    out.set(n === 1 ? id : `${id}#${n}`, r);
  }
  return out;
}

/**
 * Every difference in what the test bed checks: department, year, scope, unit; every table's status and every row
 * (by code or key) with every value; the headline figures (`extractFigures`). Amounts compare as printed in 万元, and
 * numerically when the document was in 元.
 */
export function compareWithTruth(truth: Report, read: Report): Mismatch[] {
  const out: Mismatch[] = [];
  const numeric = truth.sourceUnit === "元";
  const same = (a: string, b: string) => {
    if (a === b) return true;
    if (!numeric) return false;
    try {
      return new D(a).eq(new D(b));
    } catch {
      return false;
    }
  };
  for (const k of ["department", "year", "scope", "sourceUnit"] as const) {
    if (truth[k] !== read[k])
      out.push({ kind: "header", where: k, expected: String(truth[k]), actual: String(read[k]) });
  }
  for (const id of TABLE_IDS) {
    const t = getTable(truth, id);
    const r = getTable(read, id);
    if (!t) continue;
    if (!r) {
      out.push({ kind: "table", where: id, expected: t.title, actual: "（缺）" });
      continue;
    }
    if (t.status !== r.status) out.push({ kind: "status", where: id, expected: t.status, actual: r.status });
    if (t.status === "empty") {
      for (const row of r.rows) {
        if (Object.keys(row.values).length)
          out.push({ kind: "value", where: `${id} ${rowId(row)}`, expected: "{}", actual: JSON.stringify(row.values) });
      }
      continue;
    }
    const want = indexRows(t.rows);
    const got = indexRows(r.rows);
    for (const [key, row] of want) {
      const g = got.get(key);
      if (!g) {
        const empty = Object.keys(row.values).length === 0;
        out.push({
          kind: empty ? "row-empty-missing" : "row-missing",
          where: `${id} ${key} ${row.name}`,
          expected: JSON.stringify(row.values),
          actual: "（缺）",
        });
        continue;
      }
      for (const c of new Set([...Object.keys(row.values), ...Object.keys(g.values)])) {
        const a = row.values[c];
        const b = g.values[c];
        if (a === undefined || b === undefined ? a !== b : !same(a, b)) {
          out.push({
            kind: "value",
            where: `${id} ${key} ${row.name} .${c}`,
            expected: a ?? "（空）",
            actual: b ?? "（空）",
          });
        }
      }
    }
    for (const [key, row] of got) {
      if (!want.has(key))
        out.push({
          kind: "row-extra",
          where: `${id} ${key} ${row.name}`,
          expected: "（无此行）",
          actual: JSON.stringify(row.values),
        });
    }
  }
  const ft = extractFigures(truth);
  const fr = extractFigures(read);
  for (const k of new Set([...Object.keys(ft), ...Object.keys(fr)])) {
    const a = ft[k];
    const b = fr[k];
    if (a === b) continue;
    if (typeof a === "string" && typeof b === "string" && same(a, b)) continue;
    out.push({
      kind: "figure",
      where: k,
      expected: a === undefined ? "（无）" : String(a),
      actual: b === undefined ? "（无）" : String(b),
    });
  }
  return out;
}

/** A mismatch list as lines, the first `max` of them, for an assertion message or a log. */
export function formatMismatches(list: Mismatch[], max = 40): string {
  const lines = list.slice(0, max).map((m) => `[${m.kind}] ${m.where}: 应为 ${m.expected}，读出 ${m.actual}`);
  if (list.length > max) lines.push(`… 另有 ${list.length - max} 处`);
  return lines.join("\n");
}
