import { TABLE_COLUMNS, type TableId } from "./schema";

/**
 * The identities of the nine tables of a 决算 (within a table and between tables), declared once. Two readers use them:
 * - the audit: one rule per identity, with its `id` and `title` (lib/audit/rules/t0*.ts, subject-tables.ts);
 * - the plain-text parser's column solver (lib/ingest/layouts/plain-text/table-constraints.ts): where a PDF extract
 *   dropped the empty cells, these identities decide which column each printed figure belongs to.
 * `checkedBy` says which of the two reads an identity. The parser reads those with a row whose cells it must place:
 * table 01, table 04's income side and table 06 print one amount a row, so identities among those alone are
 * audit-only. Two identities are parser-only: the audit has no rule for them, and one would add findings. Where the two
 * read the same identity on different rows or columns, the declaration says so (`byClass`, `emptyIsZero`, a term's
 * `only`), so the gap is visible here rather than in two files.
 */

type Reader = "audit" | "parser";

/** The side of table 01 / 04 a row is printed on. */
type Section = "income" | "expenditure";

/**
 * A cell by its row's role (the row keys of schema.ts). `key: "total"` is a subject table's 合计 row; `key: "class"`
 * stands for every 类 row of table 01 / 04 (a term then adds them all); `code` is a class of table 06's 经济分类.
 * `section`, where given, picks the side; omitted, the first row with the key is meant. `column` omitted: the form's
 * `columns`, one by one.
 */
export type CellRef = { table: TableId; key?: string; code?: string; section?: Section; column?: string };

/** `sign: -1`: the term enters with a minus. `only`: one reader alone adds it (see the identity's comment). */
export type Term = CellRef & { sign?: -1; only?: Reader };

/** lhs = Σ terms. One term and no `termsLabel`: the same figure printed twice. */
export type SumForm = { lhs: CellRef; terms: readonly Term[]; termsLabel?: string; columns?: readonly string[] };

/** lhs = Σ plus − Σ minus, over the columns of one row (the template's column formula). */
type RowFormula = { lhs: string; plus: readonly string[]; minus?: readonly string[]; termsLabel: string };

type Base = { id: string; title: string; checkedBy: readonly Reader[] };

export type Identity =
  /**
   * Each row of `table` satisfies `formulas`. The parser applies them to every row it places; the audit to `rows`:
   * the 合计 and every subject row, the single 三公 row, or the rows with these keys (`class`: every 类 row).
   */
  | (Base & {
      kind: "row";
      table: TableId;
      rows: "subjects" | "sangong" | readonly { key: string; section?: Section }[];
      formulas: readonly RowFormula[];
    })
  /**
   * Column by column, a parent row is the sum of its children by code. `functional` (支出功能分类): 类 = Σ 款 = Σ 项,
   * 合计 = Σ 类. `economic` (table 06's 经济分类): a class = Σ its 款; table 06's totals over the classes are the
   * T06_PERSONNEL_SUM and T06_PUBLIC_SUM sums.
   */
  | (Base & { kind: "hierarchy"; table: TableId; classification: "functional" | "economic" })
  | (Base & { kind: "sum"; forms: readonly SumForm[] })
  /**
   * A 总表 (01 / 04) column and a subject table's column are the same figures: `pairs` name the two 合计 cells (lhs
   * the copy checked, rhs the one it should repeat), and the same columns of the 类 rows (matched by code, else by
   * name) are compared by the readers in `byClass`. `emptyIsZero`: the readers that take a table declared empty
   * (本表无数据) as zero in every cell; the others skip it.
   */
  | (Base & {
      kind: "byClass";
      pairs: readonly { lhs: CellRef & { column: string }; rhs: CellRef & { column: string } }[];
      byClass: readonly Reader[];
      emptyIsZero: readonly Reader[];
    })
  /** Not an equality: `whole` ≥ Σ `parts`, per subject (or 合计) and per column. */
  | (Base & { kind: "bound"; whole: TableId; parts: readonly TableId[]; columns: readonly string[] });

type Kind = Identity["kind"];

const FUNDS = ["gpb", "govFund", "soe"] as const;
const FUND_SUFFIX = { gpb: "Gpb", govFund: "GovFund", soe: "Soe" } as const;
const FUND_NAMES = {
  gpb: "一般公共预算财政拨款",
  govFund: "政府性基金预算财政拨款",
  soe: "国有资本经营预算财政拨款",
} as const;
const T04_EXPENDITURE_COLUMNS = ["total", ...FUNDS] as const;

const BOTH: readonly Reader[] = ["audit", "parser"];
const AUDIT: readonly Reader[] = ["audit"];
const PARSER: readonly Reader[] = ["parser"];

const t01 = (key: string, section: Section): CellRef & { column: string } => ({
  table: "t01",
  key,
  section,
  column: "amount",
});
const t04In = (key: string): CellRef & { column: string } => ({
  table: "t04",
  key,
  section: "income",
  column: "amount",
});
const t04Out = (key: string, column?: string): CellRef => ({
  table: "t04",
  key,
  section: "expenditure",
  ...(column ? { column } : {}),
});
const total = (table: TableId, column: string) => ({ table, key: "total", column });

const SUBJECT_TABLES = { t02: "公开02表", t03: "公开03表", t05: "公开05表", t07: "公开07表", t08: "公开08表" } as const;

function rowSum(
  table: keyof typeof SUBJECT_TABLES,
  title: string,
  plus: readonly string[],
  termsLabel: string,
): Identity {
  return {
    id: `${table.toUpperCase()}_ROW_SUM`,
    title: `${SUBJECT_TABLES[table]} ${title}`,
    checkedBy: BOTH,
    kind: "row",
    table,
    rows: "subjects",
    formulas: [{ lhs: "total", plus, termsLabel }],
  };
}

function hierarchy(table: keyof typeof SUBJECT_TABLES): Identity {
  return {
    id: `${table.toUpperCase()}_HIERARCHY`,
    title: `${SUBJECT_TABLES[table]} 类 = Σ款 = Σ项，合计 = Σ类（逐栏）`,
    checkedBy: BOTH,
    kind: "hierarchy",
    table,
    classification: "functional",
  };
}

const T09_HALVES = [
  ["budget", "预算数"],
  ["final", "决算数"],
] as const;

export const IDENTITIES: readonly Identity[] = [
  // ── 01 收入支出决算总表: one amount a row, nothing for the parser to place ──────────────────────────────────────
  {
    id: "T01_INCOME_SUM",
    title: "公开01表 本年收入合计 = 各收入行之和",
    checkedBy: AUDIT,
    kind: "sum",
    forms: [
      {
        lhs: t01("incomeTotal", "income"),
        terms: ["gpb", "govFund", "soe", "superior", "business", "operating", "affiliated", "other"].map((k) =>
          t01(k, "income"),
        ),
        termsLabel: "各收入行之和",
      },
    ],
  },
  {
    id: "T01_EXPENDITURE_SUM",
    title: "公开01表 本年支出合计 = 各类支出之和",
    checkedBy: AUDIT,
    kind: "sum",
    forms: [
      {
        lhs: t01("expenditureTotal", "expenditure"),
        terms: [{ table: "t01", key: "class", column: "amount" }],
        termsLabel: "各类支出之和",
      },
    ],
  },
  {
    id: "T01_INCOME_GRAND_TOTAL",
    title: "公开01表 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
    checkedBy: AUDIT,
    kind: "sum",
    forms: [
      {
        lhs: t01("grandTotal", "income"),
        terms: ["incomeTotal", "useNonFiscalBalance", "carryBegin"].map((k) => t01(k, "income")),
        termsLabel: "本年收入合计、使用非财政拨款结余、年初结转和结余之和",
      },
    ],
  },
  {
    id: "T01_EXPENDITURE_GRAND_TOTAL",
    title: "公开01表 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
    checkedBy: AUDIT,
    kind: "sum",
    forms: [
      {
        lhs: t01("grandTotal", "expenditure"),
        terms: ["expenditureTotal", "balanceDistribution", "carryEnd"].map((k) => t01(k, "expenditure")),
        termsLabel: "本年支出合计、结余分配、年末结转和结余之和",
      },
    ],
  },
  {
    id: "T01_BALANCE",
    title: "公开01表 收入总计 = 支出总计",
    checkedBy: AUDIT,
    kind: "sum",
    forms: [{ lhs: t01("grandTotal", "expenditure"), terms: [t01("grandTotal", "income")] }],
  },

  // ── 02 03 05 07 08, the tables by 功能分类 subject ────────────────────────────────────────────────────────────────
  rowSum(
    "t02",
    "每行本年收入合计 = 各收入栏之和",
    ["fiscal", "superior", "business", "operating", "affiliated", "other"],
    "各收入栏之和",
  ),
  rowSum(
    "t03",
    "每行本年支出合计 = 各支出栏之和",
    ["basic", "project", "upstream", "operating", "subsidy"],
    "各支出栏之和",
  ),
  rowSum("t05", "每行小计 = 基本支出 + 项目支出", ["basic", "project"], "基本支出与项目支出之和"),
  rowSum("t07", "每行本年支出小计 = 基本支出 + 项目支出", ["basic", "project"], "基本支出与项目支出之和"),
  rowSum("t08", "每行小计 = 基本支出 + 项目支出", ["basic", "project"], "基本支出与项目支出之和"),
  hierarchy("t02"),
  hierarchy("t03"),
  hierarchy("t05"),
  hierarchy("t07"),
  hierarchy("t08"),
  {
    id: "T07_CARRY_BALANCE",
    title: "公开07表 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出",
    checkedBy: BOTH,
    kind: "row",
    table: "t07",
    rows: "subjects",
    formulas: [
      {
        lhs: "carryEnd",
        plus: ["carryBegin", "income"],
        minus: ["total"],
        termsLabel: "年初结转和结余 + 本年收入 − 本年支出",
      },
    ],
  },
  {
    id: "T02_VS_T01",
    title: "公开02表 合计行各栏 = 公开01表 对应收入",
    checkedBy: BOTH,
    kind: "sum",
    // 财政拨款收入 is the three fiscal funds together.
    forms: (
      [
        ["total", ["incomeTotal"]],
        ["fiscal", ["gpb", "govFund", "soe"]],
        ["superior", ["superior"]],
        ["business", ["business"]],
        ["operating", ["operating"]],
        ["affiliated", ["affiliated"]],
        ["other", ["other"]],
      ] as const
    ).map(([column, keys]) => ({
      lhs: total("t02", column),
      terms: keys.map((k) => t01(k, "income")),
      ...(keys.length > 1 ? { termsLabel: "公开01表三项财政拨款收入之和" } : {}),
    })),
  },
  {
    id: "T03_VS_T01",
    title: "公开03表 合计及各类 = 公开01表 本年支出合计及各类支出",
    checkedBy: BOTH,
    kind: "byClass",
    pairs: [{ lhs: total("t03", "total"), rhs: t01("expenditureTotal", "expenditure") }],
    // The parser compares the 合计 only (it has never placed table 03's 类 rows by table 01's); the audit compares both.
    byClass: AUDIT,
    emptyIsZero: [],
  },

  // ── 04 财政拨款收入支出决算总表 ────────────────────────────────────────────────────────────────────────────────
  {
    id: "T04_INCOME_SUM",
    title: "公开04表 本年收入合计 = 三项财政拨款收入之和",
    checkedBy: AUDIT,
    kind: "sum",
    forms: [{ lhs: t04In("incomeTotal"), terms: FUNDS.map(t04In), termsLabel: "三项财政拨款收入之和" }],
  },
  {
    id: "T04_CARRY_SPLIT",
    title: "公开04表 结转和结余 = 分资金来源各行之和",
    checkedBy: BOTH,
    kind: "sum",
    // Where the template prints the split as rows (年初 lines 29–31, some templates 年末 too). The audit compares the
    // 合计 column of the 年末 rows (a split row printed with one figure, by that figure); the parser places the 年末 rows
    // and holds the sum in all four columns. The 年初 rows print one amount each: audit only.
    forms: [
      {
        lhs: t04In("carryBegin"),
        terms: FUNDS.map((f) => ({ table: "t04", key: `carryBegin${FUND_SUFFIX[f]}`, column: "amount" })),
        termsLabel: "分资金来源各行之和",
      },
      {
        lhs: t04Out("carryEnd"),
        terms: FUNDS.map((f) => ({ table: "t04", key: `carryEnd${FUND_SUFFIX[f]}` })),
        termsLabel: "分资金来源各行之和",
        columns: T04_EXPENDITURE_COLUMNS,
      },
    ],
  },
  {
    id: "T04_INCOME_GRAND_TOTAL",
    title: "公开04表 收入总计 = 本年收入合计 + 年初财政拨款结转和结余",
    checkedBy: AUDIT,
    kind: "sum",
    forms: [
      {
        lhs: t04In("grandTotal"),
        terms: [t04In("incomeTotal"), t04In("carryBegin")],
        termsLabel: "本年收入合计与年初财政拨款结转和结余之和",
      },
    ],
  },
  {
    id: "T04_ROW_SUM",
    title: "公开04表 每行合计 = 三项财政拨款之和",
    checkedBy: BOTH,
    kind: "row",
    table: "t04",
    rows: [
      { key: "class" },
      { key: "expenditureTotal" },
      { key: "carryEnd" },
      { key: "grandTotal", section: "expenditure" },
    ],
    formulas: [{ lhs: "total", plus: FUNDS, termsLabel: "三项财政拨款之和" }],
  },
  {
    id: "T04_EXPENDITURE_SUM",
    title: "公开04表 本年支出合计 = 各类支出之和（逐栏）",
    checkedBy: BOTH,
    kind: "sum",
    forms: [
      {
        lhs: t04Out("expenditureTotal"),
        terms: [{ table: "t04", key: "class" }],
        termsLabel: "各类支出之和",
        columns: T04_EXPENDITURE_COLUMNS,
      },
    ],
  },
  {
    id: "T04_EXPENDITURE_GRAND_TOTAL",
    title: "公开04表 支出总计 = 本年支出合计 + 年末财政拨款结转和结余（逐栏）",
    checkedBy: BOTH,
    kind: "sum",
    // 结余分配 is a line of table 01; the national table 04 has none. The parser adds it when a table 04 prints one (so
    // such a table still places); the audit leaves it out, and such a document's 总计 is reported.
    forms: [
      {
        lhs: t04Out("grandTotal"),
        terms: [t04Out("expenditureTotal"), { ...t04Out("balanceDistribution"), only: "parser" }, t04Out("carryEnd")],
        termsLabel: "本年支出合计与年末财政拨款结转和结余之和",
        columns: T04_EXPENDITURE_COLUMNS,
      },
    ],
  },
  {
    id: "T04_BALANCE",
    title: "公开04表 收入总计 = 支出总计",
    checkedBy: AUDIT,
    kind: "sum",
    forms: [{ lhs: t04Out("grandTotal", "total"), terms: [t04In("grandTotal")] }],
  },
  {
    id: "T04_FUND_BALANCE",
    title: "公开04表 分资金来源收支平衡：年初结转 + 本年收入 = 本年支出 + 年末结转",
    checkedBy: AUDIT,
    kind: "sum",
    // Checked only where the 年初 figure is split by fund (or is zero): otherwise there is nothing to attribute it to.
    forms: FUNDS.map((f) => ({
      lhs: t04In(f),
      terms: [
        t04Out("expenditureTotal", f),
        t04Out("carryEnd", f),
        { ...t04In(`carryBegin${FUND_SUFFIX[f]}`), sign: -1 as const },
      ],
      termsLabel: `${FUND_NAMES[f]}本年支出 + 年末结转和结余 − 年初结转和结余`,
    })),
  },
  {
    id: "T04_VS_T01",
    title: "公开04表 三项财政拨款收入 = 公开01表 对应收入",
    checkedBy: AUDIT,
    kind: "sum",
    // The parser has nothing to place here: both sides are income rows of one amount.
    forms: FUNDS.map((f) => ({ lhs: t04In(f), terms: [t01(f, "income")] })),
  },
  {
    id: "T04_VS_T05",
    title: "公开04表 一般公共预算财政拨款支出（合计及各类） = 公开05表",
    checkedBy: BOTH,
    kind: "byClass",
    pairs: [{ lhs: { ...t04Out("expenditureTotal"), column: "gpb" }, rhs: total("t05", "total") }],
    byClass: BOTH,
    emptyIsZero: PARSER,
  },
  {
    id: "T04_VS_T07_T08",
    title: "公开04表 政府性基金、国有资本经营支出 = 公开07表、公开08表 合计",
    checkedBy: BOTH,
    kind: "byClass",
    pairs: [
      { lhs: { ...t04Out("expenditureTotal"), column: "govFund" }, rhs: total("t07", "total") },
      { lhs: { ...t04Out("expenditureTotal"), column: "soe" }, rhs: total("t08", "total") },
    ],
    // The audit compares the 合计 only (its title says so); the parser also places the 类 rows by them.
    byClass: PARSER,
    emptyIsZero: BOTH,
  },

  // ── 06 基本支出明细 (经济分类, one amount a row: nothing for the parser to place except through table 05) ────────
  {
    id: "T06_PERSONNEL_SUM",
    title: "公开06表 人员经费合计 = 301 + 303",
    checkedBy: AUDIT,
    kind: "sum",
    // A class the document prints only through its 款 is their sum.
    forms: [
      {
        lhs: { table: "t06", key: "personnelTotal", column: "amount" },
        terms: ["301", "303"].map((code) => ({ table: "t06", code, column: "amount" })),
        termsLabel: "301、303 两类之和",
      },
    ],
  },
  {
    id: "T06_PUBLIC_SUM",
    title: "公开06表 公用经费合计 = 302 + 307 + 310 + 312 + 399",
    checkedBy: AUDIT,
    kind: "sum",
    forms: [
      {
        lhs: { table: "t06", key: "publicTotal", column: "amount" },
        terms: ["302", "307", "310", "312", "399"].map((code) => ({ table: "t06", code, column: "amount" })),
        termsLabel: "302、307、310、312、399 各类之和",
      },
    ],
  },
  {
    id: "T06_HIERARCHY",
    title: "公开06表 每类 = 其下各款之和",
    checkedBy: AUDIT,
    kind: "hierarchy",
    table: "t06",
    classification: "economic",
  },
  {
    id: "T06_VS_T05",
    title: "公开06表 人员经费 + 公用经费 = 公开05表 合计 基本支出",
    checkedBy: BOTH,
    kind: "sum",
    // 人员经费 + 公用经费 is the whole of 一般公共预算财政拨款基本支出, which table 05 prints as 合计 基本支出.
    forms: [
      {
        lhs: total("t05", "basic"),
        terms: [
          { table: "t06", key: "personnelTotal", column: "amount" },
          { table: "t06", key: "publicTotal", column: "amount" },
        ],
        termsLabel: "公开06表人员经费合计与公用经费合计之和",
      },
    ],
  },

  // ── 09 “三公”: one line, 预算数 and 决算数 ──────────────────────────────────────────────────────────────────────
  {
    id: "T09_TOTAL_SUM",
    title: "公开09表 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费（预算数、决算数）",
    checkedBy: BOTH,
    kind: "row",
    table: "t09",
    rows: "sangong",
    formulas: T09_HALVES.map(([h, name]) => ({
      lhs: `${h}Total`,
      plus: [`${h}Abroad`, `${h}Vehicle`, `${h}Reception`],
      termsLabel: `${name}三项之和`,
    })),
  },
  {
    id: "T09_VEHICLE_SUM",
    title: "公开09表 公务用车购置及运行维护费 = 购置费 + 运行维护费（预算数、决算数）",
    checkedBy: BOTH,
    kind: "row",
    table: "t09",
    rows: "sangong",
    formulas: T09_HALVES.map(([h, name]) => ({
      lhs: `${h}Vehicle`,
      plus: [`${h}VehiclePurchase`, `${h}VehicleOperation`],
      termsLabel: `${name}公务用车购置费与运行维护费之和`,
    })),
  },

  // ── Read by the parser alone: the audit has no rule for them (adding one would add findings) ─────────────────────
  {
    id: "T07_VS_T04",
    title: "公开07表 合计 年初结转和结余、本年收入、年末结转和结余 = 公开04表 政府性基金各行",
    checkedBy: PARSER,
    kind: "sum",
    // Table 07's row identities leave 年初结转 and 本年收入 interchangeable when one of them is empty; these tell them
    // apart. 本年收入 is read from table 01 when table 04 prints no 政府性基金 income row.
    forms: [
      { lhs: total("t07", "income"), terms: [t04In("govFund")] },
      { lhs: total("t07", "carryBegin"), terms: [t04In("carryBeginGovFund")] },
      { lhs: total("t07", "carryEnd"), terms: [t04Out("carryEnd", "govFund")] },
    ],
  },
  {
    id: "T03_GE_PARTS",
    title: "公开03表 基本支出、项目支出（合计及各科目） ≥ 公开05表 + 公开07表 + 公开08表",
    checkedBy: PARSER,
    kind: "bound",
    // Tables 05, 07 and 08 are the parts of table 03 paid from the three kinds of fiscal appropriation; table 03 also
    // holds what other money paid, so this is a bound, not a sum. A figure printed with a minus sign says nothing.
    whole: "t03",
    parts: ["t05", "t07", "t08"],
    columns: ["basic", "project"],
  },
];

const BY_ID = new Map(IDENTITIES.map((i) => [i.id, i]));

/** The identity with this id, of this kind: a typo or a changed kind fails when the reading module loads. */
export function identity<K extends Kind>(id: string, kind: K): Extract<Identity, { kind: K }> {
  const found = BY_ID.get(id);
  if (!found || found.kind !== kind) throw new Error(`identities.ts declares no ${kind} identity ${id}`);
  return found as Extract<Identity, { kind: K }>;
}

/** Identities one reader checks, in declaration order. */
export function identitiesFor<K extends Kind>(reader: Reader, kind: K): Extract<Identity, { kind: K }>[] {
  return IDENTITIES.filter((i): i is Extract<Identity, { kind: K }> => i.kind === kind && i.checkedBy.includes(reader));
}

/** The tables an identity names; one table: a within-table identity. */
export function tablesOf(i: Identity): TableId[] {
  const cells = (cs: readonly CellRef[]) => cs.map((c) => c.table);
  const all: TableId[] =
    i.kind === "row" || i.kind === "hierarchy"
      ? [i.table]
      : i.kind === "sum"
        ? i.forms.flatMap((f) => cells([f.lhs, ...f.terms]))
        : i.kind === "byClass"
          ? i.pairs.flatMap((p) => cells([p.lhs, p.rhs]))
          : [i.whole, ...i.parts];
  return [...new Set(all)];
}

/**
 * The row formulas of a table with the identity each belongs to, in the order of their left-hand column in the
 * template (t09: 预算数合计, 预算数车辆, 决算数合计, 决算数车辆).
 */
export function rowFormulas(table: TableId, reader: Reader): (RowFormula & { identity: string })[] {
  const order = TABLE_COLUMNS[table] as readonly string[];
  return identitiesFor(reader, "row")
    .filter((i) => i.table === table)
    .flatMap((i) => i.formulas.map((f) => ({ ...f, identity: i.id })))
    .sort((a, b) => order.indexOf(a.lhs) - order.indexOf(b.lhs));
}
