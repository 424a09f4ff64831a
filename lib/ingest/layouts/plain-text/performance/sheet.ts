import type { SourceDoc } from "@/lib/ingest/document";
import { normaliseAmount } from "@/lib/money/decimal";
import type { PerformanceSheet } from "@/lib/report/schema";
import { fundColumnOrder, parseFunds } from "./funds";
import { splitGoals } from "./goals";
import { parseIndicators } from "./indicators";
import {
  appendixError,
  contentLines,
  findUnit,
  isPoints,
  joinForLabels,
  type Line,
  squeeze,
  type Where,
} from "./lines";

const INDICATOR_HEADER_WORDS = /^[年度绩效指标一二三级]{1,8}$/;

/**
 * One 绩效自评表: lines (0-based) [titleIndex, end). The parts are found by their labels in template order
 * (项目名称, 项目实施单位, 年度资金总额, 年度总体目标, the indicator header, 总分), never by line counts.
 */
export function parsePerformanceSheet(doc: SourceDoc, titleIndex: number, end: number): PerformanceSheet {
  const titleLine = titleIndex + 1;
  const lines = contentLines(doc, titleIndex + 1, end);
  const where: Where = { file: doc.fileName };
  const after = (from: number, pred: (s: string) => boolean) => {
    for (let i = Math.max(from, 0); i < lines.length; i++) if (pred(squeeze(lines[i].text))) return i;
    return -1;
  };
  const missing = (what: string, expected: string, at?: Line) =>
    appendixError(where, {
      message: `绩效自评表缺少${what}`,
      line: at?.no ?? titleLine,
      expected,
      found: at?.text ?? "（空）",
    });

  const iName = after(0, (s) => s.includes("项目名称"));
  if (iName < 0) throw missing("项目名称", "项目名称 … 主管部门 …", lines[0]);
  const iImpl = after(iName + 1, (s) => s.includes("项目实施单位"));
  const iTotal = after(iName + 1, (s) => s.startsWith("年度资金总额") || s.startsWith("资金总额"));
  if (iTotal < 0)
    throw missing("年度资金总额行", "年度资金总额 年初预算数 全年预算数 全年执行数 分值 执行率 得分", lines[iName]);

  const head = joinForLabels(lines.slice(iName, iImpl > iName && iImpl < iTotal ? iImpl : iName + 1)).text;
  const nm = /项目名称\s*[：:]?\s*(.*?)\s*(?:主管部门\s*[：:]?\s*(.*))?$/.exec(head)!;
  const name = nm[1].replace(/\s+/g, " ");
  if (name === "") throw missing("项目名称", "项目名称 后面的项目名", lines[iName]);
  where.sheet = name;

  const sheet: PerformanceSheet = { name, funds: { total: {} }, goals: {}, indicators: [], sourceLine: titleLine };
  const department = nm[2]?.trim();
  if (department) sheet.department = department;
  if (iImpl > iName && iImpl < iTotal) {
    const impl = joinForLabels(lines.slice(iImpl, iImpl + 1)).text;
    const unit = /项目实施单位\s*[：:]?\s*(.*?)\s*(?:联系电话.*)?$/.exec(impl)?.[1];
    if (unit) sheet.implementingUnit = unit;
  }

  const iGoals = after(
    iTotal + 1,
    (s) => s.startsWith("年度总体目标") || s.includes("预期目标") || s.startsWith("总体目标"),
  );
  const i3 = after(iGoals < 0 ? iTotal + 1 : iGoals, (s) => s.includes("三级指标"));
  if (i3 < 0)
    throw missing(
      "绩效指标表头",
      "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
      lines[lines.length - 1],
    );
  const fundsEnd = iGoals < 0 ? i3 : iGoals;
  const headerStart = iImpl > iName && iImpl < iTotal ? iImpl + 1 : iName + 1;
  const unit = findUnit(lines.slice(0, iName)) ?? "万元";
  sheet.funds = parseFunds(
    lines.slice(iTotal, fundsEnd),
    fundColumnOrder(lines.slice(headerStart, iTotal)),
    unit,
    where,
  );

  if (iGoals >= 0) {
    const iGoalHead = after(iGoals, (s) => s.includes("预期目标"));
    const goalsFrom = iGoalHead >= 0 && iGoalHead < i3 ? iGoalHead + 1 : iGoals + 1;
    let goalsTo = i3;
    while (goalsTo > goalsFrom && INDICATOR_HEADER_WORDS.test(squeeze(lines[goalsTo - 1].text))) goalsTo--;
    sheet.goals = splitGoals(lines.slice(goalsFrom, goalsTo));
  }

  const headerEnd = indicatorHeaderEnd(lines, i3);
  if (headerEnd < 0) throw missing("绩效指标表头的末列", "分值 得分 偏差原因分析及改进措施", lines[i3]);
  const iScore = after(headerEnd + 1, (s) => /^总分(?:[：:]|$|[\d０-９])/.test(s));
  if (iScore < 0) {
    // 总分 stands just above the 总分在80分以下… note, so that is where it is missing; else at the end of the sheet
    const iNote = after(headerEnd + 1, (s) => s.startsWith("总分"));
    throw missing("总分行", "总分 N", lines[iNote >= 0 ? iNote : lines.length - 1]);
  }
  sheet.indicators = parseIndicators(lines.slice(headerEnd + 1, iScore), where);
  sheet.totalScore = readTotalScore(lines, iScore, where);
  return sheet;
}

/** The header runs from 三级指标 to 得分, or to 偏差原因分析及改进措施 when the template has that column. */
function indicatorHeaderEnd(lines: Line[], from: number): number {
  let acc = "";
  for (let j = from; j < lines.length; j++) {
    acc += squeeze(lines[j].text);
    if (acc.includes("偏差")) {
      if (acc.includes("措施")) return j;
      continue;
    }
    if (acc.includes("得分") && !squeeze(lines[j + 1]?.text ?? "").startsWith("偏差")) return j;
  }
  return -1;
}

function readTotalScore(lines: Line[], i: number, where: Where): string {
  const rest = lines[i].text.replace(/^总\s*分\s*[：:]?/, "").trim();
  let nums = rest === "" ? [] : rest.split(/\s+/).filter(isPoints);
  let at = lines[i];
  if (nums.length === 0 && lines[i + 1] && lines[i + 1].text.split(/\s+/).every(isPoints)) {
    at = lines[i + 1];
    nums = at.text.split(/\s+/);
  }
  if (nums.length === 0) {
    throw appendixError(where, { message: "总分行没有分数", line: at.no, expected: "总分 N", found: at.text });
  }
  // when both 分值 and 得分 are printed the score is the last one
  return normaliseAmount(nums[nums.length - 1])!;
}
