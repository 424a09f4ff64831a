import { figureRanges } from "@/lib/report/cite";

/** A run of text in the page's text layer. */
export type Piece = { el: HTMLElement; text: string };
/** A box over the cited figure, in px from the page's top left. */
export type Box = { left: number; top: number; width: number; height: number; text: string };

function union(rects: DOMRect[], origin: DOMRect, text: string): Box {
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const right = Math.max(...rects.map((r) => r.right));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  return { left: left - origin.left, top: top - origin.top, width: right - left, height: bottom - top, text };
}

/** The rectangle of characters [from, to) of the pieces' joined text. */
function rangeBox(pieces: Piece[], starts: number[], from: number, to: number, origin: DOMRect): Box {
  const rects: DOMRect[] = [];
  let text = "";
  pieces.forEach((p, i) => {
    const a = Math.max(from, starts[i]);
    const b = Math.min(to, starts[i] + p.text.length);
    const node = p.el.firstChild;
    if (a >= b || !node) return;
    const range = document.createRange();
    range.setStart(node, a - starts[i]);
    range.setEnd(node, b - starts[i]);
    rects.push(range.getBoundingClientRect());
    text += p.text.slice(a - starts[i], b - starts[i]);
  });
  return union(rects, origin, text);
}

/**
 * Boxes over every place the page prints the figure: within one piece of text first, then across pieces (pdfjs
 * often splits "2,940.05" into "2," and "940.05"). When the figure is printed more than once, the places on a row
 * that also prints `context` (the row's name) are the cited ones.
 */
export function findFigure(pieces: Piece[], figure: string, context: string | undefined, origin: DOMRect): Box[] {
  const starts: number[] = [];
  let all = "";
  for (const p of pieces) {
    starts.push(all.length);
    all += p.text;
  }
  let ranges: [number, number][] = [];
  pieces.forEach((p, i) => {
    for (const [a, b] of figureRanges(p.text, figure)) ranges.push([starts[i] + a, starts[i] + b]);
  });
  if (ranges.length === 0) ranges = figureRanges(all, figure);
  let boxes = ranges.map(([a, b]) => rangeBox(pieces, starts, a, b, origin));
  if (boxes.length > 1 && context) {
    const rows = pieces
      .filter((p) => p.text.replace(/\s+/g, "").includes(context))
      .map((p) => p.el.getBoundingClientRect())
      .map((r) => ({ top: r.top - origin.top, bottom: r.bottom - origin.top }));
    const onRow = boxes.filter((b) =>
      rows.some(
        (r) => b.top + b.height / 2 >= r.top - b.height * 0.6 && b.top + b.height / 2 <= r.bottom + b.height * 0.6,
      ),
    );
    if (onRow.length) boxes = onRow;
  }
  return boxes;
}
