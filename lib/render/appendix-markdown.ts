import type { PerformanceSheet, Report } from "@/lib/report/schema";
import { FUND_LINES, indicatorLabels, sheetTitle, summaryTitle } from "./appendix-layout";

const row = (cells: (string | undefined)[]) => cells.map((c) => c ?? "").join("\t");

/** 第五部分 附件 in the markdown seed's layout: the 绩效自评情况汇总表, then one 绩效自评表 per project. */
export function markdownAppendix(report: Report): string[] {
  const out: string[] = [];
  const s = report.appendix.performanceSummary;
  if (s) {
    out.push(summaryTitle(report), "", `预算部门（单位）：${report.entity ?? report.department}`, "", "单位：万元", "");
    out.push(row(["序号", "项目名称", "资金使用单位", "全年预算数", "自评得分", "自评等级"]));
    for (const r of s.rows)
      out.push(row([r.no !== undefined ? String(r.no) : "", r.name, r.unit, r.budget, r.score, r.grade]));
    out.push(row(["合计", "", "", s.total ?? "—", "—", ""]));
    if (s.note) out.push("", `注：${s.note}`);
    out.push("");
  }
  for (const sheet of report.appendix.performanceSheets) out.push(...markdownSheet(report, sheet));
  return out;
}

function markdownSheet(report: Report, sheet: PerformanceSheet): string[] {
  const out = [`# ${sheetTitle(report)}`, "", "单位：万元", ""];
  out.push(row(["项目名称", "", sheet.name, "", "", "主管部门", sheet.department, "", ""]));
  out.push(row(["项目实施单位", "", sheet.implementingUnit, "", "", "联系电话", "", "", ""]));
  out.push(
    row([
      "项目预算执行情况 (10分)",
      "",
      "",
      "年初预算数",
      "全年预算数(A)",
      "全年执行数(B)",
      "分值",
      "执行率(B/A)",
      "得分",
    ]),
  );
  for (const [key, label] of FUND_LINES) {
    const f = sheet.funds[key];
    const sub = key !== "total";
    out.push(
      row([
        "",
        "",
        label,
        f?.initial,
        f?.annual,
        f?.executed,
        f?.weight ?? (sub ? "-" : ""),
        f?.rate,
        f?.score ?? (sub ? "-" : ""),
      ]),
    );
  }
  out.push(row(["年度总体目标", "", "年初预期目标", "", "", "目标实际完成情况", "", "", ""]));
  if (sheet.goals.planned !== undefined || sheet.goals.actual !== undefined) {
    out.push(row(["", "", sheet.goals.planned, "", "", sheet.goals.actual, "", "", ""]));
  }
  out.push(
    row([
      "年度绩效指标",
      "一级指标",
      "二级指标",
      "三级指标",
      "年度指标值(A)",
      "实际完成指标值(B)",
      "分值",
      "得分",
      "偏差原因分析及改进措施",
    ]),
  );
  const labels = indicatorLabels(sheet.indicators);
  sheet.indicators.forEach((ind, i) => {
    out.push(
      row([
        "",
        labels[i].level1,
        labels[i].level2,
        ind.level3,
        ind.target,
        ind.actual,
        ind.weight,
        ind.score,
        ind.deviation,
      ]),
    );
  });
  out.push(row(["总分", "", "", sheet.totalScore, "", "", "", "", ""]));
  out.push(row(["总分在80分以下的项目未实现绩效目标的原因分析及拟采取的措施说明：", "", "", "", "", "", "", "", ""]));
  out.push("");
  return out;
}
