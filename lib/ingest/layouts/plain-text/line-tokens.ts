import { normaliseAmount } from "@/lib/money/decimal";
import { isPageFooter } from "@/lib/ingest/document";

/** What one whitespace-separated token of a table line is. */
export type Token =
  | { kind: "amount"; text: string; raw: string }
  /** '-', '—' or similar printed in place of an empty cell: it still occupies a column */
  | { kind: "dash"; raw: string }
  | { kind: "text"; raw: string }
  /** digits mixed with stray characters ("l12.81", "1.2.3"): a number the extractor garbled */
  | { kind: "garbled"; raw: string };

const FULL_WIDTH_NUMERIC = /[０-９．，－＋]/g;
// Almost every line is already half-width: one scan instead of three replacements.
const NOT_HALF_WIDTH = /[０-９．，－＋\u2212\u3000]/;

export function toHalfWidth(s: string): string {
  if (!NOT_HALF_WIDTH.test(s)) return s;
  return s
    .replace(FULL_WIDTH_NUMERIC, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u2212/g, "-")
    .replace(/\u3000/g, " ");
}

const SPACES = /[\s\u3000]+/g;

/** Without any whitespace: PDF extraction spaces out CJK text ("合 计", "栏 次"). */
export function compact(s: string): string {
  return s.replace(SPACES, "");
}

// Thousands separators must group by three, otherwise "1,2" would silently become 12.
const AMOUNT = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const DASH = /^[-—–－―]+$/;
const CJK = /[\u3400-\u9fff\uf900-\ufaff（）【】《》“”、：；]/;

function classify(raw: string): Token {
  const t = toHalfWidth(raw);
  if (DASH.test(t)) return { kind: "dash", raw };
  if (AMOUNT.test(t)) {
    const text = normaliseAmount(t);
    if (text !== null) return { kind: "amount", text, raw };
  }
  if (/\d/.test(t) && !CJK.test(t)) return { kind: "garbled", raw };
  return { kind: "text", raw };
}

const TOKEN_SEPARATOR = /[\s\u3000]+/;

export function tokenize(line: string): Token[] {
  // trim() already strips U+3000, the only whitespace toHalfWidth would add
  const trimmed = line.trim();
  if (trimmed === "") return [];
  return trimmed.split(TOKEN_SEPARATOR).map(classify);
}

/** Joins name fragments: CJK text loses the spaces the extractor put in, Latin words keep one. */
export function joinName(parts: string[]): string {
  let out = "";
  for (const p of parts) {
    if (out && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(p)) out += " ";
    out += p;
  }
  return out;
}

/** Integer as a 行次 or column number: no decimals, no separators. */
export function asInteger(tok: Token): number | undefined {
  if (tok.kind !== "amount" || !/^\d+$/.test(tok.text)) return undefined;
  return Number.parseInt(tok.text, 10);
}

/** National subject codes: 类 3 digits, 款 5, 项 7 (economic codes 3 or 5). */
export function isSubjectCode(tok: Token | undefined): boolean {
  return tok !== undefined && tok.kind === "amount" && /^(\d{3}|\d{5}|\d{7})$/.test(tok.text);
}

/** "2080505机关事业单位…" glued by the extractor → ["2080505", "机关事业单位…"]. */
export function splitGluedCode(raw: string): [string, string] | undefined {
  const m = /^((?:\d{3}){1}(?:\d{2}){0,2})([\u3400-\u9fff（(].*)$/.exec(toHalfWidth(raw));
  return m ? [m[1], m[2]] : undefined;
}

const PAGE_NUMBER = [/^[-—–]\s*\d+\s*[-—–]$/, /^第\s*\d+\s*页$/, /^\d+\s*\/\s*\d+$/, /^page\s*\d+(\s*of\s*\d+)?$/i];

/** Page furniture that can fall anywhere inside a table: 第N页，共M页, "- 12 -", "12/40". */
export function isPageFurniture(line: string): boolean {
  const t = toHalfWidth(line).trim();
  return isPageFooter(t) || PAGE_NUMBER.some((re) => re.test(t));
}

/** The lines each table page repeats above its header: 公开NN表, 金额单位, 部门：/单位：. */
export function isPageHeaderLine(line: string, compacted = compact(line)): boolean {
  const c = toHalfWidth(compacted);
  return /公开\d+表/.test(c) || /金额单位/.test(c) || /^(编制)?(部门|单位)[:：]/.test(c);
}

/**
 * A column-number line ("1 2 3 … 12") or a 栏次 line: header furniture made of integers. `tokens` and `compacted`
 * (the line without whitespace): the line's, if at hand.
 */
export function isColumnNumberLine(line: string, tokens?: Token[], compacted = compact(line)): boolean {
  if (/栏次/.test(compacted)) return true;
  const toks = tokens ?? tokenize(line);
  if (toks.length < 2) return false;
  return toks.every((t, i) => asInteger(t) === i + 1);
}

/** Words that only occur in the column header of a table, never in a subject name. `tokens`: the line's, if at hand. */
export function isStrongHeaderLine(line: string, tokens?: Token[], compacted = compact(line)): boolean {
  const c = toHalfWidth(compacted);
  return (
    isColumnNumberLine(line, tokens, compacted) ||
    isPageHeaderLine(line, compacted) ||
    /科目编码|科目名称/.test(c) ||
    /^项目/.test(c) ||
    /^(科目|编码|金额|行次|行|次|收入支出|人员经费公用经费|预算数决算数)$/.test(c)
  );
}

export function isNoteLine(line: string, compacted = compact(line)): boolean {
  return /^(注|说明|备注)\s*\d*\s*[:：]/.test(compacted);
}

/** A printed sentence is complete when it ends with terminal punctuation; otherwise the PDF wrapped it. */
export function endsSentence(text: string): boolean {
  return /[。.！!；;）)]$/.test(text.trim());
}
