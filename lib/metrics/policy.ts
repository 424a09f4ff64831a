import { D } from "../money/decimal";

/*
 * The product's policy lines, in one place: where a figure is judged 良好 / 关注 / 警示, where the overview raises a
 * flag, and the reference line for the SME share of procurement. Each comes with the Chinese text that explains it;
 * pages and notes print these texts (or build theirs from the same numbers), so a line changed here is changed
 * everywhere it is applied or explained. All figures are percentages.
 */

export type Band = "good" | "watch" | "concern";

export const BAND_TEXT: Record<Band, string> = { good: "良好", watch: "关注", concern: "警示" };

/**
 * 年初预算执行率 = 一般公共预算财政拨款支出决算 ÷ 年初预算 × 100. Outside [low, high] it is a concern (and an overview
 * flag); within `margin` points inside either end it is worth watching.
 */
export const EXECUTION_RATE = { low: 80, high: 120, margin: 10 } as const;

/** 政府采购授予中小企业合同金额 ÷ 政府采购支出总额 × 100: the reference line (the default, a user may set another), and the floor of 关注 below it. */
export const SME_SHARE = { reference: 40, watch: 30 } as const;

/** An amount's change on the stored previous year, (本年 − 上年) ÷ 上年 × 100: 良好 within ±good, 关注 within ±watch. */
const CHANGE = { good: 10, watch: 20 } as const;

/** Amounts that should not grow (“三公”经费, 机关运行经费): 良好 when they do not, 关注 up to `watch` % growth. */
const NO_GROWTH = { figures: ["sangongFinal", "operatingCost"] as readonly string[], watch: 10 } as const;

/**
 * Execution is judged by its distance from 100% in either direction: 149% is as far off as 51%, and a ranking puts
 * the department closest to its 年初预算 first.
 */
export const EXECUTION_TARGET = 100;

/** |rate − 100| in percentage points; undefined when no rate is known. */
export function executionDistance(ratePct: string | undefined): string | undefined {
  return ratePct === undefined ? undefined : new D(ratePct).minus(EXECUTION_TARGET).abs().toFixed();
}

/**
 * A peer group is the same scope (部门决算 beside 部门决算, 单位决算 beside 单位决算) and the same size band by 本年支出合计
 * (万元): below `small`, `small`–`large`, above `large`. A median of fewer than `minPeers` departments is not shown: one
 * or two other departments are not a benchmark.
 */
export const PEER_GROUP = { small: 1000, large: 10000, minPeers: 5 } as const;

const fmtWan = (v: number) => v.toLocaleString("en-US");

/** The size bands as the pages name them. */
export const SIZE_BAND_TEXT = {
  small: `支出 ${fmtWan(PEER_GROUP.small)} 万元以下`,
  medium: `${fmtWan(PEER_GROUP.small)}–${fmtWan(PEER_GROUP.large)} 万元`,
  large: `${fmtWan(PEER_GROUP.large)} 万元以上`,
} as const;

/** 绩效自评 project execution rate (全年执行数 ÷ 全年预算数 × 100): below it a project is flagged. */
export const PROJECT_RATE_FLOOR = 50;

/** The overview's red flags: execution outside [low, high], SME share below `sme`, a project's rate below `projectRate`. */
export const FLAG_THRESHOLDS = {
  low: EXECUTION_RATE.low,
  high: EXECUTION_RATE.high,
  sme: SME_SHARE.reference,
  projectRate: PROJECT_RATE_FLOOR,
} as const;

/** The execution bands for thresholds [low, high] (the execution page lets a user choose them). */
export function executionBandText(low: number = EXECUTION_RATE.low, high: number = EXECUTION_RATE.high): string {
  const [goodLow, goodHigh] = [low + EXECUTION_RATE.margin, high - EXECUTION_RATE.margin];
  const concern = `低于 ${low}% 或高于 ${high}% 为${BAND_TEXT.concern}`;
  // Thresholds closer than two margins leave no 良好 band: all of [low, high] is 关注.
  if (goodLow > goodHigh) return `执行率 ${low}%–${high}% 为${BAND_TEXT.watch}，${concern}`;
  return `执行率 ${goodLow}%–${goodHigh}% 为${BAND_TEXT.good}，${low}%–${goodLow}% 或 ${goodHigh}%–${high}% 为${BAND_TEXT.watch}，${concern}`;
}

const BANDS = {
  execution: executionBandText(),
  sme: `中小企业份额 ${SME_SHARE.reference}% 及以上为${BAND_TEXT.good}，${SME_SHARE.watch}%–${SME_SHARE.reference}% 为${BAND_TEXT.watch}，低于 ${SME_SHARE.watch}% 为${BAND_TEXT.concern}`,
  change:
    `金额按与上年相比的变化（±${CHANGE.good}% 以内为${BAND_TEXT.good}，±${CHANGE.watch}% 以内为${BAND_TEXT.watch}，超过为${BAND_TEXT.concern}；` +
    `“三公”经费与机关运行经费以不增加为${BAND_TEXT.good}，增加 ${NO_GROWTH.watch}% 以内为${BAND_TEXT.watch}）`,
};

/** What each policy line means, as the pages print it. */
export const POLICY_TEXT = {
  ...BANDS,
  executionRank: `执行率以 ${EXECUTION_TARGET}% 为准：超支与未完成同样是偏离，按与 ${EXECUTION_TARGET}% 的距离（|执行率 − ${EXECUTION_TARGET}|）排名，距离最小的排第 1`,
  peers:
    `同类部门为同一口径（部门决算与部门决算、单位决算与单位决算）、同一规模档（本年支出合计${SIZE_BAND_TEXT.small}、${SIZE_BAND_TEXT.medium}、${SIZE_BAND_TEXT.large}）；` +
    `同类部门不足 ${PEER_GROUP.minPeers} 个时不列中位数`,
  /** the department page's cards: every band at once */
  bands: [BANDS.execution, BANDS.sme, BANDS.change].join("；"),
  smeReference:
    `中小企业份额参考线 ${SME_SHARE.reference}%：授予中小企业合同金额占政府采购支出总额的比例低于此线的部门在总览中标出；` +
    `政府采购页默认用此线，可在网址中另设（reference）`,
  projectRate: `项目执行率（全年执行数 ÷ 全年预算数）低于 ${PROJECT_RATE_FLOOR}% 的项目在总览中标出，其中自评为“优”的在部门页标红`,
  flags:
    `年初预算执行率低于 ${FLAG_THRESHOLDS.low}% 或高于 ${FLAG_THRESHOLDS.high}%；项目执行率低于 ${FLAG_THRESHOLDS.projectRate}%；` +
    `中小企业份额低于 ${FLAG_THRESHOLDS.sme}%；“三公”经费决算高于上年`,
} as const;

/** An execution rate's band for thresholds [low, high]; undefined when no rate is known. */
export function executionBand(
  ratePct: string | undefined,
  low: number = EXECUTION_RATE.low,
  high: number = EXECUTION_RATE.high,
): Band | undefined {
  if (ratePct === undefined) return undefined;
  const r = new D(ratePct);
  if (r.lt(low) || r.gt(high)) return "concern";
  if (r.lt(low + EXECUTION_RATE.margin) || r.gt(high - EXECUTION_RATE.margin)) return "watch";
  return "good";
}

export function smeShareBand(sharePct: string | undefined): Band | undefined {
  if (sharePct === undefined) return undefined;
  const s = new D(sharePct);
  return s.gte(SME_SHARE.reference) ? "good" : s.gte(SME_SHARE.watch) ? "watch" : "concern";
}

/**
 * An amount's band by its change on the previous year, not by its size (a big department is not a concern);
 * undefined without a previous year, or when that was zero.
 */
export function changeBand(figure: string, value: string | undefined, prior: string | undefined): Band | undefined {
  if (value === undefined || prior === undefined || new D(prior).isZero()) return undefined;
  const change = new D(value).minus(prior).div(prior).times(100);
  if (NO_GROWTH.figures.includes(figure))
    return change.lte(0) ? "good" : change.lte(NO_GROWTH.watch) ? "watch" : "concern";
  return change.abs().lte(CHANGE.good) ? "good" : change.abs().lte(CHANGE.watch) ? "watch" : "concern";
}

/** The band of one headline figure (the department page's cards): rates by their lines, amounts by their change. */
export function figureBand(figure: string, value: string | undefined, prior: string | undefined): Band | undefined {
  if (value === undefined) return undefined;
  if (figure === "gpbExecutionRate") return executionBand(value);
  if (figure === "procurementSmeShare") return smeShareBand(value);
  return changeBand(figure, value, prior);
}

/**
 * A budget changed between 年初预算 and 全年预算 (调整预算) is said to be one wherever the document gives both: an
 * execution rate against the cut budget alone reads as "100% executed" when most of the 年初预算 was never spent
 * (烟台市大数据局: 7,000 cut to 425.24). A change of `notable` % of the 年初预算 or more is marked as a concern.
 */
const BUDGET_ADJUSTMENT = { notable: 20 } as const;

export type BudgetAdjustment = {
  direction: "cut" | "raised" | "unchanged";
  /** 全年预算 − 年初预算, 万元 */
  change: string;
  /** change ÷ 年初预算 × 100, 2 dp; undefined when the 年初预算 is zero */
  pct?: string;
  notable: boolean;
};

/** How the 全年预算 (adjusted) moved from the 年初预算; undefined unless the document gives both. */
export function budgetAdjustment(
  initial: string | null | undefined,
  annual: string | null | undefined,
): BudgetAdjustment | undefined {
  if (
    initial === null ||
    initial === undefined ||
    initial === "" ||
    annual === null ||
    annual === undefined ||
    annual === ""
  )
    return undefined;
  const change = new D(annual).minus(initial);
  const base = new D(initial);
  const pct = base.isZero() ? undefined : change.div(base).times(100).toFixed(2, D.ROUND_HALF_UP);
  const direction = change.isZero() ? "unchanged" : change.isNeg() ? "cut" : "raised";
  // from a zero 年初预算 any raise is a new budget: notable
  const notable = direction !== "unchanged" && (pct === undefined || new D(pct).abs().gte(BUDGET_ADJUSTMENT.notable));
  return { direction, change: change.toFixed(), pct, notable };
}

export const ADJUSTMENT_TEXT = {
  cut: "调减",
  raised: "调增",
  unchanged: "未调整",
  policy: `年初预算在年度中调整为全年预算的，两个执行率并列（执行数 ÷ 年初预算、执行数 ÷ 全年预算），并标明调减或调增及金额；调整幅度达年初预算 ${BUDGET_ADJUSTMENT.notable}% 及以上的标红`,
} as const;
