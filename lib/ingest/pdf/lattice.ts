import type { PdfItem, PdfSegment } from "./extract";
import { weight } from "./split-items";

/**
 * Tables drawn with ruling lines (what Excel/WPS exports of the 决算 template print): the rules give the cells,
 * so wrapped names, numbers top-aligned above their label and codes split over 类/款/项 all land in the right cell.
 */

export type Grid = {
  /** bounding box, top-left origin */
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** the cell texts, row by row; a merged cell's text is repeated in every column it spans (rows: its top row) */
  rows: string[][];
  /** the y of each row's top, for page/line ordering */
  rowTops: number[];
};

const EPS = 1.5;
/** an amount (2,940.05 / 0.00 / -) or a classification code: what only data rows hold */
const DATA_CELL = /^-?[\d,]+\.\d+$|^\d{3}$|^\d{5}$|^\d{7}$/;

type H = { y: number; x0: number; x1: number };
type V = { x: number; y0: number; y1: number };

function cluster(values: number[], eps = EPS): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    if (out.length && v - out[out.length - 1] <= eps) continue;
    out.push(v);
  }
  return out;
}

/** Segments that touch each other form one table; a page can hold several. */
function components(hs: H[], vs: V[]): { hs: H[]; vs: V[] }[] {
  const n = hs.length + vs.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  for (let i = 0; i < hs.length; i++) {
    for (let j = 0; j < vs.length; j++) {
      const h = hs[i];
      const v = vs[j];
      if (v.x >= h.x0 - EPS && v.x <= h.x1 + EPS && h.y >= v.y0 - EPS && h.y <= v.y1 + EPS) union(i, hs.length + j);
    }
  }
  // A rule drawn as several pieces (one per cell edge) is still one rule.
  for (let i = 0; i < hs.length; i++) {
    for (let j = i + 1; j < hs.length; j++) {
      if (Math.abs(hs[i].y - hs[j].y) <= EPS && hs[i].x0 <= hs[j].x1 + EPS && hs[j].x0 <= hs[i].x1 + EPS) union(i, j);
    }
  }
  for (let i = 0; i < vs.length; i++) {
    for (let j = i + 1; j < vs.length; j++) {
      if (Math.abs(vs[i].x - vs[j].x) <= EPS && vs[i].y0 <= vs[j].y1 + EPS && vs[j].y0 <= vs[i].y1 + EPS)
        union(hs.length + i, hs.length + j);
    }
  }
  const groups = new Map<number, { hs: H[]; vs: V[] }>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, { hs: [], vs: [] });
    if (i < hs.length) groups.get(r)!.hs.push(hs[i]);
    else groups.get(r)!.vs.push(vs[i - hs.length]);
  }
  return [...groups.values()];
}

function center(it: PdfItem): { cx: number; cy: number } {
  // y is the baseline; glyphs rise about 0.8 of the font size above it
  return { cx: it.x + it.width / 2, cy: it.y - it.height * 0.35 };
}

/** Finds the ruled tables of a page and reads each into rows of cell texts. Items used are removed from `items`. */
export function readLattices(items: PdfItem[], segments: PdfSegment[]): { grids: Grid[]; rest: PdfItem[] } {
  const hs: H[] = segments
    .filter((s) => s.y0 === s.y1 && s.x1 - s.x0 > 4)
    .map((s) => ({ y: s.y0, x0: s.x0, x1: s.x1 }));
  const vs: V[] = segments
    .filter((s) => s.x0 === s.x1 && s.y1 - s.y0 > 4)
    .map((s) => ({ x: s.x0, y0: s.y0, y1: s.y1 }));
  const grids: Grid[] = [];
  let rest = items;
  for (const comp of components(hs, vs)) {
    const ys = cluster(comp.hs.map((h) => h.y).concat(comp.vs.flatMap((v) => [v.y0, v.y1])));
    const xs = cluster(comp.vs.map((v) => v.x).concat(comp.hs.flatMap((h) => [h.x0, h.x1])));
    // A grid needs column rules: a "three-line table" (rules above and below the header and at the bottom only) or
    // rows underlined without column rules is read from the text's positions instead (stream.ts).
    const columnRules = cluster(comp.vs.map((v) => v.x));
    if (ys.length < 2 || xs.length < 2 || comp.hs.length < 2 || columnRules.length < 3) continue;
    const grid = readGrid(comp.hs, comp.vs, xs, ys, rest);
    if (!grid) continue;
    grids.push(grid.grid);
    rest = grid.rest;
  }
  grids.sort((a, b) => a.top - b.top);
  return { grids, rest };
}

function readGrid(
  hs: H[],
  vs: V[],
  xs: number[],
  ys: number[],
  items: PdfItem[],
): { grid: Grid; rest: PdfItem[] } | null {
  const nr = ys.length - 1;
  const nc = xs.length - 1;
  const x0 = xs[0];
  const x1 = xs[nc];
  const top = ys[0];
  const bottom = ys[nr];
  const inside: { it: PdfItem; r: number; c: number }[] = [];
  const rest: PdfItem[] = [];
  for (const it of splitAtRules(items, xs.slice(1, -1), vs)) {
    const { cx, cy } = center(it);
    if (cx < x0 - EPS || cx > x1 + EPS || cy < top - EPS || cy > bottom + EPS) {
      rest.push(it);
      continue;
    }
    const r = Math.max(
      0,
      Math.min(
        nr - 1,
        ys.findIndex((y, k) => k < nr && cy >= y - EPS && cy <= ys[k + 1] + EPS),
      ),
    );
    const c = Math.max(
      0,
      Math.min(
        nc - 1,
        xs.findIndex((x, k) => k < nc && cx >= x - EPS && cx <= xs[k + 1] + EPS),
      ),
    );
    inside.push({ it, r, c });
  }
  if (inside.length === 0) return null;

  // A border exists between two atomic cells when a rule runs along their shared edge; where none does, the cells
  // are one merged cell (a header spanning columns, a name spanning 类/款/项 …).
  const hasV = (x: number, yMid: number) =>
    vs.some((v) => Math.abs(v.x - x) <= EPS && yMid >= v.y0 - EPS && yMid <= v.y1 + EPS);
  const hasH = (y: number, xMid: number) =>
    hs.some((h) => Math.abs(h.y - y) <= EPS && xMid >= h.x0 - EPS && xMid <= h.x1 + EPS);
  const parent = Array.from({ length: nr * nc }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let r = 0; r < nr; r++) {
    const yMid = (ys[r] + ys[r + 1]) / 2;
    for (let c = 0; c < nc; c++) {
      const xMid = (xs[c] + xs[c + 1]) / 2;
      if (c + 1 < nc && !hasV(xs[c + 1], yMid)) parent[find(r * nc + c)] = find(r * nc + c + 1);
      if (r + 1 < nr && !hasH(ys[r + 1], xMid)) parent[find(r * nc + c)] = find((r + 1) * nc + c);
    }
  }
  const spans = new Map<number, { r0: number; r1: number; c0: number; c1: number; items: PdfItem[] }>();
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      const root = find(r * nc + c);
      const s = spans.get(root);
      if (!s) spans.set(root, { r0: r, r1: r, c0: c, c1: c, items: [] });
      else {
        s.r0 = Math.min(s.r0, r);
        s.r1 = Math.max(s.r1, r);
        s.c0 = Math.min(s.c0, c);
        s.c1 = Math.max(s.c1, c);
      }
    }
  }
  for (const { it, r, c } of inside) spans.get(find(r * nc + c))!.items.push(it);

  const rows: string[][] = Array.from({ length: nr }, () => Array<string>(nc).fill(""));
  // Header labels spanning columns are repeated over every column they head; below the header a merged cell
  // (合计 across the code and name columns, 人员经费合计 across a block) is printed once, in its first column.
  const dataRows = new Set(inside.filter(({ it }) => DATA_CELL.test(it.str.trim())).map(({ r }) => r));
  const firstData = dataRows.size ? Math.min(...dataRows) : nr;
  for (const s of spans.values()) {
    if (s.items.length === 0) continue;
    const text = cellText(s.items);
    // A merged cell taller than one row (a label beside several rows) belongs to the row its text sits in.
    const cy = s.items.reduce((m, it) => m + center(it).cy, 0) / s.items.length;
    let row = s.r0;
    for (let r = s.r0; r <= s.r1; r++) if (cy >= ys[r] - EPS) row = r;
    const spansRows = s.r1 > s.r0;
    const at = spansRows && s.c1 !== s.c0 ? s.r0 : row;
    const last = at < firstData ? s.c1 : s.c0;
    for (let c = s.c0; c <= last; c++) rows[at][c] = text;
  }
  // Drop rows that are empty everywhere (rules drawn twice, decorative frames).
  // Empty rows go (rules drawn twice); empty columns stay: a table continued on the next page must line up with its
  // header column for column.
  const keepRows = rows.map((r, i) => ({ r, top: ys[i] })).filter(({ r }) => r.some((c) => c !== ""));
  const grid: Grid = { x0, x1, top, bottom, rows: keepRows.map(({ r }) => r), rowTops: keepRows.map(({ top }) => top) };
  return { grid, rest };
}

/** A cell's text: its lines top to bottom, each line's fragments left to right; CJK joins without spaces. */
export function cellText(items: PdfItem[]): string {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: PdfItem[][] = [];
  for (const it of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0].y - it.y) <= Math.max(2, it.height * 0.3)) line.push(it);
    else lines.push([it]);
  }
  return lines.map((l) => joinLine(l.sort((a, b) => a.x - b.x))).join("");
}

/** Fragments of one visual line: a gap wider than a character between two Latin/digit runs keeps a space. */
export function joinLine(items: PdfItem[], tabGap?: number): string {
  let out = "";
  let prev: PdfItem | undefined;
  for (const it of items) {
    if (prev) {
      const gap = it.x - (prev.x + prev.width);
      const size = Math.max(prev.height, it.height, 1);
      if (tabGap !== undefined && gap > tabGap * size) out += "  ";
      else if (gap > size * 0.25 && /[A-Za-z0-9.%)]$/.test(out) && /^[A-Za-z0-9(]/.test(it.str)) out += " ";
    }
    out += it.str;
    prev = it;
  }
  return out.replace(/\s+/g, (s) => (s.length > 1 ? "  " : " ")).trim();
}

/**
 * An item that runs across a column rule holds the end of one cell and the start of the next (pdfjs joins glyphs
 * that touch: a 0 right-aligned in one cell and the code 30203 left-aligned in the next arrive as "030203"): it is
 * cut at the rule, by the share of its width each character takes.
 */
function splitAtRules(items: PdfItem[], xs: number[], vs: V[]): PdfItem[] {
  const out: PdfItem[] = [];
  for (const it of items) {
    const cy = it.y - it.height * 0.35;
    const cuts = xs.filter(
      (x) =>
        x > it.x + 1 &&
        x < it.x + it.width - 1 &&
        vs.some((v) => Math.abs(v.x - x) <= EPS && cy >= v.y0 - EPS && cy <= v.y1 + EPS),
    );
    if (cuts.length === 0 || it.str.length < 2) {
      out.push(it);
      continue;
    }
    const chars = [...it.str];
    const total = weight(it.str);
    let acc = 0;
    let start = 0;
    let startX = it.x;
    let k = 0;
    for (let i = 0; i < chars.length; i++) {
      const w = (weight(chars[i]) / total) * it.width;
      const mid = it.x + acc + w / 2;
      if (k < cuts.length && mid > cuts[k]) {
        const str = chars.slice(start, i).join("");
        if (str.trim()) out.push({ ...it, str, x: startX, width: it.x + acc - startX });
        start = i;
        startX = it.x + acc;
        k++;
      }
      acc += w;
    }
    const str = chars.slice(start).join("");
    if (str.trim()) out.push({ ...it, str, x: startX, width: it.x + it.width - startX });
  }
  return out;
}
