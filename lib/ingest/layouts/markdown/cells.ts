import { normaliseAmount } from "@/lib/money/decimal";
import { ParseError } from "@/lib/ingest/errors";

/** One table row of the source: its cells as printed (trimmed) and its 1-based line. */
export type GridLine = { lineNo: number; cells: string[]; raw: string };

/** Where a cell came from, so a bad cell can be reported with file, table or section, and line. */
export type CellContext = { file: string; table?: string; section?: string; line: number };

const PIPE_SEPARATOR_CELL = /^:?-{2,}:?$/;

/**
 * Cells of a table line, or null when the line is not a table row.
 * Tab-separated rows keep empty cells positionally, so the line is split as is (never trimmed first:
 * a leading tab is an empty first cell). Markdown pipe rows are the other common extractor output.
 */
export function splitCells(line: string): string[] | null {
  if (line.includes("\t")) return line.split("\t").map((c) => c.trim());
  const t = line.trim();
  if (t.startsWith("|") && t.length > 1 && t.indexOf("|", 1) > 0) {
    let body = t.slice(1);
    if (body.endsWith("|") && !body.endsWith("\\|")) body = body.slice(0, -1);
    return body.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, "|").trim());
  }
  return null;
}

/** `|---|:---:|` under a markdown header: structure, not content. */
export function isPipeSeparator(cells: string[]): boolean {
  const nonEmpty = cells.filter((c) => c !== "");
  return nonEmpty.length > 0 && nonEmpty.every((c) => PIPE_SEPARATOR_CELL.test(c));
}

export function isBlankRow(cells: string[]): boolean {
  return cells.every((c) => c === "");
}

const CJK = "[\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f]";
const CJK_GAP = new RegExp(`(?<=${CJK}) +| +(?=${CJK})`, "g");

/** PDF extraction spreads CJK labels out ("合 计", "公务 接待费"); labels are compared with all spacing gone. */
export function compact(s: string): string {
  return s.replace(/\s+/g, "");
}

// The last row compacted: a row is tested as a column-number line, a repeated header, a total line … one test
// after the other, and cells arrays are never changed, so the same array gives the same answer.
let lastCells: readonly string[] | undefined;
let lastCompacted: readonly string[] = [];

/** Every cell of a row compacted. Read-only: the same array is handed to the next caller with the same cells. */
export function compactCells(cells: readonly string[]): readonly string[] {
  if (cells !== lastCells) {
    lastCompacted = cells.map(compact);
    lastCells = cells;
  }
  return lastCompacted;
}

/**
 * A printed name without extraction spacing: spaces next to CJK characters are artefacts,
 * spaces between Latin words or digits are kept (single).
 */
export function cleanName(s: string): string {
  return s.trim().replace(/\s+/g, " ").replace(CJK_GAP, "");
}

/** Free text (goals, targets, units) keeps its spacing, only runs of whitespace collapse. */
export function cleanText(s: string): string {
  return s.trim().replace(/\s+/g, " ");
}

function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

/** An integer cell (行次, 序号) in half- or full-width digits, or undefined when it is not one. */
export function intCell(text: string): number | undefined {
  const t = compact(toHalfWidth(text));
  return /^\d+$/.test(t) ? Number.parseInt(t, 10) : undefined;
}

/** A subject or economic classification code cell ("2010301", full-width digits accepted). */
export function codeCell(text: string): string | undefined {
  const t = compact(toHalfWidth(text));
  return /^\d{3,7}$/.test(t) ? t : undefined;
}

export function looksLikeAmount(text: string): boolean {
  try {
    return normaliseAmount(text) !== null;
  } catch {
    return false;
  }
}

const PLAIN_AMOUNT = /^-?\d+(?:\.\d+)?$/;

/** An amount cell, normalised; undefined for an empty cell; a located ParseError for anything else. */
export function amountCell(text: string, at: CellContext, what = "金额"): string | undefined {
  // The common cells: empty, or a plain decimal that normaliseAmount would return unchanged.
  if (text === "") return undefined;
  if (PLAIN_AMOUNT.test(text)) return text;
  try {
    return normaliseAmount(text) ?? undefined;
  } catch {
    throw new ParseError({
      file: at.file,
      table: at.table,
      section: at.section,
      line: at.line,
      message: `${what}无法识别`,
      expected: `${what}数字（如 8,979.10），空白或“-”表示无数据`,
      found: text,
    });
  }
}

/** A score or weight ("10", "10分", "-"). */
export function scoreCell(text: string, at: CellContext, what: string): string | undefined {
  return amountCell(text.replace(/\s*分$/, ""), at, what);
}

/** A percentage ("75.35", "5.17%", "100％") as a decimal string in percent. */
export function percentCell(text: string, at: CellContext, what: string): string | undefined {
  return amountCell(toHalfWidth(text).replace(/\s*%$/, ""), at, what);
}

/** Cells 1, 2, 3 … under the header (栏次), possibly with 栏次/甲/乙 labels: numbering, not data. */
export function isColumnNumberLine(cells: string[]): boolean {
  const flat = compactCells(cells);
  const nums = flat.filter((c) => c !== "" && !/^(栏次|行次|甲|乙|丙)$/.test(c));
  if (nums.length === 0) return false;
  if (!flat.some((c) => /^栏次$/.test(c)) && nums.length < 2) return false;
  return nums.every((c, i) => c === String(i + 1));
}

/**
 * Brings a data line to the width of its header. Trailing empty cells are often trimmed by editors
 * and extractors, so a short line is padded; extra cells are dropped only when they are empty.
 */
export function fitWidth(line: GridLine, width: number, at: Omit<CellContext, "line">): string[] {
  const cells = line.cells;
  if (cells.length === width) return cells;
  if (cells.length < width) return [...cells, ...Array<string>(width - cells.length).fill("")];
  const extra = cells.slice(width);
  if (extra.every((c) => c === "")) return cells.slice(0, width);
  throw new ParseError({
    file: at.file,
    table: at.table,
    section: at.section,
    line: line.lineNo,
    message: "数据行的单元格数与表头不符",
    expected: `${width} 列（与表头一致）`,
    found: `${cells.length} 列：${cells.join(" | ")}`,
  });
}
