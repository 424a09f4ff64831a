import path from "node:path";
import { auditReport } from "../audit/run";
import { IDENTITIES, tablesOf } from "../report/identities";
import { pageOfLine, type Report, type Unread } from "../report/schema";
import { ParseError } from "./errors";
import { parseDocument, parseSourceDoc } from "./parse";
import { pdfToSourceDoc, type PdfSourceDoc } from "./pdf/to-source-doc";
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
  return finalFromPdf(text.pages.length, pdfToSourceDoc(name, bytes, text));
}

/** A PDF already rebuilt as lines → its report (tables without rules whose identities fail are set aside). */
export function finalFromPdf(pages: number, { doc, pageStarts, extraTables, streamTitleLines }: PdfSourceDoc): Report {
  try {
    const report = parseSourceDoc(doc, "pdf", { pages, pageStarts });
    return setAsideInconsistent({ ...report, extraTables: [...report.extraTables, ...extraTables] }, streamTitleLines);
  } catch (e) {
    // A PDF's reader would not know our line numbers: say the page instead.
    if (e instanceof ParseError && e.line !== undefined && e.page === undefined) {
      const page = pageStarts.filter((p) => p <= e.line!).length || undefined;
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

export { ParseError };

/** The within-table identities (row sums, 类 = Σ款 = Σ项, totals): audit rule id → the one table it compares. */
const WITHIN_TABLE = new Map(
  IDENTITIES.filter((i) => i.checkedBy.includes("audit")).flatMap((i) => {
    const tables = tablesOf(i);
    return tables.length === 1 ? [[i.id, tables[0]] as const] : [];
  }),
);

/**
 * A table rebuilt without ruling lines has inferred columns. When its own identities do not hold beyond rounding,
 * a column was probably misread: the table is set aside as unread rather than loaded with figures in the wrong
 * place. (Tables read from their rules keep their figures: an identity that fails there is the document's own
 * error, which the audit reports.)
 */
function setAsideInconsistent(report: Report, streamTitleLines: Set<number>): Report {
  if (streamTitleLines.size === 0) return report;
  const suspect = new Set(
    report.tables.filter((t) => t.sourceLine !== undefined && streamTitleLines.has(t.sourceLine)).map((t) => t.id),
  );
  if (suspect.size === 0) return report;
  const broken = new Map<string, string>();
  // Rows the template has no place for: a name split over two rows, or a name cut from its code. The identities
  // cannot see those (an empty row adds nothing), so they are checked apart: every row of 01/04 is one the form
  // names (it has a key), and every row has a name.
  for (const t of report.tables) {
    if (!suspect.has(t.id)) continue;
    const odd = t.rows.find((r) => ((t.id === "t01" || t.id === "t04") && !r.key) || r.name.trim() === "");
    if (odd) broken.set(t.id, `表中有模板没有的行：${odd.code ?? ""}${odd.name ? ` ${odd.name}` : "（无名称）"}`);
  }
  for (const f of auditReport(report)) {
    const id = WITHIN_TABLE.get(f.rule);
    if (!id || f.severity !== "error") continue;
    if (suspect.has(id) && !broken.has(id)) broken.set(id, `${f.message}`);
  }
  if (broken.size === 0) return report;
  if (broken.size === report.tables.length) {
    const [id, why] = [...broken][0];
    throw new ParseError({
      file: report.source.fileName,
      table: report.tables.find((t) => t.id === id)?.title,
      page: pageOfLine(report, report.tables.find((t) => t.id === id)?.sourceLine),
      message: "没有一张表能读得前后一致：表格没有表格线，按文字位置推断的各列都不满足表内勾稽关系",
      found: why.slice(0, 120),
    });
  }
  const unread: Unread[] = [...broken].map(([id, why]) => {
    const t = report.tables.find((x) => x.id === id)!;
    const page = pageOfLine(report, t.sourceLine);
    return {
      part: "table",
      where: t.title,
      ...(t.sourceLine ? { sourceLine: t.sourceLine } : {}),
      ...(page ? { page } : {}),
      text: why.slice(0, 200),
      message: "这张表没有表格线，按文字位置推断各列后表内勾稽关系不成立，可能读错了列，本表未载入",
    };
  });
  return { ...report, tables: report.tables.filter((t) => !broken.has(t.id)), unread: [...report.unread, ...unread] };
}
