import type { BenchmarkMetric } from "../filters";
import { D } from "../money/decimal";
import { ratePct } from "./stats";

export type MetricDef = { unit: "%" | "万元" | "分" | "万元/人"; formula: string; source: string };

/** How each benchmark metric is computed, shown beside every ranking. */
export const METRIC_DEFS: Record<BenchmarkMetric, MetricDef> = {
  executionRate: {
    unit: "%",
    formula: "一般公共预算财政拨款支出决算 ÷ 年初预算 × 100",
    source: "公开05表合计；情况说明“一般公共预算财政拨款支出决算情况”中的年初预算",
  },
  smeShare: {
    unit: "%",
    formula: "授予中小企业合同金额 ÷ 政府采购支出总额 × 100（文件所述）",
    source: "情况说明“政府采购支出情况”",
  },
  sangongPerPersonnel: {
    unit: "%",
    formula: "“三公”经费决算 ÷ 人员经费 × 100",
    source: "公开09表决算数合计；公开06表人员经费合计",
  },
  sangongFinal: { unit: "万元", formula: "“三公”经费决算数合计", source: "公开09表" },
  publicCostShare: {
    unit: "%",
    formula: "公用经费 ÷（人员经费 + 公用经费）× 100",
    source: "公开06表人员经费合计、公用经费合计",
  },
  projectShare: { unit: "%", formula: "项目支出 ÷ 本年支出合计 × 100", source: "公开03表合计行；公开01表本年支出合计" },
  completeness: { unit: "分", formula: "模板要求披露的项目中已披露的比例 × 100", source: "审核时计算的信息完整度" },
  expenditureTotal: { unit: "万元", formula: "本年支出合计", source: "公开01表" },
  expenditurePerStaff: {
    unit: "万元/人",
    formula: "本年支出合计 ÷ 实有人数",
    source: "公开01表；机构设置所述实有人数（文件未述人数的部门列为缺少数据）",
  },
  personnelPerStaff: {
    unit: "万元/人",
    formula: "人员经费 ÷ 实有人数",
    source: "公开06表人员经费合计；机构设置所述实有人数（文件未述人数的部门列为缺少数据）",
  },
};

/**
 * The metric's value for one report from its headline figures; undefined when a figure it needs is not
 * disclosed (or a divisor is zero), so the department is listed as missing rather than ranked on a guess.
 */
export function metricValue(
  metric: BenchmarkMetric,
  figures: Record<string, string | undefined>,
  completeness?: string | null,
): string | undefined {
  const f = figures;
  switch (metric) {
    case "executionRate":
      return f.gpbExecutionRate ?? ratePct(f.gpbExpenditure, f.initialBudgetGpb);
    case "smeShare":
      return f.procurementSmeShare ?? ratePct(f.procurementSme, f.procurementTotal);
    case "sangongPerPersonnel":
      return ratePct(f.sangongFinal, f.personnelCost);
    case "publicCostShare":
      return f.publicCost === undefined || f.personnelCost === undefined
        ? undefined
        : ratePct(f.publicCost, new D(f.personnelCost).plus(f.publicCost).toFixed());
    case "projectShare":
      return ratePct(f.projectExpenditure, f.expenditureTotal);
    case "completeness":
      return completeness === null || completeness === undefined || completeness === ""
        ? undefined
        : new D(completeness).toFixed(2, D.ROUND_HALF_UP);
    case "sangongFinal":
      return f.sangongFinal;
    case "expenditureTotal":
      return f.expenditureTotal;
    case "expenditurePerStaff":
      return f.expenditurePerStaff;
    case "personnelPerStaff":
      return f.personnelCostPerStaff;
  }
}
