import type { PdfItem } from "./extract";
import { cellText, type Grid } from "./lattice";

/**
 * Tables printed without ruling lines: columns come from the header cells' x-extents, rows from the lines that
 * carry a code or an amount. Lines with text only continue the name of the nearest row (a name wrapped over two or
 * three lines, the code and amounts on the first or the middle one) unless they open a row of their own (一、…,
 * 本年收入合计, 总计 …); a line of amounts alone belongs to the nearest labelled line (amounts top-aligned a line
 * above their label).
 */

const AMOUNT = /^-?[\d,]+\.\d+$|^-$/;
const CODE = /^\d{3}$|^\d{5}$|^\d{7}$/;
const ROW_START = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|本年|年初|年末|总\s*计|合\s*计|使用非财政|结余分配|人员经费|公用经费|其中)/;

type Line = { items: PdfItem[]; y: number; height: number };
type Column = { x0: number; x1: number };

const center = (it: PdfItem) => it.x + it.width / 2;
const isData = (it: PdfItem) => AMOUNT.test(it.str.trim()) || CODE.test(it.str.trim());

function toLines(items: PdfItem[]): Line[] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  for (const it of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - it.y) <= Math.max(1.5, Math.min(line.height, it.height) * 0.35)) line.items.push(it);
    else lines.push({ items: [it], y: it.y, height: it.height });
  }
  for (const l of lines) l.items.sort((a, b) => a.x - b.x);
  return lines;
}

/** Items of one line that touch (a gap under a third of the font size) are one cell. */
function cells(line: Line): PdfItem[] {
  const out: PdfItem[] = [];
  for (const it of line.items) {
    const prev = out[out.length - 1];
    const gap = prev ? it.x - (prev.x + prev.width) : Infinity;
    if (prev && gap < Math.max(prev.height, it.height) * 0.35 && !(AMOUNT.test(prev.str) && AMOUNT.test(it.str))) {
      out[out.length - 1] = { ...prev, str: prev.str + it.str, width: it.x + it.width - prev.x };
    } else out.push(it);
  }
  return out;
}

/** Leaf columns: header cells that no other header cell sits under; cells stacked on each other are one column. */
function leafColumns(header: PdfItem[]): { leaves: Column[]; spanning: PdfItem[] } {
  const spanning = header.filter((h) => {
    const under = header.filter((o) => o !== h && o.y > h.y + 1 && center(o) >= h.x - 1 && center(o) <= h.x + h.width + 1);
    const distinct = new Set(under.map((o) => Math.round(center(o) / 8)));
    return distinct.size >= 2;
  });
  const leafItems = header.filter((h) => !spanning.includes(h)).sort((a, b) => a.x - b.x);
  const leaves: Column[] = [];
  for (const it of leafItems) {
    const hit = leaves.find((c) => it.x < c.x1 - 1 && it.x + it.width > c.x0 + 1);
    if (hit) {
      hit.x0 = Math.min(hit.x0, it.x);
      hit.x1 = Math.max(hit.x1, it.x + it.width);
    } else leaves.push({ x0: it.x, x1: it.x + it.width });
  }
  leaves.sort((a, b) => a.x0 - b.x0);
  return { leaves, spanning };
}

function nearestColumn(cols: Column[], it: PdfItem): number {
  const cx = center(it);
  let best = 0;
  let bestD = Infinity;
  cols.forEach((c, i) => {
    const d = cx < c.x0 ? c.x0 - cx : cx > c.x1 ? cx - c.x1 : 0;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/**
 * Rebuilds one borderless table (the items between its title and its end on one page) as a grid. `columns`
 * carries a continued table's columns over to its next page, where the header is not repeated.
 */
export function readStreamTable(items: PdfItem[], carried?: Column[]): { grid: Grid; columns: Column[] } | null {
  const lines = toLines(items);
  const firstData = lines.findIndex((l) => l.items.some(isData));
  if (firstData < 0) return null;
  const headerLines = lines.slice(0, firstData);
  const headerCells = headerLines.flatMap(cells);
  let columns = carried;
  let spanning: PdfItem[] = [];
  if (!columns || headerCells.length > 0) {
    const leaf = leafColumns(headerCells);
    spanning = leaf.spanning;
    columns = leaf.leaves;
  }
  // Data cells right of every header column (an amount printed wider than its label) still need a column.
  const body = lines.slice(firstData);
  if (columns.length === 0) return null;

  const rows: string[][] = [];
  const rowTops: number[] = [];
  const width = columns.length;
  // Header: one row per header line; a spanning label is repeated over the columns it heads.
  for (const hl of headerLines) {
    const row = Array<string>(width).fill("");
    for (const c of cells(hl)) {
      if (spanning.includes(c)) {
        columns.forEach((col, i) => {
          if (col.x1 > c.x - 1 && col.x0 < c.x + c.width + 1) row[i] = row[i] ? row[i] + c.str : c.str;
        });
      } else {
        const i = nearestColumn(columns, c);
        row[i] = row[i] ? row[i] + c.str : c.str;
      }
    }
    rows.push(row);
    rowTops.push(hl.y - hl.height);
  }

  // Body: anchors are lines with a code or an amount, or text that opens a row; other lines join the nearest anchor.
  const anchors: { line: Line; parts: Line[] }[] = [];
  const pending: Line[] = [];
  const kind = (l: Line) => {
    const hasData = l.items.some(isData);
    const text = l.items.filter((it) => !isData(it)).map((it) => it.str).join("").trim();
    if (l.items.some((it) => CODE.test(it.str.trim()))) return "anchor";
    if (text && ROW_START.test(text)) return "anchor";
    if (hasData && text) return "anchor";
    return hasData ? "numbers" : "text";
  };
  for (const l of body) {
    if (kind(l) === "anchor") anchors.push({ line: l, parts: [l] });
    else pending.push(l);
  }
  if (anchors.length === 0) return null;
  for (const l of pending) {
    let best = anchors[0];
    let bestD = Infinity;
    for (const a of anchors) {
      const d = Math.abs(a.line.y - l.y);
      if (d < bestD - 0.01) {
        bestD = d;
        best = a;
      }
    }
    best.parts.push(l);
  }
  for (const a of anchors) {
    const row = Array<string>(width).fill("");
    const byCol = new Map<number, PdfItem[]>();
    for (const part of a.parts) {
      for (const c of cells(part)) {
        const i = nearestColumn(columns, c);
        byCol.set(i, [...(byCol.get(i) ?? []), c]);
      }
    }
    for (const [i, its] of byCol) row[i] = cellText(its);
    rows.push(row);
    rowTops.push(Math.min(...a.parts.map((p) => p.y - p.height)));
  }
  const x0 = Math.min(...columns.map((c) => c.x0));
  const x1 = Math.max(...columns.map((c) => c.x1));
  return {
    grid: { x0, x1, top: rowTops[0] ?? 0, bottom: Math.max(...body.map((l) => l.y)), rows, rowTops },
    columns,
  };
}
