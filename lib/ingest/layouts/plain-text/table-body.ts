import type { SourceDoc } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import type { Cell } from "@/lib/ingest/resolve-columns";
import type { TableRow } from "@/lib/report/schema";
import type { TableSection } from "./table-sections";
import {
  compact,
  endsSentence,
  isColumnNumberLine,
  isNoteLine,
  isPageFurniture,
  isPageHeaderLine,
  isStrongHeaderLine,
  toHalfWidth,
  tokenize,
  type Token,
} from "./line-tokens";
import { titleOf } from "./table-sections";

/** A table row as read, before its printed cells are placed into columns. */
export type RawRow = Omit<TableRow, "values"> & {
  sourceLine: number;
  /** values whose column the layout already fixes (t01, t04 income side, t06) */
  fixed?: Record<string, string>;
  /** printed cells, left to right, still to be placed into `columns` */
  cells?: Cell[];
  columns?: readonly string[];
};

/** `compact`: the text without whitespace, as the header and furniture tests read it. */
export type BodyLine = { lineNo: number; text: string; tokens: Token[]; compact: string };

export type Body = {
  lines: BodyLine[];
  note?: string;
  /** anything after the title besides page furniture (公开NN表, 金额单位, 部门：) */
  hasContent: boolean;
};

/**
 * The table's lines without page furniture (footers, page numbers, the 公开NN表/金额单位/部门 lines repeated per page,
 * a title repeated per page). A note (注：…) after data ends the table; a note before any data (t07/t08 print
 * 本部门没有…故本表无数据 above the header) is kept and reading goes on.
 */
export function readBody(doc: SourceDoc, sec: TableSection): Body {
  const lines: BodyLine[] = [];
  let note: string | undefined;
  let noteOpen = false;
  let hasContent = false;
  let sawData = false;
  for (let i = sec.bodyStart; i < sec.bodyEnd; i++) {
    const text = doc.lines[i];
    if (text.trim() === "" || isPageFurniture(text)) continue;
    const c = compact(text);
    // A note may speak of 金额单位 (本套报表金额单位转换时可能存在尾数误差) without being the page's unit line.
    if (isNoteLine(text, c)) {
      hasContent = true;
      const body = c.replace(/^(注|说明|备注)\d*[:：]/, "");
      note = note ? note + body : body;
      noteOpen = !endsSentence(body);
      continue;
    }
    if (noteOpen) {
      // An unfinished note ends where the page's header fields or the column header begin.
      if (isPageHeaderField(c) || (isStrongHeaderLine(text, undefined, c) && !/金额单位/.test(text))) noteOpen = false;
      else {
        note += c;
        noteOpen = !endsSentence(note!);
        continue;
      }
    }
    if (isPageHeaderLine(text, c) || titleOf(text) === sec.id) continue;
    hasContent = true;
    if (note !== undefined && sawData) break;
    const tokens = tokenize(text);
    if (!isColumnNumberLine(text, tokens, c) && tokens.some((t) => t.kind === "amount" || t.kind === "dash"))
      sawData = true;
    lines.push({ lineNo: i + 1, text, tokens, compact: c });
  }
  return { lines, note, hasContent };
}

/** 金额单位：万元 / 公开NN表 / 部门：…: a page's header field, never the continuation of a wrapped note. `compacted`: the line without whitespace. */
function isPageHeaderField(compacted: string): boolean {
  return /金额单位[:：]|公开\d+表|^(编制)?(部门|单位)[:：]/.test(toHalfWidth(compacted));
}

/** Notes such as 本部门没有政府性基金收入…故本表无数据 / 本单位无此项支出 / 不涉及. */
export function noteSaysEmpty(note: string | undefined): boolean {
  return note !== undefined && /无数据|没有|无此|不涉及|为空|空表|无.{0,12}(收入|支出|经费)/.test(note);
}

function garbledError(doc: SourceDoc, sec: TableSection, line: BodyLine, tok: Token): ParseError {
  return new ParseError({
    file: doc.fileName,
    table: sec.label,
    line: line.lineNo,
    message: "数据行中有无法识别的数字",
    expected: "金额（如 1,234.56）、科目编码或科目名称",
    found: tok.raw,
  });
}

export function checkGarbled(doc: SourceDoc, sec: TableSection, line: BodyLine): void {
  const bad = line.tokens.find((t) => t.kind === "garbled");
  if (bad) throw garbledError(doc, sec, line, bad);
}

export function cellOf(tok: Token): Cell {
  return tok.kind === "amount" ? tok.text : null;
}

export const isCellToken = (t: Token) => t.kind === "amount" || t.kind === "dash";
