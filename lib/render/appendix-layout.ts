import type { Indicator, PerformanceSheet, Report } from "@/lib/report/schema";

export const summaryTitle = (report: Report) => `${report.year} 年度市级预算项目绩效自评情况汇总表`;
export const sheetTitle = (report: Report) => `${report.year}年度市级预算项目绩效自评表`;

export type FundKey = keyof PerformanceSheet["funds"];
/** The funds lines of a sheet in template order, with the label each is printed under. */
export const FUND_LINES: [FundKey, string][] = [
  ["total", "年度资金总额"],
  ["fiscal", "其中：当年财政拨款"],
  ["carryover", "上年结转资金"],
  ["other", "其他资金"],
];

/**
 * Which indicator cells to print on each row. Merged 一级/二级 cells are printed once, on the first row of their
 * span; a row is restated from its 一级 when its 二级 would otherwise be carried down from the row above.
 */
export function indicatorLabels(indicators: Indicator[]): { level1?: string; level2?: string }[] {
  let l1: string | undefined;
  let l2: string | undefined;
  return indicators.map((ind) => {
    const restate = ind.level1 !== l1 || (ind.level2 === undefined && l2 !== undefined);
    const out: { level1?: string; level2?: string } = {};
    if (restate) {
      out.level1 = ind.level1;
      if (ind.level2 !== undefined) out.level2 = ind.level2;
    } else if (ind.level2 !== l2) out.level2 = ind.level2;
    l1 = ind.level1;
    l2 = ind.level2;
    return out;
  });
}
