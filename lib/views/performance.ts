import { count, pct, score, text, wan } from "./columns";

/**
 * Each project's 绩效自评表: its rate, score and grade first (a phone shows them without scrolling), then the funds.
 * The sheet's (A) and (B) are in the titles: a label ending in brackets would keep the download from adding 万元.
 */
export const projectColumns = [
  text("name", "项目"),
  pct("rate", "执行率", { title: "全年执行数（B）÷ 全年预算数（A）× 100，自评表所列，未列时复算" }),
  score("score", "自评得分"),
  text("grade", "等级"),
  wan("annual", "全年预算数", { title: "自评表的全年预算数（A）" }),
  wan("executed", "全年执行数", { title: "自评表的全年执行数（B）" }),
  text("department", "部门"),
  count("indicatorCount", "指标", { pageOnly: true }),
  text("synthetic", "合成示例", { csvOnly: true }),
  text("implementingUnit", "实施单位", { csvOnly: true }),
  wan("initial", "年初预算数", { csvOnly: true }),
  text("rateStated", "执行率为文件所述", { csvOnly: true }),
  text("gradeDerived", "等级按得分推定", { csvOnly: true }),
  text("flagged", "评为优但执行率低", { csvOnly: true }),
  count("sourceLine", "原文行号", { csvOnly: true }),
];

/** The indicators of every sheet, one a row, as the sheets print them. */
export const indicatorColumns = [
  text("department", "部门"),
  text("synthetic", "合成示例"),
  text("project", "项目"),
  text("level1", "一级指标"),
  text("level2", "二级指标"),
  text("level3", "三级指标"),
  text("target", "年度指标值"),
  text("actual", "实际完成值"),
  text("weight", "分值"),
  score("score", "得分"),
  text("deviation", "偏差原因"),
  count("sourceLine", "原文行号"),
];

/** One sheet's indicators on a page (the pack, the one-project view): the tree's levels, then the sheet's cells. */
export const sheetIndicatorColumns = [
  text("level1", "一级指标"),
  text("level2", "二级指标"),
  text("level3", "三级指标"),
  text("target", "年度指标值"),
  text("actual", "实际完成值"),
  score("weight", "分值"),
  score("score", "得分"),
  text("deviation", "偏差原因"),
];

/** The pack's 绩效自评 projects: execution against both budgets (a cut 全年预算 makes B ÷ A look better), score, grade. */
export const packProjectColumns = [
  text("name", "项目"),
  wan("initial", "年初预算"),
  wan("annual", "全年预算（A）"),
  wan("executed", "执行数（B）"),
  pct("rateInitial", "B ÷ 年初预算"),
  pct("rate", "B ÷ A"),
  score("score", "自评得分"),
  text("grade", "等级"),
];
