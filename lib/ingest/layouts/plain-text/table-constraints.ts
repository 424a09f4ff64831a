import { printedScale } from "@/lib/money/decimal";
import {
  addUnits,
  halfUnitOf,
  multiplyUnits,
  tolerance,
  type Constraint,
  type FixedPoint,
  type Placement,
  type RowIdentity,
  type SumTerm,
} from "@/lib/ingest/resolve-columns";
import { identitiesFor, identity, rowFormulas, type CellRef, type SumForm, type Term } from "@/lib/report/identities";
import type { TableId } from "@/lib/report/schema";
import type { RawRow } from "./table-body";

export type ParsedTable = {
  id: TableId;
  label: string;
  sourceLine: number;
  status: "data" | "empty";
  note?: string;
  rows: RawRow[];
  /** decimals of the table's last printed digit: its rounding tolerance is half of that digit */
  scale: number;
};

/** Solver row index of each row whose cells still need placing. */
export type VarIndex = Map<RawRow, number>;
export type Tables = Partial<Record<TableId, ParsedTable>>;
export type ColumnHints = Partial<Record<TableId, Record<string, string>>>;

/**
 * Identities of a row over its own columns (a t09 half keeps only those inside it): the row identities that
 * lib/report/identities.ts declares for the table.
 */
export function rowIdentities(
  table: TableId,
  columns: readonly string[],
): readonly (RowIdentity & { identity: string })[] {
  // Asked for every row; a table's rows share a few column sets, and the declarations never change.
  const key = `${table}\0${columns.join("\0")}`;
  let ids = ROW_IDENTITIES.get(key);
  if (!ids) {
    if (ROW_IDENTITIES.size >= 1000) ROW_IDENTITIES.clear();
    ids = identitiesOver(table, columns);
    ROW_IDENTITIES.set(key, ids);
  }
  return ids;
}

const ROW_IDENTITIES = new Map<string, readonly (RowIdentity & { identity: string })[]>();

function identitiesOver(table: TableId, columns: readonly string[]): (RowIdentity & { identity: string })[] {
  const at = (k: string) => columns.indexOf(k);
  return rowFormulas(table, "parser")
    .filter((id) => [id.lhs, ...id.plus, ...(id.minus ?? [])].every((k) => at(k) >= 0))
    .map((id) => ({ lhs: at(id.lhs), plus: id.plus.map(at), minus: id.minus?.map(at), identity: id.identity }));
}

export function identityText(table: TableId, columns: readonly string[], labels: Record<string, string>): string {
  return rowFormulas(table, "parser")
    .filter((id) => columns.includes(id.lhs))
    .map(
      (id) =>
        `${labels[id.lhs]} = ${id.plus.map((k) => labels[k]).join(" + ")}${(id.minus ?? []).map((k) => ` − ${labels[k]}`).join("")}`,
    )
    .join("；");
}

/** The last printed digit of a table: two decimals in 万元 tables, sometimes none in 元 tables. */
export function tableScale(rows: RawRow[]): number {
  let scale = -1;
  for (const r of rows) {
    for (const c of r.cells ?? []) if (c) scale = Math.max(scale, printedScale(c));
    for (const v of Object.values(r.fixed ?? {})) scale = Math.max(scale, printedScale(v));
  }
  return scale < 0 ? 2 : scale;
}

/** The finest printed digit the constraints meet: every table's, and the narrative's figures used as hints. */
export function finestScale(tables: Tables, hints: ColumnHints): number {
  let scale = 0;
  for (const t of Object.values(tables)) if (t) scale = Math.max(scale, t.scale);
  for (const [id, values] of Object.entries(hints) as [TableId, Record<string, string> | undefined][])
    if (tables[id]?.status === "data")
      for (const text of Object.values(values ?? {})) scale = Math.max(scale, printedScale(text));
  return scale;
}

const zeros = (n: number) => new Array<number>(n).fill(0);
const neg = (x: number) => (x === 0 ? 0 : -x);

class Builder {
  readonly out: Constraint[] = [];
  constructor(
    private readonly vars: VarIndex,
    readonly fixed: FixedPoint,
  ) {}

  /** half of the last printed digit of the tables, the coarsest of them, in the solver's units */
  half(...ts: (ParsedTable | undefined)[]): number {
    return Math.max(...ts.filter((t): t is ParsedTable => !!t).map((t) => halfUnitOf(t.scale, this.fixed)));
  }

  amount(text: string): number {
    return this.fixed.units(text);
  }

  isVar(row: RawRow | undefined): row is RawRow {
    return row !== undefined && this.vars.has(row);
  }

  term(row: RawRow, sign: 1 | -1, view: string[][]): SumTerm {
    const cols = row.columns!;
    return {
      row: this.vars.get(row)!,
      sign,
      view: view.map((ks) => ks.map((k) => cols.indexOf(k)).filter((i) => i >= 0)),
    };
  }

  /**
   * Σ terms + constant = 0 per component, with the rounding tolerance for `terms` printed figures. `identity`: the
   * declared identity it stands for (undefined for a narrative figure).
   */
  sum(
    identity: string | undefined,
    label: string,
    terms: SumTerm[],
    constant: number[],
    halfUnit: number,
    termCount: number,
  ): void {
    if (terms.length === 0) return;
    const tol = tolerance(halfUnit, termCount);
    this.out.push({
      kind: "sum",
      label,
      terms,
      constant,
      tolerance: constant.map(() => tol),
      ...(identity ? { identity } : {}),
    });
  }
}

const codeParent = (code: string, codes: Map<string, RawRow>) => {
  for (let len = code.length - 2; len >= 3; len -= 2) {
    const p = codes.get(code.slice(0, len));
    if (p) return p;
  }
  return undefined;
};

/** 类 = Σ 款 = Σ 项 per column by code prefix, and 合计 = Σ top-level rows. */
function hierarchy(b: Builder, t: ParsedTable, identityId: string): void {
  const codes = new Map<string, RawRow>();
  for (const r of t.rows) if (r.code && !codes.has(r.code)) codes.set(r.code, r);
  const total = t.rows.find((r) => r.key === "total");
  const children = new Map<RawRow, RawRow[]>();
  for (const r of codes.values()) {
    const parent = codeParent(r.code!, codes) ?? total;
    if (!parent) continue;
    const list = children.get(parent);
    if (list) list.push(r);
    else children.set(parent, [r]);
  }
  // Deepest parents first: their sums are the most local, so a misprint rejects as little as possible.
  const parents = [...children.keys()].sort((x, y) => (y.code?.length ?? 0) - (x.code?.length ?? 0));
  for (const parent of parents) {
    const kids = children.get(parent)!.filter((k) => b.isVar(k));
    if (!b.isVar(parent) || kids.length === 0) continue;
    const all = parent.columns!.map((k) => [k]);
    b.sum(
      identityId,
      `${t.label} ${parent.code ?? "合计"} = 下级之和`,
      [b.term(parent, -1, all), ...kids.map((k) => b.term(k, 1, all))],
      zeros(all.length),
      b.half(t),
      kids.length,
    );
  }
}

const EXPENDITURE_SUM = identity("T04_EXPENDITURE_SUM", "sum");
const CARRY_SPLIT = identity("T04_CARRY_SPLIT", "sum");
const GRAND_TOTAL = identity("T04_EXPENDITURE_GRAND_TOTAL", "sum");

/**
 * Table 04's expenditure side, each sum over the four columns at once: 本年支出合计 = Σ 类 (T04_EXPENDITURE_SUM);
 * 年末结转和结余 = its split by fund (T04_CARRY_SPLIT's 年末 form); 总计 = 本年支出合计 + 结余分配 + 年末结转和结余
 * (T04_EXPENDITURE_GRAND_TOTAL), tied only when 本年支出合计 is printed, the other terms added where printed.
 */
function t04Sums(b: Builder, t: ParsedTable): void {
  const exp = t.rows.filter((r) => r.section === "expenditure" && b.isVar(r));
  const byKey = (k: string | undefined) => exp.find((r) => r.key === k);
  /** the rows any of the terms name (every 类 row for `class`), in the table's order */
  const named = (terms: readonly Term[]) => {
    const keys = new Set(terms.map((x) => x.key));
    return exp.filter((r) => keys.has(r.key));
  };
  const sumTo = (d: { id: string }, form: SumForm, label: string, parts: RawRow[]) => {
    const whole = byKey(form.lhs.key);
    if (!whole || parts.length === 0) return;
    const all = form.columns!.map((k) => [k]);
    b.sum(
      d.id,
      label,
      [b.term(whole, -1, all), ...parts.map((p) => b.term(p, 1, all))],
      zeros(all.length),
      b.half(t),
      parts.length,
    );
  };
  const expenditureSum = EXPENDITURE_SUM.forms[0];
  sumTo(EXPENDITURE_SUM, expenditureSum, `${t.label} 本年支出合计 = 各类支出之和`, named(expenditureSum.terms));
  const carryEnd = CARRY_SPLIT.forms.find((f) => f.lhs.section === "expenditure")!;
  sumTo(CARRY_SPLIT, carryEnd, `${t.label} 年末结转和结余 = 分资金来源之和`, named(carryEnd.terms));
  const grandTotal = GRAND_TOTAL.forms[0];
  const [first, ...rest] = grandTotal.terms.filter((x) => x.only !== "audit").map((x) => byKey(x.key));
  if (first)
    sumTo(
      GRAND_TOTAL,
      grandTotal,
      `${t.label} 总计 = 本年支出合计 + 结余分配 + 年末结转和结余`,
      [first, ...rest].filter((r): r is RawRow => r !== undefined),
    );
}

export function withinTableConstraints(tables: Tables, vars: VarIndex, fixed: FixedPoint): Constraint[] {
  const b = new Builder(vars, fixed);
  for (const d of identitiesFor("parser", "hierarchy")) {
    const t = tables[d.table];
    if (t?.status === "data") hierarchy(b, t, d.id);
  }
  if (tables.t04?.status === "data") t04Sums(b, tables.t04);
  return b.out;
}

/** A figure printed with a minus sign (a refund, a correction), "-0.00" included: the 03 ≥ parts bound says nothing about it. */
const printedNegative = (p: Placement, col: number) => p.printed[col]?.startsWith("-") ?? false;

const T02_VS_T01 = identity("T02_VS_T01", "sum");
const T03_VS_T01 = identity("T03_VS_T01", "byClass");
const T06_VS_T05 = identity("T06_VS_T05", "sum");
const FUND_TABLES = [identity("T04_VS_T05", "byClass"), identity("T04_VS_T07_T08", "byClass")];
const T07_VS_T04 = identity("T07_VS_T04", "sum");
const T03_GE_PARTS = identity("T03_GE_PARTS", "bound");
// What the solver does with table 03 against table 01 is the 合计 alone; a declaration asking for more fails here.
if (T03_VS_T01.byClass.includes("parser") || T03_VS_T01.emptyIsZero.includes("parser"))
  throw new Error("table-constraints.ts compares 公开03表 with 公开01表 on the 合计 row only");

type EqualsPrinted = (
  id: string,
  form: SumForm,
  label: (lhs: ParsedTable, rows: RawRow[], srcs: ParsedTable[]) => string,
  source?: (x: Term) => ParsedTable | undefined,
) => void;

/** The row a declared cell names in a parsed table (on its side, where the declaration gives one). */
const rowOf = (t: ParsedTable | undefined, ref: CellRef) =>
  t?.rows.find((r) => (ref.section === undefined || r.section === ref.section) && r.key === ref.key);

/**
 * Equalities and bounds between tables, as lib/report/identities.ts declares them: 02 合计 = 01 income rows,
 * 03 合计 = 01 本年支出合计, 06 人员+公用 = 05 基本支出, 04's fund columns = 05 / 07 / 08 by 类, 07's carry-overs and
 * income = 04's 政府性基金 rows, and 03 ≥ 05 + 07 + 08 per subject in 基本 and 项目 (they are 03's parts paid from the
 * three kinds of fiscal appropriation).
 */
export function crossTableConstraints(tables: Tables, vars: VarIndex, fixed: FixedPoint): Constraint[] {
  const b = new Builder(vars, fixed);

  /**
   * A placed 合计 cell = the sum of figures printed one a row (table 01, table 04's income side, table 06): tied only
   * when every term's row is printed. `source` picks the table a term is read from.
   */
  const equalsPrinted: EqualsPrinted = (id, form, label, source = (x) => tables[x.table]) => {
    const lhs = tables[form.lhs.table];
    const whole = rowOf(lhs, form.lhs);
    if (!b.isVar(whole)) return;
    const srcs = form.terms.map(source);
    const rows = form.terms.map((x, i) => rowOf(srcs[i], x));
    if (rows.some((r) => !r)) return;
    const value = rows.reduce((s, r) => addUnits(s, b.amount(r!.fixed?.amount ?? "0")), 0);
    b.sum(
      id,
      label(lhs!, rows as RawRow[], srcs as ParsedTable[]),
      [b.term(whole, 1, [[form.lhs.column!]])],
      [neg(value)],
      b.half(lhs, ...srcs),
      rows.length,
    );
  };

  for (const form of T02_VS_T01.forms)
    equalsPrinted(T02_VS_T01.id, form, (t) => `${t.label} 合计 ${form.lhs.column} = 公开01表`);
  for (const p of T03_VS_T01.pairs)
    equalsPrinted(T03_VS_T01.id, { lhs: p.lhs, terms: [p.rhs] }, (t) => `${t.label} 合计 = 公开01表本年支出合计`);
  for (const form of T06_VS_T05.forms)
    equalsPrinted(T06_VS_T05.id, form, (t) => `${t.label} 合计 基本支出 = 公开06表人员经费 + 公用经费`);
  fundColumns(b, tables);
  t07Carry(b, tables, equalsPrinted);
  partsBelowWhole(b, vars, tables);
  return b.out;
}

/**
 * Table 04's fund columns against tables 05 / 07 / 08 (T04_VS_T05, T04_VS_T07_T08): 本年支出合计 against the table's
 * 合计, and (where the parser reads `byClass`) each 类 against the 类 of that code, a 类 the table lacks being zero.
 * A table declared empty is zero throughout where the parser reads `emptyIsZero`.
 */
function fundColumns(b: Builder, tables: Tables): void {
  const hu = (...ts: (ParsedTable | undefined)[]) => b.half(...ts);
  for (const d of FUND_TABLES) {
    const byClass = d.byClass.includes("parser");
    const emptyIsZero = d.emptyIsZero.includes("parser");
    for (const { lhs: whole, rhs: part } of d.pairs) {
      const t04 = tables[whole.table];
      const src = tables[part.table];
      if (t04?.status !== "data" || !src || (src.status === "empty" && !emptyIsZero)) continue;
      const exp = t04.rows.filter((r) => (whole.section === undefined || r.section === whole.section) && b.isVar(r));
      const col = whole.column;
      const srcCodes = new Map(src.rows.filter((r) => r.code).map((r) => [r.code!, r]));
      for (const r of exp) {
        const isTotal = r.key === whole.key;
        const isClass = byClass && r.key === "class" && !!r.code;
        if (!isTotal && !isClass) continue;
        const counterpart = isTotal ? rowOf(src, part) : srcCodes.get(r.code!);
        const label = `${t04.label} ${r.name} ${col} = ${src.label}`;
        if (src.status === "empty" || (!counterpart && isClass))
          b.sum(d.id, label, [b.term(r, 1, [[col]])], [0], hu(t04, src), 1);
        else if (b.isVar(counterpart))
          b.sum(d.id, label, [b.term(r, 1, [[col]]), b.term(counterpart, -1, [[part.column]])], [0], hu(t04, src), 1);
      }
    }
  }
}

/**
 * 公开07表's 合计 row against what tables 04 (or 01) state for 政府性基金 (T07_VS_T04): 年初结转和结余 = 04's 年初
 * 政府性基金 row, 本年收入 = the 政府性基金 income row (table 01's where table 04 prints none), 年末结转和结余 = 04
 * 年末's 政府性基金 column. Table 07's row identities leave 年初结转 and 本年收入 interchangeable when one of them is
 * empty; these tell them apart.
 */
function t07Carry(b: Builder, tables: Tables, equalsPrinted: EqualsPrinted): void {
  for (const form of T07_VS_T04.forms) {
    const [term] = form.terms;
    const label = (t: ParsedTable, rows: RawRow[], srcs: ParsedTable[]) =>
      `${t.label} 合计 ${form.lhs.column} = ${srcs[0].label} ${rows[0].name}`;
    if (term.section === "income") {
      // 本年收入 (the govFund income row) is read from table 01 where table 04 prints none.
      const fromT01 = term.key === "govFund" && !rowOf(tables[term.table], term);
      equalsPrinted(T07_VS_T04.id, form, label, (x) => (fromT01 ? tables.t01 : tables[x.table]));
      continue;
    }
    // 年末: both rows are placed, the 政府性基金 column of table 04's 年末 row against table 07's.
    const t07 = tables[form.lhs.table];
    const t04 = tables[term.table];
    const total = rowOf(t07, form.lhs);
    const row = rowOf(t04, term);
    if (!b.isVar(total) || !b.isVar(row)) continue;
    b.sum(
      T07_VS_T04.id,
      `${t07!.label} 合计 ${form.lhs.column} = ${t04!.label} ${row.name} ${term.column}`,
      [b.term(total, 1, [[form.lhs.column!]]), b.term(row, -1, [[term.column!]])],
      [0],
      b.half(t07, t04),
      1,
    );
  }
}

/**
 * 03 ≥ 05 + 07 + 08 per subject (or 合计) in 基本支出 and 项目支出 (T03_GE_PARTS): the fiscal tables are parts of
 * table 03, paid from 一般公共预算, 政府性基金 and 国有资本经营 money. With one part present this is a pair of rows.
 */
function partsBelowWhole(b: Builder, vars: VarIndex, tables: Tables): void {
  const t03 = tables[T03_GE_PARTS.whole];
  if (t03?.status !== "data") return;
  const parts = T03_GE_PARTS.parts.map((id) => tables[id]).filter((t): t is ParsedTable => t?.status === "data");
  if (parts.length === 0) return;
  const byCode = parts.map((t) => new Map(t.rows.filter((r) => r.code).map((r) => [r.code!, r])));
  const tol = tolerance(b.half(t03, ...parts), parts.length);
  for (const r of t03.rows) {
    if (!b.isVar(r) || !(r.key === "total" || r.code)) continue;
    const found = parts.flatMap((t, i) => {
      const g = r.key === "total" ? t.rows.find((x) => x.key === "total") : byCode[i].get(r.code!);
      return b.isVar(g) ? [{ t, g }] : [];
    });
    if (found.length === 0) continue;
    const cols = T03_GE_PARTS.columns.map((k) => [
      r.columns!.indexOf(k),
      ...found.map(({ g }) => g.columns!.indexOf(k)),
    ]);
    // A figure printed with a minus sign (a refund, a correction), "-0.00" included, makes the bound say nothing.
    const holds = (ps: Placement[]) =>
      cols.every((at) => {
        if (ps.some((p, i) => printedNegative(p, at[i]))) return true;
        let sum = 0;
        for (let i = 1; i < ps.length; i++) sum = addUnits(sum, ps[i].value[at[i]]);
        return ps[0].value[at[0]] >= addUnits(sum, -tol);
      });
    const label = `${t03.label} ${r.code ?? "合计"} ≥ ${found.map(({ t }) => t.label).join(" + ")}`;
    const [a, ...rest] = [r, ...found.map(({ g }) => g)].map((x) => vars.get(x)!);
    const identity = T03_GE_PARTS.id;
    if (rest.length === 1)
      b.out.push({ kind: "pair", a, b: rest[0], label, compatible: (pa, pb) => holds([pa, pb]), identity });
    else b.out.push({ kind: "rows", rows: [a, ...rest], label, compatible: holds, identity });
  }
}

/**
 * Figures the narrative states for a table's 合计 (or only) row, in 万元 as the narrative prints them. The tolerance
 * follows the narrative's own precision ("8,979.1 万元" is good to 0.05), except that a stated zero is exact.
 */
export function hintConstraints(
  tables: Tables,
  vars: VarIndex,
  hints: ColumnHints,
  unit: "万元" | "元",
  fixed: FixedPoint,
): Constraint[] {
  const b = new Builder(vars, fixed);
  for (const [id, values] of Object.entries(hints) as [TableId, Record<string, string>][]) {
    const t = tables[id];
    if (!t || t.status !== "data" || !values) continue;
    const targets =
      id === "t09"
        ? t.rows.filter((r) => r.key === "sangong")
        : t.rows.filter((r) => r.key === (id === "t04" ? "expenditureTotal" : "total"));
    for (const [col, text] of Object.entries(values)) {
      const row = targets.find((r) => r.columns?.includes(col) && b.isVar(r));
      if (!row) continue;
      let value = b.amount(text.replace(/,/g, ""));
      let half = value === 0 ? b.half(t) : halfUnitOf(printedScale(text), fixed);
      if (unit === "元") {
        value = multiplyUnits(value, 10000);
        if (value !== 0) half = multiplyUnits(half, 10000);
      }
      b.sum(
        undefined,
        `${t.label} ${col} = 说明中的 ${text} 万元`,
        [b.term(row, 1, [[col]])],
        [neg(value)],
        Math.max(half, b.half(t)),
        0,
      );
    }
  }
  return b.out;
}
