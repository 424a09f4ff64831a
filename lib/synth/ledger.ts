import { D, type Dec } from "../money/decimal";
import { allocate, round2, sumOf, ZERO } from "./amounts";
import type { DepartmentProfile, Leaf } from "./departments";
import { Rng } from "./random";

/**
 * One department-year as money flows: what each 项 spent by fund and kind, and what income paid for it.
 * Every table of the report is a view of this ledger, so the identities between tables hold by construction.
 */
export type LeafAmounts = {
  code: string;
  gpbBasic: Dec;
  gpbProject: Dec;
  govFundProject: Dec;
  soeProject: Dec;
  nonFiscalBasic: Dec;
  nonFiscalProject: Dec;
  gpbIncome: Dec;
  govFundIncome: Dec;
  soeIncome: Dec;
  superior: Dec;
  business: Dec;
  other: Dec;
  govFundCarryBegin: Dec;
  govFundCarryEnd: Dec;
  /** spending that appeared during the year (年初无预算) */
  unbudgeted: boolean;
};

export type Ledger = {
  leaves: LeafAmounts[];
  gpbCarryBegin: Dec;
  gpbCarryEnd: Dec;
  nonFiscalCarryBegin: Dec;
  nonFiscalCarryEnd: Dec;
  /** GPB basic spending of the operating 项 (行政运行, 事业运行, …): salaries and running costs */
  operatingBasic: Dec;
  /** contributions booked under their own 项, keyed by the 经济分类 款 they become in 公开06表 */
  contributions: Record<string, Dec>;
};

/** What carries over from one year to the next for a department. */
export type DeptState = {
  index: number;
  name: string;
  profile: DepartmentProfile;
  /** target total expenditure, 万元 */
  size: Dec;
  weights: Record<string, Dec>;
  gpbCarry: Dec;
  nonFiscalCarry: Dec;
  govFundCarry: Record<string, Dec>;
  vehiclesKept: number;
  flags: { retireAdmin: boolean; retireInstitution: boolean; civilServantMedical: boolean; housingFund: boolean };
};

export function initialState(
  seed: number,
  index: number,
  name: string,
  profile: DepartmentProfile,
  sizeScale: string,
): DeptState {
  const rng = Rng.derive(seed, "dept", index);
  const size = round2(new D(profile.size).times(sizeScale).times(rng.factor("0.7", "1.4")));
  const weights: Record<string, Dec> = {};
  for (const l of profile.leaves) weights[l.code] = new D(l.weight).times(rng.factor("0.8", "1.2"));
  const base = Math.max(0, Math.round(size.log(10).toNumber() * 3 - 5));
  return {
    index,
    name,
    profile,
    size,
    weights,
    gpbCarry: ZERO,
    nonFiscalCarry: ZERO,
    govFundCarry: {},
    vehiclesKept: Math.min(30, profile.vehicles === 0 ? rng.int(0, 1) * base : base + profile.vehicles + rng.int(0, 2)),
    flags: {
      retireAdmin: rng.chance(0.5),
      retireInstitution: profile.institutions && rng.chance(0.5),
      civilServantMedical: profile.admin && rng.chance(0.6),
      housingFund: rng.chance(0.85),
    },
  };
}

/** Year-over-year drift of −15 % … +20 %, and a little reshuffling between 项. */
export function advance(state: DeptState, rng: Rng, first: boolean): void {
  if (!first) state.size = round2(state.size.times(rng.factor("0.85", "1.20")));
  for (const k of Object.keys(state.weights)) state.weights[k] = state.weights[k].times(rng.factor("0.92", "1.08"));
}

export function buildLedger(state: DeptState, year: number, rng: Rng): Ledger {
  const { profile } = state;
  const active = profile.leaves.filter(
    (l) => (!l.years || l.years.includes(year)) && (l.fund !== "soe" || rng.chance(0.5)),
  );
  const totalWeight = sumOf(active.map((l) => state.weights[l.code]));
  const leaves: LeafAmounts[] = [];
  const blank = (code: string, unbudgeted = false): LeafAmounts => ({
    code,
    gpbBasic: ZERO,
    gpbProject: ZERO,
    govFundProject: ZERO,
    soeProject: ZERO,
    nonFiscalBasic: ZERO,
    nonFiscalProject: ZERO,
    gpbIncome: ZERO,
    govFundIncome: ZERO,
    soeIncome: ZERO,
    superior: ZERO,
    business: ZERO,
    other: ZERO,
    govFundCarryBegin: ZERO,
    govFundCarryEnd: ZERO,
    unbudgeted,
  });

  const hasMixed = active.some((l) => l.kind === "mixed");
  let largest: Leaf | undefined;
  for (const l of active)
    if (!l.fund && (!largest || state.weights[l.code].gt(state.weights[largest.code]))) largest = l;

  for (const leaf of active) {
    const amount = D.max(
      new D("0.50"),
      round2(state.size.times(state.weights[leaf.code]).div(totalWeight).times(rng.factor("0.93", "1.07"))),
    );
    const a = blank(leaf.code, leaf.years !== undefined && !leaf.years.includes(year - 1));
    if (leaf.fund === "govFund") a.govFundProject = amount;
    else if (leaf.fund === "soe") a.soeProject = amount;
    else {
      let basic =
        leaf.kind === "basic"
          ? amount
          : leaf.kind === "project"
            ? ZERO
            : round2(amount.times(rng.factor("0.50", "0.85")));
      let project = amount.minus(basic);
      const paysNonFiscal = profile.nonFiscal > 0 && (leaf.kind === "mixed" || (!hasMixed && leaf === largest));
      if (paysNonFiscal) {
        const share = D.min(new D("0.95"), new D(profile.nonFiscal).times(rng.factor("0.7", "1.3")));
        a.nonFiscalBasic = round2(basic.times(share));
        a.nonFiscalProject = round2(project.times(share));
        basic = basic.minus(a.nonFiscalBasic);
        project = project.minus(a.nonFiscalProject);
      }
      a.gpbBasic = basic;
      a.gpbProject = project;
    }
    leaves.push(a);
  }

  // Pension, medical and housing contributions follow the payroll of the operating 项 (公开06表 30108–30113 mirror them).
  const operatingBasic = sumOf(leaves.map((l) => l.gpbBasic));
  const contributions: Record<string, Dec> = {};
  const contribution = (code: string, econ: string, lo: string, hi: string) => {
    const v = D.max(new D("0.01"), round2(operatingBasic.times(rng.factor(lo, hi))));
    const a = blank(code);
    a.gpbBasic = v;
    leaves.push(a);
    contributions[econ] = (contributions[econ] ?? ZERO).plus(v);
  };
  contribution("2080505", "30108", "0.075", "0.095");
  contribution("2080506", "30109", "0.030", "0.045");
  if (profile.admin)
    contribution(
      "2101101",
      "30110",
      profile.institutions ? "0.020" : "0.035",
      profile.institutions ? "0.030" : "0.050",
    );
  if (!profile.admin || profile.institutions)
    contribution("2101102", "30110", profile.admin ? "0.015" : "0.035", profile.admin ? "0.025" : "0.050");
  if (state.flags.civilServantMedical) contribution("2101103", "30111", "0.010", "0.020");
  if (state.flags.housingFund) contribution("2210201", "30113", "0.060", "0.085");
  if (state.flags.retireAdmin && profile.admin) contribution("2080501", "30302", "0.010", "0.050");
  if (state.flags.retireInstitution) contribution("2080502", "30302", "0.010", "0.040");
  if (rng.chance(0.2)) {
    const a = blank("2080801", true);
    a.gpbBasic = round2(D.min(operatingBasic.times("0.05"), rng.factor("3", "40")));
    if (a.gpbBasic.gt(0)) {
      leaves.push(a);
      contributions["30304"] = a.gpbBasic;
    }
  }
  leaves.sort((x, y) => x.code.localeCompare(y.code));

  // Fiscal income pays the year's spending; the difference is the carry-over (年初/年末结转和结余).
  for (const l of leaves) {
    l.gpbIncome = l.gpbBasic.plus(l.gpbProject);
    l.soeIncome = l.soeProject;
    if (l.govFundProject.gt(0)) {
      l.govFundCarryBegin = state.govFundCarry[l.code] ?? ZERO;
      l.govFundCarryEnd = rng.chance(0.4) ? round2(l.govFundProject.times(rng.factor("0", "0.2"))) : ZERO;
      l.govFundIncome = l.govFundProject.plus(l.govFundCarryEnd).minus(l.govFundCarryBegin);
      if (l.govFundIncome.lt(0)) {
        l.govFundCarryEnd = l.govFundCarryEnd.minus(l.govFundIncome);
        l.govFundIncome = ZERO;
      }
    }
  }
  const gpbTotal = sumOf(leaves.map((l) => l.gpbIncome));
  const gpbTarget = leaves.reduce((best, l) => (l.gpbIncome.gt(best.gpbIncome) ? l : best), leaves[0]);
  const gpbCarryBegin = state.gpbCarry;
  let gpbCarryEnd = rng.chance(0.5) ? ZERO : round2(gpbTotal.times(rng.factor("0", "0.01")));
  if (gpbTarget.gpbIncome.plus(gpbCarryEnd).minus(gpbCarryBegin).lt(0))
    gpbCarryEnd = gpbCarryBegin.minus(gpbTarget.gpbIncome);
  gpbTarget.gpbIncome = gpbTarget.gpbIncome.plus(gpbCarryEnd).minus(gpbCarryBegin);

  const nonFiscalSpend = (l: LeafAmounts) => l.nonFiscalBasic.plus(l.nonFiscalProject);
  const nfTotal = sumOf(leaves.map(nonFiscalSpend));
  const nonFiscalCarryBegin = state.nonFiscalCarry;
  let nfTarget: LeafAmounts;
  let extra: Dec;
  if (nfTotal.gt(0)) {
    nfTarget = leaves.reduce((best, l) => (nonFiscalSpend(l).gt(nonFiscalSpend(best)) ? l : best), leaves[0]);
    extra = round2(nfTotal.times(rng.factor("-0.03", "0.05")));
    extra = D.max(extra, nonFiscalCarryBegin.neg(), nonFiscalSpend(nfTarget).neg());
  } else {
    // Bank interest on the department's own account: 其他收入 that is not spent and ends up carried over.
    nfTarget =
      leaves.find((l) => l.code === (active.find((x) => x.kind === "basic") ?? largest ?? active[0]).code) ?? leaves[0];
    extra = rng.chance(0.6) ? rng.factor("0.01", "3.00").toDecimalPlaces(2) : ZERO;
  }
  const nonFiscalCarryEnd = nonFiscalCarryBegin.plus(extra);
  for (const l of leaves) {
    const income = nonFiscalSpend(l).plus(l === nfTarget ? extra : ZERO);
    if (income.isZero()) continue;
    if (nfTotal.isZero() || profile.nonFiscalKind === "other") {
      l.other = income;
      continue;
    }
    const w = [
      rng.factor("0.85", "1"),
      rng.chance(0.5) ? rng.factor("0", "0.05") : ZERO,
      rng.chance(0.15) ? rng.factor("0.02", "0.1") : ZERO,
    ];
    [l.business, l.other, l.superior] = allocate(income, w);
  }

  state.gpbCarry = gpbCarryEnd;
  state.nonFiscalCarry = nonFiscalCarryEnd;
  state.govFundCarry = Object.fromEntries(
    leaves.filter((l) => l.govFundProject.gt(0)).map((l) => [l.code, l.govFundCarryEnd]),
  );
  return { leaves, gpbCarryBegin, gpbCarryEnd, nonFiscalCarryBegin, nonFiscalCarryEnd, operatingBasic, contributions };
}
