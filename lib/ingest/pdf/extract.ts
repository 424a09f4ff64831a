import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/** One text fragment of a PDF page, in PDF units with the origin at the page's top-left (y grows downwards). */
export type PdfItem = {
  str: string;
  /** left edge */
  x: number;
  /** baseline, from the top of the page */
  y: number;
  width: number;
  /** font size (glyph height) */
  height: number;
};

/** A ruling line drawn on the page (table borders), top-left origin: horizontal when y0 = y1, vertical when x0 = x1. */
export type PdfSegment = { x0: number; y0: number; x1: number; y1: number };

export type PdfPage = { number: number; width: number; height: number; items: PdfItem[]; segments: PdfSegment[] };

export type PdfText = { pages: PdfPage[] };

/** Why a PDF gave no usable text: the reader turns each into a Chinese message with the file name. */
export type PdfFailure = "encrypted" | "corrupt";

export class PdfReadError extends Error {
  constructor(
    readonly kind: PdfFailure,
    message: string,
  ) {
    super(message);
    this.name = "PdfReadError";
  }
}

// The package ships its CMaps (CJK fonts need them) and standard fonts; nothing is fetched from the network.
function assetDir(): string {
  const require = createRequire(path.join(process.cwd(), "package.json"));
  return path.dirname(require.resolve("pdfjs-dist/package.json"));
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsPromise: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  // Loaded by file URL so that bundlers leave it alone; the legacy build is the one that runs on Node.
  pdfjsPromise ??= import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(path.join(assetDir(), "legacy/build/pdf.mjs")).href) as Promise<PdfJs>;
  return pdfjsPromise;
}

/**
 * Every text item of every page with its position. Runs pdfjs in the calling thread; see read-pdf.ts for the
 * isolated, time- and memory-limited way the product calls it.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<PdfText> {
  const pdfjs = await loadPdfJs();
  const dir = assetDir();
  const task = pdfjs.getDocument({
    // pdfjs takes ownership of (and detaches) the buffer it is given
    data: new Uint8Array(bytes),
    cMapUrl: path.join(dir, "cmaps") + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(dir, "standard_fonts") + path.sep,
    // A malicious font could otherwise run code (CVE-2024-4367).
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = (e as Error)?.name ?? "";
    if (name === "PasswordException") throw new PdfReadError("encrypted", "PDF 文件已加密（需要密码才能打开）");
    throw new PdfReadError("corrupt", `PDF 文件已损坏或不是有效的 PDF（${(e as Error)?.message ?? String(e)}）`);
  }
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const vp = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const it of content.items) {
        if (!("str" in it) || it.str.trim() === "") continue;
        // Convert to top-left origin through the viewport, so rotated pages read the same way as upright ones.
        const [x, y] = vp.convertToViewportPoint(it.transform[4], it.transform[5]);
        const height = Math.hypot(it.transform[2], it.transform[3]) || it.height;
        items.push({ str: it.str, x, y, width: it.width, height });
      }
      const segments = rulings(await page.getOperatorList(), pdfjs.OPS, vp.transform);
      pages.push({ number: n, width: vp.width, height: vp.height, items, segments });
      page.cleanup();
    }
    return { pages };
  } catch (e) {
    if (e instanceof PdfReadError) throw e;
    throw new PdfReadError("corrupt", `PDF 文件已损坏，无法读出文字（${(e as Error)?.message ?? String(e)}）`);
  } finally {
    await doc.destroy();
  }
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Straight, axis-parallel strokes and hairline fills: the borders a table is drawn with. Curves and clips are skipped. */
function rulings(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: Record<string, number>, viewport: number[]): PdfSegment[] {
  const painted = new Set([OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fills = new Set([OPS.fill, OPS.eoFill]);
  const out: PdfSegment[] = [];
  let ctm: Matrix = viewport as Matrix;
  const stack: Matrix[] = [];
  const push = (ax: number, ay: number, bx: number, by: number) => {
    const [x0, y0] = apply(ctm, ax, ay);
    const [x1, y1] = apply(ctm, bx, by);
    if (Math.abs(y0 - y1) < 0.5) out.push({ x0: Math.min(x0, x1), x1: Math.max(x0, x1), y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
    else if (Math.abs(x0 - x1) < 0.5) out.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0: Math.min(y0, y1), y1: Math.max(y0, y1) });
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args[0] as Matrix | null;
      if (m) ctm = multiply(ctm, m);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      if (!painted.has(paint)) continue;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      const pts: [number, number][] = [];
      let start: [number, number] | undefined;
      let last: [number, number] | undefined;
      let curved = false;
      for (let k = 0; k < data.length; ) {
        const op = data[k];
        if (op === 0) {
          last = start = [data[k + 1], data[k + 2]];
          pts.push(last);
          k += 3;
        } else if (op === 1) {
          const p: [number, number] = [data[k + 1], data[k + 2]];
          if (last) push(last[0], last[1], p[0], p[1]);
          last = p;
          pts.push(p);
          k += 3;
        } else if (op === 2) {
          curved = true;
          last = [data[k + 5], data[k + 6]];
          k += 7;
        } else if (op === 3) {
          curved = true;
          last = [data[k + 3], data[k + 4]];
          k += 5;
        } else if (op === 4) {
          if (last && start) push(last[0], last[1], start[0], start[1]);
          last = start;
          k += 1;
        } else break;
      }
      // A filled hairline rectangle is a rule drawn as a box: keep its long middle line instead of its four edges.
      if (fills.has(paint) && !curved && pts.length >= 4) {
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        const before = out.length;
        if (maxY - minY < 2 && maxX - minX > 2) {
          out.length = before - Math.min(before, pts.length);
          push(minX, (minY + maxY) / 2, maxX, (minY + maxY) / 2);
        } else if (maxX - minX < 2 && maxY - minY > 2) {
          out.length = before - Math.min(before, pts.length);
          push((minX + maxX) / 2, minY, (minX + maxX) / 2, maxY);
        }
      }
    }
  }
  return out.filter((s) => s.x1 - s.x0 > 1 || s.y1 - s.y0 > 1);
}
