import { count, pct, stored, text, wan } from "./columns";

/** The pack's year-over-year table: the narrative's changes beside last year as the store holds it. */
export const yoyColumns = [
  text("subject", "项目"),
  wan("current", "本年"),
  wan("change", "增减"),
  pct("pct", "增减率"),
  wan("implied", "上年（推算）", { title: "本年数 − 所述增减额" }),
  wan("stored", "上年（库中）", { title: "库中上一年度报告的同一数字" }),
  text("reason", "部门说明的原因"),
];

/** The pack's execution by subject; the 全年预算 columns only where the document gives one (`withAnnual`). */
export function executionColumns(withAnnual: boolean) {
  return [
    text("subject", "科目（类 / 款 / 项）"),
    wan("initialBudget", "年初预算"),
    ...(withAnnual ? [wan("annualBudget", "全年预算")] : []),
    wan("final", "支出决算"),
    pct("rate", "所述执行率"),
    pct("rateInitial", withAnnual ? "对年初预算" : "复算执行率", { title: "支出决算 ÷ 年初预算 × 100" }),
    ...(withAnnual ? [pct("rateAnnual", "对全年预算", { title: "支出决算 ÷ 全年预算 × 100" })] : []),
    text("reason", "部门说明的原因"),
  ];
}

/** The pack's download, one figure a row: the figure as the document gives it, every digit, beside its unit. */
export const packRowColumns = [
  text("section", "部分"),
  text("item", "项目"),
  stored("value", "数值"),
  text("unit", "单位"),
  text("where", "出处（页或行）"),
];

/** The department's budget documents beside its 决算, on the pack. */
export const packBudgetColumns = [
  text("year", "年度"),
  text("scope", "口径"),
  wan("expenditure", "支出预算"),
  wan("sangong", "“三公”预算"),
  wan("operatingCost", "机关运行经费预算"),
  pct("execution", "同年决算执行率", { title: "同年决算的一般公共预算财政拨款支出 ÷ 预算文件的一般公共预算支出" }),
  count("errors", "预算文件审核错误"),
];
