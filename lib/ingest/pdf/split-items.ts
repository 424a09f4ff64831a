import type { PdfItem } from "./extract";

/**
 * pdfjs joins glyphs that sit close together into one text item, so an amount right-aligned in one cell and the
 * label left-aligned in the next ("-二、外交支出", "4,489.47五、教育支出"), or two amounts of neighbouring cells
 * ("100.43 4,489.47"), can arrive as one item. They are split where an amount meets text or where a space separates
 * amounts, each part placed by the share of the item's width its characters take (CJK characters are about twice
 * as wide as digits).
 */
const AMOUNT = "-?[\\d,]*\\d\\.\\d+";
/** where one cell's text ends and the next one's begins inside an item */
const BOUNDARY = new RegExp(
  [
    `(?<=^-|\\d\\.\\d+)(?=[\\u4e00-\\u9fff])`, // an amount (or a leading dash), then a label
    `(?<=[\\u4e00-\\u9fff）)])(?=${AMOUNT}$)`, // a label, then an amount at the end
    `\\s+(?=(?:${AMOUNT}|0|-)(?:\\s|$))`, // spaces before an amount, a 0 or a dash
    `(?<=(?:^|\\s)(?:${AMOUNT}|0|-))\\s+`, // spaces after an amount, a 0 or a dash
  ].join("|"),
  "g",
);

/** A string's printed width in half-width units: CJK characters are about twice as wide as digits and Latin. */
export function weight(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 2 : 1;
  return w;
}

export function splitItems(items: PdfItem[]): PdfItem[] {
  const out: PdfItem[] = [];
  for (const it of items) {
    const s = it.str;
    if (!/\d|-/.test(s)) {
      out.push(it);
      continue;
    }
    BOUNDARY.lastIndex = 0;
    const cuts: [number, number][] = [];
    for (let m = BOUNDARY.exec(s); m; m = BOUNDARY.exec(s)) {
      cuts.push([m.index, m.index + m[0].length]);
      if (m[0].length === 0) BOUNDARY.lastIndex++;
    }
    if (cuts.length === 0) {
      out.push(it);
      continue;
    }
    const total = weight(s);
    let from = 0;
    const pieces: [number, number][] = [];
    for (const [a, b] of cuts) {
      if (a > from) pieces.push([from, a]);
      from = b;
    }
    if (from < s.length) pieces.push([from, s.length]);
    for (const [a, b] of pieces) {
      const x = it.x + (weight(s.slice(0, a)) / total) * it.width;
      const width = (weight(s.slice(a, b)) / total) * it.width;
      const str = s.slice(a, b);
      if (str.trim() !== "") out.push({ ...it, str, x, width });
    }
  }
  return out;
}

/**
 * Some producers write one glyph per text item (Chromium with CJK fonts): glyphs on one baseline that touch are one
 * run again, so that 12398.05 is one number before the cuts above are made.
 */
export function mergeGlyphs(items: PdfItem[]): PdfItem[] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const out: PdfItem[] = [];
  for (const it of sorted) {
    const prev = out[out.length - 1];
    if (prev && Math.abs(prev.y - it.y) < 0.5 && Math.abs(prev.height - it.height) < 1) {
      const gap = it.x - (prev.x + prev.width);
      if (gap > -0.5 && gap < prev.height * 0.2) {
        out[out.length - 1] = { ...prev, str: prev.str + it.str, width: it.x + it.width - prev.x };
        continue;
      }
    }
    out.push(it);
  }
  return out;
}
