import { D } from "@/lib/money/decimal";
import { TABLE_COLUMNS, type Report, type Table, type TableId, type TableRow } from "@/lib/report/schema";
import { groupThousands } from "./format";

/** Printed in every table header: the number the 9-table template gives each table. */
export const tableNumber = (id: TableId) => id.slice(1);

/**
 * A table amount as printed: thousands separators, and in 元 when the source document was in 元 (the report keeps
 * 万元; ×10000 is exact, and the parser's ÷10000 gives back the same digits).
 */
export function printedAmount(report: Report, v: string): string {
  if (report.sourceUnit === "元") return groupThousands(new D(v).times(10000).toFixed());
  return groupThousands(v);
}

export const unitLabel = (report: Report) => `金额单位：${report.sourceUnit}`;

/** The amounts of a row in the template's column order; undefined where the cell is empty. */
export function cellsOf(report: Report, row: TableRow, columns: readonly string[]): (string | undefined)[] {
  return columns.map((c) => (row.values[c] !== undefined ? printedAmount(report, row.values[c]) : undefined));
}

export const SUBJECT_COLUMNS = {
  t02: TABLE_COLUMNS.t02,
  t03: TABLE_COLUMNS.t03,
  t05: TABLE_COLUMNS.t05,
  t07: TABLE_COLUMNS.t07,
  t08: TABLE_COLUMNS.t08,
} as const;

export type SubjectTableId = keyof typeof SUBJECT_COLUMNS;
export const isSubjectTable = (id: TableId): id is SubjectTableId => id in SUBJECT_COLUMNS;

/** One printed line of table 01 or 04: the income side and the expenditure side, each a named row or a blank 行次. */
export type SlotPair = { income?: Slot; expenditure?: Slot };
export type Slot = { row?: TableRow; line?: number };

/**
 * The template prints 01 and 04 as two columns of numbered lines (行次 1…31 | 32…62). Rows the report lacks (blank
 * template lines) come back as slots holding only their 行次, so the printed line numbers run on without gaps, and
 * the 本年收入合计 line stands beside 本年支出合计.
 */
export function twoSidedLines(table: Table): SlotPair[] {
  const side = (section: "income" | "expenditure") => {
    const out: Slot[] = [];
    let prev: number | undefined;
    for (const row of table.rows.filter((r) => r.section === section)) {
      if (row.line !== undefined && prev !== undefined) for (let l = prev + 1; l < row.line; l++) out.push({ line: l });
      out.push({ row, line: row.line });
      if (row.line !== undefined) prev = row.line;
    }
    return out;
  };
  const inc = side("income");
  const exp = side("expenditure");
  const ii = inc.findIndex((s) => s.row?.key === "incomeTotal");
  const ei = exp.findIndex((s) => s.row?.key === "expenditureTotal");
  if (ii >= 0 && ei >= 0 && ii !== ei) {
    const [short, by] = ii < ei ? [inc, ei - ii] : [exp, ii - ei];
    const at = ii < ei ? ii : ei;
    short.splice(at, 0, ...Array.from({ length: by }, () => ({})));
  }
  const n = Math.max(inc.length, exp.length);
  return Array.from({ length: n }, (_, i) => ({ income: inc[i], expenditure: exp[i] }));
}

export const T04_EXPENDITURE = ["total", "gpb", "govFund", "soe"] as const;

/**
 * Table 06 prints three code | name | amount groups per line: 人员经费 (301, 303) on the left, 302 商品和服务支出 in the
 * middle, the other 公用经费 (307, 310, 312, 399) on the right, each read down the page.
 */
export function economicGroups(table: Table): [TableRow[], TableRow[], TableRow[]] {
  const coded = table.rows.filter((r) => r.code);
  const personnel = coded.filter(
    (r) => r.section === "personnel" || (r.section === undefined && /^30[13]/.test(r.code!)),
  );
  const pub = coded.filter((r) => !personnel.includes(r));
  return [personnel, pub.filter((r) => r.code!.startsWith("302")), pub.filter((r) => !r.code!.startsWith("302"))];
}

export const economicTotals = (table: Table) => ({
  personnel: table.rows.find((r) => r.key === "personnelTotal"),
  public: table.rows.find((r) => r.key === "publicTotal"),
});

/** Header words of the subject tables, as the template prints them (column keys in TABLE_COLUMNS order). */
export const SUBJECT_HEADERS: Record<SubjectTableId, string[]> = {
  t02: ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
  t03: ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
  t05: ["小 计", "基本支出", "项目支出"],
  t07: ["年初结转和结余", "本年收入", "小 计", "基本支出", "项目支出", "年末结转和结余"],
  t08: ["小 计", "基本支出", "项目支出"],
};

/** The note a table without data prints when the report has none of its own. */
export function emptyNote(report: Report, id: TableId): string {
  const w = report.scope === "部门决算" ? "部门" : "单位";
  if (id === "t07") return `本${w}没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。`;
  if (id === "t08") return `本${w}没有使用国有资本经营预算安排的支出，故本表无数据。`;
  return `本${w}本年度无此项收支，故本表无数据。`;
}
