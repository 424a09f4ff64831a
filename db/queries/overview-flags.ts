import "server-only";
import { sql } from "drizzle-orm";
import { executionBand } from "@/lib/metrics/credibility";
import { ratePct, sum } from "@/lib/metrics/stats";
import { D } from "@/lib/money/decimal";
import { formatPercent, formatScore, formatWanyuan } from "@/lib/money/format";
import { getYearFigures, type FigureRow } from "./figures";
import { rows } from "./sql";

export type FlagKind = "execution" | "lowProject" | "sangongUp" | "lowSme" | "auditError" | "restated";

export type Flag = {
  kind: FlagKind;
  departmentId: number;
  department: string;
  synthetic: boolean;
  /** Chinese, with the figure */
  text: string;
  /** the figure the flag is about, for sorting (absolute deviation, percent, count) */
  weight: string;
  href: string;
};

export const FLAG_TITLES: Record<FlagKind, string> = {
  execution: "大幅偏离年初预算",
  lowProject: "执行率低的项目",
  sangongUp: "“三公”经费增加",
  lowSme: "中小企业份额偏低",
  auditError: "审核错误",
  restated: "上年数据重述",
};

export type Overview = {
  year: number;
  reports: FigureRow[];
  totals: { reports: number; expenditure: string; income: string; sangong: string; procurement: string; errors: number };
  flags: Flag[];
};

export async function getOverview(year: number, includeSynthetic: boolean, opts = { low: 80, high: 120, sme: 40, projectRate: 50 }): Promise<Overview> {
  const [reports, prior, projects, findingCounts] = await Promise.all([
    getYearFigures(year, includeSynthetic),
    getYearFigures(year - 1, includeSynthetic),
    rows<{ department_id: number; department: string; synthetic: boolean; name: string; rate: string | null; annual: string | null; executed: string | null; grade: string | null; total_score: string | null }>(sql`
      select d.id::int as department_id, d.name as department, r.synthetic, p.name, p.rate::text as rate, p.annual::text as annual,
             p.executed::text as executed, p.grade, p.total_score::text as total_score
      from performance_projects p join reports r on r.id = p.report_id join departments d on d.id = r.department_id
      where r.is_latest and r.year = ${year} and p.has_sheet ${includeSynthetic ? sql`` : sql`and not r.synthetic`}`),
    rows<{ report_id: number; errors: number; restated: number }>(sql`
      select f.report_id::int as report_id, count(*) filter (where f.severity = 'error')::int as errors,
             count(*) filter (where f.rule = 'RESTATED_PRIOR_YEAR')::int as restated
      from findings f join reports r on r.id = f.report_id
      where r.is_latest and r.year = ${year} ${includeSynthetic ? sql`` : sql`and not r.synthetic`}
      group by f.report_id`),
  ]);

  const flags: Flag[] = [];
  const dept = (r: FigureRow) => ({ departmentId: r.departmentId, department: r.department, synthetic: r.synthetic });
  for (const r of reports) {
    const rate = r.figures.gpbExecutionRate ?? ratePct(r.figures.gpbExpenditure, r.figures.initialBudgetGpb);
    if (rate !== undefined && executionBand(rate, opts.low, opts.high) === "concern") {
      flags.push({
        kind: "execution", ...dept(r), weight: new D(rate).minus(100).abs().toFixed(2),
        text: `一般公共预算财政拨款支出为年初预算的 ${formatPercent(rate)}（年初 ${formatWanyuan(r.figures.initialBudgetGpb)} 万元，决算 ${formatWanyuan(r.figures.gpbExpenditure)} 万元）`,
        href: `/departments/${r.departmentId}?year=${year}#execution`,
      });
    }
    const share = r.figures.procurementSmeShare;
    if (share !== undefined && new D(share).lt(opts.sme)) {
      flags.push({
        kind: "lowSme", ...dept(r), weight: new D(opts.sme).minus(share).toFixed(2),
        text: `政府采购授予中小企业份额 ${formatPercent(share)}，低于参考线 ${opts.sme}%（采购总额 ${formatWanyuan(r.figures.procurementTotal)} 万元）`,
        href: `/procurement?year=${year}`,
      });
    }
    const p = prior.find((x) => x.departmentId === r.departmentId && x.scope === r.scope);
    const now = r.figures.sangongFinal;
    const before = p?.figures.sangongFinal;
    if (now !== undefined && before !== undefined && new D(now).gt(before)) {
      const pct = ratePct(new D(now).minus(before).toFixed(), before);
      flags.push({
        kind: "sangongUp", ...dept(r), weight: new D(now).minus(before).toFixed(2),
        text: `“三公”经费决算 ${formatWanyuan(now)} 万元，比上年 ${formatWanyuan(before)} 万元增加 ${formatWanyuan(new D(now).minus(before).toFixed())} 万元${pct ? `（${formatPercent(pct)}）` : ""}`,
        href: `/sangong?year=${year}&dept=${r.departmentId}`,
      });
    }
    const fc = findingCounts.find((f) => Number(f.report_id) === r.reportId);
    if (fc && Number(fc.errors) > 0) {
      flags.push({ kind: "auditError", ...dept(r), weight: String(fc.errors), text: `审核发现 ${fc.errors} 项错误`, href: `/departments/${r.departmentId}?year=${year}#findings` });
    }
    if (fc && Number(fc.restated) > 0) {
      flags.push({ kind: "restated", ...dept(r), weight: String(fc.restated), text: `情况说明中的上年数与上年报告不一致 ${fc.restated} 处`, href: `/quality?year=${year}&rule=RESTATED_PRIOR_YEAR` });
    }
  }
  for (const p of projects) {
    const rate = p.rate ?? ratePct(p.executed, p.annual);
    if (rate !== undefined && new D(rate).lt(opts.projectRate)) {
      flags.push({
        kind: "lowProject", departmentId: Number(p.department_id), department: p.department, synthetic: Boolean(p.synthetic),
        weight: new D(100).minus(rate).toFixed(2),
        text: `“${p.name}”执行率 ${formatPercent(rate)}（全年预算 ${formatWanyuan(p.annual)} 万元），自评${p.total_score ? ` ${formatScore(p.total_score)} 分` : ""}${p.grade ? `、等级“${p.grade}”` : ""}`,
        href: `/performance?year=${year}&dept=${p.department_id}`,
      });
    }
  }
  flags.sort((a, b) => a.kind.localeCompare(b.kind) || new D(b.weight).cmp(a.weight));

  const totals = {
    reports: reports.length,
    expenditure: sum(reports.map((r) => r.figures.expenditureTotal)).toFixed(2),
    income: sum(reports.map((r) => r.figures.incomeTotal)).toFixed(2),
    sangong: sum(reports.map((r) => r.figures.sangongFinal)).toFixed(2),
    procurement: sum(reports.map((r) => r.figures.procurementTotal)).toFixed(2),
    errors: findingCounts.reduce((a, f) => a + Number(f.errors), 0),
  };
  return { year, reports, totals, flags };
}
