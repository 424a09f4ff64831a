import { count, score, text, wan } from "./columns";

/** The department list's download: each department with its latest year's total, errors and completeness. */
export const departmentListColumns = [
  text("department", "部门"),
  text("synthetic", "合成示例"),
  text("years", "年度"),
  wan("expenditureTotal", "最新年度本年支出合计"),
  count("errors", "审核错误"),
  score("completeness", "信息完整度"),
];
