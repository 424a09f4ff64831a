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
// Template feature: every name of the 总表 (01/04) opens with one of these (an ordinal, or a fixed word of the form;
// 04 prints 一般公共预算财政拨款 … bare under 年初/年末财政拨款结转和结余, wrapped in a narrow column as 一般公共预/…),
// so a line that does not is a wrapped name's tail.
const ROW_START =
  /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|本年|年初|年末|总\s*计|合\s*计|使用非财政|结余分配|人员经费|公用经费|其中|一般公共预|政府性基金|国有资本经营)/;

type Line = { items: PdfItem[]; y: number; height: number };
const lineText = (l: Line) =>
  l.items
    .map((it) => it.str)
    .join("")
    .replace(/\s+/g, "");
/** a line that holds nothing but 合计 / 总计 */
const TOTAL_ONLY = /^(?:合计|总计)$/;
/** `lineNumbers`: the column is headed 行次 (its small integers number the rows) */
type Column = { x0: number; x1: number; lineNumbers?: boolean };

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

type Leaf = Column & { labels: Map<number, string>; top: number };

/** A header label: one line's cell, or a label wrapped over several lines (`li`: its first line). */
type HeadCell = { x0: number; x1: number; top: number; bottom: number; h: number; str: string; li: number };

const mid = (c: { x0: number; x1: number }) => (c.x0 + c.x1) / 2;

/**
 * Template feature: header labels are centred in their cells, and a label too long for a narrow column wraps onto
 * further lines centred on the same x, a line pitch apart (行/次, 一般公共预算财/政拨款, 因公出国（境）/费). The first
 * line of a wrap is the full one, so it is wider than the line under it, or as wide and then a mere line pitch above
 * it (two labels of equal width a header row apart are a group label over a column and stay apart). A label of one line in the same header row sits between a wrapped
 * label's lines when the row is middle-aligned: the wrap is joined across it.
 */
function headerCells(lines: Line[]): HeadCell[] {
  const all: HeadCell[] = lines.flatMap((l, li) =>
    cells(l).map((c) => ({
      x0: c.x,
      x1: c.x + c.width,
      top: l.y - c.height,
      bottom: l.y,
      h: c.height,
      str: c.str,
      li,
    })),
  );
  const out: HeadCell[] = [];
  for (const c of [...all].sort((a, b) => a.top - b.top || a.x0 - b.x0)) {
    const up = out.find((p) => {
      const gap = c.top - p.bottom;
      if (gap <= -0.2 * c.h || gap > 0.6 * c.h || Math.abs(mid(p) - mid(c)) > 1) return false;
      // wider above: a wrap; as wide: a wrap only a line pitch below (经济分类/科目编码), not a header row further down
      return p.x1 - p.x0 > c.x1 - c.x0 + 0.3 * c.h || (Math.abs(p.x1 - p.x0 - (c.x1 - c.x0)) < 1 && gap <= 0.45 * c.h);
    });
    if (up)
      Object.assign(up, {
        str: up.str + c.str,
        bottom: c.bottom,
        x0: Math.min(up.x0, c.x0),
        x1: Math.max(up.x1, c.x1),
      });
    else out.push({ ...c });
  }
  return out;
}

/**
 * Header columns, read bottom-up: the lowest labels give the first columns; a label above covers the columns below
 * it within half the distance to its neighbours (the labels level with it: a centred label over a group, 收入 | 支出,
 * 因公出国（境）费 over its 预算数 | 决算数), and a label that covers none is a column of its own (项目 over a blank
 * lower row; 合计 middle-aligned in a cell two rows high beside a group).
 */
function headerColumns(lines: Line[], edges: { left: number; right: number }): Leaf[] {
  const heads = headerCells(lines);
  const leaves: Leaf[] = [];
  const level = (a: HeadCell, b: HeadCell) =>
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.2 * Math.min(a.h, b.h);
  for (const c of [...heads].sort((a, b) => b.bottom - a.bottom || a.x0 - b.x0)) {
    const cx = mid(c);
    const beside = heads.filter((o) => o !== c && level(o, c)).map(mid);
    const left = Math.max(-Infinity, ...beside.filter((x) => x < cx));
    const right = Math.min(Infinity, ...beside.filter((x) => x > cx));
    const d = Math.min(cx - left, right - cx) / 2;
    // Template feature: a group label is centred over its columns, and the first (last) group of a header row starts
    // at the table's left (ends at its right) edge: so it reaches as far past its centre as the edge lies before it
    // (人员经费 over three columns beside 公用经费 over six; 收入 over 项目 | 金额 beside 支出 over five).
    // Only where no label beside it but those under it: one misplaced by middle alignment is no edge.
    const under = (o: HeadCell) => o.top >= c.bottom - 0.3 * c.h;
    const first = !heads.some((o) => o !== c && mid(o) < cx && !under(o));
    const last = !heads.some((o) => o !== c && mid(o) > cx && !under(o));
    let span: [number, number] | undefined;
    if (first && !last) span = [edges.left, 2 * cx - edges.left];
    else if (last && !first) span = [2 * cx - edges.right, edges.right];
    const below = leaves.filter((l) => l.top >= c.bottom - 0.3 * c.h); // only the columns under the label
    const overlaps = (l: Leaf) => l.x0 < c.x1 && l.x1 > c.x0;
    let covered = below.filter((l) => {
      const lc = (l.x0 + l.x1) / 2;
      if (span) return (lc > span[0] && lc < span[1]) || overlaps(l);
      return (d !== Infinity && Math.abs(lc - cx) < d) || (d === Infinity && beside.length === 0) || overlaps(l);
    });
    // A label is centred over the columns it heads: one beside them (科目名称 middle-aligned across two header rows,
    // next to 类 | 款 | 项) heads none of them.
    if (
      covered.length &&
      (cx < Math.min(...covered.map((l) => l.x0)) - 1 || cx > Math.max(...covered.map((l) => l.x1)) + 1)
    )
      covered = below.filter(overlaps);
    if (covered.length === 0) leaves.push({ x0: c.x0, x1: c.x1, top: c.top, labels: new Map([[c.li, c.str]]) });
    else for (const l of covered) l.labels.set(c.li, (l.labels.get(c.li) ?? "") + c.str);
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
    const edges = [L, R, ...body.flatMap((it) => [it.x, it.x + it.width]).filter((x) => x > L && x < R)].sort(
      (a, b) => a - b,
    );
    let best = { crossings: Infinity, aligned: -1, width: -1, at: (L + R) / 2 };
    for (let k = 0; k + 1 < edges.length; k++) {
      const a = edges[k];
      const b = edges[k + 1];
      if (b - a < 0.5) continue;
      const mid = (a + b) / 2;
      const crossings = body.filter((it) => it.x < mid && it.x + it.width > mid).length;
      // a border has amounts ending on its left and labels starting on its right, all on the same x (an amount's
      // left edge says nothing: amounts are right-aligned; codes, like names, are left-aligned, so their right edge
      // says nothing either: 30214 after 97800.00 in 基本支出's side-by-side blocks)
      const aligned = body.filter((it) =>
        AMOUNT.test(it.str.trim()) ? Math.abs(it.x + it.width - a) < 1.5 : Math.abs(it.x - b) < 1.5,
      ).length;
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

/** a cell of a body line, with the column it falls in */
type Piece = { it: PdfItem; col: number; y: number; line: Line };

/**
 * Template feature: the names of 01/04 open with an ordinal (一、… 二十二、…) or a fixed word (本年收入合计, 年末结转和结余 …).
 * A wrapped name's lines join the nearest row's line, which is wrong where a long name of one row ends closer to the
 * next row's line (names middle-aligned, amounts top-aligned). Within one column, an opener starts a new name: the
 * lines above a row's opener that lie above the row's own line end the previous row's name, and a second opener
 * (or an opener below lines of this row's own name) starts the next row's.
 */
function reassignOpenedNames(anchors: Anchor[]): void {
  const opens = (p: Piece) => !isData(p.it) && ROW_START.test(p.it.str.trim());
  for (let k = 0; k < anchors.length; k++) {
    const a = anchors[k];
    const tol = a.line.height * 0.3;
    for (const col of new Set(a.pieces.filter((p) => !isData(p.it)).map((p) => p.col))) {
      const text = a.pieces.filter((p) => p.col === col && !isData(p.it)).sort((x, y) => x.y - y.y);
      const first = text.findIndex(opens);
      if (first < 0) continue;
      const move = (ps: Piece[], to: { pieces: Piece[] } | undefined) => {
        if (!to || ps.length === 0) return;
        a.pieces = a.pieces.filter((p) => !ps.includes(p));
        to.pieces.push(...ps);
      };
      // lines above the opener and above the row's own line: the end of the previous row's name
      const before = text.slice(0, first);
      const above = before.filter((p) => p.y < a.line.y - tol);
      const own = before.filter((p) => !above.includes(p));
      let start = first;
      if (own.length > 0 && text[first].y > a.line.y + tol)
        start = first; // this row's name is `own`: the opener is the next row's
      else start = text.findIndex((p, i) => i > first && opens(p));
      if (above.length === before.length || own.length === 0) move(above, anchors[k - 1]);
      if (start > 0) move(text.slice(start), anchors[k + 1]);
    }
  }
  // A row's name that does not open (no ordinal, no fixed word) right under a name that did, on the next line, in a
  // row without a code: the last line of the name above, printed beside the next row's 行次 (a blank row's line).
  for (let k = 1; k < anchors.length; k++) {
    const a = anchors[k];
    if (a.pieces.some((p) => CODE.test(p.it.str.trim()))) continue;
    for (const col of new Set(a.pieces.filter((p) => !isData(p.it)).map((p) => p.col))) {
      const text = a.pieces.filter((p) => p.col === col && !isData(p.it)).sort((x, y) => x.y - y.y);
      const prev = anchors[k - 1].pieces.filter((p) => p.col === col && !isData(p.it)).sort((x, y) => x.y - y.y);
      if (text.length === 0 || prev.length === 0 || opens(text[0]) || !opens(prev[0])) continue;
      const last = prev[prev.length - 1];
      if (text[0].y - last.y > 0 && text[0].y - last.y < 2 * last.line.height && text.every((p) => !opens(p))) {
        a.pieces = a.pieces.filter((p) => !text.includes(p));
        anchors[k - 1].pieces.push(...text);
      }
    }
  }
}

type Anchor = { line: Line; pieces: Piece[] };

/**
 * Template feature (01/04 without 行次): a name that opens a row (一、…, 本年收入合计 …) is printed on a line of its own
 * when the row's amounts are top-aligned and the names middle-aligned, or when the other half's name is longer. A row's
 * amounts are never printed below the middle of its name, so such a line joins the nearest line of amounts at or
 * above its name's middle whose cell in that column is still empty (the amounts of its row, whose name it is). A
 * name whose row has no amounts finds that cell filled (the row above has its own name) and stays a row of its own.
 * Returns the lines that continue such a name (their text in that column goes with it).
 */
function joinNamesToAmounts(
  anchors: Anchor[],
  pending: Line[],
  piecesOf: (l: Line) => Piece[],
): Map<Line, { col: number; to: Anchor }> {
  const forced = new Map<Line, { col: number; to: Anchor }>();
  const hard = (a: Anchor) => a.line.items.some(isData);
  const hasText = (a: Anchor, col: number) => a.pieces.some((p) => p.col === col && !isData(p.it));
  for (const s of [...anchors].sort((a, b) => a.line.y - b.line.y)) {
    if (hard(s)) continue;
    const cols = new Set(s.pieces.map((p) => p.col));
    if (cols.size !== 1) continue;
    const [col] = cols;
    const h = s.line.height;
    // the name's further lines: text in the same column, a line pitch apart, that opens nothing
    const tail: Line[] = [];
    let last = s.line.y;
    for (const l of [...pending].sort((a, b) => a.y - b.y)) {
      if (l.y <= last) continue;
      if (l.y - last > 1.6 * h) break;
      const own = piecesOf(l).filter((p) => p.col === col && !isData(p.it));
      if (own.length === 0 || own.some((p) => ROW_START.test(p.it.str.trim()))) break;
      tail.push(l);
      last = l.y;
    }
    const middle = (s.line.y + last) / 2;
    const to = anchors
      .filter((a) => hard(a) && a.line.y <= middle + 0.3 * h && a.line.y >= middle - 3 * h)
      .sort((a, b) => b.line.y - a.line.y)[0];
    if (!to || hasText(to, col)) continue;
    to.pieces.push(...s.pieces);
    anchors.splice(anchors.indexOf(s), 1);
    for (const l of tail) forced.set(l, { col, to });
  }
  return forced;
}

/** 栏次 1 2 3 … under the header numbers the columns; it says nothing about where they are. */
const isColumnNumbers = (l: Line) =>
  l.items.every((it) => /^(栏次|行次|\d{1,2}|甲|乙)$/.test(it.str.trim())) && l.items.length > 2;

/**
 * Rebuilds one borderless table (the items between its title and its end on one page) as a grid. `columns`
 * carries a continued table's columns over to its next page, where the header is not repeated.
 */
export function readStreamTable(items: PdfItem[], carried?: Column[]): { grid: Grid; columns: Column[] } | null {
  const lines = toLines(items);
  let firstData = lines.findIndex((l) => l.items.some(isData));
  // Template feature: a table without data (07/08 with 本表无数据) still prints its header and a blank 合计 row.
  if (firstData < 0)
    firstData = lines.length > 1 && TOTAL_ONLY.test(lineText(lines[lines.length - 1])) ? lines.length - 1 : -1;
  if (firstData < 0) return null;
  // Template feature: no header label opens with an ordinal (一、 二十六、), every name of 01/04 does: a name printed
  // above the page's first amount (a blank row, or a name wrapped over a page's first lines) is the body's, not the
  // repeated header's.
  const named = lines.findIndex((l) => /^[一二三四五六七八九十]+、/.test(cells(l)[0]?.str.trim() ?? ""));
  if (named >= 0 && named < firstData) firstData = named;
  const headerLines = lines.slice(0, firstData).filter((l) => !isColumnNumbers(l));
  let columns: Column[] | undefined = carried;
  let leaves: Leaf[] = [];
  if (!columns || headerLines.length > 0) {
    const all = lines.flatMap((l) => l.items);
    leaves = headerColumns(headerLines, {
      left: Math.min(...all.map((it) => it.x)),
      right: Math.max(...all.map((it) => it.x + it.width)),
    });
    columns = leaves.map((l) => ({
      x0: l.x0,
      x1: l.x1,
      ...([...l.labels.values()].some((t) => /^行\s*次$/.test(t.trim())) ? { lineNumbers: true } : {}),
    }));
  }
  // Data cells right of every header column (an amount printed wider than its label) still need a column.
  const body = lines.slice(firstData);
  if (columns.length === 0) return null;

  const rows: string[][] = [];
  const rowTops: number[] = [];
  const width = columns.length;
  // Header: one row per header line; a spanning label is repeated over the columns it heads. Template feature: the
  // labels of one header row are printed on several lines when some wrap and the others are middle-aligned beside
  // them (科目编/码 | 科目名称 | 金额): lines that label different columns are one header row, as ruled cells would
  // give it (a label on the row's first line).
  headerLines.forEach((hl, li) => {
    if (leaves.length === 0) return;
    const row = leaves.map((l) => l.labels.get(li) ?? "");
    if (row.every((x) => x === "")) return;
    const prev = rows[rows.length - 1];
    if (prev && row.every((x, i) => x === "" || prev[i] === "")) row.forEach((x, i) => x && (prev[i] = x));
    else {
      rows.push(row);
      rowTops.push(hl.y - hl.height);
    }
  });

  const bounds = boundaries(columns, body.flatMap(cells));
  const cols = columns;
  const lineNumber = (it: PdfItem) =>
    /^\d{1,2}$/.test(it.str.trim()) && cols[columnOf(bounds, it)]?.lineNumbers === true;
  // Template feature: a 行次 column numbers every row, blank ones included. Where it does, the numbers alone mark the
  // rows' lines (a name that opens with 一、 may be printed a line below them, middle-aligned in its cell).
  const numbered = body.some((l) => l.items.some(lineNumber));
  // Body: anchors are lines with a code or an amount, or text that opens a row; other lines join the nearest anchor.
  const anchors: Anchor[] = [];
  const pending: Line[] = [];
  const kind = (l: Line) => {
    const hasData = l.items.some(isData);
    if (l.items.some(lineNumber)) return "anchor";
    const text = l.items
      .filter((it) => !isData(it))
      .map((it) => it.str)
      .join("")
      .trim();
    if (l.items.some((it) => CODE.test(it.str.trim()))) return "anchor";
    // a row with nothing but its 行次 (the template's blank rows) is still a row
    // (a lone 0 is an amount printed as 0, not a 行次)
    if (!text || /^\d{1,2}$/.test(text))
      return l.items.every((it) => /^\d{1,2}$/.test(it.str.trim()) && !AMOUNT.test(it.str.trim()))
        ? "anchor"
        : hasData
          ? "numbers"
          : "text";
    if (text && ROW_START.test(text) && !numbered) return "anchor";
    if (hasData && text) return "anchor";
    return hasData ? "numbers" : "text";
  };
  const piecesOf = (l: Line): Piece[] => cells(l).map((it) => ({ it, col: columnOf(bounds, it), y: l.y, line: l }));
  for (const l of body) {
    if (kind(l) === "anchor") anchors.push({ line: l, pieces: piecesOf(l) });
    else pending.push(l);
  }
  // Template feature: the 三公 table's one data row has no label at all, only amounts: such lines are the rows.
  if (anchors.length === 0) {
    for (const l of pending.splice(0).filter((x) => kind(x) === "numbers"))
      anchors.push({ line: l, pieces: piecesOf(l) });
  }
  if (anchors.length === 0) return null;
  const forced = numbered
    ? new Map<Line, { col: number; to: (typeof anchors)[number] }>()
    : joinNamesToAmounts(anchors, pending, piecesOf);
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
    const f = forced.get(l);
    for (const p of piecesOf(l)) (f && p.col === f.col && !isData(p.it) ? f.to : best).pieces.push(p);
  }
  reassignOpenedNames(anchors);
  for (const a of anchors) {
    const row = Array<string>(width).fill("");
    const byCol = new Map<number, PdfItem[]>();
    for (const p of a.pieces) byCol.set(p.col, [...(byCol.get(p.col) ?? []), p.it]);
    for (const [i, its] of byCol) {
      // Two amounts in one inferred column mean the columns were not found: the cell is left unreadable (the table
      // then becomes an unread note) rather than read as one number or half of it.
      const amounts = its.filter(isData);
      row[i] = amounts.length > 1 ? amounts.map((x) => x.str).join("／") : cellText(its);
    }
    rows.push(row);
    rowTops.push(Math.min(a.line.y - a.line.height, ...a.pieces.map((p) => p.line.y - p.line.height)));
  }
  const x0 = Math.min(...columns.map((c) => c.x0));
  const x1 = Math.max(...columns.map((c) => c.x1));
  return {
    grid: { x0, x1, top: rowTops[0] ?? 0, bottom: Math.max(...body.map((l) => l.y)), rows, rowTops },
    columns,
  };
}
