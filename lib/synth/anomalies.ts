import { completenessRuleId } from "../audit/completeness";
import { PERF_TOTAL_SCORE } from "../audit/rules/performance-sheets";
import { PERF_GRADE } from "../audit/rules/performance-summary";
import { BASIC_EXPENDITURE_VS_TABLES } from "../audit/rules/narrative-figures";
import { PCT_SHARE } from "../audit/rules/narrative-percentages";
import { T03_HIERARCHY, T02_ROW_SUM } from "../audit/rules/subject-tables";
import { T01_INCOME_SUM } from "../audit/rules/t01-totals";
import { T09_VEHICLE_SUM } from "../audit/rules/t09-totals";
import { D } from "../money/decimal";
import type { Report, Table } from "../report/schema";
import { money, pctOf } from "./amounts";
import { gradeOf } from "./performance";
import type { Rng } from "./random";

export const ANOMALY_KINDS = [
  "t01-total-off",
  "row-columns-mismatch",
  "parent-children-mismatch",
  "narrative-vs-table",
  "wrong-percentage",
  "sangong-subtotal",
  "performance-total",
  "grade-mismatch",
  "missing-table",
  "restated-prior",
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/**
 * The audit rule meant to catch each kind (ids exported by lib/audit/rules). A restated prior year needs two
 * reports, so no single-report rule can see it: db/cross-year.ts checks it as RESTATED_PRIOR_YEAR when loading.
 */
const ANOMALY_RULES: Record<AnomalyKind, string> = {
  "t01-total-off": T01_INCOME_SUM,
  "row-columns-mismatch": T02_ROW_SUM,
  "parent-children-mismatch": T03_HIERARCHY,
  "narrative-vs-table": BASIC_EXPENDITURE_VS_TABLES,
  "wrong-percentage": PCT_SHARE,
  "sangong-subtotal": T09_VEHICLE_SUM,
  "performance-total": PERF_TOTAL_SCORE,
  "grade-mismatch": PERF_GRADE,
  // Filled per table by injectAnomaly (COMPLETENESS_T08, COMPLETENESS_T07, …).
  "missing-table": completenessRuleId("t08"),
  "restated-prior": "RESTATED_PRIOR_YEAR",
};

export type Injected = { kind: AnomalyKind; rule: string; description: string; where: string };

const table = (r: Report, id: string): Table | undefined => r.tables.find((t) => t.id === id);
const delta = (rng: Rng, lo: number, hi: number) =>
  new D(rng.int(lo * 100, hi * 100)).div(100).times(rng.chance(0.5) ? 1 : -1);

/** Applies one anomaly of `kind` in place; null when the report has nothing it could apply to. */
export function injectAnomaly(report: Report, kind: AnomalyKind, rng: Rng): Injected | null {
  const done = (description: string, where: string): Injected => ({
    kind,
    rule: ANOMALY_RULES[kind],
    description,
    where,
  });
  switch (kind) {
    case "t01-total-off": {
      const row = table(report, "t01")?.rows.find((r) => r.key === "incomeTotal");
      if (!row?.values.amount) return null;
      const before = row.values.amount;
      const d = rng.chance(0.5) ? new D(1) : new D(-1);
      row.values.amount = money(new D(before).plus(d));
      return done(
        `公开01表本年收入合计印为 ${row.values.amount}，各收入行之和为 ${before}（差 ${money(d)} 万元）`,
        "公开01表 本年收入合计",
      );
    }
    case "row-columns-mismatch": {
      const rows = (table(report, "t02")?.rows ?? []).filter(
        (r) => r.code?.length === 7 && r.values.total && new D(r.values.total).gte(1),
      );
      if (!rows.length) return null;
      const row = rng.pick(rows);
      const before = row.values.total;
      const d = delta(rng, 0.1, 50);
      row.values.total = money(D.max(new D(0), new D(before).plus(d)));
      return done(
        `公开02表 ${row.code} ${row.name} 本年收入合计印为 ${row.values.total}，各列之和为 ${before}`,
        `公开02表 ${row.code} ${row.name}`,
      );
    }
    case "parent-children-mismatch": {
      const rows = (table(report, "t03")?.rows ?? []).filter((r) => r.code?.length === 5 && r.values.total);
      if (!rows.length) return null;
      const row = rng.pick(rows);
      const col = row.values.project ? "project" : "basic";
      const d = new D(rng.int(100, 5000)).div(100);
      const before = row.values.total!;
      // Total and one column move together: the row still adds up across, but no longer equals its 项 below.
      row.values.total = money(new D(before).plus(d));
      row.values[col] = money(new D(row.values[col]).plus(d));
      return done(
        `公开03表 ${row.code} ${row.name}（款）本年支出合计印为 ${row.values.total}，其下各项之和为 ${before}`,
        `公开03表 ${row.code} ${row.name}`,
      );
    }
    case "narrative-vs-table": {
      const be = report.narrative.basicExpenditure;
      if (!be?.personnel) return null;
      const before = be.personnel;
      be.personnel = money(new D(before).plus(delta(rng, 1, 80)).abs());
      return done(
        `情况说明六 人员经费写作 ${be.personnel} 万元，公开06表人员经费合计为 ${before} 万元`,
        "第三部分 六、一般公共预算财政拨款基本支出决算情况说明 人员经费",
      );
    }
    case "wrong-percentage": {
      const s = report.narrative.shares.find((x) => x.key === "expenditure.basic");
      if (!s) return null;
      const before = s.pct;
      const d = new D(rng.int(100, 500)).div(100);
      s.pct =
        new D(before).gt(d) && rng.chance(0.5) ? new D(before).minus(d).toFixed(2) : new D(before).plus(d).toFixed(2);
      return done(
        `情况说明三 基本支出占本年支出合计写作 ${s.pct}%，按金额计算应为 ${before}%`,
        "第三部分 三、支出决算情况说明 基本支出占比",
      );
    }
    case "sangong-subtotal": {
      const row = table(report, "t09")?.rows[0];
      if (!row) return null;
      const d = new D(rng.int(50, 300)).div(100);
      const before = row.values.finalVehicle ?? "0.00";
      row.values.finalVehicle = money(new D(before).plus(d));
      row.values.finalTotal = money(new D(row.values.finalTotal ?? 0).plus(d));
      // The narrative quotes the table as printed, so only the subtotal itself is inconsistent.
      const sg = report.narrative.sangong;
      if (sg?.vehicle) {
        sg.vehicle.final = row.values.finalVehicle;
        if (sg.vehicle.budget && !new D(sg.vehicle.budget).isZero())
          sg.vehicle.rate = pctOf(new D(sg.vehicle.final), new D(sg.vehicle.budget));
      }
      if (sg?.total) {
        sg.total.final = row.values.finalTotal;
        if (sg.total.budget && !new D(sg.total.budget).isZero())
          sg.total.rate = pctOf(new D(sg.total.final), new D(sg.total.budget));
      }
      return done(
        `公开09表公务用车购置及运行维护费决算数小计印为 ${row.values.finalVehicle}，购置费与运行维护费之和为 ${before}`,
        "公开09表 决算数 公务用车购置及运行维护费 小计",
      );
    }
    case "performance-total": {
      const sheets = report.appendix.performanceSheets;
      if (!sheets.length) return null;
      const sheet = rng.pick(sheets);
      const before = new D(sheet.totalScore!);
      const d = new D(rng.int(100, 300)).div(100);
      const up = before.plus(d);
      const down = before.minus(d);
      const after =
        up.lte(100) && gradeOf(up) === gradeOf(before)
          ? up
          : gradeOf(down) === gradeOf(before)
            ? down
            : up.lte(100)
              ? up
              : down;
      sheet.totalScore = money(after);
      // The 汇总表 and the 综述 repeat the sheet's printed total, so the error stays inside the sheet.
      const row = report.appendix.performanceSummary?.rows.find((r) => r.name === sheet.name);
      if (row) row.score = sheet.totalScore;
      const summary = report.narrative.performance?.summaries.find((s) => s.name === sheet.name);
      if (summary) summary.score = sheet.totalScore;
      return done(
        `绩效自评表“${sheet.name}”总分印为 ${sheet.totalScore}，各指标得分与执行率得分之和为 ${money(before)}`,
        `第五部分 附件 绩效自评表“${sheet.name}” 总分`,
      );
    }
    case "grade-mismatch": {
      const rows = report.appendix.performanceSummary?.rows ?? [];
      if (!rows.length) return null;
      const row = rng.pick(rows);
      const before = row.grade!;
      row.grade = before === "优" ? "良" : "优";
      const counts = report.narrative.performance?.gradeCounts;
      if (counts) {
        counts[before] -= 1;
        if (counts[before] === 0) delete counts[before];
        counts[row.grade] = (counts[row.grade] ?? 0) + 1;
      }
      return done(
        `绩效自评汇总表“${row.name}”得分 ${row.score} 分，自评等级却为${row.grade}（应为${before}）`,
        `第五部分 附件 绩效自评情况汇总表 第 ${row.no} 行`,
      );
    }
    case "missing-table": {
      const id = ["t08", "t07", "t06"].find((x) => table(report, x)?.status === "empty") ?? "t06";
      const t = table(report, id);
      if (!t) return null;
      report.tables = report.tables.filter((x) => x.id !== id);
      return {
        ...done(`缺少公开${id.slice(1)}表 ${t.title}`, `第二部分 公开${id.slice(1)}表`),
        rule: completenessRuleId(id),
      };
    }
    case "restated-prior": {
      const keys = ["gpbExpenditure", "income.fiscal", "grandTotal", "expenditure.basic"];
      const c = report.narrative.changes.find(
        (x) => keys.includes(x.key) && x.change !== undefined && x.pct !== undefined,
      );
      if (!c) return null;
      const current = new D(c.current);
      const prior = current.minus(c.change!);
      let d = prior
        .abs()
        .times(new D(rng.int(2, 10)).div(100))
        .toDecimalPlaces(2)
        .times(rng.chance(0.5) ? 1 : -1);
      if (d.abs().lt(1)) d = new D(d.isNeg() ? -1 : 1);
      if (current.minus(new D(c.change!).plus(d)).lte(0)) d = d.abs().neg();
      const change = new D(c.change!).plus(d);
      c.change = money(change);
      c.pct = pctOf(change, current.minus(change));
      return done(
        `情况说明中“${c.subject}”与上年相比变动 ${c.change} 万元（${c.pct}%），推出上年数为 ${money(current.minus(change))}，而上年报告为 ${money(prior)}`,
        `第三部分 ${c.subject} 与上年比较`,
      );
    }
  }
}
