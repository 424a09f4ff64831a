import { TABLE_COLUMNS, type Report, type Table, type TableRow } from "@/lib/report/schema";
import { entityOf, scopeWord } from "./blocks";
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

/** Data rows per printed page: the header rows are repeated after each, as a PDF converted to markdown keeps them. */
const ROWS_PER_PAGE = 24;

const row = (cells: (string | undefined)[]) => cells.map((c) => c ?? "").join("\t");

/**
 * One of the nine tables in the layout of the markdown seed: a title heading, 单位：/公开NN表/金额单位 paragraphs,
 * tab-separated rows that keep empty cells, header rows repeated at page breaks, and the 注 below.
 */
export function markdownTable(report: Report, table: Table): string[] {
  const out: string[] = [
    `# ${table.title}`,
    "",
    `${scopeWord(report)}：${entityOf(report)}`,
    "",
    `公开 ${tableNumber(table.id)} 表  `,
    unitLabel(report),
    "",
  ];
  const { header, body } = grid(report, table);
  for (let i = 0; i < Math.max(body.length, 1); i += ROWS_PER_PAGE) {
    if (i > 0) out.push("");
    out.push(...header, ...body.slice(i, i + ROWS_PER_PAGE));
  }
  const note =
    table.note ??
    (table.status === "empty" && table.id !== "t07" && table.id !== "t08" ? emptyNote(report, table.id) : undefined);
  if (note) out.push("", `注：${note}`);
  out.push("");
  return out;
}

function grid(report: Report, table: Table): { header: string[]; body: string[] } {
  const id = table.id;
  if (id === "t01" || id === "t04") return twoSided(report, table);
  if (id === "t06") return economic(report, table);
  if (id === "t09") return sangong(report, table);
  if (!isSubjectTable(id)) return { header: [], body: [] };
  const columns = SUBJECT_COLUMNS[id];
  const labels = SUBJECT_HEADERS[id];
  const numbers = ["栏 次", "", ...columns.map((_, i) => String(i + 1))];
  let header: string[];
  if (id === "t05" || id === "t08")
    header = [row(["项 目", "", "本年支出", "", ""]), row(["科目编码", "科目名称", ...labels]), row(numbers)];
  else if (id === "t07") {
    header = [
      row(["项 目", "", "年初结转 和结余", "本年收入", "本年支出", "", "", "年末结转 和结余"]),
      row(["科目编码", "科目名称", "", "", "小 计", "基本支出", "项目支出", ""]),
      row(numbers),
    ];
  } else header = [row(["项 目", "", ...labels]), row(["科目编码", "科目名称", ...labels.map(() => "")]), row(numbers)];
  const rows =
    table.status === "empty" || table.rows.length === 0
      ? [{ key: "total", name: "合计", values: {} } as TableRow]
      : table.rows;
  const body = rows.map((r) =>
    row([
      r.key === "total" ? "合 计" : (r.code ?? ""),
      r.key === "total" ? "" : r.name,
      ...cellsOf(report, r, columns),
    ]),
  );
  return { header, body };
}

function twoSided(report: Report, table: Table): { header: string[]; body: string[] } {
  const t04 = table.id === "t04";
  const expCols: readonly string[] = t04 ? T04_EXPENDITURE : ["amount"];
  const header = t04
    ? [
        row(["收 入", "", "", "支 出", "", "", "", "", ""]),
        row([
          "项目",
          "行次",
          "金额",
          "项目",
          "行次",
          "合计",
          "一般公共预算财政拨款",
          "政府性基金预算财政拨款",
          "国有资本经营预算财政拨款",
        ]),
        row(["栏次", "", "1", "栏次", "", "2", "3", "4", "5"]),
      ]
    : [
        row(["收 入", "", "", "支 出", "", ""]),
        row(["项 目", "行次", "金 额", "项 目", "行次", "金 额"]),
        row(["栏 次", "", "1", "栏 次", "", "2"]),
      ];
  const side = (s: Slot | undefined, cols: readonly string[]) => [
    s?.row?.name ?? "",
    s?.line !== undefined ? String(s.line) : "",
    ...(s?.row ? cellsOf(report, s.row, cols) : cols.map(() => undefined)),
  ];
  const body = twoSidedLines(table).map((p) => row([...side(p.income, ["amount"]), ...side(p.expenditure, expCols)]));
  return { header, body };
}

function economic(report: Report, table: Table): { header: string[]; body: string[] } {
  const header = [
    row(["人员经费", "", "", "公用经费", "", "", "", "", ""]),
    row(["科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额"]),
  ];
  const groups = economicGroups(table);
  const n = Math.max(...groups.map((g) => g.length));
  const cell = (r: TableRow | undefined) =>
    r ? [r.code, r.name, r.values.amount !== undefined ? printedAmount(report, r.values.amount) : ""] : ["", "", ""];
  const body = Array.from({ length: n }, (_, i) => row(groups.flatMap((g) => cell(g[i]))));
  const totals = economicTotals(table);
  if (totals.personnel || totals.public) {
    const amount = (r: TableRow | undefined) =>
      r?.values.amount !== undefined ? printedAmount(report, r.values.amount) : "";
    body.push(
      row([
        totals.personnel?.name ?? "人员经费合计",
        "",
        amount(totals.personnel),
        totals.public?.name ?? "公用经费合计",
        "",
        "",
        "",
        "",
        amount(totals.public),
      ]),
    );
  }
  return { header, body };
}

function sangong(report: Report, table: Table): { header: string[]; body: string[] } {
  const half = ["合 计", "因公出国 （境）费", "公务用车购置及运行维护费", "", "", "公务 接待费"];
  const sub = ["", "", "小计", "公务用车 购置费", "公务用车 运行维护 费", ""];
  const header = [
    row(["预 算 数", "", "", "", "", "", "决 算 数", "", "", "", "", ""]),
    row([...half, ...half]),
    row([...sub, ...sub]),
    row(Array.from({ length: 12 }, (_, i) => String(i + 1))),
  ];
  const data = table.rows.find((r) => r.key === "sangong");
  const body = data ? [row(cellsOf(report, data, TABLE_COLUMNS.t09))] : [];
  return { header, body };
}
