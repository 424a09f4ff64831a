import { z } from "zod";
import { EXECUTION_RATE, PROJECT_RATE_FLOOR, SIZE_BAND_TEXT, SME_SHARE } from "./metrics/policy";

/** Next gives searchParams as string | string[] | undefined; every filter takes the first value and falls back on bad input. */
export type RawParams = Record<string, string | string[] | undefined>;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const blankToUndefined = (v: unknown) => {
  const f = first(v);
  return typeof f === "string" && f.trim() === "" ? undefined : f;
};

const year = z.preprocess(blankToUndefined, z.coerce.number().int().min(1990).max(2100).optional()).catch(undefined);
const positiveInt = z
  .preprocess(blankToUndefined, z.coerce.number().int().positive().max(2_147_483_647).optional())
  .catch(undefined);
const pct = (dflt: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().min(0).max(10_000).default(dflt)).catch(dflt);
const idList = z
  .preprocess((v) => {
    const f = first(v);
    if (typeof f !== "string" || f.length > 2000) return [];
    return f
      .split(",")
      .map((s) => s.trim())
      .filter((s) => /^\d{1,9}$/.test(s))
      .map(Number)
      .slice(0, 50);
  }, z.array(z.number().int()))
  .catch([]);
/**
 * Real documents only unless the demo city is asked for (`synthetic=1`): a reader who opens a page or a shared link
 * never sees generated departments by surprise. The pages fill a missing param from the toggle's cookie first.
 */
const includeSynthetic = z.preprocess((v) => first(v) === "1", z.boolean()).catch(false);

const baseFilterSchema = z.object({ year, synthetic: includeSynthetic });

export const overviewParamsSchema = baseFilterSchema;
export const OVERVIEW_FLAG_KINDS = [
  "auditError",
  "execution",
  "lowProject",
  "sangongUp",
  "lowSme",
  "restated",
] as const;
/** the overview page: `flag` lists every flag of one kind (50 a page), `page` pages the departments' table */
export const overviewPageParamsSchema = baseFilterSchema.extend({
  flag: z.preprocess(blankToUndefined, z.enum(OVERVIEW_FLAG_KINDS).optional()).catch(undefined),
  page: positiveInt,
});
export const DEPARTMENT_SORTS = {
  expenditure: "支出由大到小",
  errors: "审核错误多的在前",
  completeness: "完整度由低到高",
  name: "按名称",
} as const;
/** the /departments list: a name search, an order and a page (50 a page) */
export const departmentListParamsSchema = z.object({
  synthetic: includeSynthetic,
  q: z
    .preprocess(
      (v) => (typeof first(v) === "string" ? (first(v) as string).trim().slice(0, 50) || undefined : undefined),
      z.string().optional(),
    )
    .catch(undefined),
  sort: z
    .preprocess(
      first,
      z
        .enum(Object.keys(DEPARTMENT_SORTS) as [keyof typeof DEPARTMENT_SORTS, ...(keyof typeof DEPARTMENT_SORTS)[]])
        .default("expenditure"),
    )
    .catch("expenditure"),
  page: positiveInt,
});
export const departmentParamsSchema = z.object({ year, revision: positiveInt });
export const structureParamsSchema = baseFilterSchema.extend({
  depts: idList,
  dept: positiveInt,
  /** 类 (3) → 款 (5) → 项 (7): the code prefix to drill into */
  code: z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^\d{3}(\d{2})?$/)
        .optional(),
    )
    .catch(undefined),
  /** a name search for the side-by-side picker */
  q: z
    .preprocess(
      (v) => (typeof first(v) === "string" ? (first(v) as string).trim().slice(0, 50) || undefined : undefined),
      z.string().optional(),
    )
    .catch(undefined),
  /** page of "which departments spend on this subject" (50 a page) */
  page: positiveInt,
});
export const executionParamsSchema = baseFilterSchema
  /** page: departments list, ipage: listed 项 items, ppage: 绩效 departments (50 a page each) */
  .extend({
    low: pct(EXECUTION_RATE.low),
    high: pct(EXECUTION_RATE.high),
    dept: positiveInt,
    page: positiveInt,
    ipage: positiveInt,
    ppage: positiveInt,
  })
  // low above high would flag every department; read it as the range the user meant
  .transform((p) => (p.low > p.high ? { ...p, low: p.high, high: p.low } : p));
/** page: the departments list (50 a page) */
export const procurementParamsSchema = baseFilterSchema.extend({
  reference: pct(SME_SHARE.reference),
  dept: positiveInt,
  page: positiveInt,
});
/** page: the departments list and its unit costs (50 a page) */
export const sangongParamsSchema = baseFilterSchema.extend({ dept: positiveInt, page: positiveInt });
export const performanceParamsSchema = baseFilterSchema.extend({ maxRate: pct(PROJECT_RATE_FLOOR), dept: positiveInt });

export const BENCHMARK_METRICS = {
  executionRate: "一般公共预算财政拨款支出执行率（%）",
  smeShare: "政府采购授予中小企业份额（%）",
  sangongPerPersonnel: "三公经费占人员经费比例（%）",
  sangongFinal: "三公经费决算（万元）",
  publicCostShare: "公用经费占基本支出比例（%）",
  projectShare: "项目支出占本年支出比例（%）",
  completeness: "信息完整度（分）",
  expenditureTotal: "本年支出合计（万元）",
  expenditurePerStaff: "人均本年支出（万元/人）",
  personnelPerStaff: "人均人员经费（万元/人）",
} as const;
export type BenchmarkMetric = keyof typeof BENCHMARK_METRICS;

export const SIZE_BANDS = { all: "全部", ...SIZE_BAND_TEXT } as const;
/** A ranking compares like with like: 部门决算 (a 部门 with its units) and 单位决算 (one unit) are never ranked together. */
export const BENCHMARK_SCOPES = { department: "部门决算", unit: "单位决算" } as const;

export const benchmarkParamsSchema = baseFilterSchema.extend({
  metric: z
    .preprocess(
      first,
      z.enum(Object.keys(BENCHMARK_METRICS) as [BenchmarkMetric, ...BenchmarkMetric[]]).default("executionRate"),
    )
    .catch("executionRate"),
  size: z
    .preprocess(
      first,
      z.enum(Object.keys(SIZE_BANDS) as [keyof typeof SIZE_BANDS, ...(keyof typeof SIZE_BANDS)[]]).default("all"),
    )
    .catch("all"),
  scope: z.preprocess(first, z.enum(["department", "unit"]).default("department")).catch("department"),
  /** compare with this earlier year (change between years) */
  vs: year,
  /** page of the ranking list (50 a page) */
  page: positiveInt,
  /** a department to find: opens the page of the ranking that lists it */
  dept: positiveInt,
});

export const SEVERITIES = ["error", "warning", "rounding"] as const;
export const qualityParamsSchema = baseFilterSchema.extend({
  rule: z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[A-Z0-9_]{2,60}$/)
        .optional(),
    )
    .catch(undefined),
  severity: z.preprocess(blankToUndefined, z.enum(SEVERITIES).optional()).catch(undefined),
  /** page of the findings list (50 a page) */
  page: positiveInt,
  /** page of the completeness ranking (50 a page) */
  rank: positiveInt,
});

export function parseParams<T extends z.ZodTypeAny>(schema: T, raw: RawParams): z.infer<T> {
  return schema.parse(raw);
}
