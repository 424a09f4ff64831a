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
export type PdfFailure = "encrypted" | "corrupt" | "too-many-pages";

/**
 * `extractPdfText(bytes)`: every text item of every page with its position, and the ruling lines, run by pdfjs in
 * the calling thread, with no limits; it throws `PdfReadError` (encrypted / corrupt). The code lives in
 * pdf-text.mjs, which the worker (pdf-worker.mjs) runs too: read-pdf.ts is the isolated, time- and memory-limited
 * way the product reads a PDF. Use this one only for scripts and trusted files.
 */
export { extractPdfText } from "./pdf-text.mjs";
