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

type Identity = { lhs: string; plus: string[]; minus?: string[] };

/** The identities every row of a table satisfies, by column key (the national template's column formulas). */
const ROW_IDENTITIES: Record<string, Identity[]> = {
  t02: [{ lhs: "total", plus: ["fiscal", "superior", "business", "operating", "affiliated", "other"] }],
  t03: [{ lhs: "total", plus: ["basic", "project", "upstream", "operating", "subsidy"] }],
  t04: [{ lhs: "total", plus: ["gpb", "govFund", "soe"] }],
  t05: [{ lhs: "total", plus: ["basic", "project"] }],
  // 本年支出 = 基本 + 项目, and what is left at year end is what came in less what went out.
  t07: [
    { lhs: "total", plus: ["basic", "project"] },
    { lhs: "carryEnd", plus: ["carryBegin", "income"], minus: ["total"] },
  ],
  t08: [{ lhs: "total", plus: ["basic", "project"] }],
  t09: [
    { lhs: "budgetTotal", plus: ["budgetAbroad", "budgetVehicle", "budgetReception"] },
    { lhs: "budgetVehicle", plus: ["budgetVehiclePurchase", "budgetVehicleOperation"] },
    { lhs: "finalTotal", plus: ["finalAbroad", "finalVehicle", "finalReception"] },
    { lhs: "finalVehicle", plus: ["finalVehiclePurchase", "finalVehicleOperation"] },
  ],
};

/** Identities of a row over its own columns (a t09 half keeps only those inside it). */
export function rowIdentities(table: TableId, columns: readonly string[]): RowIdentity[] {
  const at = (k: string) => columns.indexOf(k);
  return (ROW_IDENTITIES[table] ?? [])
    .filter((id) => [id.lhs, ...id.plus, ...(id.minus ?? [])].every((k) => at(k) >= 0))
    .map((id) => ({ lhs: at(id.lhs), plus: id.plus.map(at), minus: id.minus?.map(at) }));
}

export function identityText(table: TableId, columns: readonly string[], labels: Record<string, string>): string {
  return (ROW_IDENTITIES[table] ?? [])
    .filter((id) => columns.includes(id.lhs))
    .map((id) => `${labels[id.lhs]} = ${id.plus.map((k) => labels[k]).join(" + ")}${(id.minus ?? []).map((k) => ` − ${labels[k]}`).join("")}`)
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
    if (tables[id]?.status === "data") for (const text of Object.values(values ?? {})) scale = Math.max(scale, printedScale(text));
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
    return { row: this.vars.get(row)!, sign, view: view.map((ks) => ks.map((k) => cols.indexOf(k)).filter((i) => i >= 0)) };
  }

  /** Σ terms + constant = 0 per component, with the rounding tolerance for `terms` printed figures. */
  sum(label: string, terms: SumTerm[], constant: number[], halfUnit: number, termCount: number): void {
    if (terms.length === 0) return;
    const tol = tolerance(halfUnit, termCount);
    this.out.push({ kind: "sum", label, terms, constant, tolerance: constant.map(() => tol) });
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
function hierarchy(b: Builder, t: ParsedTable): void {
  const codes = new Map<string, RawRow>();
  for (const r of t.rows) if (r.code && !codes.has(r.code)) codes.set(r.code, r);
  const total = t.rows.find((r) => r.key === "total");
  const children = new Map<RawRow, RawRow[]>();
  for (const r of codes.values()) {
    const parent = codeParent(r.code!, codes) ?? total;
    if (!parent) continue;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  // Deepest parents first: their sums are the most local, so a misprint rejects as little as possible.
  const parents = [...children.keys()].sort((x, y) => (y.code?.length ?? 0) - (x.code?.length ?? 0));
  for (const parent of parents) {
    const kids = children.get(parent)!.filter((k) => b.isVar(k));
    if (!b.isVar(parent) || kids.length === 0) continue;
    const all = parent.columns!.map((k) => [k]);
    b.sum(
      `${t.label} ${parent.code ?? "合计"} = 下级之和`,
      [b.term(parent, -1, all), ...kids.map((k) => b.term(k, 1, all))],
      zeros(all.length),
      b.half(t),
      kids.length,
    );
  }
}

/** Table 04's expenditure side: 本年支出合计 = Σ 类; 总计 = 本年支出合计 + 结余分配 + 年末结转和结余; 年末 = its split by fund. */
function t04Sums(b: Builder, t: ParsedTable): void {
  const exp = t.rows.filter((r) => r.section === "expenditure" && b.isVar(r));
  const byKey = (k: string) => exp.find((r) => r.key === k);
  const all = ["total", "gpb", "govFund", "soe"].map((k) => [k]);
  const sumTo = (label: string, whole: RawRow | undefined, parts: RawRow[]) => {
    if (!whole || parts.length === 0) return;
    b.sum(label, [b.term(whole, -1, all), ...parts.map((p) => b.term(p, 1, all))], zeros(all.length), b.half(t), parts.length);
  };
  sumTo(`${t.label} 本年支出合计 = 各类支出之和`, byKey("expenditureTotal"), exp.filter((r) => r.key === "class"));
  const carry = byKey("carryEnd");
  sumTo(`${t.label} 年末结转和结余 = 分资金来源之和`, carry, exp.filter((r) => /^carryEnd./.test(r.key ?? "")));
  const et = byKey("expenditureTotal");
  if (et)
    sumTo(
      `${t.label} 总计 = 本年支出合计 + 结余分配 + 年末结转和结余`,
      byKey("grandTotal"),
      [et, byKey("balanceDistribution"), carry].filter((r): r is RawRow => r !== undefined),
    );
}

export function withinTableConstraints(tables: Tables, vars: VarIndex, fixed: FixedPoint): Constraint[] {
  const b = new Builder(vars, fixed);
  for (const id of ["t02", "t03", "t05", "t07", "t08"] as const) {
    const t = tables[id];
    if (t?.status === "data") hierarchy(b, t);
  }
  if (tables.t04?.status === "data") t04Sums(b, tables.t04);
  return b.out;
}

/** A figure printed with a minus sign (a refund, a correction), "-0.00" included: the 03 ≥ parts bound says nothing about it. */
const printedNegative = (p: Placement, col: number) => p.printed[col]?.startsWith("-") ?? false;

/**
 * Equalities and bounds between tables: 02 合计 = 01 income rows, 03 合计 = 01 本年支出合计, 06 人员+公用 = 05 基本支出,
 * 04's fund columns = 05 / 07 / 08 by 类, 07's carry-overs and income = 04's 政府性基金 rows, and 03 ≥ 05 + 07 + 08 per
 * subject in 基本 and 项目 (they are 03's parts paid from the three kinds of fiscal appropriation).
 */
export function crossTableConstraints(tables: Tables, vars: VarIndex, fixed: FixedPoint): Constraint[] {
  const b = new Builder(vars, fixed);
  const { t01, t02, t03, t04, t05, t06, t07, t08 } = tables;
  const hu = (...ts: (ParsedTable | undefined)[]) => b.half(...ts);
  const fixedAmount = (r: RawRow | undefined) => b.amount(r?.fixed?.amount ?? "0");
  const totalOf = (t: ParsedTable | undefined) => t?.rows.find((r) => r.key === "total");
  const t01Income = (k: string) => t01?.rows.find((r) => r.section === "income" && r.key === k);

  const t02Total = totalOf(t02);
  if (t01 && b.isVar(t02Total)) {
    const pairs: [string, string[]][] = [
      ["total", ["incomeTotal"]],
      ["fiscal", ["gpb", "govFund", "soe"]],
      ["superior", ["superior"]],
      ["business", ["business"]],
      ["operating", ["operating"]],
      ["affiliated", ["affiliated"]],
      ["other", ["other"]],
    ];
    for (const [col, keys] of pairs) {
      const rows = keys.map(t01Income);
      if (rows.some((r) => !r)) continue;
      const value = rows.reduce((s, r) => addUnits(s, fixedAmount(r)), 0);
      b.sum(`${t02!.label} 合计 ${col} = 公开01表`, [b.term(t02Total, 1, [[col]])], [neg(value)], hu(t01, t02), keys.length);
    }
  }

  const t03Total = totalOf(t03);
  const t01ExpTotal = t01?.rows.find((r) => r.section === "expenditure" && r.key === "expenditureTotal");
  if (t01ExpTotal && b.isVar(t03Total))
    b.sum(`${t03!.label} 合计 = 公开01表本年支出合计`, [b.term(t03Total, 1, [["total"]])], [neg(fixedAmount(t01ExpTotal))], hu(t01, t03), 1);

  const t05Total = totalOf(t05);
  const personnel = t06?.rows.find((r) => r.key === "personnelTotal");
  const pub = t06?.rows.find((r) => r.key === "publicTotal");
  if (personnel && pub && b.isVar(t05Total))
    b.sum(
      `${t05!.label} 合计 基本支出 = 公开06表人员经费 + 公用经费`,
      [b.term(t05Total, 1, [["basic"]])],
      [neg(addUnits(fixedAmount(personnel), fixedAmount(pub)))],
      hu(t05, t06),
      2,
    );

  if (t04?.status === "data") {
    const exp = t04.rows.filter((r) => r.section === "expenditure" && b.isVar(r));
    const funds: [string, ParsedTable | undefined][] = [
      ["gpb", t05],
      ["govFund", t07],
      ["soe", t08],
    ];
    for (const [col, src] of funds) {
      if (!src) continue;
      const srcCodes = new Map(src.rows.filter((r) => r.code).map((r) => [r.code!, r]));
      for (const r of exp) {
        const counterpart = r.key === "expenditureTotal" ? totalOf(src) : r.key === "class" && r.code ? srcCodes.get(r.code) : undefined;
        if (r.key !== "expenditureTotal" && !(r.key === "class" && r.code)) continue;
        const label = `${t04.label} ${r.name} ${col} = ${src.label}`;
        if (src.status === "empty" || (!counterpart && r.key === "class"))
          b.sum(label, [b.term(r, 1, [[col]])], [0], hu(t04, src), 1);
        else if (b.isVar(counterpart))
          b.sum(label, [b.term(r, 1, [[col]]), b.term(counterpart, -1, [["total"]])], [0], hu(t04, src), 1);
      }
    }
  }

  t07Carry(b, tables);
  partsBelowWhole(b, vars, tables);
  return b.out;
}

/**
 * 公开07表's 合计 row against what tables 04 (or 01) state for 政府性基金: 年初结转和结余 = 04's 年初 政府性基金 row,
 * 本年收入 = the 政府性基金 income row, 年末结转和结余 = 04 年末's 政府性基金 column. Table 07's row identities leave
 * 年初结转 and 本年收入 interchangeable when one of them is empty; these tell them apart.
 */
function t07Carry(b: Builder, tables: Tables): void {
  const { t01, t04, t07 } = tables;
  const total = t07?.status === "data" ? t07.rows.find((r) => r.key === "total") : undefined;
  if (!t07 || !b.isVar(total)) return;
  const incomeRow = (t: ParsedTable | undefined, k: string) => t?.rows.find((r) => r.section === "income" && r.key === k);
  const equals = (col: string, src: ParsedTable | undefined, row: RawRow | undefined) => {
    if (!src || !row) return;
    const label = `${t07.label} 合计 ${col} = ${src.label} ${row.name}`;
    b.sum(label, [b.term(total, 1, [[col]])], [neg(b.amount(row.fixed?.amount ?? "0"))], b.half(t07, src), 1);
  };
  const incomeSrc = incomeRow(t04, "govFund") ? t04 : t01;
  equals("income", incomeSrc, incomeRow(incomeSrc, "govFund"));
  equals("carryBegin", t04, incomeRow(t04, "carryBeginGovFund"));
  const carryEnd = t04?.rows.find((r) => r.section === "expenditure" && r.key === "carryEnd");
  if (b.isVar(carryEnd))
    b.sum(
      `${t07.label} 合计 carryEnd = ${t04!.label} ${carryEnd.name} govFund`,
      [b.term(total, 1, [["carryEnd"]]), b.term(carryEnd, -1, [["govFund"]])],
      [0],
      b.half(t07, t04),
      1,
    );
}

/**
 * 03 ≥ 05 + 07 + 08 per subject (or 合计) in 基本支出 and 项目支出: the fiscal tables are parts of table 03, paid from
 * 一般公共预算, 政府性基金 and 国有资本经营 money. With one part present this is a pair of rows.
 */
function partsBelowWhole(b: Builder, vars: VarIndex, tables: Tables): void {
  const t03 = tables.t03;
  if (t03?.status !== "data") return;
  const parts = ([tables.t05, tables.t07, tables.t08] as (ParsedTable | undefined)[]).filter((t): t is ParsedTable => t?.status === "data");
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
    const cols = ["basic", "project"].map((k) => [r.columns!.indexOf(k), ...found.map(({ g }) => g.columns!.indexOf(k))]);
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
    if (rest.length === 1) b.out.push({ kind: "pair", a, b: rest[0], label, compatible: (pa, pb) => holds([pa, pb]) });
    else b.out.push({ kind: "rows", rows: [a, ...rest], label, compatible: holds });
  }
}

/**
 * Figures the narrative states for a table's 合计 (or only) row, in 万元 as the narrative prints them. The tolerance
 * follows the narrative's own precision ("8,979.1 万元" is good to 0.05), except that a stated zero is exact.
 */
export function hintConstraints(tables: Tables, vars: VarIndex, hints: ColumnHints, unit: "万元" | "元", fixed: FixedPoint): Constraint[] {
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
      b.sum(`${t.label} ${col} = 说明中的 ${text} 万元`, [b.term(row, 1, [[col]])], [neg(value)], Math.max(half, b.half(t)), 0);
    }
  }
  return b.out;
}
