import type { SourceDoc } from "@/lib/ingest/document";
import { yuanToWanyuan } from "@/lib/money/decimal";
import type { PerformanceSheet, Report } from "@/lib/report/schema";
import { parsePerformanceSheet } from "./performance-sheet";
import { parsePerformanceSummary } from "./performance-summary";
import { scanRegions, type Region } from "./regions";

type Kind = "summary" | "sheet";

const UNIT = /单位\s*[：:]\s*(万元|元)(?![\u4e00-\u9fff])/;

/** "2023年度市级预算项目绩效自评表" or "项目支出绩效自评结果汇总表"; a sentence that mentions one is not a title. */
function appendixKindOfTitle(plain: string): Kind | null {
  const t = plain.replace(/[\s"'“”‘’「」『』*#]/g, "").replace(/^(?:附件|附表)\d*[：:、.．]?/, "");
  if (/[，。；,;]/.test(t) || t.length > 48) return null;
  if (/绩效自评(?:情况|结果)?汇总表$/.test(t)) return "summary";
  if (/绩效自评表$/.test(t)) return "sheet";
  return null;
}

/**
 * 第五部分 附件 of a markdown / tab-separated document: the 绩效自评情况汇总表 and every 项目绩效自评表.
 * Amounts come out in 万元 (converted exactly when a sheet says 单位：元); scores, weights and rates as printed.
 */
export function parseMarkdownAppendix(doc: SourceDoc): Report["appendix"] {
  const regions = scanRegions(doc, appendixKindOfTitle, (k) => k === "summary");
  let performanceSummary: Report["appendix"]["performanceSummary"];
  const performanceSheets: PerformanceSheet[] = [];
  for (const region of regions) {
    const convert = converterOf(region);
    if (region.key === "summary") {
      performanceSummary ??= parsePerformanceSummary(doc.fileName, region, convert);
      continue;
    }
    const sheet = parsePerformanceSheet(doc.fileName, region, convert);
    if (sheet) performanceSheets.push(sheet);
  }
  return { ...(performanceSummary ? { performanceSummary } : {}), performanceSheets };
}

function converterOf(region: Region<Kind>): (v: string) => string {
  const unit = [region.title, ...region.meta.map((m) => m.text)].map((t) => UNIT.exec(t)?.[1]).find(Boolean);
  return unit === "元" ? yuanToWanyuan : (v) => v;
}
