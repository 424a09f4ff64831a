import { count, score, text } from "./columns";

/** 信息完整度排名: each latest report's share of the disclosures the template asks for, with its findings counted. */
export const completenessColumns = [
  text("department", "部门"),
  text("year", "年度", { csvOnly: true }),
  text("synthetic", "合成示例", { csvOnly: true }),
  score("completeness", "信息完整度"),
  count("errors", "错误"),
  count("warnings", "警告"),
];

/** 审核发现明细 in the download (the page prints each finding through <FindingsTable>, with its places and evidence). */
export const findingColumns = [
  text("department", "部门"),
  text("year", "年度"),
  text("synthetic", "合成示例"),
  text("severityText", "级别"),
  text("ruleName", "规则"),
  text("rule", "规则编号"),
  text("message", "说明"),
  text("expected", "应为"),
  text("found", "文件所列"),
  text("where", "位置"),
  text("evidence", "原文证据链接（第一处）"),
];
