import { D } from "@/lib/money/decimal";

/** "8979.10" → "8,979.10", as disclosures print amounts; the digits themselves are never changed. */
export function groupThousands(amount: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  if (!m) return amount;
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (m[3] ?? "");
}

/** A narrative figure as the template prints it: "8,979.1". */
export const wan = (amount: string) => groupThousands(amount);

/** |x| of a signed decimal string, keeping its printed digits. */
export function magnitude(amount: string): string {
  return amount.replace(/^-/, "");
}

export function isNegative(amount: string): boolean {
  return new D(amount).isNeg() && !new D(amount).isZero();
}

const DIGITS = "零一二三四五六七八九";

/** 1 → 一, 10 → 十, 14 → 十四, 27 → 二十七, 105 → 一百零五: the ordinals of headings and glossary entries. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) return String(n);
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ""}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ""}`;
  const rest = n % 100;
  const tail =
    rest === 0 ? "" : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest);
  return `${DIGITS[Math.floor(n / 100)]}百${tail}`;
}

/** Characters that belong to one Latin word or one number: a PDF extractor never breaks a line inside them. */
const WORD = /[A-Za-z0-9.,%+\-_/:]/;

const CLOSING = /[，。、；：？！）」』”’》〉%．,;:?!)\]]/;
const OPENING = /[（「『“‘《〈(\[]/;

export type WrapRules = {
  /** a line must not end like this (the parser would take the line end for the end of a cell or sentence) */
  badEnd?: RegExp;
  /** the text after a break must not start like this (the parser would take it for a new entry) */
  badStart?: RegExp;
  /** a final fragment that matches this is glued to the line before instead */
  badLast?: RegExp;
  /** no line shorter than the one before by more than one character (the appendix reads a short line as a cell end) */
  steady?: boolean;
};

/**
 * Wraps text the way a PDF text extractor does: fixed-width lines, breaking anywhere in Chinese text but never inside
 * a number or Latin word and never next to a space (extractors trim line ends, so a space at a break would be lost),
 * and following the typesetting rule that no line starts with closing punctuation.
 */
export function wrap(text: string, width: number, rules: WrapRules = {}): string[] {
  const chars = Array.from(text.trim());
  const lines: string[] = [];
  let start = 0;
  let prevLen = 0;
  while (start < chars.length) {
    const target = rules.steady ? Math.max(width, prevLen - 1) : width;
    if (chars.length - start <= target) {
      lines.push(chars.slice(start).join(""));
      break;
    }
    let cut = -1;
    for (let b = start + target; b < chars.length; b++) {
      if (canBreak(chars, b, start, rules)) {
        cut = b;
        break;
      }
    }
    if (cut < 0) {
      lines.push(chars.slice(start).join(""));
      break;
    }
    const line = chars.slice(start, cut).join("");
    lines.push(line);
    prevLen = cut - start;
    start = cut;
  }
  if (rules.badLast && lines.length > 1 && rules.badLast.test(lines[lines.length - 1])) {
    const last = lines.pop()!;
    lines[lines.length - 1] += last;
  }
  return lines;
}

function canBreak(chars: string[], b: number, start: number, rules: WrapRules): boolean {
  const a = chars[b - 1];
  const c = chars[b];
  if (/\s/.test(a) || /\s/.test(c)) return false;
  if (WORD.test(a) && WORD.test(c)) return false;
  // Typesetting never starts a line with closing punctuation nor ends one with an opening bracket or quote.
  if (CLOSING.test(c) || OPENING.test(a)) return false;
  if (rules.badEnd && rules.badEnd.test(chars.slice(start, b).join(""))) return false;
  if (rules.badStart && rules.badStart.test(chars.slice(b).join(""))) return false;
  return true;
}

/** Ends a sentence with 。 unless it already ends with terminal punctuation. */
export function sentence(text: string): string {
  const t = text.trim();
  return /[。！？；]$/.test(t) ? t : `${t}。`;
}

/** The figure of a count as the narrative prints it ("5,728"). */
export const count = (n: number) => groupThousands(String(n));
