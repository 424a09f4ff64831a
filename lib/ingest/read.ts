import path from "node:path";
import type { Report } from "../report/schema";
import { ParseError } from "./errors";
import { parseDocument, parseSourceDoc } from "./parse";
import { pdfToSourceDoc } from "./pdf/to-source-doc";
import { readPdfText } from "./pdf/read-pdf";

/** A PDF starts with %PDF- (some generators put a few bytes of junk before it). */
export function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  return head.includes("%PDF-");
}

/**
 * Any document a user holds → a validated report: a PDF as published (read with positions, tables rebuilt from
 * geometry), the text a PDF extractor made, markdown / tab-separated tables, or the canonical JSON.
 */
export async function readDocument(fileName: string, bytes: Uint8Array): Promise<Report> {
  const name = path.basename(fileName);
  if (!isPdf(bytes)) return parseDocument(name, bytes);
  const text = await readPdfText(name, bytes);
  const { doc, pageStarts, extraTables } = pdfToSourceDoc(name, bytes, text);
  try {
    const report = parseSourceDoc(doc, "pdf", { pages: text.pages.length, pageStarts });
    return { ...report, extraTables: [...report.extraTables, ...extraTables] };
  } catch (e) {
    // A PDF's reader would not know our line numbers: say the page instead.
    if (e instanceof ParseError && e.line !== undefined && e.page === undefined) {
      const page = pageStarts.filter((p) => p <= e.line!).length || undefined;
      throw new ParseError({ file: e.file, message: e.message, table: e.table, section: e.section, line: e.line, page, expected: e.expected, found: e.found });
    }
    throw e;
  }
}

export { ParseError };
