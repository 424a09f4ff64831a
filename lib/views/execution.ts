import { PROJECT_RATE_FLOOR } from "../metrics/policy";
import { count, pct, score, text, wan } from "./columns";

/** Each department's 一般公共预算财政拨款: 年初预算 against 决算, with the reason it gives. */
export const departmentColumns = [
  text("department", "部门"),
  text("synthetic", "合成示例", { csvOnly: true }),
  text("scope", "类型", { csvOnly: true }),
  pct("rate", "执行率", { title: "决算 ÷ 年初预算 × 100（复算）" }),
  wan("initialBudget", "年初预算"),
  wan("final", "决算"),
  wan("difference", "差额", { title: "决算 − 年初预算" }),
  pct("statedRate", "文件所述"),
  text("outside", "超出阈值", { csvOnly: true }),
  text("reason", "部门说明的原因"),
  count("sourceLine", "原文行号", { csvOnly: true }),
];

/** 项-level items the 情况说明 lists one by one. */
export const itemColumns = [
  text("department", "部门"),
  text("synthetic", "合成示例", { csvOnly: true }),
  text("code", "科目编码", { csvOnly: true }),
  text("path", "科目（类 / 款 / 项）"),
  wan("initialBudget", "年初预算"),
  wan("final", "决算"),
  pct("rate", "完成率", { title: "文件所述，未述时复算：决算 ÷ 年初预算 × 100" }),
  text("rateStated", "完成率为文件所述", { csvOnly: true }),
  text("noInitialBudget", "年初无预算", { csvOnly: true }),
  text("reason", "部门说明的原因"),
  count("sourceLine", "原文行号", { csvOnly: true }),
];

/** How many departments and subjects fall in each band of execution rates. */
export const distributionColumns = [
  text("label", "执行率区间"),
  text("concern", "超出阈值"),
  count("departments", "部门数"),
  count("items", "科目数"),
];

/** 绩效 projects per department: Σ执行数 ÷ Σ全年预算数 and the self-evaluations. */
export const projectColumns = [
  text("department", "部门"),
  text("synthetic", "合成示例", { csvOnly: true }),
  count("projects", "自评项目"),
  wan("annual", "全年预算数（A）"),
  wan("executed", "执行数（B）"),
  pct("rate", "执行率 B/A"),
  pct("minRate", "最低项目执行率"),
  score("avgScore", "平均自评得分"),
  count("excellent", "评为优"),
  count("low", `执行率低于 ${PROJECT_RATE_FLOOR}% 的项目`),
];
