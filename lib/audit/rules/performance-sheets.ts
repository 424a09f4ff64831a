import { D, type Dec } from "@/lib/money/decimal";
import type { PerformanceSheet, Report } from "@/lib/report/schema";
import { notGreater, ratioRoundsTo } from "../exact";
import { checkPrinted, checkSum, compact, finding } from "../compare";
import { appendixLoc } from "../labels";
import { dv, type Side } from "../report-access";
import { percentOf, scoreSumTolerance } from "../tolerance";
import type { Rule } from "../rule";
import type { Finding } from "../types";

export const PERF_TOTAL_SCORE = "PERF_TOTAL_SCORE";
const PERF_FUNDS_SCORE = "PERF_FUNDS_SCORE";
const PERF_EXECUTION_RATE = "PERF_EXECUTION_RATE";
const PERF_INDICATOR_OVER_WEIGHT = "PERF_INDICATOR_OVER_WEIGHT";
const PERF_WEIGHT_TOTAL = "PERF_WEIGHT_TOTAL";
const PERF_FUNDS_SPLIT = "PERF_FUNDS_SPLIT";

function sheetSide(sheet: PerformanceSheet, value: string | undefined, what: string, sourceLine?: number): Side {
  const label = `${sheet.name} ${what}`;
  return { value, label: `绩效自评表 ${label}`, locs: [appendixLoc("sheets", label, sourceLine ?? sheet.sourceLine)] };
}

function indicatorName(i: PerformanceSheet["indicators"][number]): string {
  return [i.level1, i.level2, i.level3].filter(Boolean).join("/");
}

/** 执行率 B/A as the sheet's figures give it; undefined without a non-zero 全年预算数. */
function sheetRate(sheet: PerformanceSheet): Dec | undefined {
  const f = sheet.funds.total;
  if (f.annual === undefined || f.executed === undefined) return undefined;
  return percentOf(new D(f.executed), new D(f.annual));
}

/** The rate a reader should take for a sheet: as printed, else as computed. */
export function effectiveRate(sheet: PerformanceSheet): Dec | undefined {
  const printed = sheet.funds.total.rate;
  return printed !== undefined ? new D(printed) : sheetRate(sheet);
}

function totalScore(report: Report): Finding[] {
  return compact(
    report.appendix.performanceSheets.map((s) => {
      if (s.totalScore === undefined) return null;
      const terms = [
        ...s.indicators.map((i) => sheetSide(s, i.score, `${indicatorName(i)} 得分`, i.sourceLine)),
        sheetSide(s, s.funds.total.score, "预算执行率得分"),
      ];
      return checkSum(
        PERF_TOTAL_SCORE,
        sheetSide(s, s.totalScore, "总分"),
        terms,
        "各指标得分与预算执行率得分之和",
        "error",
        scoreSumTolerance,
      );
    }),
  );
}

/**
 * 预算执行率得分 = min(执行率, 100%) × 分值 (national 自评 rule). Sheets compute it from the exact rate or from the
 * printed one ("75.35" → 7.535 → 7.54 while the exact 75.345% gives 7.53); either is accepted.
 */
function fundsScore(report: Report): Finding[] {
  return compact(
    report.appendix.performanceSheets.map((s) => {
      const f = s.funds.total;
      if (f.score === undefined || f.weight === undefined) return null;
      // The printed rate's candidate is exact (min(rate, 100) / 100 × weight): when it gives the printed score, no finding.
      if (f.rate !== undefined && ratioRoundsTo(f.score, new D(f.rate).gt(100) ? "100" : f.rate, "100", f.weight))
        return null;
      const rates = [sheetRate(s), f.rate !== undefined ? new D(f.rate) : undefined].filter(
        (r): r is Dec => r !== undefined,
      );
      if (rates.length === 0) return null;
      const weight = new D(f.weight);
      const candidates = rates.map((r) => D.min(r, 100).div(100).times(weight));
      return checkPrinted(
        PERF_FUNDS_SCORE,
        sheetSide(s, f.score, "预算执行率得分") as Side & { value: string },
        candidates,
        { label: `min(执行率, 100%) × 分值 ${f.weight}`, locs: [] },
        { unit: "" },
      );
    }),
  );
}

function executionRate(report: Report): Finding[] {
  const out: (Finding | null)[] = [];
  for (const s of report.appendix.performanceSheets) {
    const f = s.funds.total;
    if (f.rate === undefined) continue;
    if (f.annual !== undefined && f.executed !== undefined && ratioRoundsTo(f.rate, f.executed, f.annual)) continue;
    const rate = sheetRate(s);
    const stated = sheetSide(s, f.rate, "执行率") as Side & { value: string };
    if (rate === undefined) {
      if (f.annual !== undefined && dv(f.annual).isZero()) {
        out.push(
          finding(
            PERF_EXECUTION_RATE,
            "error",
            `绩效自评表 ${s.name} 全年预算数为 0，却给出执行率 ${f.rate}%`,
            stated.locs,
            undefined,
            f.rate,
          ),
        );
      }
      continue;
    }
    out.push(
      checkPrinted(PERF_EXECUTION_RATE, stated, [rate], {
        label: `全年执行数 ${f.executed} / 全年预算数 ${f.annual}`,
        locs: [],
      }),
    );
  }
  return compact(out);
}

function overWeight(report: Report): Finding[] {
  const out: Finding[] = [];
  for (const s of report.appendix.performanceSheets) {
    const items = [
      ...s.indicators.map((i) => ({ name: indicatorName(i), weight: i.weight, score: i.score, line: i.sourceLine })),
      { name: "预算执行率", weight: s.funds.total.weight, score: s.funds.total.score, line: s.sourceLine },
    ];
    for (const i of items) {
      if (i.weight === undefined || i.score === undefined || notGreater(i.score, i.weight)) continue;
      out.push(
        finding(
          PERF_INDICATOR_OVER_WEIGHT,
          "error",
          `绩效自评表 ${s.name} ${i.name} 得分 ${i.score} 超过分值 ${i.weight}`,
          sheetSide(s, i.score, `${i.name} 得分`, i.line).locs,
          i.weight,
          i.score,
        ),
      );
    }
  }
  return out;
}

/** The weights of a 自评表 are a 100-point scale; checked only when every weight is printed. */
function weightTotal(report: Report): Finding[] {
  const out: Finding[] = [];
  for (const s of report.appendix.performanceSheets) {
    const weights = [...s.indicators.map((i) => i.weight), s.funds.total.weight];
    if (s.indicators.length === 0 || weights.some((w) => w === undefined)) continue;
    const sum = weights.reduce<Dec>((acc, w) => acc.plus(w!), new D(0));
    if (sum.eq(100)) continue;
    out.push(
      finding(
        PERF_WEIGHT_TOTAL,
        "warning",
        `绩效自评表 ${s.name} 各指标分值与预算执行率分值之和为 ${sum.toFixed()}，不是 100`,
        [appendixLoc("sheets", `${s.name} 分值`, s.sourceLine)],
        "100",
        sum.toFixed(),
      ),
    );
  }
  return out;
}

const SPLIT_COLUMNS = [
  ["initial", "年初预算数"],
  ["annual", "全年预算数"],
  ["executed", "全年执行数"],
] as const;

/** 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, per column, when the sheet splits it at all. */
function fundsSplit(report: Report): Finding[] {
  const out: (Finding | null)[] = [];
  for (const s of report.appendix.performanceSheets) {
    const lines = [
      [s.funds.fiscal, "当年财政拨款"],
      [s.funds.carryover, "上年结转资金"],
      [s.funds.other, "其他资金"],
    ] as const;
    for (const [col, name] of SPLIT_COLUMNS) {
      const parts = lines.map(([l, n]) => sheetSide(s, l?.[col], `${n} ${name}`));
      if (parts.every((p) => p.value === undefined)) continue;
      out.push(
        checkSum(
          PERF_FUNDS_SPLIT,
          sheetSide(s, s.funds.total[col], `年度资金总额 ${name}`),
          parts,
          "当年财政拨款、上年结转资金、其他资金之和",
        ),
      );
    }
  }
  return compact(out);
}

export const performanceSheetRules: Rule[] = [
  { id: PERF_TOTAL_SCORE, title: "绩效自评表 总分 = 各指标得分 + 预算执行率得分", run: totalScore },
  { id: PERF_FUNDS_SCORE, title: "绩效自评表 预算执行率得分 = 执行率（超过 100% 按 100% 计）× 分值", run: fundsScore },
  { id: PERF_EXECUTION_RATE, title: "绩效自评表 执行率 = 全年执行数 / 全年预算数", run: executionRate },
  { id: PERF_INDICATOR_OVER_WEIGHT, title: "绩效自评表 指标得分不超过分值", run: overWeight },
  { id: PERF_WEIGHT_TOTAL, title: "绩效自评表 分值合计为 100", run: weightTotal },
  { id: PERF_FUNDS_SPLIT, title: "绩效自评表 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金", run: fundsSplit },
];
