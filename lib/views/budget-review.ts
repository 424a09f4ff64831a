import { count, pct, text, wan } from "./columns";

/** The city's budgets of year N against N−1, biggest movers first. */
export const moverColumns = [
  text("department", "部门"),
  text("scope", "口径"),
  wan("budget", "支出预算"),
  wan("priorBudget", "上年支出预算"),
  wan("change", "增减"),
  pct("changePct", "增幅"),
  wan("sangong", "“三公”经费预算"),
  wan("priorSangong", "上年“三公”经费预算", { csvOnly: true }),
  count("errors", "审核错误"),
];

/** One department's budget lines (功能分类 or 经济分类) beside last year's budget and 决算. */
export const lineColumns = [
  text("code", "科目编码"),
  text("name", "科目名称"),
  wan("budget", "本年预算"),
  wan("priorBudget", "上年预算"),
  wan("growth", "增减"),
  pct("growthPct", "增幅"),
  wan("priorFinal", "上年决算"),
  pct("priorExecution", "上年执行率"),
  wan("statedPriorExecuted", "说明所述上年执行数"),
  wan("final", "本年决算"),
  pct("execution", "本年执行率"),
  text("flagged", "请关注"),
  text("reason", "部门说明"),
  count("sourcePage", "预算文件页"),
  count("sourceLine", "预算文件行"),
];

/** 三公 by category and 机关运行经费: the budget document against the 决算 of the same year. */
export const categoryColumns = [
  text("label", "项目"),
  wan("budget", "预算文件（年初）"),
  wan("finalBudget", "决算表所列预算"),
  wan("final", "决算"),
  pct("rate", "执行率", { title: "决算 ÷ 预算文件 × 100" }),
];

/** 三公 and 机关运行经费 budgets year by year. */
export const trendColumns = [
  text("year", "年度"),
  wan("expenditureBudget", "支出预算"),
  wan("sangongBudget", "“三公”预算"),
  wan("sangongFinal", "“三公”决算"),
  wan("operatingCostBudget", "机关运行经费预算"),
];
