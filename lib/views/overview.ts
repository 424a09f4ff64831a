import { pct, score, text, wan } from "./columns";

/** Each department's headline figures (01表 totals, 三公, the execution rate and SME share), as the overview lists them. */
export const reportColumns = [
  text("department", "部门"),
  text("year", "年度", { csvOnly: true }),
  text("scope", "类型", { csvOnly: true }),
  text("synthetic", "合成示例", { csvOnly: true }),
  pct("gpbExecutionRate", "年初预算执行率", { title: "一般公共预算财政拨款支出 ÷ 年初预算" }),
  pct("procurementSmeShare", "中小企业份额"),
  wan("expenditureTotal", "本年支出合计"),
  wan("incomeTotal", "本年收入合计"),
  wan("basicExpenditure", "基本支出", { csvOnly: true }),
  wan("projectExpenditure", "项目支出", { csvOnly: true }),
  wan("sangongFinal", "“三公”经费决算"),
  score("completeness", "信息完整度"),
];

/** The flags, one a row, each with the link to its evidence (the page lists them instead of tabling them). */
export const flagColumns = [
  text("kind", "类别"),
  text("department", "部门"),
  text("synthetic", "合成示例"),
  text("text", "情况"),
  text("evidence", "原文证据链接"),
  text("evidenceNote", "原文证据说明"),
  text("href", "详情页链接"),
];
