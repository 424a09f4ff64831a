import { twoDecimals, type Format } from "./views/columns";

/** CSV for Excel: UTF-8 with BOM (Excel guesses GBK without it), CRLF, RFC 4180 quoting. */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const cell = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return "";
    let s = String(v);
    // A leading = + - @ would run as a formula in Excel; numbers keep their sign.
    if (/^[=+@]/.test(s) || (/^-/.test(s) && !/^-\d+(\.\d+)?$/.test(s))) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return "\uFEFF" + [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** Columns whose figures the pages print with two decimals: amounts (万元), rates and shares (%), points and scores. */
const TWO_DECIMALS = /万元|%|％|百分点|完整度|得分|分）|执行率|份额|占比/;

/**
 * A figure as the page prints it: two decimals in a column of amounts, rates or scores ("0" and "0.00" alike become
 * "0.00", a stored "100.0000" becomes "100.00"), counts and years untouched; a site-relative link made absolute so it
 * still opens from a spreadsheet. Anything not a plain number passes through.
 */
export function printedCell(label: string, v: string | number, origin: string, format?: Format): string | number {
  if (typeof v === "string" && v.startsWith("/") && !v.startsWith("//")) return `${origin}${v}`;
  const s = String(v);
  // a declared format decides; a column declared before formats existed is judged by its label
  if (!/^-?\d+(\.\d+)?$/.test(s) || !(format ? twoDecimals(format) : TWO_DECIMALS.test(label))) return v;
  const [int, frac = ""] = s.split(".");
  // exact: pad or round half-up on the decimal string, no float
  if (frac.length <= 2) return `${int}.${frac.padEnd(2, "0")}`;
  return roundHalfUp2(s);
}

function roundHalfUp2(s: string): string {
  const neg = s.startsWith("-");
  const [int, frac] = (neg ? s.slice(1) : s).split(".");
  const cents = BigInt(int + frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1n : 0n);
  const t = cents.toString().padStart(3, "0");
  const out = `${t.slice(0, -2)}.${t.slice(-2)}`;
  return neg && cents !== 0n ? `-${out}` : out;
}
