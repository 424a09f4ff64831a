import type { Indicator, PerformanceSheet, Report } from "@/lib/report/schema";
import { FUND_LINES, indicatorLabels, sheetTitle, summaryTitle } from "./appendix-layout";
import { wrap } from "./format";
import type { PlainPages } from "./plain-pages";

const join = (parts: (string | undefined)[]) => parts.filter((p) => p !== undefined && p !== "").join(" ");

/** Goal text wraps narrowly in its cell; a line ending a sentence or standing short is read as the cell's end. */
const GOAL_WIDTH = 26;
const GOAL_END = /[。！？；.!?;”"）)]$/;
const INDICATOR_HEADER_FRAGMENT = /^[年度绩效指标一二三级]{1,8}$/;

/** 第五部分 附件 as the PDF extractor prints it: the 汇总表, then each 绩效自评表 on its own pages. */
export function plainAppendix(report: Report, pages: PlainPages): void {
  const s = report.appendix.performanceSummary;
  if (s) {
    pages.newPage();
    pages.block([
      summaryTitle(report).replace(/\s+/g, ""),
      `预算部门：${report.entity ?? report.department} 单位：万元`,
    ]);
    pages.block(["序号 项目名称 资金使用单位 全年预算数 自评得分 自评等级"]);
    // The extractor drops empty cells; this table prints “-” in them, which keeps every row's columns readable.
    for (const r of s.rows)
      pages.block([
        join([
          r.no !== undefined ? String(r.no) : undefined,
          r.name,
          r.unit ?? "-",
          r.budget ?? "-",
          r.score ?? "-",
          r.grade ?? "-",
        ]),
      ]);
    pages.block([join(["合计", s.total ?? "-", "-"])]);
    if (s.note) pages.lines(wrap(/^注/.test(s.note) ? `（${s.note}）` : `（注：${s.note}）`, 48, { badEnd: /[)）]$/ }));
  }
  for (const sheet of report.appendix.performanceSheets) plainSheet(report, sheet, pages);
}

function plainSheet(report: Report, sheet: PerformanceSheet, pages: PlainPages): void {
  pages.newPage();
  pages.block([sheetTitle(report), "单位：万元"]);
  pages.block([join(["项目名称", sheet.name, "主管部门", sheet.department])]);
  pages.block([join(["项目实施单位", sheet.implementingUnit, "联系电话"])]);
  pages.block(["项目预算执行情况（10分） 年初预算数 全年预算数（A） 全年执行数（B） 分值 执行率（B/A） 得分"]);
  for (const [key, label] of FUND_LINES) {
    const f = sheet.funds[key] ?? {};
    const rate = f.rate !== undefined ? `${f.rate}%` : undefined;
    // The 其中 lines print “-” under 分值 and 得分, which the template leaves out for them.
    const cells =
      key === "total"
        ? [f.initial, f.annual, f.executed, f.weight, rate, f.score]
        : [f.initial, f.annual, f.executed, f.weight ?? "-", rate, f.score ?? "-"];
    pages.block([join([label, ...cells])]);
  }
  pages.block(["年度总体目标", "年初预期目标 目标实际完成情况"]);
  pages.lines(goalLines(sheet.goals));
  pages.block([
    "年度绩效指标 一级指标 二级指标 三级指标 年度指标值（A） 实际完成指标值（B） 分值 得分 偏差原因分析及改进措施",
  ]);
  const labels = indicatorLabels(sheet.indicators);
  sheet.indicators.forEach((ind, i) => pages.block(indicatorLines(ind, labels[i])));
  pages.block([join(["总分", sheet.totalScore])]);
  pages.block(["总分在80分以下的项目未实现绩效目标的原因分析及拟采取的措施说明："]);
}

/**
 * The two goal cells run together in this layout; the extractor leaves trailing blanks after the first cell's last
 * line, which is how the plan is told from the result. A sheet with only a result prints its cell label instead.
 */
function goalLines(goals: PerformanceSheet["goals"]): string[] {
  const rules = { badEnd: GOAL_END, badLast: INDICATOR_HEADER_FRAGMENT, steady: true };
  const planned = goals.planned ? wrap(goals.planned, GOAL_WIDTH, rules) : [];
  const actual = goals.actual ? wrap(goals.actual, GOAL_WIDTH, rules) : [];
  if (planned.length === 0 && actual.length > 0) return [`目标实际完成情况：${actual[0]}`, ...actual.slice(1)];
  if (planned.length > 0 && actual.length > 0) planned[planned.length - 1] += "   ";
  return [...planned, ...actual];
}

/** 一级 and 二级 labels on lines of their own (merged cells), then 三级, values, 分值, 得分 and the deviation. */
function indicatorLines(ind: Indicator, labels: { level1?: string; level2?: string }): string[] {
  const lines: string[] = [];
  if (labels.level1) lines.push(labels.level1);
  if (labels.level2) lines.push(labels.level2);
  lines.push(join([ind.level3, ind.target, ind.actual, ind.weight, ind.score, ind.deviation]));
  return lines;
}
