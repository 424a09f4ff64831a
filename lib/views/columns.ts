/**
 * A table's columns, declared once: the page renders them through <DataTable>, the CSV writes its header and figures
 * from them, and the JSON carries them beside the rows. The format decides the unit and the printed precision, so a
 * page and its download cannot disagree on either.
 */
/**
 * `decimal`: a figure whose unit varies by row or view (the page prints the unit), two decimals in the download.
 * `stored`: a figure written as the document gives it, every digit, in a column whose rows mix units (the pack's
 * one-figure-a-row download: 604.6242 万元 stays 604.6242, a count stays a count).
 */
export type Format = "wan" | "yuan" | "pct" | "score" | "decimal" | "stored" | "count" | "text";

export type Column<K extends string = string> = {
  key: K;
  /** the header as the page prints it; the CSV adds the unit (本年支出合计 → 本年支出合计（万元）) */
  label: string;
  format: Format;
  /** the formula or source, shown on hover */
  title?: string;
  /** only in the download (a figure the page folds into another column or leaves to the CSV) */
  csvOnly?: true;
  /** only on the page (a link or control the download has no use for) */
  pageOnly?: true;
};

const UNIT: Partial<Record<Format, string>> = { wan: "万元", yuan: "元", pct: "%" };

type Opts = Pick<Column, "title" | "csvOnly" | "pageOnly">;
const make =
  (format: Format) =>
  <K extends string>(key: K, label: string, opts: Opts = {}): Column<K> => ({ key, label, format, ...opts });

export const wan = make("wan");
export const score = make("score");
export const decimal = make("decimal");
export const yuan = make("yuan");
export const pct = make("pct");
export const count = make("count");
export const stored = make("stored");
export const text = make("text");

/** The header a download prints: the label with its unit, unless the label already names one. */
export function csvHeader(c: Pick<Column, "label" | "format">): string {
  const unit = UNIT[c.format];
  return unit && !/（[^）]*）$/.test(c.label) ? `${c.label}（${unit}）` : c.label;
}

/** Figures printed with two decimals, as the pages print them. */
export const twoDecimals = (f: Format) => f !== "count" && f !== "text" && f !== "stored";

/** Exact order of two decimal strings (a sort key must not round through a float); missing sorts last. */
export function compareDecimal(a: string | null | undefined, b: string | null | undefined): number {
  const na = a === null || a === undefined || a === "",
    nb = b === null || b === undefined || b === "";
  if (na || nb) return na === nb ? 0 : na ? 1 : -1;
  const sa = a.startsWith("-"),
    sb = b.startsWith("-");
  if (sa !== sb) return sa ? -1 : 1;
  const mag = compareMagnitude(sa ? a.slice(1) : a, sb ? b.slice(1) : b);
  return sa ? -mag : mag;
}

function compareMagnitude(a: string, b: string): number {
  const [ai, af = ""] = a.split(".");
  const [bi, bf = ""] = b.split(".");
  const ai2 = ai.replace(/^0+(?=\d)/, ""),
    bi2 = bi.replace(/^0+(?=\d)/, "");
  if (ai2.length !== bi2.length) return ai2.length < bi2.length ? -1 : 1;
  if (ai2 !== bi2) return ai2 < bi2 ? -1 : 1;
  const n = Math.max(af.length, bf.length);
  const fa = af.padEnd(n, "0"),
    fb = bf.padEnd(n, "0");
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}
