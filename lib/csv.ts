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

/**
 * A figure as the page prints it: two decimals where the column's format says so (amounts, rates, scores: "0" and
 * "0.00" alike become "0.00", a stored "100.0000" becomes "100.00"), counts, years and figures kept as stored
 * untouched; a site-relative link made absolute so it still opens from a spreadsheet. Anything not a plain number
 * passes through.
 */
export function printedCell(v: string | number, origin: string, format: Format): string | number {
  if (typeof v === "string" && v.startsWith("/") && !v.startsWith("//")) return `${origin}${v}`;
  const s = String(v);
  if (!/^-?\d+(\.\d+)?$/.test(s) || !twoDecimals(format)) return v;
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
