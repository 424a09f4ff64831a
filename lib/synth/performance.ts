import { D, type Dec } from "../money/decimal";
import type { Indicator, PerformanceSheet, Report } from "../report/schema";
import { allocate, money, pctOf, round2, sumOf } from "./amounts";
import type { Rng } from "./random";

/** 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60 — the national 绩效自评 grading. */
export function gradeOf(score: Dec): string {
  if (score.gte(90)) return "优";
  if (score.gte(80)) return "良";
  if (score.gte(60)) return "中";
  return "差";
}

/** 执行率得分 = min(执行率, 100%) × 分值 (10), from the rate as printed (two places), half up. */
function fundsScoreOf(ratePct: string, weight = 10): Dec {
  return round2(D.min(new D(ratePct), 100).div(100).times(weight));
}

type Project = {
  name: string;
  unit: string;
  initial: Dec;
  annual: Dec;
  executed: Dec;
  rate: string;
  fundsScore: Dec;
  indicators: Indicator[];
  totalScore: Dec;
  grade: string;
  goals: { planned: string; actual: string };
};

const GENERIC_PROJECTS = [
  "{s}信息化建设运维经费",
  "{s}专项业务工作经费",
  "{s}宣传培训经费",
  "{s}监督检查专项经费",
  "{s}规划编制经费",
  "{s}政府购买服务经费",
  "{s}课题调研经费",
  "{s}应急保障经费",
  "{s}档案数字化经费",
  "办公设备购置经费",
  "{s}系统运维经费",
  "{s}专项督查经费",
  "{s}业务能力提升培训经费",
  "{s}数据采集与分析经费",
];

type Measure = { name: string; unit: "%" | "count" | "quality" | "deadline"; noun?: string };
const OUTPUT_QUANTITY: Measure[] = [
  { name: "开展专项活动次数", unit: "count", noun: "次" },
  { name: "覆盖服务对象数量", unit: "count", noun: "人次" },
  { name: "完成项目任务数", unit: "count", noun: "项" },
  { name: "检查督导次数", unit: "count", noun: "次" },
  { name: "培训人数", unit: "count", noun: "人次" },
  { name: "购置设备数量", unit: "count", noun: "台（套）" },
];
const OUTPUT_QUALITY: Measure[] = [
  { name: "任务完成合格率", unit: "%" },
  { name: "项目验收合格率", unit: "%" },
  { name: "资金使用合规率", unit: "%" },
  { name: "系统正常运行率", unit: "%" },
];
const OUTPUT_TIME: Measure[] = [
  { name: "任务完成及时率", unit: "%" },
  { name: "资金拨付及时率", unit: "%" },
  { name: "项目完成时限", unit: "deadline" },
];
const EFFECT: [string, Measure][] = [
  ["社会效益指标", { name: "服务水平提升程度", unit: "quality" }],
  ["社会效益指标", { name: "群众知晓率", unit: "%" }],
  ["社会效益指标", { name: "社会影响力", unit: "quality" }],
  ["可持续影响指标", { name: "长效管理机制健全性", unit: "quality" }],
  ["经济效益指标", { name: "带动相关产业发展", unit: "quality" }],
];
const SATISFACTION: Measure[] = [
  { name: "服务对象满意度", unit: "%" },
  { name: "群众满意度", unit: "%" },
];
const DEVIATIONS = [
  "受客观因素影响，部分任务未按期完成，下一步将加强项目进度管理。",
  "个别指标未达到年初预期，下一步将优化实施方案，提高指标设置的合理性。",
  "资金支付进度滞后，下一步将加快项目实施和资金支付进度。",
  "部分服务对象反馈意见未及时整改，下一步将完善反馈机制。",
];

/** integer weights summing to `total` over `k` indicators */
function splitWeight(total: number, k: number): number[] {
  const base = Math.floor(total / k);
  return Array.from({ length: k }, (_, i) => base + (i < total - base * k ? 1 : 0));
}

function measureTexts(m: Measure, short: boolean, rng: Rng, year: number): { target: string; actual: string } {
  switch (m.unit) {
    case "%": {
      const t = rng.int(85, 98);
      return { target: `≥${t}%`, actual: `${short ? rng.int(t - 12, t - 1) : rng.int(t, 100)}%` };
    }
    case "count": {
      const t = rng.int(2, 60);
      return {
        target: `≥${t}${m.noun}`,
        actual: `${short ? Math.max(0, t - rng.int(1, Math.max(1, Math.floor(t / 3)))) : t + rng.int(0, Math.ceil(t / 4))}${m.noun}`,
      };
    }
    case "quality":
      return { target: "明显提升", actual: short ? "有所提升" : "明显提升" };
    case "deadline":
      return { target: `${year}年12月底前完成`, actual: short ? "部分任务延期完成" : "按期完成" };
  }
}

function buildIndicators(rng: Rng, year: number, annual: Dec, executed: Dec, deduction: Dec): Indicator[] {
  // From 2021 the national template adds 成本指标 (20 分) and trims 产出/效益.
  const withCost = year >= 2021;
  const nOutput = rng.int(4, 5);
  let nEffect = rng.int(2, 3);
  let nSat = rng.int(1, 2);
  const count = (withCost ? 1 : 0) + nOutput + nEffect + nSat;
  if (count > 10) nSat = 1;
  if (count < 8) nEffect = 3;
  if ((withCost ? 1 : 0) + nOutput + nEffect + nSat < 8) nSat = 2;

  const list: { level1: string; level2: string; m?: Measure; weight: number }[] = [];
  const outW = splitWeight(withCost ? 40 : 50, nOutput);
  const outputs: [string, Measure][] = [
    ["数量指标", rng.pick(OUTPUT_QUANTITY)],
    ["质量指标", rng.pick(OUTPUT_QUALITY)],
    ["时效指标", rng.pick(OUTPUT_TIME)],
    ...rng.sample(OUTPUT_QUANTITY, 2).map((m): [string, Measure] => ["数量指标", m]),
  ];
  const seen = new Set<string>();
  const uniq = outputs.filter(([, m]) => (seen.has(m.name) ? false : (seen.add(m.name), true)));
  while (uniq.length < nOutput)
    uniq.push(["质量指标", OUTPUT_QUALITY.find((m) => !seen.has(m.name) && seen.add(m.name))!]);
  uniq
    .slice(0, nOutput)
    .forEach(([l2, m], i) =>
      list.push({ level1: `产出指标（${withCost ? 40 : 50}分）`, level2: l2, m, weight: outW[i] }),
    );
  const effW = splitWeight(withCost ? 20 : 30, nEffect);
  rng
    .sample(EFFECT, nEffect)
    .forEach(([l2, m], i) =>
      list.push({ level1: `效益指标（${withCost ? 20 : 30}分）`, level2: l2, m, weight: effW[i] }),
    );
  const satW = splitWeight(10, nSat);
  rng
    .sample(SATISFACTION, nSat)
    .forEach((m, i) => list.push({ level1: "满意度指标（10分）", level2: "服务对象满意度指标", m, weight: satW[i] }));

  // Deductions in half points, spread over a few non-cost indicators and never above an indicator's weight.
  const scores = list.map((x) => new D(x.weight));
  let left = deduction;
  const order = rng.shuffle(list.map((_, i) => i));
  for (let k = 0; left.gt(0) && k < order.length; k++) {
    const i = order[k];
    const room = scores[i];
    const take =
      k === order.length - 1 || rng.chance(0.4) ? D.min(left, room) : D.min(left, room, new D(rng.int(1, 6)).div(2));
    scores[i] = scores[i].minus(take);
    left = left.minus(take);
  }
  const indicators: Indicator[] = [];
  if (withCost) {
    indicators.push({
      level1: "成本指标（20分）",
      level2: "经济成本指标",
      level3: "项目总成本",
      target: `≤${annual.toFixed()}万元`,
      actual: `${executed.toFixed()}万元`,
      weight: "20",
      score: "20",
    });
  }
  list.forEach((x, i) => {
    const short = scores[i].lt(x.weight);
    const t = measureTexts(x.m!, short, rng, year);
    indicators.push({
      level1: x.level1,
      level2: x.level2,
      level3: x.m!.name,
      target: t.target,
      actual: t.actual,
      weight: String(x.weight),
      score: scores[i].toFixed(),
      ...(short ? { deviation: rng.pick(DEVIATIONS) } : {}),
    });
  });
  return indicators;
}

export type PerformanceResult = {
  narrative: NonNullable<Report["narrative"]["performance"]>;
  summary: NonNullable<Report["appendix"]["performanceSummary"]>;
  sheets: PerformanceSheet[];
};

/**
 * 绩效自评: every project in the 汇总表, a 自评表 for 3–12 of them. Scores add up the way the national
 * template says (Σ indicator scores + 执行率得分), and a few projects spend little yet score 优, as real ones do.
 */
export function generatePerformance(
  rng: Rng,
  ctx: { department: string; short: string; projects: string[]; year: number; budgetBase: Dec },
): PerformanceResult {
  const pool = [...new Set([...ctx.projects, ...GENERIC_PROJECTS.map((p) => p.replace("{s}", ctx.short))])];
  const sheetCount = rng.int(3, 12);
  const n = Math.min(pool.length, sheetCount + rng.int(0, 8));
  const names = rng.sample(pool, n);
  const base = D.max(new D(n), round2(ctx.budgetBase.times(rng.factor("0.85", "1.15"))));
  const budgets = allocate(
    base,
    names.map(() => rng.factor("0.2", "3")),
  );

  const projects: Project[] = names.map((name, i) => {
    const annual = D.max(new D("0.50"), budgets[i]);
    const initial = rng.chance(0.7) ? annual : round2(annual.times(rng.factor("0.8", "1")));
    const kind = rng.int(1, 100);
    const lowExecution = kind <= 8;
    const r = lowExecution ? rng.factor("0.03", "0.45") : kind <= 30 ? new D(1) : rng.factor("0.85", "0.9999");
    const executed = r.eq(1) ? annual : round2(annual.times(r));
    const rate = pctOf(executed, annual);
    const fundsScore = fundsScoreOf(rate);
    const band = rng.int(1, 100);
    const deduction = lowExecution
      ? band <= 75
        ? new D(0)
        : new D(rng.int(1, 6)).div(2)
      : band <= 45
        ? new D(0)
        : band <= 80
          ? new D(rng.int(1, 6)).div(2)
          : band <= 95
            ? new D(rng.int(6, 24)).div(2)
            : new D(rng.int(24, 70)).div(2);
    const indicators = buildIndicators(rng, ctx.year, annual, executed, deduction);
    const totalScore = sumOf(indicators.map((x) => new D(x.score!))).plus(fundsScore);
    return {
      name,
      unit: ctx.department,
      initial,
      annual,
      executed,
      rate,
      fundsScore,
      indicators,
      totalScore,
      grade: gradeOf(totalScore),
      goals: {
        planned: `通过实施${name}，保障${ctx.short}重点工作顺利开展，提升${ctx.short}工作质量和服务水平。`,
        actual: `${ctx.year}年度项目按计划组织实施，${lowExecution ? "受项目实施进度影响，部分资金未支付，" : ""}完成了年度主要目标任务。`,
      },
    };
  });

  const withSheet = new Set(
    rng.sample(
      projects.map((_, i) => i),
      sheetCount,
    ),
  );
  const sheets: PerformanceSheet[] = projects
    .filter((_, i) => withSheet.has(i))
    .map((p) => ({
      name: p.name,
      department: ctx.department,
      implementingUnit: p.unit,
      funds: {
        total: {
          initial: money(p.initial),
          annual: money(p.annual),
          executed: money(p.executed),
          weight: "10",
          rate: p.rate,
          score: money(p.fundsScore),
        },
        fiscal: { initial: money(p.initial), annual: money(p.annual), executed: money(p.executed) },
      },
      goals: p.goals,
      indicators: p.indicators,
      totalScore: money(p.totalScore),
    }));

  const gradeCounts: Record<string, number> = {};
  for (const p of projects) gradeCounts[p.grade] = (gradeCounts[p.grade] ?? 0) + 1;
  const funds = sumOf(projects.map((p) => p.annual));
  return {
    narrative: {
      projectCount: projects.length,
      funds: money(funds),
      fundsShare: "100.00",
      gradeCounts,
      sheetsStated: sheets.length,
      summaries: projects
        .filter((_, i) => withSheet.has(i))
        .map((p) => ({
          name: p.name,
          score: money(p.totalScore),
          budget: money(p.annual),
          executed: money(p.executed),
          rate: p.rate,
        })),
    },
    summary: {
      rows: projects.map((p, i) => ({
        no: i + 1,
        name: p.name,
        unit: p.unit,
        budget: money(p.annual),
        score: money(p.totalScore),
        grade: p.grade,
      })),
      total: money(funds),
    },
    sheets,
  };
}
