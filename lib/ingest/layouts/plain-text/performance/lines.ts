import type { SourceDoc } from "@/lib/ingest/document";
import { isPageFooter } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";

/** One non-empty source line; `no` is 1-based, `raw` keeps trailing blanks (they mark the end of a cell in this layout). */
export type Line = { no: number; raw: string; text: string };

const APPENDIX_SECTION = "第五部分 附件";

/** Lines [from, to) (0-based indices) without blank lines and page footers. */
export function contentLines(doc: SourceDoc, from: number, to: number): Line[] {
  const out: Line[] = [];
  for (let i = from; i < to && i < doc.lines.length; i++) {
    const raw = doc.lines[i];
    const text = raw.trim();
    if (text === "" || isPageFooter(text) || isDecoratedPageNumber(text)) continue;
    out.push({ no: i + 1, raw, text });
  }
  return out;
}

// "- 23 -" page numbers; a bare "23" is not dropped because it can be a value cell.
function isDecoratedPageNumber(text: string): boolean {
  return /^[-—–－]\s*\d{1,4}\s*[-—–－]$/.test(text);
}

/** Text without any whitespace, for matching labels that the extractor spaced out or wrapped ("第 五 部 分", "年初预算\n数"). */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, "");
}

const ASCII_WORD = /[A-Za-z0-9]/;

/**
 * Joins wrapped fragments of one cell. Chinese text wraps without a space, so fragments are glued; where two ASCII
 * word characters meet at a break the break was most likely a space between Latin words or numbers, so one is kept.
 */
export function joinWrapped(parts: string[]): string {
  let out = "";
  for (const p of parts) {
    const t = p.trim();
    if (t === "") continue;
    if (out !== "" && ASCII_WORD.test(out[out.length - 1]) && ASCII_WORD.test(t[0])) out += " ";
    out += t;
  }
  return out;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * Joins lines into one string for label matching: a break between two Chinese characters is a wrap inside a label
 * ("当年财政拨\n款"), any other break separates cells and becomes a space. `lineAt` maps an offset back to its line.
 */
export function joinForLabels(lines: Line[]): { text: string; lineAt: (offset: number) => number } {
  let text = "";
  const starts: number[] = [];
  for (const l of lines) {
    if (text !== "") {
      const a = text[text.length - 1];
      const b = l.text[0];
      if (!(CJK.test(a) && CJK.test(b))) text += " ";
    }
    starts.push(text.length);
    text += l.text;
  }
  const lineAt = (offset: number) => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1] <= offset) k++;
    return lines[k]?.no ?? 0;
  };
  return { text, lineAt };
}

/** Where an error happened: the file and, once known, the sheet. */
export type Where = { file: string; sheet?: string };

export function appendixError(
  where: Where,
  p: { message: string; line?: number; expected?: string; found?: string },
): ParseError {
  return new ParseError({
    file: where.file,
    section: APPENDIX_SECTION,
    table: where.sheet !== undefined ? `绩效自评表“${where.sheet}”` : undefined,
    ...p,
  });
}

export type Unit = "万元" | "元";

/** 单位：万元 / 金额单位：元 in the lines given; undefined when none is printed. */
export function findUnit(lines: Line[]): Unit | undefined {
  for (const l of lines) {
    const m = /单位\s*[：:]\s*(万\s*元|元)/.exec(l.text);
    if (m) return squeeze(m[1]) === "万元" ? "万元" : "元";
  }
  return undefined;
}

const FULL_WIDTH_DIGITS = /[０-９．]/g;

function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** A score or weight cell: a bare number, no unit, no sign. */
export function isPoints(token: string): boolean {
  return /^\d+(\.\d+)?$/.test(halfWidth(token));
}

export function isDash(token: string): boolean {
  return /^[-—–－─]+$/.test(token);
}
