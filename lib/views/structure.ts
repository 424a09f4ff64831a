import { count, pct, text, wan } from "./columns";

/** 支出功能分类 at one level (类 / 款 / 项), 公开03表. */
export const subjectColumns = [
  text("code", "科目编码", { csvOnly: true }),
  text("name", "科目"),
  pct("share", "占比", { title: "该科目 ÷ 上级科目（类级为03表合计）× 100" }),
  wan("total", "本年支出合计"),
  wan("basic", "基本支出"),
  wan("project", "项目支出"),
  count("reports", "报告数", { title: "列出该科目的报告数" }),
];

/** Which departments list one subject. */
export const subjectDepartmentColumns = [
  text("department", "部门"),
  pct("share", "占该科目", { title: "该部门 ÷ 各部门该科目之和 × 100" }),
  wan("total", "本年支出合计"),
  wan("basic", "基本支出"),
  wan("project", "项目支出"),
  text("synthetic", "合成示例", { csvOnly: true }),
];

/** Departments side by side: shares of their spending; the amounts behind the shares go to the download. */
export const departmentShareColumns = [
  text("department", "部门"),
  text("scope", "类型", { csvOnly: true }),
  text("synthetic", "合成示例", { csvOnly: true }),
  wan("expenditureTotal", "本年支出合计"),
  wan("basic", "基本支出", { csvOnly: true }),
  pct("basicShare", "基本支出占比", { title: "基本支出 ÷ 本年支出合计" }),
  wan("project", "项目支出", { csvOnly: true }),
  pct("projectShare", "项目支出占比", { title: "项目支出 ÷ 本年支出合计" }),
  wan("personnel", "人员经费", { csvOnly: true }),
  pct("personnelShare", "人员经费占比", { title: "人员经费 ÷（人员经费 + 公用经费）" }),
  wan("public", "公用经费", { csvOnly: true }),
  pct("publicShare", "公用经费占比", { title: "公用经费 ÷（人员经费 + 公用经费）" }),
];

/** 经济分类 of 基本支出, 公开06表. */
export const economicColumns = [
  text("code", "经济分类编码", { csvOnly: true }),
  text("name", "经济分类"),
  text("part", "归属", { title: "人员经费 = 301 + 303，公用经费 = 302 + 307 + 310 + 312 + 399" }),
  wan("amount", "金额"),
  pct("share", "占基本支出", { title: "该科目 ÷（人员经费 + 公用经费）× 100" }),
  count("reports", "报告数"),
];

/** One department's structure by year. */
export const yearColumns = [
  text("year", "年度"),
  text("scope", "类型", { csvOnly: true }),
  text("synthetic", "合成示例", { csvOnly: true }),
  wan("expenditureTotal", "本年支出合计"),
  wan("basic", "基本支出"),
  pct("basicShare", "基本支出占比", { csvOnly: true }),
  wan("project", "项目支出"),
  pct("projectShare", "项目支出占比"),
  wan("personnel", "人员经费"),
  wan("public", "公用经费"),
  pct("personnelShare", "人员经费占比"),
];
