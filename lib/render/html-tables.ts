import { D } from "@/lib/money/decimal";
import { TABLE_COLUMNS, type Report, type Table, type TableId, type TableRow } from "@/lib/report/schema";
import { chineseNumber, groupThousands } from "./format";
import type { HtmlOptions } from "./html-options";
import {
  SUBJECT_HEADERS,
  T04_EXPENDITURE,
  economicGroups,
  economicTotals,
  isSubjectTable,
  twoSidedLines,
  type Slot,
} from "./table-layout";

/** One printed cell: text, its role (for alignment and width) and its spans. */
type Cell = { text: string; kind?: "num" | "name" | "code" | "label" | "center"; rowspan?: number; colspan?: number };
/** A table as printed: header rows (in <thead> or not) and body rows; `wide` asks for a landscape page. */
export type Grid = { header: Cell[][]; body: Cell[][]; wide: boolean };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The nine tables in the order a template prints them. */
export function tableOrder(order: HtmlOptions["order"]): TableId[] {
  return order === "shanghai"
    ? ["t01", "t02", "t03", "t04", "t05", "t06", "t09", "t07", "t08"]
    : ["t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09"];
}

/** Titles as each template prints them (Shanghai: 基本支出决算表, and the SOE table as an income-and-expenditure table). */
function printedTitle(table: Table, o: HtmlOptions): string {
  if (o.order === "shanghai") {
    if (table.id === "t06") return "一般公共预算财政拨款基本支出决算表";
    if (table.id === "t08") return "国有资本经营预算财政拨款收入支出决算表";
  }
  return table.title;
}

/** "一、收入支出决算总表" / "表一 收入支出决算总表" / the bare title: the heading above the table and in 目录. */
export function numberedTitle(table: Table, position: number, o: HtmlOptions): string {
  const title = printedTitle(table, o);
  const n = chineseNumber(position);
  if (o.titleStyle === "ordinal" || o.titleStyle === "ordinal-gongkai") return `${n}、${title}`;
  if (o.titleStyle === "biao") return `表${n} ${title}`;
  return title;
}

export const gongkaiNumber = (position: number) => `公开${String(position).padStart(2, "0")}表`;

/** A table amount as printed: 万元 digits as stored, or ×10000 with two decimals in 元; grouped or not. */
function printAmount(v: string, o: HtmlOptions, row: number): string {
  const s = o.unit === "元" ? new D(v).times(10000).toFixed(2) : v;
  const group = o.thousands === "on" || (o.thousands === "mixed" && row % 2 === 1);
  return group ? groupThousands(s) : s;
}

/** An empty cell as printed. */
function printEmpty(o: HtmlOptions): string {
  return o.empty === "blank" ? "" : o.empty;
}

/** The amount cells a row prints, empty ones included, in the table's column order. */
export function printedColumns(table: Table, row: TableRow, o: HtmlOptions): readonly string[] {
  switch (table.id) {
    case "t01":
    case "t06":
      return ["amount"];
    case "t04":
      return row.section === "income" ? ["amount"] : T04_EXPENDITURE;
    case "t09":
      return o.sangong === "shanghai" ? SANGONG_SHANGHAI : TABLE_COLUMNS.t09;
    case "t08":
      return TABLE_COLUMNS.t08;
    default:
      return TABLE_COLUMNS[table.id];
  }
}

const SANGONG_SHANGHAI = [
  "budgetTotal",
  "finalTotal",
  "budgetAbroad",
  "finalAbroad",
  "budgetVehicle",
  "finalVehicle",
  "budgetVehiclePurchase",
  "finalVehiclePurchase",
  "budgetVehicleOperation",
  "finalVehicleOperation",
  "budgetReception",
  "finalReception",
] as const;

/** Empty tables (07/08 with a note) print their cells blank whatever the style: there is nothing to print. */
function amountCells(
  table: Table,
  row: TableRow | undefined,
  columns: readonly (string | null)[],
  o: HtmlOptions,
  rowIndex: number,
): Cell[] {
  return columns.map((c) => {
    if (!row || c === null) return { text: "", kind: "num" };
    const v = row.values[c];
    if (v !== undefined) return { text: printAmount(v, o, rowIndex), kind: "num" };
    return { text: table.status === "empty" ? "" : printEmpty(o), kind: "num" };
  });
}

const h = (text: string, rowspan = 1, colspan = 1, kind: Cell["kind"] = "label"): Cell => ({
  text,
  kind,
  ...(rowspan > 1 ? { rowspan } : {}),
  ...(colspan > 1 ? { colspan } : {}),
});

/** Code cells of a 功能分类 (3/5/7 digits) or 经济分类 (3/5) code: split into 类/款/项 or whole. */
function codeCells(code: string | undefined, parts: number, o: HtmlOptions): Cell[] {
  if (o.codes === "whole") return [{ text: code ?? "", kind: "code" }];
  const c = code ?? "";
  const split = [c.slice(0, 3), c.slice(3, 5), c.slice(5, 7)].slice(0, parts);
  return split.map((text) => ({ text, kind: "code" as const }));
}

// ── 功能分类 tables: 02 03 05 07 08 ──────────────────────────────────────────────────────────────────────────────

const T07_LABELS = ["年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"];

function subjectGrid(report: Report, table: Table, o: HtmlOptions): Grid {
  const id = table.id as "t02" | "t03" | "t05" | "t07" | "t08";
  // Shanghai prints the SOE table with the fund table's six columns; only 本年支出 has canonical keys.
  const asFund = id === "t07" || (id === "t08" && o.order === "shanghai");
  const columns: (string | null)[] = asFund
    ? id === "t07"
      ? [...TABLE_COLUMNS.t07]
      : [null, null, "total", "basic", "project", null]
    : [...TABLE_COLUMNS[id]];
  const labels = asFund ? T07_LABELS : SUBJECT_HEADERS[id].map((l) => l.replace(/\s+/g, ""));
  const codeCols = o.codes === "split" ? 3 : 1;
  const lead = codeCols + 1;
  const header: Cell[][] = [];
  if (o.header === "merged") {
    const depth = o.codes === "split" ? 3 : 2;
    const codeHead = o.codes === "split" ? h("支出功能分类科目编码", 1, 3) : h("科目编码");
    const row1: Cell[] = [h("项目", 1, lead)];
    const row2: Cell[] = [codeHead, h("科目名称", depth - 1)];
    if (asFund) {
      row1.push(h(labels[0], depth), h(labels[1], depth), h("本年支出", 1, 3), h(labels[5], depth));
      row2.push(h("小计", depth - 1), h("基本支出", depth - 1), h("项目支出", depth - 1));
    } else if (id === "t05" || id === "t08") {
      row1.push(h("本年支出", 1, 3));
      row2.push(...labels.map((l) => h(l, depth - 1)));
    } else {
      row1.push(...labels.map((l) => h(l, depth)));
    }
    header.push(row1, row2);
    if (o.codes === "split") header.push([h("类"), h("款"), h("项")]);
  } else {
    const codeHead = o.codes === "split" ? [h("类"), h("款"), h("项")] : [h("科目编码")];
    const flatLabels = asFund
      ? ["年初结转和结余", "本年收入", "本年支出小计", "基本支出", "项目支出", "年末结转和结余"]
      : labels;
    header.push([...codeHead, h("科目名称"), ...flatLabels.map((l) => h(l))]);
  }
  if (o.numbering) header.push([h("栏次", 1, lead), ...columns.map((_, i) => h(String(i + 1)))]);

  const rows = table.rows.length ? table.rows : [{ key: "total", name: "合计", values: {} } as TableRow];
  const totals = rows.filter((r) => r.key === "total");
  const subjects = rows.filter((r) => r.key !== "total");
  const ordered = o.totalRow === "top" ? [...totals, ...subjects] : [...subjects, ...totals];
  const body = ordered.map((r, i) => {
    const lead_: Cell[] =
      r.key === "total"
        ? [{ text: "合计", kind: "center", colspan: lead }]
        : [...codeCells(r.code, 3, o), { text: r.name, kind: "name" }];
    return [...lead_, ...amountCells(table, r, columns, o, i)];
  });
  return { header, body, wide: columns.length + lead > 7 };
}

// ── 01 and 04: income | expenditure ─────────────────────────────────────────────────────────────────────────────

/** "一、一般公共预算财政拨款收入": the ordinal the template prints before the numbered lines of each side. */
function twoSidedName(table: Table, row: TableRow, o: HtmlOptions): string {
  if (row.section === "income" && row.line !== undefined && row.line <= 8 && row.key !== "incomeTotal")
    return `${chineseNumber(row.line)}、${row.name}`;
  if (row.key === "class") {
    const classes = table.rows.filter((r) => r.key === "class");
    return `${chineseNumber(classes.indexOf(row) + 1)}、${row.name}`;
  }
  if (table.id === "t04" && o.order === "shanghai") {
    const sub = {
      carryBeginGpb: 1,
      carryBeginGovFund: 2,
      carryBeginSoe: 3,
      carryEndGpb: 1,
      carryEndGovFund: 2,
      carryEndSoe: 3,
    }[row.key ?? ""];
    if (sub) return `${chineseNumber(sub)}、${row.name}`;
  }
  return row.name;
}

function twoSidedGrid(report: Report, table: Table, o: HtmlOptions): Grid {
  const t04 = table.id === "t04";
  const expCols: readonly string[] = t04 ? T04_EXPENDITURE : ["amount"];
  const n = o.numbering;
  const incW = n ? 3 : 2;
  const expW = (n ? 2 : 1) + expCols.length;
  const header: Cell[][] = [];
  const amountWord = t04 ? "金额" : "决算数";
  const fundLabels = ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"];
  if (o.header === "merged") {
    header.push([h("收入", 1, incW), h("支出", 1, expW)]);
    header.push([
      h("项目"),
      ...(n ? [h("行次")] : []),
      h(amountWord),
      h("项目"),
      ...(n ? [h("行次")] : []),
      ...(t04 ? fundLabels.map((l) => h(l)) : [h(amountWord)]),
    ]);
  } else {
    header.push([
      h("收入项目"),
      ...(n ? [h("行次")] : []),
      h(amountWord),
      h("支出项目"),
      ...(n ? [h("行次")] : []),
      ...(t04 ? fundLabels.map((l) => h(l)) : [h(amountWord)]),
    ]);
  }
  if (n) header.push([h("栏次"), h(""), h("1"), h("栏次"), h(""), ...expCols.map((_, i) => h(String(i + 2)))]);

  const side = (s: Slot | undefined, cols: readonly string[], i: number): Cell[] => [
    {
      text: s?.row ? twoSidedName(table, s.row, o) : "",
      kind: s?.row && /总计|合计/.test(s.row.name) ? "center" : "name",
    },
    ...(n ? [{ text: s?.line !== undefined ? String(s.line) : "", kind: "center" as const }] : []),
    ...amountCells(table, s?.row, s?.row ? cols : cols.map(() => null), o, i),
  ];
  // Without 行次 the template leaves out the blank numbered lines; with them it prints every line.
  const pairs = twoSidedLines(table).filter((p) => n || p.income?.row || p.expenditure?.row);
  const body = pairs.map((p, i) => [...side(p.income, ["amount"], i), ...side(p.expenditure, expCols, i)]);
  return { header, body, wide: t04 };
}

// ── 06: 经济分类 blocks ─────────────────────────────────────────────────────────────────────────────────────────

function economicGrid(report: Report, table: Table, o: HtmlOptions): Grid {
  const [personnel, p302, pOther] = economicGroups(table);
  const totals = economicTotals(table);
  const blocks: TableRow[][] =
    o.economic === "three" ? [personnel, p302, pOther] : o.economic === "two" ? [personnel, [...p302, ...pOther]] : [];
  const codeCols = o.codes === "split" ? 2 : 1;
  const bw = codeCols + 2;
  const header: Cell[][] = [];
  const codeHead = (merged: boolean): Cell[] =>
    o.codes === "split" ? (merged ? [h("经济分类科目编码", 1, 2)] : [h("类"), h("款")]) : [h("科目编码")];
  const blockCount = o.economic === "one" ? 1 : blocks.length;
  if (o.header === "merged") {
    if (o.economic === "three") header.push([h("人员经费", 1, bw), h("公用经费", 1, bw * 2)]);
    else if (o.economic === "two") header.push([h("人员经费", 1, bw), h("公用经费", 1, bw)]);
    const depth = o.codes === "split" ? 2 : 1;
    header.push(
      Array.from({ length: blockCount }, () => [...codeHead(true), h("科目名称", depth), h("决算数", depth)]).flat(),
    );
    if (o.codes === "split") header.push(Array.from({ length: blockCount }, () => [h("类"), h("款")]).flat());
  } else {
    header.push(Array.from({ length: blockCount }, () => [...codeHead(false), h("科目名称"), h("金额")]).flat());
  }
  const cells = (r: TableRow | undefined, i: number): Cell[] =>
    r
      ? [...codeCells(r.code, 2, o), { text: r.name, kind: "name" }, ...amountCells(table, r, ["amount"], o, i)]
      : Array.from({ length: bw }, () => ({ text: "" }));
  const totalCells = (r: TableRow | undefined, fallback: string, i: number): Cell[] => [
    { text: r?.name ?? fallback, kind: "center", colspan: codeCols + 1 },
    ...amountCells(table, r, ["amount"], o, i),
  ];
  let body: Cell[][];
  if (o.economic === "one") {
    body = [];
    personnel.forEach((r) => body.push(cells(r, body.length)));
    body.push(totalCells(totals.personnel, "人员经费合计", body.length));
    [...p302, ...pOther].forEach((r) => body.push(cells(r, body.length)));
    body.push(totalCells(totals.public, "公用经费合计", body.length));
  } else {
    const n = Math.max(...blocks.map((b) => b.length));
    body = Array.from({ length: n }, (_, i) => blocks.flatMap((b) => cells(b[i], i)));
    const last: Cell[] = [...totalCells(totals.personnel, "人员经费合计", n)];
    const pub = totalCells(totals.public, "公用经费合计", n);
    // Three blocks: 公用经费合计 spans the two 公用经费 blocks, its amount under the rightmost 金额.
    if (o.economic === "three") pub[0] = { ...pub[0], colspan: bw + codeCols + 1 };
    last.push(...pub);
    body.push(last);
  }
  return { header, body, wide: o.economic === "three" };
}

// ── 09: 三公 ────────────────────────────────────────────────────────────────────────────────────────────────────

function sangongGrid(report: Report, table: Table, o: HtmlOptions): Grid {
  const data = table.rows.find((r) => r.key === "sangong") ?? table.rows[0];
  const header: Cell[][] = [];
  if (o.sangong === "national") {
    const half =
      o.header === "merged"
        ? {
            top: [h("合计", 2), h("因公出国（境）费", 2), h("公务用车购置及运行维护费", 1, 3), h("公务接待费", 2)],
            sub: [h("小计"), h("公务用车购置费"), h("公务用车运行维护费")],
          }
        : {
            top: [
              h("合计"),
              h("因公出国（境）费"),
              h("公务用车购置及运行维护费"),
              h("其中：公务用车购置费"),
              h("公务用车运行维护费"),
              h("公务接待费"),
            ],
            sub: [],
          };
    header.push([h("预算数", 1, 6), h("决算数", 1, 6)], [...half.top, ...half.top]);
    if (half.sub.length) header.push([...half.sub, ...half.sub]);
  } else {
    const pair = () => [h("预算数"), h("决算数")];
    if (o.header === "merged") {
      header.push([h("财政拨款“三公”经费", 1, 12)]);
      header.push([
        h("合计", 2, 2),
        h("因公出国（境）费", 2, 2),
        h("公务用车购置及运行费", 1, 6),
        h("公务接待费", 2, 2),
      ]);
      header.push([h("小计", 1, 2), h("公务用车购置费", 1, 2), h("公务用车运行费", 1, 2)]);
    } else {
      header.push(
        ["合计", "因公出国（境）费", "公务用车购置及运行费小计", "公务用车购置费", "公务用车运行费", "公务接待费"].map(
          (l) => h(l, 1, 2),
        ),
      );
    }
    header.push(Array.from({ length: 6 }, pair).flat());
  }
  if (o.numbering) header.push(Array.from({ length: 12 }, (_, i) => h(String(i + 1))));
  const columns = printedColumns(table, data ?? { name: "", values: {} }, o);
  const body = data ? [amountCells(table, data, columns, o, 0)] : [];
  return { header, body, wide: true };
}

export function tableGrid(report: Report, table: Table, o: HtmlOptions): Grid {
  if (table.id === "t01" || table.id === "t04") return twoSidedGrid(report, table, o);
  if (table.id === "t06") return economicGrid(report, table, o);
  if (table.id === "t09") return sangongGrid(report, table, o);
  if (isSubjectTable(table.id)) return subjectGrid(report, table, o);
  return { header: [], body: [], wide: false };
}

/** A grid as an HTML <table>. */
export function gridHtml(grid: Grid, o: HtmlOptions): string {
  const cell = (c: Cell, tag: "td" | "th") => {
    const attrs = [
      c.kind ? `class="${c.kind}"` : "",
      c.rowspan ? `rowspan="${c.rowspan}"` : "",
      c.colspan ? `colspan="${c.colspan}"` : "",
    ]
      .filter(Boolean)
      .join(" ");
    return `<${tag}${attrs ? " " + attrs : ""}>${esc(c.text)}</${tag}>`;
  };
  const rows = (list: Cell[][], tag: "td" | "th", cls = "") =>
    list.map((r) => `<tr${cls ? ` class="${cls}"` : ""}>${r.map((c) => cell(c, tag)).join("")}</tr>`).join("\n");
  const head = o.repeatHeader
    ? `<thead>\n${rows(grid.header, "th")}\n</thead>\n<tbody>`
    : `<tbody>\n${rows(grid.header, "th", "head")}`;
  return `<table class="grid">\n${head}\n${rows(grid.body, "td")}\n</tbody>\n</table>`;
}
