import { count, pct, score, text } from "./columns";

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

/** One report's findings in the download (the pack prints them as rows with their places linked). */
export const departmentFindingColumns = [
  text("severityText", "级别"),
  text("ruleName", "规则"),
  text("rule", "规则编号"),
  text("message", "说明"),
  text("expected", "应为"),
  text("found", "文件所列"),
  text("where", "位置"),
];

/** 读取覆盖: the reports not read whole, least read first, with what was read and what was not. */
export const coverageColumns = [
  text("department", "部门"),
  count("year", "年度"),
  text("scope", "类型"),
  text("synthetic", "合成示例"),
  pct("coverage", "读取覆盖"),
  count("tablesRead", "读出的决算表（共9张）"),
  count("cellsPlaced", "已定位单元格"),
  count("cellsOpen", "待定单元格"),
  count("statementsRead", "已识别语句"),
  count("statementsUnread", "未读语句和段落"),
  count("unreadCount", "未读部分"),
  count("extraTables", "按原样保留的表"),
  text("sourceFile", "来源文件"),
  text("notes", "未读部分（前20处）"),
];

/** 未能读取的部分: every part of a document the reader set aside, with its place and its text. */
export const unreadNoteColumns = [
  text("department", "部门"),
  count("year", "年度"),
  text("synthetic", "合成示例"),
  pct("coverage", "读取覆盖"),
  text("part", "部分"),
  text("place", "位置"),
  count("page", "PDF 页码"),
  count("sourceLine", "原文行号"),
  text("message", "无法读取的原因"),
  text("text", "原文"),
];
