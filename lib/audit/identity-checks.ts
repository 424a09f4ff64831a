import { identity, type CellRef, type Identity, type Term } from "@/lib/report/identities";
import { getTable, type Report, type Table, type TableRow } from "@/lib/report/schema";
import { checkEqual, checkSum, compact } from "./compare";
import { sumsEqual } from "./exact";
import {
  cell,
  classRows,
  codeLevel,
  dataTable,
  findClassRow,
  keyCell,
  keyRow,
  negate,
  type Side,
} from "./report-access";
import type { Rule } from "./rule";
import type { Finding } from "./types";

/*
 * The audit's reading of lib/report/identities.ts: one rule per declared identity, checking the cells it names.
 * A subject table's 合计 row missing altogether is still named 合计 in a finding; any other keyed row by its role.
 */

type Of<K extends Identity["kind"]> = Extract<Identity, { kind: K }>;

/** t09 is one printed line; a parser that could not key it still leaves one row. */
export function sangongRow(report: Report): TableRow | undefined {
  const t = dataTable(report, "t09");
  return t ? (keyRow(t, "sangong") ?? (t.rows.length === 1 ? t.rows[0] : undefined)) : undefined;
}

/** The one cell a keyed reference names (as a Side: the label still names a row the table lacks). */
function sideOf(report: Report, ref: CellRef, column: string): Side {
  const t = dataTable(report, ref.table);
  if (ref.key === "total") return cell(ref.table, keyRow(t, "total"), column, "合计");
  return keyCell(ref.table, t, ref.key!, column, ref.section);
}

/** The cells a term adds: every 类 row for `class`; an 经济分类 class, or its 款 where the class row is not printed. */
function sidesOf(report: Report, ref: Term, column: string): Side[] {
  const t = dataTable(report, ref.table);
  if (ref.key === "class") return classRows(t).map((r) => cell(ref.table, r, column));
  if (ref.code !== undefined) {
    const code = ref.code;
    const row = t?.rows.find((r) => r.code === code);
    if (row) return [cell(ref.table, row, column)];
    return (t?.rows ?? [])
      .filter((r) => r.code?.length === 5 && r.code.startsWith(code))
      .map((r) => cell(ref.table, r, column));
  }
  const side = sideOf(report, ref, column);
  return [ref.sign === -1 ? negate(side) : side];
}

/** lhs = Σ terms for every form (and each of its columns); skipped unless every table it names carries data. */
export function sumFindings(d: Of<"sum">, report: Report): Finding[] {
  const forms = d.forms.map((f) => ({ ...f, terms: f.terms.filter((t) => t.only !== "parser") }));
  if (forms.some((f) => [f.lhs, ...f.terms].some((c) => !dataTable(report, c.table)))) return [];
  const out: (Finding | null)[] = [];
  for (const form of forms) {
    for (const column of form.columns ?? [undefined]) {
      const found = sideOf(report, form.lhs, form.lhs.column ?? column!);
      const parts = form.terms.flatMap((t) => sidesOf(report, t, t.column ?? column!));
      out.push(
        form.termsLabel === undefined && parts.length === 1
          ? checkEqual(d.id, found, parts[0])
          : checkSum(d.id, found, parts, form.termsLabel ?? ""),
      );
    }
  }
  return compact(out);
}

export function sumRule(id: string): Rule {
  const d = identity(id, "sum");
  return { id: d.id, title: d.title, run: (report) => sumFindings(d, report) };
}

/** The rows the audit checks a row identity on. */
function rowsOf(d: Of<"row">, report: Report): TableRow[] {
  if (d.rows === "sangong") {
    const row = sangongRow(report);
    return row ? [row] : [];
  }
  const t = dataTable(report, d.table);
  if (!t) return [];
  if (d.rows === "subjects") return t.rows.filter((r) => r.key === "total" || r.code !== undefined);
  return d.rows.flatMap((r) =>
    r.key === "class" ? classRows(t) : [keyRow(t, r.key, r.section)].filter((x) => x !== undefined),
  );
}

/**
 * lhs = Σ plus − Σ minus exactly, asked as lhs + Σ minus = Σ plus on the printed figures. Most rows of a sound
 * document hold, and need neither sides nor negated decimals; anything else goes to checkSum, which decides as before.
 */
function holdsExactly(r: TableRow, f: Of<"row">["formulas"][number]): boolean {
  const left = [r.values[f.lhs], ...(f.minus ?? []).map((c) => r.values[c])];
  const right = f.plus.map((c) => r.values[c]);
  return sumsEqual(left, right) === true;
}

export function rowRule(id: string): Rule {
  const d = identity(id, "row");
  return {
    id: d.id,
    title: d.title,
    run: (report) =>
      compact(
        rowsOf(d, report).flatMap((r) =>
          d.formulas.map((f) =>
            holdsExactly(r, f)
              ? null
              : checkSum(
                  d.id,
                  cell(d.table, r, f.lhs),
                  [
                    ...f.plus.map((c) => cell(d.table, r, c)),
                    ...(f.minus ?? []).map((c) => negate(cell(d.table, r, c))),
                  ],
                  f.termsLabel,
                ),
          ),
        ),
      ),
  };
}

/** A subject table's 合计, or a stand-in for a table declared empty (本表无数据): zero, located at the table. */
function subjectTotal(t: Table, ref: CellRef & { column: string }): Side {
  if (t.status !== "empty") return cell(ref.table, keyRow(t, "total"), ref.column, "合计");
  const name = `公开${ref.table.slice(1)}表`;
  return {
    value: undefined,
    label: `${name} 合计（本表无数据）`,
    locs: [{ table: ref.table, label: name, ...(t.sourceLine ? { sourceLine: t.sourceLine } : {}) }],
  };
}

/**
 * A 总表 column against a subject table: the 合计 cells, then (where the audit reads `byClass`) every 类 of the 总表
 * against the subject table's 类 of that code (or name), then the subject table's 类 the 总表 does not list.
 */
export function byClassRule(id: string): Rule {
  const d = identity(id, "byClass");
  const byClass = d.byClass.includes("audit");
  const emptyIsZero = d.emptyIsZero.includes("audit");
  const run = (report: Report): Finding[] => {
    // The subject table's 合计 row is `total`; the 总表's is 本年支出合计.
    const pairs = d.pairs.map((p) => ({
      ...p,
      ...(p.lhs.key === "total" ? { summary: p.rhs, subject: p.lhs } : { summary: p.lhs, subject: p.rhs }),
    }));
    if (pairs.some((p) => !dataTable(report, p.summary.table) || (!emptyIsZero && !dataTable(report, p.subject.table))))
      return [];
    const out: (Finding | null)[] = [];
    for (const p of pairs) {
      const { summary, subject } = p;
      const summaryTable = dataTable(report, summary.table)!;
      // Declared empty, a table stands for zero; omitted altogether, it proves nothing.
      const subjectTable = getTable(report, subject.table);
      if (!subjectTable) continue;
      const pair = (s: Side, b: Side) => (summary === p.lhs ? checkEqual(d.id, s, b) : checkEqual(d.id, b, s));
      out.push(
        pair(
          keyCell(summary.table, summaryTable, summary.key!, summary.column, summary.section),
          subjectTotal(subjectTable, subject),
        ),
      );
      if (!byClass) continue;
      const seen = new Set<object>();
      for (const c of classRows(summaryTable)) {
        const row = findClassRow(subjectTable, c.code, c.name);
        if (row) seen.add(row);
        out.push(
          pair(
            cell(summary.table, c, summary.column),
            cell(subject.table, row, subject.column, c.code ? `${c.code} ${c.name}` : c.name),
          ),
        );
      }
      for (const r of subjectTable.rows.filter((r) => codeLevel(r.code) === 1 && !seen.has(r))) {
        // The 总表 lacks this 类: its (missing) copy is the one reported.
        out.push(
          checkEqual(
            d.id,
            cell(summary.table, undefined, summary.column, r.name),
            cell(subject.table, r, subject.column),
          ),
        );
      }
    }
    return compact(out);
  };
  return { id: d.id, title: d.title, run };
}
