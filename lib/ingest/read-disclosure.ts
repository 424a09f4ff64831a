import path from "node:path";
import { budgetKindOf, parseBudgetDoc } from "../budget/parse";
import type { Budget } from "../budget/schema";
import type { Report } from "../report/schema";
import { decodeDocument } from "./document";
import { coverLineOf } from "./document-kind";
import { ParseError } from "./errors";
import { readPdfText } from "./pdf/read-pdf";
import { pdfToSourceDoc } from "./pdf/to-source-doc";
import { finalFromPdf, readDocument } from "./read";

/** What a published document turned out to be: a 决算 (final accounts) or a 预算 (budget). */
export type Disclosure = { kind: "final"; report: Report } | { kind: "budget"; budget: Budget };

/**
 * Any document a user holds, whichever kind it is: a 部门/单位决算 becomes a report, a 部门/单位预算 a budget.
 * The cover decides (a budget never names 决算); both kinds are read from the same PDF grid or text lines, and a
 * PDF is read once.
 */
export async function readDisclosure(fileName: string, bytes: Uint8Array): Promise<Disclosure> {
  const name = path.basename(fileName);
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (!head.includes("%PDF-")) {
    if (path.extname(name).toLowerCase() !== ".json" && !head.trimStart().startsWith("{")) {
      const doc = decodeDocument(name, bytes);
      const kind = budgetKindOf(doc);
      const tabular =
        doc.lines.filter((l) => (l.includes("\t") || /^\s*\|.*\|\s*$/.test(l)) && /\d/.test(l)).length >= 5;
      if (kind) {
        if (!tabular) {
          throw new ParseError({
            file: name,
            section: "封面",
            line: coverLineOf(doc, kind.scope) || undefined,
            message: `这是一份${kind.scope}，但表格没有分栏，读不出各栏金额：请直接导入 PDF，或导入以制表符或 | 分隔各栏的文本`,
            expected: "PDF，或每行各栏以制表符/竖线分隔的表格",
            found: "纯文本（各栏以空格对齐）",
          });
        }
        return { kind: "budget", budget: parseBudgetDoc(doc, kind.scope, { layout: "markdown" }) };
      }
    }
    return { kind: "final", report: await readDocument(name, bytes) };
  }
  const text = await readPdfText(name, bytes);
  const pdf = pdfToSourceDoc(name, bytes, text);
  const kind = budgetKindOf(pdf.doc);
  if (!kind) return { kind: "final", report: finalFromPdf(text.pages.length, pdf) };
  try {
    const opts = {
      layout: "pdf" as const,
      pdf: { pages: text.pages.length, pageStarts: pdf.pageStarts },
      extraTables: pdf.extraTables,
    };
    return { kind: "budget", budget: parseBudgetDoc(pdf.doc, kind.scope, opts) };
  } catch (e) {
    if (e instanceof ParseError && e.line !== undefined && e.page === undefined) {
      const page = pdf.pageStarts.filter((p) => p <= e.line!).length || undefined;
      throw new ParseError({
        file: e.file,
        message: e.message,
        table: e.table,
        section: e.section,
        line: e.line,
        page,
        expected: e.expected,
        found: e.found,
      });
    }
    throw e;
  }
}
