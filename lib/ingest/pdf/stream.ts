import type { PdfItem } from "./extract";
import { cellText, type Grid } from "./lattice";

/**
 * Tables printed without ruling lines: columns come from the header cells' x-extents, rows from the lines that
 * carry a code or an amount. Lines with text only continue the name of the nearest row (a name wrapped over two or
 * three lines, the code and amounts on the first or the middle one) unless they open a row of their own (一、…,
 * 本年收入合计, 总计 …); a line of amounts alone belongs to the nearest labelled line (amounts top-aligned a line
 * above their label).
 */

/** an amount, or an empty cell printed as - or 0 */
const AMOUNT = /^-?[\d,]+\.\d+$|^-$|^0$/;
const CODE = /^\d{3}$|^\d{5}$|^\d{7}$/;
const ROW_START = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|本年|年初|年末|总\s*计|合\s*计|使用非财政|结余分配|人员经费|公用经费|其中)/;

type Line = { items: PdfItem[]; y: number; height: number };
const lineText = (l: Line) => l.items.map((it) => it.str).join("").replace(/\s+/g, "");
/** a line that holds nothing but 合计 / 总计 */
const TOTAL_ONLY = /^(?:合计|总计)$/;
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
    // an amount, a code or a dash is a cell of its own even when the next text starts right after it
    if (prev && gap < Math.max(prev.height, it.height) * 0.35 && !isData(prev) && !isData(it)) {
      out[out.length - 1] = { ...prev, str: prev.str + it.str, width: it.x + it.width - prev.x };
    } else out.push(it);
  }
  return out;
}

type Leaf = Column & { labels: Map<number, string> };

/**
 * Header columns, read bottom-up: the lowest header line gives the first columns; a label above covers the columns
 * within half the distance to its neighbours on its own line (a centred label over a group: 收入 | 支出, 因公出国（境）费
 * over its 预算数 | 决算数), and a label that covers none is a column of its own (项目 over a blank lower row).
 */
function headerColumns(lines: Line[]): Leaf[] {
  const leaves: Leaf[] = [];
  for (let li = lines.length - 1; li >= 0; li--) {
    const lineCells = cells(lines[li]);
    const centers = lineCells.map(center);
    for (let k = 0; k < lineCells.length; k++) {
      const c = lineCells[k];
      const cx = centers[k];
      const gaps = [k > 0 ? cx - centers[k - 1] : Infinity, k + 1 < centers.length ? centers[k + 1] - cx : Infinity];
      const d = Math.min(...gaps) / 2;
      const covered = leaves.filter((l) => {
        const lc = (l.x0 + l.x1) / 2;
        return (Math.abs(lc - cx) < d && d !== Infinity) || (d === Infinity && lineCells.length === 1) || (l.x0 < c.x + c.width && l.x1 > c.x);
      });
      if (covered.length === 0) leaves.push({ x0: c.x, x1: c.x + c.width, labels: new Map([[li, c.str]]) });
      else for (const l of covered) l.labels.set(li, (l.labels.get(li) ?? "") + c.str);
    }
  }
  return leaves.sort((a, b) => a.x0 - b.x0);
}

/**
 * Where one column ends and the next begins: in the gap between their header labels, at the widest stretch that
 * the fewest body cells cross (amounts are right-aligned and labels left-aligned, so the white space between them
 * is the cell border nobody drew).
 */
function boundaries(cols: Column[], body: PdfItem[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < cols.length; i++) {
    const L = cols[i].x1;
    const R = cols[i + 1].x0;
    if (R - L < 2) {
      out.push((L + R) / 2);
      continue;
    }
    const edges = [L, R, ...body.flatMap((it) => [it.x, it.x + it.width]).filter((x) => x > L && x < R)].sort((a, b) => a - b);
    let best = { crossings: Infinity, aligned: -1, width: -1, at: (L + R) / 2 };
    for (let k = 0; k + 1 < edges.length; k++) {
      const a = edges[k];
      const b = edges[k + 1];
      if (b - a < 0.5) continue;
      const mid = (a + b) / 2;
      const crossings = body.filter((it) => it.x < mid && it.x + it.width > mid).length;
      // a border has amounts ending on its left and labels starting on its right, all on the same x (an amount's
      // left edge says nothing: amounts are right-aligned)
      const aligned = body.filter((it) => (isData(it) ? Math.abs(it.x + it.width - a) < 1.5 : Math.abs(it.x - b) < 1.5)).length;
      const better =
        crossings < best.crossings ||
        (crossings === best.crossings && (aligned > best.aligned || (aligned === best.aligned && b - a > best.width)));
      if (better) best = { crossings, aligned, width: b - a, at: mid };
    }
    out.push(best.at);
  }
  return out;
}

function columnOf(bounds: number[], it: PdfItem): number {
  const cx = center(it);
  let i = 0;
  while (i < bounds.length && cx >= bounds[i]) i++;
  return i;
}


/** 栏次 1 2 3 … under the header numbers the columns; it says nothing about where they are. */
const isColumnNumbers = (l: Line) => l.items.every((it) => /^(栏次|行次|\d{1,2}|甲|乙)$/.test(it.str.trim())) && l.items.length > 2;

/**
 * Rebuilds one borderless table (the items between its title and its end on one page) as a grid. `columns`
 * carries a continued table's columns over to its next page, where the header is not repeated.
 */
export function readStreamTable(items: PdfItem[], carried?: Column[]): { grid: Grid; columns: Column[] } | null {
  const lines = toLines(items);
  let firstData = lines.findIndex((l) => l.items.some(isData));
  // Template feature: a table without data (07/08 with 本表无数据) still prints its header and a blank 合计 row.
  if (firstData < 0) firstData = lines.length > 1 && TOTAL_ONLY.test(lineText(lines[lines.length - 1])) ? lines.length - 1 : -1;
  if (firstData < 0) return null;
  const headerLines = lines.slice(0, firstData).filter((l) => !isColumnNumbers(l));
  let columns: Column[] | undefined = carried;
  let leaves: Leaf[] = [];
  if (!columns || headerLines.length > 0) {
    leaves = headerColumns(headerLines);
    columns = leaves;
  }
  // Data cells right of every header column (an amount printed wider than its label) still need a column.
  const body = lines.slice(firstData);
  if (columns.length === 0) return null;

  const rows: string[][] = [];
  const rowTops: number[] = [];
  const width = columns.length;
  // Header: one row per header line; a spanning label is repeated over the columns it heads.
  headerLines.forEach((hl, li) => {
    if (leaves.length === 0) return;
    rows.push(leaves.map((l) => l.labels.get(li) ?? ""));
    rowTops.push(hl.y - hl.height);
  });

  // Body: anchors are lines with a code or an amount, or text that opens a row; other lines join the nearest anchor.
  const anchors: { line: Line; parts: Line[] }[] = [];
  const pending: Line[] = [];
  const kind = (l: Line) => {
    const hasData = l.items.some(isData);
    const text = l.items.filter((it) => !isData(it)).map((it) => it.str).join("").trim();
    if (l.items.some((it) => CODE.test(it.str.trim()))) return "anchor";
    // a row with nothing but its 行次 (the template's blank rows) is still a row
    if (!text || /^\d{1,2}$/.test(text)) return l.items.every((it) => /^\d{1,2}$/.test(it.str.trim())) ? "anchor" : hasData ? "numbers" : "text";
    if (text && ROW_START.test(text)) return "anchor";
    if (hasData && text) return "anchor";
    return hasData ? "numbers" : "text";
  };
  for (const l of body) {
    if (kind(l) === "anchor") anchors.push({ line: l, parts: [l] });
    else pending.push(l);
  }
  // Template feature: the 三公 table's one data row has no label at all, only amounts: such lines are the rows.
  if (anchors.length === 0) {
    for (const l of pending.splice(0).filter((x) => kind(x) === "numbers")) anchors.push({ line: l, parts: [l] });
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
  const bounds = boundaries(columns, body.flatMap(cells));
  for (const a of anchors) {
    const row = Array<string>(width).fill("");
    const byCol = new Map<number, PdfItem[]>();
    for (const part of a.parts) {
      for (const c of cells(part)) {
        const i = columnOf(bounds, c);
        byCol.set(i, [...(byCol.get(i) ?? []), c]);
      }
    }
    for (const [i, its] of byCol) {
      // Two amounts in one inferred column mean the columns were not found: the cell is left unreadable (the table
      // then becomes an unread note) rather than read as one number or half of it.
      const amounts = its.filter(isData);
      row[i] = amounts.length > 1 ? amounts.map((a) => a.str).join("／") : cellText(its);
    }
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
