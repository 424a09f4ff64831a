// Types of pdf-text.mjs (the extraction itself is JavaScript so that a worker thread can load it anywhere).
import type { PdfFailure, PdfText } from "./extract";

export declare class PdfReadError extends Error {
  readonly kind: PdfFailure;
  /** the page that could not be read, when one page is the trouble */
  readonly page?: number;
  constructor(kind: PdfFailure, message: string, page?: number);
}

/** More pages than this: PdfReadError "too-many-pages". */
export declare const MAX_PAGES: number;

/** The pdfjs-dist install directory, resolved from `from` (a file path or URL) or else the working directory. */
export declare function pdfjsDir(from?: string): string;

export declare function extractPdfText(bytes: Uint8Array, options?: { pdfjsDir?: string }): Promise<PdfText>;

/** pdfjs and a loading task for the bytes, with the options every reading uses (shipped CMaps, no eval, no images). */
export declare function openPdf(
  bytes: Uint8Array,
  dir?: string,
): Promise<{
  pdfjs: typeof import("pdfjs-dist/legacy/build/pdf.mjs");
  task: import("pdfjs-dist/legacy/build/pdf.mjs").PDFDocumentLoadingTask;
}>;
