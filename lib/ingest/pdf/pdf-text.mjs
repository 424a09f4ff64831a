// The one copy of the PDF text extraction. Plain JavaScript so that a worker thread can load it in every runtime the
// product uses (vitest, tsx, `next start`): Node 20 workers cannot load TypeScript. Types: pdf-text.d.mts.
// Callers: pdf-worker.mjs (the isolated path read-pdf.ts uses) and extract.ts (the same code in the calling thread).
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * More pages than any 决算 has by far: a page tree whose leaves are one page referenced a billion times opens in
 * milliseconds and would then be read page by page until the time limit; this says what is wrong at once.
 */
const MAX_PAGES = 1000;

/** Why a PDF gave no usable text: the reader turns each into a Chinese message with the file name. */
export class PdfReadError extends Error {
  /**
   * @param {import("./extract").PdfFailure} kind
   * @param {string} message
   * @param {number} [page] the page that could not be read
   */
  constructor(kind, message, page) {
    super(message);
    this.kind = kind;
    this.page = page;
    this.name = "PdfReadError";
  }
}

/**
 * Where pdfjs-dist is installed: it ships the CMaps (CJK fonts need them) and standard fonts, so nothing is fetched
 * from the network. Resolved from `from` (a file path), else from this file, else from the working directory (in
 * the Next.js server bundle this module's URL is not where it was written).
 * @param {string} [from]
 */
export function pdfjsDir(from) {
  const resolveFrom = (/** @type {string} */ p) => path.dirname(createRequire(p).resolve("pdfjs-dist/package.json"));
  if (from) return resolveFrom(from);
  try {
    return resolveFrom(fileURLToPath(import.meta.url));
  } catch {
    return resolveFrom(path.join(process.cwd(), "package.json"));
  }
}

/** @type {Map<string, Promise<any>>} */
const loaded = new Map();

/** @param {string} dir */
function loadPdfJs(dir) {
  // Loaded by file URL so that bundlers leave it alone; the legacy build is the one that runs on Node.
  let p = loaded.get(dir);
  if (!p) {
    p = import(
      /* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(path.join(dir, "legacy/build/pdf.mjs")).href
    );
    loaded.set(dir, p);
  }
  return p;
}

/**
 * pdfjs and a loading task for `bytes`, with the options every reading of a PDF uses (the reader's and the
 * benchmark's floor alike): the shipped CMaps and fonts, no code evaluation, no images.
 * @param {Uint8Array} bytes
 * @param {string} [dir]
 */
export async function openPdf(bytes, dir = pdfjsDir()) {
  const pdfjs = await loadPdfJs(dir);
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
    // Images are never needed for text and rulings: skip decoding them (the memory and time of a scan's pages).
    maxImageSize: 1,
    verbosity: 0,
  });
  return { pdfjs, task };
}

/**
 * Every text item of every page with its position (top-left origin) and the ruling lines of each page.
 * Throws PdfReadError (encrypted / corrupt, in Chinese, with the page where it broke).
 * @param {Uint8Array} bytes
 * @param {{ pdfjsDir?: string }} [options]
 * @returns {Promise<import("./extract").PdfText>}
 */
export async function extractPdfText(bytes, options = {}) {
  const { pdfjs, task } = await openPdf(bytes, options.pdfjsDir);
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = /** @type {Error} */ (e)?.name ?? "";
    if (name === "PasswordException") throw new PdfReadError("encrypted", "PDF 文件已加密（需要密码才能打开）");
    throw new PdfReadError("corrupt", "PDF 文件已损坏或不是有效的 PDF（无法读出文件结构）");
  }
  let n = 0;
  try {
    if (doc.numPages < 1) throw new PdfReadError("corrupt", "PDF 文件已损坏（文件中没有页面）");
    if (doc.numPages > MAX_PAGES)
      throw new PdfReadError("too-many-pages", `PDF 页数过多：共 ${doc.numPages} 页，超过 ${MAX_PAGES} 页的上限`);
    /** @type {import("./extract").PdfPage[]} */
    const pages = [];
    for (n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const vp = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      /** @type {import("./extract").PdfItem[]} */
      const items = [];
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
    throw new PdfReadError("corrupt", `PDF 文件已损坏，这一页无法读出文字（全文共 ${doc.numPages} 页）`, n);
  } finally {
    await doc.destroy();
  }
}

/** @typedef {[number, number, number, number, number, number]} Matrix */

/**
 * @param {Matrix} m
 * @param {Matrix} n
 * @returns {Matrix}
 */
function multiply(m, n) {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/**
 * @param {Matrix} m
 * @param {number} x
 * @param {number} y
 * @returns {[number, number]}
 */
function apply(m, x, y) {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/**
 * Straight, axis-parallel strokes and hairline fills: the borders a table is drawn with. Curves and clips are skipped.
 * @param {{ fnArray: number[]; argsArray: unknown[] }} ops
 * @param {Record<string, number>} OPS
 * @param {number[]} viewport
 * @returns {import("./extract").PdfSegment[]}
 */
function rulings(ops, OPS, viewport) {
  const painted = new Set([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fill,
    OPS.eoFill,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const fills = new Set([OPS.fill, OPS.eoFill]);
  /** @type {import("./extract").PdfSegment[]} */
  const out = [];
  let ctm = /** @type {Matrix} */ (viewport);
  /** @type {Matrix[]} */
  const stack = [];
  /** @type {(ax: number, ay: number, bx: number, by: number) => void} */
  const push = (ax, ay, bx, by) => {
    const [x0, y0] = apply(ctm, ax, ay);
    const [x1, y1] = apply(ctm, bx, by);
    if (Math.abs(y0 - y1) < 0.5)
      out.push({ x0: Math.min(x0, x1), x1: Math.max(x0, x1), y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
    else if (Math.abs(x0 - x1) < 0.5)
      out.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0: Math.min(y0, y1), y1: Math.max(y0, y1) });
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = /** @type {unknown[]} */ (ops.argsArray[i]);
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, /** @type {Matrix} */ (args));
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = /** @type {Matrix | null} */ (args[0]);
      if (m) ctm = multiply(ctm, m);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath) {
      const paint = /** @type {number} */ (args[0]);
      if (!painted.has(paint)) continue;
      const data = /** @type {ArrayLike<number>[] | undefined} */ (args[1])?.[0];
      if (!data) continue;
      /** @type {[number, number][]} */
      const pts = [];
      /** @type {[number, number] | undefined} */
      let start;
      /** @type {[number, number] | undefined} */
      let last;
      let curved = false;
      for (let k = 0; k < data.length; ) {
        const op = data[k];
        if (op === 0) {
          last = start = [data[k + 1], data[k + 2]];
          pts.push(last);
          k += 3;
        } else if (op === 1) {
          /** @type {[number, number]} */
          const p = [data[k + 1], data[k + 2]];
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
        // a loop, not Math.min(...xs): a path of a million points would overflow the call stack
        let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
        for (const [px, py] of pts) {
          if (px < minX) minX = px;
          if (px > maxX) maxX = px;
          if (py < minY) minY = py;
          if (py > maxY) maxY = py;
        }
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
