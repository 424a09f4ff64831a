import { compact, isColumnNumberLine, type GridLine } from "./cells";

/** A column's key and the words its printed header must contain. Earlier entries win a column first. */
export type ColumnSpec = readonly (readonly [key: string, pattern: RegExp, display: string])[];

/**
 * The header text of each column: the header rows' cells stacked top to bottom, spacing removed.
 * Merged header cells appear once, in their first column, so "本年支出 / 小计" stacks to "本年支出小计"
 * while the columns under the rest of the merge only get their own lower label.
 */
export function columnLabels(headerRows: GridLine[], width: number): string[] {
  const labels = Array<string>(width).fill("");
  for (const row of headerRows) {
    if (isColumnNumberLine(row.cells)) continue;
    row.cells.forEach((c, i) => {
      if (i < width) labels[i] += compact(c);
    });
  }
  return labels;
}

/** Assigns spec keys to the given columns by their labels; each key to one column at most. */
export function matchColumns(
  labels: string[],
  columns: number[],
  spec: ColumnSpec,
): { map: Map<string, number>; unmatched: number[] } {
  const map = new Map<string, number>();
  const unmatched: number[] = [];
  for (const col of columns) {
    const label = labels[col] ?? "";
    const hit = spec.find(([key, re]) => !map.has(key) && re.test(label));
    if (hit) map.set(hit[0], col);
    else if (label !== "") unmatched.push(col);
  }
  return { map, unmatched };
}

export function widthOf(rows: GridLine[]): number {
  return rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
}
