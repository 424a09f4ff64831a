import type { Location } from "../audit/types";
import { D } from "../money/decimal";
import { pageOfLine, type Report, type Table } from "./schema";

/**
 * The query string of the source view (/reports/<id>/source) for a cited place: the page of a PDF or the line of a
 * text, the figure as stored (the view finds it however the document printed it: 2,940.05 or 2940.05) and a word
 * printed on the same row (the row's name) that tells one 0.00 from another. Undefined when there is no place.
 */
export function citationQuery(
  source: Pick<Report, "source">["source"],
  line: number | undefined,
  figure?: string,
  context?: string,
): string | undefined {
  if (line === undefined) return undefined;
  const page = pageOfLine({ source }, line);
  const p = new URLSearchParams();
  if (page !== undefined) p.set("page", String(page));
  else if (source.pageStarts) return undefined;
  else p.set("line", String(line));
  if (figure) p.set("q", figure);
  if (context) p.set("ctx", context);
  return p.toString();
}

/**
 * The figure a finding's location points at: a table cell's stored value when the location names one, else the
 * figure the document printed (`found`), which is what a narrative or appendix location cites.
 */
export function citedFigure(
  tables: readonly Table[],
  l: Location,
  finding: { expected?: string | null; found?: string | null },
): { figure?: string; context?: string } {
  const t = l.table ? tables.find((x) => x.id === l.table) : undefined;
  if (t && l.column) {
    const rows = t.rows.filter(
      (r) =>
        (l.rowKey === undefined || r.key === l.rowKey) &&
        (l.code === undefined || r.code === l.code) &&
        r.values[l.column!] !== undefined,
    );
    const row = rows.find((r) => r.sourceLine === l.sourceLine) ?? rows[0];
    if (row) return { figure: row.values[l.column], context: rowName(row) };
  }
  return { figure: finding.found ?? finding.expected ?? undefined };
}

/** The words a table row prints beside its figures, as the view looks for them on the page. */
export function rowName(r: Table["rows"][number]): string | undefined {
  const name = r.key === "total" ? "合计" : r.name.replace(/\s+/g, "");
  return name || undefined;
}

/** A printed number: 2,940.05 · 2940.05 · -3.1 · 71.73 (of 71.73%). Digits glued to other digits are not one. */
const NUMBER = /(?<![\d.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.,])-?\d+(?:\.\d+)?(?![\d,])/g;

/** Equal as decimals: 2,940.05 = 2940.050; 2940.5 ≠ 2940.05. */
function sameNumber(printed: string, figure: string): boolean {
  const canon = (s: string) => {
    const t = s.replace(/,/g, "");
    const [i, f = ""] = t.replace(/^-/, "").split(".");
    const int = i.replace(/^0+(?=\d)/, "");
    const frac = f.replace(/0+$/, "");
    const neg = t.startsWith("-") && /[1-9]/.test(int + frac);
    return `${neg ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
  };
  return canon(printed) === canon(figure);
}

/** Where a text prints the figure, as [start, end) character ranges; a figure that is not a number is found as written. */
export function figureRanges(text: string, figure: string): [number, number][] {
  const out: [number, number][] = [];
  if (!/^-?[\d,]+(\.\d+)?$/.test(figure)) {
    if (!figure) return out;
    for (let i = text.indexOf(figure); i >= 0; i = text.indexOf(figure, i + figure.length))
      out.push([i, i + figure.length]);
    return out;
  }
  for (const m of text.matchAll(NUMBER)) if (sameNumber(m[0], figure)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/**
 * The ways the original may print a stored figure: as stored, and for a document printed in 元 (stored ÷ 10000
 * in 万元) also the amount in 元. A percentage is never converted, so the stored form comes first.
 */
export function printedForms(figure: string, sourceUnit: "万元" | "元"): string[] {
  if (sourceUnit !== "元" || !/^-?\d+(\.\d+)?$/.test(figure)) return [figure];
  return [figure, new D(figure).times(10000).toFixed()];
}
