import type { SourceDoc } from "../ingest/document";
import { compact, splitCells } from "../ingest/layouts/markdown/cells";
import { isAmountText, normaliseAmount, yuanToWanyuan } from "../money/decimal";
import { classCodeOfBareName } from "../report/class-codes";
import type { ExtraTable, Unread } from "../report/schema";
import { BUDGET_TABLE_TITLES, type BudgetColumn, type BudgetRow, type BudgetTable, type BudgetTableId } from "./schema";

/**
 * The tables of a budget document, found by title and read by their header words, never by position in a fixed
 * template: each template (and each year) orders, numbers and words them a little differently.
 */

/**
 * Title → table. Order matters: 财政拨款收支预算总表 also ends in 收支预算总表, and 一般公共预算基本支出…经济分类 also
 * begins like 一般公共预算支出.
 */
const TITLE_RULES: [BudgetTableId, RegExp][] = [
  // Shanghai: “三公”经费和机关运行经费预算表; the national template: 一般公共预算“三公”经费支出表
  ["b09", /三公.{0,3}经费.*(?:预算|支出)(?:情况)?表$/],
  // …基本支出部门预算经济分类预算表 (Shanghai) or 一般公共预算基本支出表 (national)
  ["b08", /基本支出.*经济分类.*(?:预算)?表$|一般公共预算基本支出(?:预算)?表$/],
  ["b04", /财政拨款收支(?:预算)?总表$|财政拨款收支预算表$/],
  ["b01", /收支(?:预算)?总表$|财务收支预算表$/],
  ["b02", /收入(?:预算)?总表$|收入预算表$/],
  ["b06", /政府性基金预算(?:支出)?(?:功能分类)?预算表$|政府性基金预算支出表$/],
  ["b07", /国有资本经营预算(?:支出)?(?:功能分类)?预算表$|国有资本经营预算支出表$/],
  ["b05", /一般公共预算支出(?:功能分类)?(?:预算)?表$/],
  ["b03", /支出(?:预算)?总表$|支出预算表$/],
];

/** 目录 lines carry leader dots or end in a page number: they name a table, they are not one. */
const TOC_LEADER = /[…．.·]{3,}|\s\d{1,3}$/;

export function budgetTableIdOfTitle(line: string): BudgetTableId | null {
  if (line.includes("\t") || TOC_LEADER.test(line)) return null;
  const t = compact(line).replace(/[（(][^）)]*[）)]$/, "");
  // the document is a budget (its cover said so): the national template's titles (部门收支总表 …) need not say 预算
  if (t.length > 60 || /决算/.test(t)) return null;
  for (const [id, re] of TITLE_RULES) if (re.test(t)) return id;
  return null;
}

const UNIT = /单位\s*[：:]\s*(万元|元)/;
const NOTE = /^\s*(?:注|说明|备注)\s*\d*\s*[：:.．]/;
const META = /^(?:编制(?:部门|单位)|预算(?:主管)?(?:部门|单位)|部门|单位)\s*[：:]|单位\s*[：:]\s*(?:万元|元)/;

export type TablesResult = {
  tables: BudgetTable[];
  unread: Unread[];
  extraTables: ExtraTable[];
  titleLines: Set<number>;
};

type Column = {
  key: BudgetColumn | `x:${string}` | "label" | "code" | "codePart" | null;
  labels: string[];
  side?: "income" | "expenditure";
};

/**
 * Reads every budget table of a document whose table rows are tab- or pipe-separated cells (the PDF reader's
 * gridded lines, or text tables). `isStop(line)` tells where the tables' region ends (a part heading).
 */
export function readBudgetTables(
  doc: SourceDoc,
  isStop: (text: string) => boolean,
  skip: Set<number> = new Set(),
): TablesResult {
  const tables: BudgetTable[] = [];
  const unread: Unread[] = [];
  const titleLines = new Set<number>();
  const lines = doc.lines;
  let lastUnit: "元" | "万元" | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (skip.has(i + 1)) continue;
    const id = budgetTableIdOfTitle(lines[i]);
    if (!id) continue;
    const titleLine = i + 1;
    const title = compact(lines[i]);
    // the table's lines: up to the next title or a text line that is neither meta, note nor table row
    let unit: "元" | "万元" | undefined;
    let note: string | undefined;
    const rows: { lineNo: number; cells: string[] }[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const text = lines[j];
      if (text.trim() === "") continue;
      if (budgetTableIdOfTitle(text)) break;
      const cells = splitCells(text);
      const u = UNIT.exec(compact(text).replace(/\s/g, ""));
      if (u && (!cells || cells.every((c) => c === "" || UNIT.test(c) || META.test(compact(c))))) {
        unit = u[1] as "元" | "万元";
        continue;
      }
      if (!cells) {
        if (NOTE.test(text)) {
          note = (note ? `${note} ` : "") + text.trim();
          continue;
        }
        if (META.test(compact(text))) continue;
        // a table title printed again on its continuation page
        if (compact(text) === title) continue;
        break;
      }
      rows.push({ lineNo: j + 1, cells });
    }
    i = j - 1;
    titleLines.add(titleLine);
    const printedUnit = unit ?? (id === "b09" ? "万元" : lastUnit) ?? "万元";
    if (unit) lastUnit = unit;
    try {
      const table = readTable(id, title, titleLine, printedUnit, rows);
      if (note) table.note = note;
      if (tables.some((t) => t.id === id)) {
        unread.push({
          part: "table",
          where: title,
          sourceLine: titleLine,
          text: title,
          message: "同一张表出现了两次，只读取了第一次出现的那张",
        });
        continue;
      }
      tables.push(table);
    } catch (e) {
      unread.push({
        part: "table",
        where: title,
        sourceLine: titleLine,
        text: rows
          .slice(0, 3)
          .map((r) => r.cells.join(" "))
          .join(" / ")
          .slice(0, 200),
        message: (e as Error).message,
      });
    }
    if (isStop(lines[j] ?? "")) continue;
  }
  return { tables, unread, extraTables: [], titleLines };
}

const HEADER_LABEL =
  /^(?:项目|科目编码|科目名称|功能分类科目编码|功能分类科目名称|经济分类科目编码|(?:部门)?(?:预算)?经济分类科目名称|(?:部门预算)?经济分类科目编码|科目|名称|类|款|项|编码)$/;

/** The key of a column from its header words, read bottom-up (the most specific label decides). */
function columnKey(labels: string[], id: BudgetTableId): Column["key"] {
  const all = labels.join("|");
  const last = labels[labels.length - 1] ?? "";
  if (labels.length === 0) return null;
  if (/^(?:类|款|项)$/.test(last)) return "codePart";
  if (/编码$/.test(last) || last === "科目编码") return "code";
  if (labels.every((l) => HEADER_LABEL.test(l) || /收入$|支出$/.test(l)) && labels.some((l) => HEADER_LABEL.test(l))) {
    return /编码/.test(last) ? "code" : "label";
  }
  if (id === "b09") {
    if (/机关运行经费/.test(all)) return "operatingCost";
    if (/购置费$/.test(last)) return "vehiclePurchase";
    if (/运行费$/.test(last)) return "vehicleOperation";
    if (/小计$/.test(last) || /公务用车购置及运行费$/.test(last)) return "vehicles";
    if (/出国/.test(last)) return "abroad";
    if (/接待/.test(last)) return "reception";
    if (/合计$/.test(last)) return "total";
    return null;
  }
  if (/人员经费/.test(last)) return "personnel";
  if (/公用经费/.test(last)) return "public";
  if (/^基本支出$/.test(last)) return "basic";
  if (/^项目支出$/.test(last)) return "project";
  if (/^(?:合计|小计|总计)$/.test(last)) return "total";
  if (/财政拨款(?:收入)?$/.test(last)) return "fiscal";
  if (/^事业收入$/.test(last)) return "business";
  if (/事业单位经营收入$|^经营收入$/.test(last)) return "operating";
  if (/^其他收入$/.test(last)) return "other";
  if (/上年结转/.test(last)) return "carryover";
  if (/^一般公共预算/.test(last)) return "gpb";
  if (/^政府性基金/.test(last)) return "fund";
  if (/^国有资本经营/.test(last)) return "soe";
  if (/预算数$|^金额$|^预算$/.test(last)) return "budget";
  if (/上级补助/.test(last)) return "superior";
  if (/附属单位上缴/.test(last)) return "affiliated";
  if (/财政专户/.test(last)) return "specialAccount";
  if (/上缴上级/.test(last)) return "upstream";
  if (/对附属单位补助/.test(last)) return "subsidy";
  if (/经营支出$/.test(last)) return "operatingExpenditure";
  // a column this reader has no name for keeps its figures under its printed label
  return last ? `x:${last}` : null;
}

/** A header row holds no amount; a data row holds at least one, or is a labelled row of a known table part. */
function hasAmount(cells: string[]): boolean {
  return cells.some((c) => c !== "" && isAmountText(c) && !/^\d{3,7}$/.test(c.trim()));
}

function readTable(
  id: BudgetTableId,
  title: string,
  sourceLine: number,
  unit: "元" | "万元",
  lines: { lineNo: number; cells: string[] }[],
): BudgetTable {
  const header: string[][] = [];
  let k = 0;
  for (; k < lines.length && !isDataRow(lines[k].cells); k++) header.push(lines[k].cells);
  const width = Math.max(0, ...header.map((h) => h.length));
  if (header.length === 0 || width === 0)
    throw new Error("没有找到表头（应为：项目、预算数或科目编码、合计等栏目名称）");
  const columns: Column[] = [];
  for (let c = 0; c < width; c++) {
    const labels: string[] = [];
    for (const h of header) {
      const t = compact(h[c] ?? "")
        .replace(/\(/g, "(")
        .replace(/（/g, "(")
        .replace(/）/g, ")");
      if (t && labels[labels.length - 1] !== t) labels.push(t);
    }
    columns.push({ key: columnKey(labels, id), labels });
  }
  // Two-sided tables (收入 | 支出): the side is named by the top header row, or follows the second label column.
  const labelCols = columns.map((c, i) => (c.key === "label" ? i : -1)).filter((i) => i >= 0);
  const twoSided = (id === "b01" || id === "b04") && labelCols.length >= 2;
  if (twoSided) {
    const split = labelCols[1];
    columns.forEach((c, i) => (c.side = i < split ? "income" : "expenditure"));
  } else if (id === "b04" && labelCols.length === 1 && columns.some((c) => /收入/.test(c.labels[0] ?? "")) === false) {
    columns.forEach((c) => (c.side = "expenditure"));
  }
  const amountCols = columns
    .map((c, i) => (c.key && c.key !== "label" && c.key !== "code" && c.key !== "codePart" ? i : -1))
    .filter((i) => i >= 0);
  if (amountCols.length === 0)
    throw new Error(
      `表头中找不到金额栏目（表头为：${columns
        .map((c) => c.labels.join("/"))
        .filter(Boolean)
        .join("，")}）`,
    );
  const headerTexts = new Set(header.flat().map(compact).filter(Boolean));
  const rows: BudgetRow[] = [];
  let decimals = 0;
  for (const { cells } of lines.slice(k)) {
    for (const c of cells) {
      const m = /^-?[\d,，]+\.(\d+)$/.exec(c.trim());
      if (m) decimals = Math.max(decimals, m[1].length);
    }
  }
  for (; k < lines.length; k++) {
    const { cells, lineNo } = lines[k];
    // a header repeated on a continuation page
    if (!isDataRow(cells) && cells.every((c) => c === "" || headerTexts.has(compact(c)))) continue;
    const aligned = align(cells, columns);
    if (twoSided) {
      for (const side of ["income", "expenditure"] as const) {
        const idx = columns.map((c, i) => (c.side === side ? i : -1)).filter((i) => i >= 0);
        const row = rowOf(
          id,
          idx.map((i) => aligned[i] ?? ""),
          idx.map((i) => columns[i]),
          unit,
          lineNo,
          side,
        );
        if (row) rows.push(row);
      }
    } else {
      const row = rowOf(id, aligned, columns, unit, lineNo, columns[0]?.side);
      if (row) rows.push(row);
    }
  }
  return { id, title, printedUnit: unit, printedDecimals: Math.min(decimals, 6), sourceLine, rows };
}

function isDataRow(cells: string[]): boolean {
  if (hasAmount(cells)) return true;
  const first = compact(cells.find((c) => c.trim() !== "") ?? "");
  // a coded row without amounts, or an income line printed empty (二、事业收入 with a blank cell)
  return /^\d{3,7}$/.test(first) || /^[一二三四五六七八九十]+、|^\d+[.、．]\D/.test(first);
}

/**
 * Cells to columns. A row normally has one cell per column; a merged label cell (合计 over 类/款/项/名称) leaves
 * fewer, and then the amounts are the row's right-hand cells: they align with the right-hand columns.
 */
function align(cells: string[], columns: Column[]): string[] {
  if (cells.length >= columns.length) return cells.slice(0, Math.max(columns.length, cells.length));
  const out = new Array<string>(columns.length).fill("");
  const firstAmount = cells.findIndex((c) => c !== "" && isAmountText(c) && !/^\d{3,7}$/.test(c));
  const labelPart = firstAmount < 0 ? cells : cells.slice(0, firstAmount);
  const amountPart = firstAmount < 0 ? [] : cells.slice(firstAmount);
  labelPart.forEach((c, i) => (out[i] = c));
  const offset = columns.length - amountPart.length;
  amountPart.forEach((c, i) => (out[offset + i] = c));
  return out;
}

const NUMBERING =
  /^(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[、.．]\s*|[（(]\d+[)）])/;

/** The key of a row printed without a code (b01/b04 lines): what it is, whatever the numbering and wording. */
export function rowKeyOfName(name: string, side: "income" | "expenditure" | undefined): string | undefined {
  const n = compact(name).replace(NUMBERING, "");
  // 本年收入合计 / 本年支出合计 is the year's own; 收入总计 / 支出总计 adds the balances carried in or out
  if (/^本年(?:收入|支出)(?:合计|小计)$/.test(n)) return "subtotal";
  if (/^(?:收入|支出)?(?:总计|合计)$/.test(n)) return "total";
  if (side === "income" || side === undefined) {
    if (/^财政拨款(?:收入)?$/.test(n)) return "fiscal";
    if (/^一般公共预算(?:资金|拨款(?:收入)?|财政拨款)?$/.test(n)) return "gpb";
    if (/^政府性基金(?:预算)?(?:资金|拨款(?:收入)?|财政拨款)?$/.test(n)) return "fund";
    if (/^国有资本经营预算(?:资金|拨款(?:收入)?|财政拨款)?$/.test(n)) return "soe";
    if (/^事业收入/.test(n)) return "business";
    if (/^事业单位经营收入$|^经营收入$/.test(n)) return "operating";
    if (/^其他收入$/.test(n)) return "other";
    if (/上年结转/.test(n)) return "carryover";
    if (/^财政专户/.test(n)) return "specialAccount";
    if (/^上级补助收入$/.test(n)) return "superior";
    if (/^附属单位上缴收入$/.test(n)) return "affiliated";
  }
  if (side !== "income" && /^(?:结转下年|年末结转(?:和结余)?)/.test(n)) return "carryForward";
  if (side !== "income") {
    const m = /^(.+?)(?:支出)?$/.exec(n.replace(/的?支出$/, ""));
    const code = m ? classCodeOfBareName(m[1]) : undefined;
    if (code) return `class:${code}`;
  }
  return undefined;
}

function rowOf(
  id: BudgetTableId,
  cells: string[],
  columns: Column[],
  unit: "元" | "万元",
  lineNo: number,
  side: "income" | "expenditure" | undefined,
): BudgetRow | null {
  const codeParts: string[] = [];
  let code: string | undefined;
  let name = "";
  const values: Record<string, string> = {};
  columns.forEach((col, i) => {
    const raw = (cells[i] ?? "").trim();
    if (raw === "") return;
    if (col.key === "codePart") {
      if (/^\d{1,3}$/.test(compact(raw))) codeParts.push(compact(raw));
      else name ||= raw;
    } else if (col.key === "code") {
      const c = compact(raw);
      if (/^\d{3,7}$/.test(c)) code = c;
      else name ||= raw;
    } else if (col.key === "label") {
      // a code printed in the name cell ("2010301 行政运行")
      const m = /^(\d{3,7})\s*(.*)$/.exec(raw.trim());
      if (m && !code && m[2] !== "") {
        code = m[1];
        name ||= m[2];
      } else if (/^\d{3,7}$/.test(compact(raw)) && !code) code = compact(raw);
      else name = name && name !== raw ? name : raw;
    } else if (col.key) {
      const v = normaliseAmount(raw);
      if (v === null) return;
      values[col.key] = unit === "元" ? yuanToWanyuan(v) : v;
    }
  });
  if (codeParts.length) code = codeParts.join("");
  name = name.replace(/\s+/g, "");
  if (!name && !code && Object.keys(values).length === 0) return null;
  if (!name && Object.keys(values).length > 0 && !code) name = id === "b09" ? "合计" : "";
  const row: BudgetRow = { name, values, sourceLine: lineNo };
  if (side) row.side = side;
  if (code) row.code = code;
  else {
    const key = id === "b09" ? "total" : rowKeyOfName(name, side);
    if (key) row.key = key;
    else if (!name) return null;
  }
  if (
    Object.keys(values).length === 0 &&
    !code &&
    row.key !== "total" &&
    !/^(fiscal|gpb|fund|soe|business|operating|other|carryover|specialAccount|superior|affiliated)$/.test(
      row.key ?? "",
    ) &&
    !row.key?.startsWith("class:")
  )
    return null;
  if (Object.keys(values).length === 0 && row.key === "total") return null;
  return row;
}

export const TABLE_TITLE_OF = BUDGET_TABLE_TITLES;
