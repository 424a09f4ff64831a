import type { SourceDoc } from "@/lib/ingest/document";
import type { Report } from "@/lib/report/schema";
import { squeeze } from "./performance/lines";
import { parsePerformanceSheet } from "./performance/sheet";
import { parsePerformanceSummary } from "./performance/summary";

// Titles stand on a line of their own; a narrative sentence that merely mentions the tables has punctuation or runs on.
const SUMMARY_TITLE = /^(\d{4}年度?)?[^，。；：:,;“”]{0,30}绩效自评(情况|结果)?汇总表([（(][^）)]{0,12}[）)])?$/;
const SHEET_TITLE = /^(\d{4}年度?)?[^，。；：:,;“”]{0,30}绩效自评表([（(][^）)]{0,12}[）)])?$/;
const APPENDIX_HEADING = /^(第[一二三四五六七八九十\d]+部分)?附件$/;

/**
 * 附件 of a plain-text document: the 绩效自评汇总表 and every 绩效自评表. Both are found by their titles after the last
 * 附件 heading (the first one is usually the table of contents); a document without an appendix yields none.
 */
export function parsePlainTextAppendix(doc: SourceDoc): Report["appendix"] {
  const start = appendixStart(doc);
  const titles: { index: number; kind: "summary" | "sheet" }[] = [];
  for (let i = start; i < doc.lines.length; i++) {
    const s = squeeze(doc.lines[i]);
    if (SUMMARY_TITLE.test(s)) titles.push({ index: i, kind: "summary" });
    else if (SHEET_TITLE.test(s)) titles.push({ index: i, kind: "sheet" });
  }
  const appendix: Report["appendix"] = { performanceSheets: [] };
  for (const [k, t] of titles.entries()) {
    const end = titles[k + 1]?.index ?? doc.lines.length;
    if (t.kind === "sheet") appendix.performanceSheets.push(parsePerformanceSheet(doc, t.index, end));
    // a second summary (e.g. for transfer-payment projects) has no place in the report; the first is the 市级 one
    else if (!appendix.performanceSummary) appendix.performanceSummary = parsePerformanceSummary(doc, t.index, end);
  }
  return appendix;
}

function appendixStart(doc: SourceDoc): number {
  for (let i = doc.lines.length - 1; i >= 0; i--) if (APPENDIX_HEADING.test(squeeze(doc.lines[i]))) return i + 1;
  return 0;
}
