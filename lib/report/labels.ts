import type { TableId } from "./schema";

/** Column headings as the national template prints them (UI headers, audit locations and parser messages share this one map). */
export const COLUMN_LABELS: Record<TableId, Record<string, string>> = {
  t01: { amount: "金额" },
  t02: {
    total: "本年收入合计",
    fiscal: "财政拨款收入",
    superior: "上级补助收入",
    business: "事业收入",
    operating: "经营收入",
    affiliated: "附属单位上缴收入",
    other: "其他收入",
  },
  t03: {
    total: "本年支出合计",
    basic: "基本支出",
    project: "项目支出",
    upstream: "上缴上级支出",
    operating: "经营支出",
    subsidy: "对附属单位补助支出",
  },
  t04: {
    amount: "金额",
    total: "合计",
    gpb: "一般公共预算财政拨款",
    govFund: "政府性基金预算财政拨款",
    soe: "国有资本经营预算财政拨款",
  },
  t05: { total: "小计", basic: "基本支出", project: "项目支出" },
  t06: { amount: "金额" },
  t07: {
    carryBegin: "年初结转和结余",
    income: "本年收入",
    total: "本年支出小计",
    basic: "基本支出",
    project: "项目支出",
    carryEnd: "年末结转和结余",
  },
  t08: { total: "小计", basic: "基本支出", project: "项目支出" },
  t09: {
    budgetTotal: "预算数合计",
    budgetAbroad: "预算数因公出国（境）费",
    budgetVehicle: "预算数公务用车购置及运行维护费 小计",
    budgetVehiclePurchase: "预算数公务用车购置费",
    budgetVehicleOperation: "预算数公务用车运行维护费",
    budgetReception: "预算数公务接待费",
    finalTotal: "决算数合计",
    finalAbroad: "决算数因公出国（境）费",
    finalVehicle: "决算数公务用车购置及运行维护费 小计",
    finalVehiclePurchase: "决算数公务用车购置费",
    finalVehicleOperation: "决算数公务用车运行维护费",
    finalReception: "决算数公务接待费",
  },
};

export const SECTION_LABELS: Record<string, string> = {
  income: "收入",
  expenditure: "支出",
  personnel: "人员经费",
  public: "公用经费",
};

export const FIGURE_LABELS: Record<string, { label: string; unit: "万元" | "%" | "个" | "分"; formula: string }> = {
  incomeTotal: { label: "本年收入合计", unit: "万元", formula: "公开01表 本年收入合计" },
  expenditureTotal: { label: "本年支出合计", unit: "万元", formula: "公开01表 本年支出合计" },
  grandTotal: { label: "收支总计", unit: "万元", formula: "公开01表 总计" },
  basicExpenditure: { label: "基本支出", unit: "万元", formula: "公开03表 合计行 基本支出" },
  projectExpenditure: { label: "项目支出", unit: "万元", formula: "公开03表 合计行 项目支出" },
  personnelCost: { label: "人员经费", unit: "万元", formula: "公开06表 人员经费合计（301+303）" },
  publicCost: { label: "公用经费", unit: "万元", formula: "公开06表 公用经费合计（302+307+310+312+399）" },
  sangongBudget: { label: "三公经费预算", unit: "万元", formula: "公开09表 预算数 合计（全年预算）" },
  sangongFinal: { label: "三公经费决算", unit: "万元", formula: "公开09表 决算数 合计" },
  procurementTotal: { label: "政府采购支出", unit: "万元", formula: "情况说明 十一、政府采购支出总额" },
  procurementSme: { label: "授予中小企业合同金额", unit: "万元", formula: "情况说明 十一" },
  procurementSmeShare: {
    label: "中小企业份额",
    unit: "%",
    formula: "授予中小企业合同金额 ÷ 政府采购支出总额（文件所述）",
  },
  operatingCost: { label: "机关运行经费", unit: "万元", formula: "情况说明 十、机关运行经费支出" },
  initialBudgetGpb: { label: "一般公共预算财政拨款 年初预算", unit: "万元", formula: "情况说明 五（三）年初预算" },
  gpbExpenditure: { label: "一般公共预算财政拨款支出", unit: "万元", formula: "公开05表 合计 小计" },
  gpbExecutionRate: { label: "年初预算执行率", unit: "%", formula: "一般公共预算财政拨款支出 ÷ 年初预算 × 100" },
};
