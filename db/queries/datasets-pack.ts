import "server-only";
import { ruleName } from "@/lib/audit/rule-names";
import { computeCompleteness } from "@/lib/audit/completeness";
import { departmentParamsSchema } from "@/lib/filters";
import { budgetCredibility } from "@/lib/metrics/credibility";
import { ADJUSTMENT_TEXT, budgetAdjustment, PROJECT_RATE_FLOOR } from "@/lib/metrics/policy";
import { ratePct } from "@/lib/metrics/stats";
import { computeCoverage } from "@/lib/report/coverage";
import { FIGURE_LABELS } from "@/lib/report/labels";
import { placeOfLine, type Report } from "@/lib/report/schema";
import { packRowColumns } from "@/lib/views/department";
import type { Dataset } from "./datasets";
import { getDepartmentReport, PEER_MEDIAN_KEYS } from "./department";
import { getReportProjects } from "./performance";

/** One figure of the pack: its section and item, the value as the document (or the product's formula) gives it, the unit and where it comes from. */
type PackRow = { section: string; item: string; value: string; unit: string; where: string };

type Num = string | number | null | undefined;

/** A row per figure the document gives; a figure it does not give is left out, never written as 0. */
function collector(report: Report) {
  const out: PackRow[] = [];
  const at = (line?: number) => (line ? placeOfLine(report, line) : "");
  const add = (section: string, item: string, value: Num, unit: string, where: string | number | undefined) => {
    if (value === null || value === undefined || value === "") return;
    out.push({
      section,
      item,
      value: String(value),
      unit,
      where: typeof where === "number" ? at(where) : (where ?? ""),
    });
  };
  return { out, add, at };
}

/** Every section of a department's review pack, one row per figure, in the order the pack shows them. */
export async function getDepartmentPackRows(id: number, year?: number, revision?: number): Promise<PackRow[]> {
  const d = await getDepartmentReport(id, year, revision);
  if (!d) return [];
  const { report, figures } = d;
  const n = report.narrative;
  const { out, add } = collector(report);

  const head = "基本信息";
  add(head, "部门", d.department, "", "");
  add(head, "年度", d.year, "", "");
  add(head, "口径", d.scope, "", "");
  add(head, "版本", d.revision, "", "");
  add(head, "来源文件", report.source.fileName, "", `SHA-256 ${report.source.sha256}`);
  add(head, "数据版本", d.dataVersion, "", "库中数据版本");

  for (const k of PEER_MEDIAN_KEYS) {
    const meta = FIGURE_LABELS[k];
    add("核心指标", meta.label, figures[k], meta.unit, meta.formula);
    add(
      "核心指标",
      `${meta.label}（同类${d.peerCounts[k] ?? 0}个${d.scope}中位数）`,
      d.peerMedians[k],
      meta.unit,
      "本产品计算：同年同口径同规模部门",
    );
    add("核心指标", `${meta.label}（上年，库中）`, d.priorFigures?.[k], meta.unit, `${d.year - 1} 年度报告`);
  }
  const cred = budgetCredibility(figures.initialBudgetGpb, figures.gpbExpenditure);
  if (cred) {
    add("预算可信度", "偏离度", cred.deviationPct, "%", "|一般公共预算财政拨款支出决算 − 年初预算| ÷ 年初预算");
    add("预算可信度", "等级（PEFA PI-1）", cred.grade, "", "偏离 5% 以内 A，10% 以内 B，15% 以内 C，超过 D");
  }
  add("信息完整度", "得分", computeCompleteness(report).score, "分", "已披露项 ÷ 模板要求项");
  add("读取覆盖", "读取覆盖", computeCoverage(report).percent, "%", "决算表、情况说明、附件读出比例的平均");

  for (const c of n.changes) {
    add("与上年相比", `${c.subject}（本年）`, c.current, "万元", c.sourceLine);
    add("与上年相比", `${c.subject}（增减）`, c.unchanged ? "0" : c.change, "万元", c.sourceLine);
    add("与上年相比", `${c.subject}（增减率）`, c.pct, "%", c.sourceLine);
  }

  const be = n.budgetExecution;
  if (be) {
    const s = "预算执行（一般公共预算财政拨款）";
    add(s, "合计（年初预算）", be.initialBudget, "万元", be.sourceLine);
    add(s, "合计（全年预算）", be.annualBudget, "万元", be.sourceLine);
    add(s, "合计（支出决算）", be.final, "万元", be.sourceLine);
    add(s, "合计（所述执行率）", be.rate, "%", be.sourceLine);
    for (const it of be.items) {
      const name = `${it.code ? `${it.code} ` : ""}${it.path.join("/")}`;
      add(s, `${name}（年初预算）`, it.initialBudget, "万元", it.sourceLine);
      add(s, `${name}（全年预算）`, it.annualBudget, "万元", it.sourceLine);
      add(s, `${name}（支出决算）`, it.final, "万元", it.sourceLine);
      add(
        s,
        `${name}（所述执行率）`,
        it.noInitialBudget ? "年初无预算" : it.rate,
        it.noInitialBudget ? "" : "%",
        it.sourceLine,
      );
      add(s, `${name}（执行率，对年初预算，复算）`, ratePct(it.final, it.initialBudget), "%", "支出决算 ÷ 年初预算");
      add(s, `${name}（执行率，对全年预算，复算）`, ratePct(it.final, it.annualBudget), "%", "支出决算 ÷ 全年预算");
      const a = budgetAdjustment(it.initialBudget, it.annualBudget);
      if (a && a.direction !== "unchanged")
        add(s, `${name}（预算${ADJUSTMENT_TEXT[a.direction]}）`, a.change, "万元", "全年预算 − 年初预算");
    }
  }

  const sg = n.sangong;
  if (sg) {
    const s = "“三公”经费";
    for (const [k, label] of [
      ["total", "合计"],
      ["abroad", "因公出国（境）费"],
      ["vehicle", "公务用车购置及运行维护费"],
      ["reception", "公务接待费"],
    ] as const) {
      add(s, `${label}（预算）`, sg[k]?.budget, "万元", sg.sourceLine);
      add(s, `${label}（决算）`, sg[k]?.final, "万元", sg.sourceLine);
    }
    add(s, "公务用车购置费", sg.vehiclePurchase, "万元", sg.sourceLine);
    add(s, "公务用车运行维护费", sg.vehicleOperation, "万元", sg.sourceLine);
    add(s, "出国团组", sg.abroadGroups, "个", sg.sourceLine);
    add(s, "出国人次", sg.abroadPersons, "人次", sg.sourceLine);
    add(s, "购置车辆", sg.vehiclesPurchased, "辆", sg.sourceLine);
    add(s, "保有车辆", sg.vehiclesKept, "辆", sg.sourceLine);
    add(s, "国内公务接待批次", sg.receptionDomestic?.batches, "批次", sg.sourceLine);
    add(s, "国内公务接待人次", sg.receptionDomestic?.persons, "人次", sg.sourceLine);
  }

  const pr = n.procurement;
  if (pr) {
    const s = "政府采购";
    add(s, "采购支出总额", pr.total, "万元", pr.sourceLine);
    add(s, "货物", pr.goods, "万元", pr.sourceLine);
    add(s, "工程", pr.works, "万元", pr.sourceLine);
    add(s, "服务", pr.services, "万元", pr.sourceLine);
    add(s, "授予中小企业合同金额", pr.sme, "万元", pr.sourceLine);
    add(s, "中小企业份额", pr.smeShare, "%", pr.sourceLine);
    add(s, "其中授予小微企业", pr.smallMicro, "万元", pr.sourceLine);
    add(s, "小微企业份额", pr.smallMicroShare, "%", pr.sourceLine);
  }
  add("机关运行经费与国有资产", "机关运行经费", n.operatingCost?.amount, "万元", n.operatingCost?.sourceLine);
  add(
    "机关运行经费与国有资产",
    "机关运行经费比年初预算增减",
    n.operatingCost?.changeVsBudget,
    "万元",
    n.operatingCost?.sourceLine,
  );
  add("机关运行经费与国有资产", "车辆", n.assets?.vehicles, "辆", n.assets?.sourceLine);
  add(
    "机关运行经费与国有资产",
    "单位价值 100 万元以上设备",
    n.assets?.largeEquipment,
    "台（套）",
    n.assets?.sourceLine,
  );

  if (n.performance) {
    add("绩效自评", "自评项目数", n.performance.projectCount, "个", "情况说明");
    add("绩效自评", "涉及资金", n.performance.funds, "万元", "情况说明");
    for (const [g, c] of Object.entries(n.performance.gradeCounts))
      add("绩效自评", `评为“${g}”的项目`, c, "个", "情况说明");
  }
  for (const p of await getReportProjects(d.reportId, PROJECT_RATE_FLOOR)) {
    const s = "绩效自评项目";
    add(s, `${p.name}（年初预算）`, p.initial, "万元", p.sourceLine);
    add(s, `${p.name}（全年预算）`, p.annual, "万元", p.sourceLine);
    add(s, `${p.name}（全年执行数）`, p.executed, "万元", p.sourceLine);
    add(
      s,
      `${p.name}（执行率，执行数 ÷ 全年预算）`,
      p.rate,
      "%",
      p.rateStated ? p.sourceLine : "本产品计算：执行数 ÷ 全年预算",
    );
    add(
      s,
      `${p.name}（执行率，执行数 ÷ 年初预算）`,
      ratePct(p.executed, p.initial),
      "%",
      "本产品计算：执行数 ÷ 年初预算",
    );
    const a = budgetAdjustment(p.initial, p.annual);
    if (a && a.direction !== "unchanged")
      add(s, `${p.name}（预算${ADJUSTMENT_TEXT[a.direction]}）`, a.change, "万元", "全年预算 − 年初预算");
    add(s, `${p.name}（自评得分）`, p.score, "分", p.sourceLine);
    add(
      s,
      `${p.name}（等级${p.gradeDerived ? "，按得分推定" : ""}）`,
      p.grade,
      "",
      p.gradeDerived ? "本产品按得分推定" : "绩效自评汇总表",
    );
    for (const i of p.indicators) {
      const name = `${p.name}：${[i.level1, i.level2, i.level3].filter(Boolean).join("/")}`;
      const s2 = "绩效指标";
      add(s2, `${name}（年度指标值）`, i.target, "", i.sourceLine ?? p.sourceLine);
      add(s2, `${name}（实际完成值）`, i.actual, "", i.sourceLine ?? p.sourceLine);
      add(s2, `${name}（分值）`, i.weight, "分", i.sourceLine ?? p.sourceLine);
      add(s2, `${name}（得分）`, i.score, "分", i.sourceLine ?? p.sourceLine);
      add(s2, `${name}（偏差原因）`, i.deviation, "", i.sourceLine ?? p.sourceLine);
    }
  }

  for (const f of d.findings) {
    const where = f.locations
      .map((l) => l.label + (l.sourceLine ? `（${placeOfLine(report, l.sourceLine)}）` : ""))
      .join("；");
    const s = `审核发现（${{ error: "错误", warning: "警告", rounding: "尾数差异" }[f.severity]}）`;
    const item = `${ruleName(f.rule) ?? "审核"}：${f.message}`;
    add(s, `${item}（应为）`, f.expected, "", where);
    add(s, `${item}（文件所列）`, f.found, "", where);
    if (f.expected === null && f.found === null) add(s, item, "—", "", where);
  }
  return out;
}

export const packDatasets: Record<string, Dataset> = {
  "department-pack": {
    title: "部门审查材料",
    params: departmentParamsSchema.extend({ id: departmentParamsSchema.shape.revision }),
    columns: packRowColumns,
    fetch: (async (p: { id?: number; year?: number; revision?: number }) =>
      p.id ? getDepartmentPackRows(p.id, p.year, p.revision) : []) as Dataset["fetch"],
  },
};
