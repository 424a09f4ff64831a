import { count, score, text, wan } from "./columns";

/** The department list (/departments and its download): each department with its latest year's total, errors and completeness. */
export const departmentListColumns = [
  text("department", "部门"),
  // the page marks a demo-city department beside its name
  text("synthetic", "合成示例", { csvOnly: true }),
  text("years", "已载入年度"),
  wan("expenditureTotal", "最新年度本年支出合计"),
  count("errors", "审核错误"),
  score("completeness", "信息完整度"),
];
