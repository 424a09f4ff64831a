import { TABLE_COLUMNS, type Report, type Table, type TableRow } from "@/lib/report/schema";
import { entityOf, scopeWord } from "./blocks";
import { wrap } from "./format";
import type { PlainPages } from "./plain-pages";
import {
  SUBJECT_COLUMNS,
  SUBJECT_HEADERS,
  T04_EXPENDITURE,
  cellsOf,
  economicGroups,
  economicTotals,
  emptyNote,
  isSubjectTable,
  printedAmount,
  tableNumber,
  twoSidedLines,
  unitLabel,
  type Slot,
} from "./table-layout";

/** Longer subject names wrap onto the next lines, as the extractor breaks a narrow name column. */
const NAME_WIDTH = 12;
/** A wrapped fragment must not read as a header word, a 合计 row, a code or a note when it starts a line. */
const FRAGMENT_START =
  /^(?:项\s*目|合\s*计|总\s*计|科目|栏\s*次|本年|\d|[（(]?注|说明|备注|公开|金额单位|部门[:：]|单位[:：]|人员经费|公用经费)/;
const NOTE_END = /[。.！!；;）)]$/;

const join = (parts: (string | undefined)[]) => parts.filter((p) => p !== undefined && p !== "").join(" ");

/**
 * One of the nine tables as a PDF text extractor prints it: cells run together separated by spaces, empty cells
 * leave no trace, long names wrap, page footers may fall inside the table and the header repeats on the new page.
 */
export function plainTable(report: Report, table: Table, pages: PlainPages): void {
  pages.newPage();
  pages.block([table.title]);
  pages.block([`${scopeWord(report)}：${entityOf(report)}`]);
  pages.block([`公开 ${tableNumber(table.id)} 表`]);
  pages.block([unitLabel(report)]);
  const { header, rows } = layout(report, table);
  const note =
    table.note ??
    (table.status === "empty" && table.id !== "t07" && table.id !== "t08" ? emptyNote(report, table.id) : undefined);
  const noteLines = note ? wrap(`注：${note}`, 60, { badEnd: NOTE_END }) : [];
  // The template prints an empty table's note above its header; a table with data has it at the end.
  if (table.status === "empty") pages.block(noteLines);
  pages.block(header);
  pages.repeatHeader(header);
  for (const r of rows) pages.block(r);
  pages.repeatHeader(undefined);
  if (table.status !== "empty") pages.block(noteLines);
}

function layout(report: Report, table: Table): { header: string[]; rows: string[][] } {
  const id = table.id;
  if (id === "t01" || id === "t04") return twoSided(report, table);
  if (id === "t06") return economic(report, table);
  if (id === "t09") return sangong(report, table);
  if (!isSubjectTable(id)) return { header: [], rows: [] };
  const columns = SUBJECT_COLUMNS[id];
  const labels = SUBJECT_HEADERS[id];
  const numbers = `栏 次 ${columns.map((_, i) => i + 1).join(" ")}`;
  let header: string[];
  if (id === "t05" || id === "t08") header = ["项 目 本年支出", `科目编码 科目名称 ${labels.join(" ")}`, numbers];
  else if (id === "t07")
    header = [
      "项 目 年初结转和结余 本年收入 本年支出 年末结转和结余",
      "科目编码 科目名称 小 计 基本支出 项目支出",
      numbers,
    ];
  else header = ["项 目", labels.join(" "), "科目编码 科目名称", numbers];
  const data =
    table.status === "empty" || table.rows.length === 0
      ? [{ key: "total", name: "合计", values: {} } as TableRow]
      : table.rows;
  return { header, rows: data.map((r) => subjectRow(report, r, columns)) };
}

/** "2080505 机关事业单位基本养老保险缴费支出 101.65 101.65", or the code alone with the name wrapped below it. */
function subjectRow(report: Report, r: TableRow, columns: readonly string[]): string[] {
  const amounts = join(cellsOf(report, r, columns));
  if (r.key === "total") return [join(["合 计", amounts])];
  const parts = r.name.length > NAME_WIDTH + 2 ? wrap(r.name, NAME_WIDTH, { badStart: FRAGMENT_START }) : [r.name];
  if (parts.length === 1) return [join([r.code, r.name, amounts])];
  return [r.code ?? "", ...parts.slice(0, -1), join([parts[parts.length - 1], amounts])];
}

function twoSided(report: Report, table: Table): { header: string[]; rows: string[][] } {
  const t04 = table.id === "t04";
  const header = t04
    ? [
        "收 入 支 出",
        "项目 行次 金额 项目 行次 合计 一般公共预算财政拨款 政府性基金预算财政拨款 国有资本经营预算财政拨款",
        "栏次 1 栏次 2 3 4 5",
      ]
    : ["收 入 支 出", "项 目 行次 金额 项 目 行次 金额", "栏 次 1 栏 次 2"];
  const side = (s: Slot | undefined, cols: readonly string[]) =>
    join([
      s?.row?.name,
      s?.line !== undefined ? String(s.line) : undefined,
      ...(s?.row ? cellsOf(report, s.row, cols) : []),
    ]);
  const expCols: readonly string[] = t04 ? T04_EXPENDITURE : ["amount"];
  const rows = twoSidedLines(table)
    .map((p) => join([side(p.income, ["amount"]), side(p.expenditure, expCols)]))
    .filter((l) => l !== "")
    .map((l) => [l]);
  return { header, rows };
}

function economic(report: Report, table: Table): { header: string[]; rows: string[][] } {
  const header = ["人员经费 公用经费", "科目编码 科目名称 金额 科目编码 科目名称 金额 科目编码 科目名称 金额"];
  const groups = economicGroups(table);
  const n = Math.max(0, ...groups.map((g) => g.length));
  const amount = (r: TableRow | undefined) =>
    r?.values.amount !== undefined ? printedAmount(report, r.values.amount) : undefined;
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const onLine = groups.map((g) => g[i]).filter((r): r is TableRow => r !== undefined);
    const last = onLine[onLine.length - 1];
    if (onLine.length === 1 && last.name.length > NAME_WIDTH + 2) {
      // Alone on its line, a long name wraps under its code as in the extractor's output.
      const parts = wrap(last.name, NAME_WIDTH, { badStart: FRAGMENT_START });
      rows.push([last.code!, ...parts.slice(0, -1), join([parts[parts.length - 1], amount(last)])]);
      continue;
    }
    rows.push([join(onLine.flatMap((r) => [r.code, r.name, amount(r)]))]);
  }
  const totals = economicTotals(table);
  if (totals.personnel || totals.public) {
    rows.push([
      join([
        totals.personnel?.name ?? "人员经费合计",
        amount(totals.personnel),
        totals.public?.name ?? "公用经费合计",
        amount(totals.public),
      ]),
    ]);
  }
  return { header, rows };
}

function sangong(report: Report, table: Table): { header: string[]; rows: string[][] } {
  const header = [
    "预 算 数 决 算 数",
    "合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费 合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费",
    "小计 公务用车购置费 公务用车运行维护费 小计 公务用车购置费 公务用车运行维护费",
    Array.from({ length: 12 }, (_, i) => i + 1).join(" "),
  ];
  const data = table.rows.find((r) => r.key === "sangong");
  const line = data ? join(cellsOf(report, data, TABLE_COLUMNS.t09)) : "";
  return { header, rows: line ? [[line]] : [] };
}
