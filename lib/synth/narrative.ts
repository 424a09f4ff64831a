import { D, type Dec } from "../money/decimal";
import type { Change, ExecutionItem, Narrative, Table } from "../report/schema";
import { money, pctOf, round2, sumOf, ZERO } from "./amounts";
import type { Procurement, Sangong } from "./extras";
import type { LeafAmounts, Ledger } from "./ledger";
import type { PerformanceResult } from "./performance";
import type { Rng } from "./random";
import { functionName } from "./subjects";
import type { Totals } from "./tables";

/** The figures a 情况说明 compares with last year, keyed as lib/report/schema.ts `changeSchema.key`. */
export type Facts = Record<string, Dec>;

const CHANGE_SUBJECTS: Record<string, string> = {
  grandTotal: "收、支总计",
  "income.fiscal": "财政拨款收入",
  "income.superior": "上级补助收入",
  "income.business": "事业收入",
  "income.operating": "经营收入",
  "income.affiliated": "附属单位上缴收入",
  "income.other": "其他收入",
  "expenditure.basic": "基本支出",
  "expenditure.project": "项目支出",
  "expenditure.upstream": "上缴上级支出",
  "expenditure.operating": "经营支出",
  "expenditure.subsidy": "对附属单位补助支出",
  fiscalGrandTotal: "财政拨款收、支总计",
  gpbExpenditure: "一般公共预算财政拨款支出",
};

export function factsOf(t: Totals): Facts {
  return {
    grandTotal: t.grandTotal,
    "income.fiscal": t.income.gpb.plus(t.income.govFund).plus(t.income.soe),
    "income.superior": t.income.superior,
    "income.business": t.income.business,
    "income.operating": t.income.operating,
    "income.affiliated": t.income.affiliated,
    "income.other": t.income.other,
    "expenditure.basic": t.expenditure.basic,
    "expenditure.project": t.expenditure.project,
    "expenditure.upstream": t.expenditure.upstream,
    "expenditure.operating": t.expenditure.operating,
    "expenditure.subsidy": t.expenditure.subsidy,
    fiscalGrandTotal: t.fiscal.grandTotal,
    gpbExpenditure: t.gpb.total,
  };
}

const PROJECT_REASONS = {
  up: ["主要是项目支出增加", "主要是年中追加专项资金", "主要是新增重点工作任务"],
  down: ["主要是项目支出减少", "主要是上年一次性项目本年不再安排", "主要是部分项目结转下年实施"],
};
const REASONS: Record<string, { up: string[]; down: string[] }> = {
  "expenditure.basic": {
    up: ["主要是人员增加，人员经费相应增加", "主要是落实工资政策调整，人员经费增加"],
    down: ["主要是人员减少，人员经费相应减少", "主要是厉行节约，压减公用经费"],
  },
  "income.business": { up: ["主要是事业收入增加"], down: ["主要是事业收入减少"] },
  "income.superior": { up: ["主要是上级补助增加"], down: ["主要是上级补助减少"] },
  "income.other": { up: ["主要是存款利息等其他收入增加"], down: ["主要是存款利息等其他收入减少"] },
};

/** "与 2022 年度相比，增加 X 万元，增长 P%": change = current − prior exactly, P = change / prior to two places. */
function changeOf(key: string, current: Dec, prior: Dec, rng: Rng): Change {
  const base: Change = { key, subject: CHANGE_SUBJECTS[key], current: money(current) };
  if (current.eq(prior)) return { ...base, unchanged: true };
  const change = current.minus(prior);
  return {
    ...base,
    change: money(change),
    ...(prior.isZero() ? {} : { pct: pctOf(change, prior) }),
    reason: rng.pick((REASONS[key] ?? PROJECT_REASONS)[change.gt(0) ? "up" : "down"]),
  };
}

function share(key: string, subject: string, amount: Dec, base: string, baseAmount: Dec) {
  return { key, subject, amount: money(amount), pct: pctOf(amount, baseAmount), base };
}

/** 年初预算 per 项: personnel contributions land near budget, projects anywhere from half to well over. */
function executionItems(ledger: Ledger, rng: Rng): ExecutionItem[] {
  const contributions = new Set([
    "2080501",
    "2080502",
    "2080505",
    "2080506",
    "2101101",
    "2101102",
    "2101103",
    "2210201",
  ]);
  return ledger.leaves
    .filter((l: LeafAmounts) => !l.gpbBasic.plus(l.gpbProject).isZero())
    .map((l) => {
      const final = l.gpbBasic.plus(l.gpbProject);
      const path = [functionName(l.code.slice(0, 3)), functionName(l.code.slice(0, 5)), functionName(l.code)];
      const unbudgeted = l.unbudgeted || (l.gpbBasic.isZero() && rng.chance(0.05));
      if (unbudgeted) {
        return {
          path,
          code: l.code,
          initialBudget: "0.00",
          final: money(final),
          noInitialBudget: true,
          stated: "more",
          reason: "年中有追加的预算支出。",
        } as const;
      }
      const factor = contributions.has(l.code)
        ? rng.chance(0.5)
          ? new D(1)
          : rng.factor("0.95", "1.05")
        : l.gpbProject.isZero()
          ? rng.factor("0.85", "1.10")
          : rng.factor("0.70", "1.40");
      const initial = D.max(new D("0.01"), round2(final.div(factor)));
      const basicOnly = l.gpbProject.isZero();
      const reason = final.gt(initial)
        ? basicOnly
          ? "决算数大于年初预算数的主要原因是年中追加了人员经费。"
          : "决算数大于年初预算数的主要原因是年中追加了项目资金。"
        : final.lt(initial)
          ? basicOnly
            ? "决算数小于年初预算数的主要原因是厉行节约，压减了一般性支出。"
            : "决算数小于年初预算数的主要原因是部分项目未在当年实施完毕。"
          : "与年初预算持平。";
      // the wording states the comparison, and the rate is against the initial budget: both are facts of the text
      const stated = final.gt(initial) ? "more" : final.lt(initial) ? "less" : "equal";
      return {
        path,
        code: l.code,
        initialBudget: money(initial),
        final: money(final),
        rate: pctOf(final, initial),
        rateBase: "initial",
        stated,
        reason,
      } as const;
    });
}

export type NarrativeInput = {
  year: number;
  tables: Table[];
  totals: Totals;
  ledger: Ledger;
  prior: Facts;
  sangong: Sangong;
  procurement: Procurement;
  assets: { vehicles: number; byUse: Record<string, number>; largeEquipment: number };
  performance: PerformanceResult;
};

export function buildNarrative(input: NarrativeInput, rng: Rng): Narrative {
  const { totals: t, prior } = input;
  const facts = factsOf(t);
  const changes = Object.keys(CHANGE_SUBJECTS).map((key) => changeOf(key, facts[key], prior[key] ?? ZERO, rng));

  const shares: Narrative["shares"] = [];
  for (const key of [
    "income.fiscal",
    "income.superior",
    "income.business",
    "income.operating",
    "income.affiliated",
    "income.other",
  ]) {
    if (!facts[key].isZero()) shares.push(share(key, CHANGE_SUBJECTS[key], facts[key], "incomeTotal", t.incomeTotal));
  }
  for (const key of [
    "expenditure.basic",
    "expenditure.project",
    "expenditure.upstream",
    "expenditure.operating",
    "expenditure.subsidy",
  ]) {
    if (!facts[key].isZero())
      shares.push(share(key, CHANGE_SUBJECTS[key], facts[key], "expenditureTotal", t.expenditureTotal));
  }
  shares.push(
    share("gpbExpenditure", CHANGE_SUBJECTS.gpbExpenditure, t.gpb.total, "expenditureTotal", t.expenditureTotal),
  );
  const t05 = input.tables.find((x) => x.id === "t05")!;
  for (const row of t05.rows) {
    if (row.code?.length !== 3 || !row.values.total) continue;
    // Keyed and worded the way the narrative parser reads "社会保障和就业（类）支出 X 万元，占 P%".
    const name = row.name.replace(/支出$/, "");
    shares.push(share(`class:${name}`, `${name}（类）支出`, new D(row.values.total), "gpbExpenditure", t.gpb.total));
  }

  const items = executionItems(input.ledger, rng);
  const initialBudget = sumOf(items.map((i) => new D(i.initialBudget)));
  const gpbFinal = t.gpb.total;

  const s = input.sangong;
  const category = (budget: Dec, final: Dec) => ({
    budget: money(budget),
    final: money(final),
    ...(budget.isZero() ? {} : { rate: pctOf(final, budget) }),
  });
  const bVehicle = s.budget.purchase.plus(s.budget.operation);
  const fVehicle = s.final.purchase.plus(s.final.operation);
  const bTotal = s.budget.abroad.plus(bVehicle).plus(s.budget.reception);
  const fTotal = s.final.abroad.plus(fVehicle).plus(s.final.reception);

  const opAmount = D.max(new D("0.01"), round2(t.public.times(rng.factor("0.55", "1.00"))));
  const opBudget = D.max(new D("0.01"), round2(opAmount.times(rng.factor("0.85", "1.20"))));
  const opChange = opAmount.minus(opBudget);

  const p = input.procurement;
  const sme = p.goodsSme.plus(p.worksSme).plus(p.servicesSme);
  const catShare = (smeAmount: Dec, amount: Dec) => (amount.isZero() ? undefined : pctOf(smeAmount, amount));

  return {
    changes,
    shares,
    budgetExecution: {
      initialBudget: money(initialBudget),
      final: money(gpbFinal),
      rate: pctOf(gpbFinal, initialBudget),
      rateBase: "initial",
      stated: gpbFinal.gt(initialBudget) ? "more" : "less",
      reason: gpbFinal.gt(initialBudget)
        ? "决算数大于年初预算数的主要原因是年中追加了项目和人员经费。"
        : "决算数小于年初预算数的主要原因是厉行节约、部分项目结转下年实施。",
      items,
    },
    basicExpenditure: { total: money(t.gpb.basic), personnel: money(t.personnel), public: money(t.public) },
    sangong: {
      total: category(bTotal, fTotal),
      abroad: category(s.budget.abroad, s.final.abroad),
      vehicle: category(bVehicle, fVehicle),
      vehiclePurchase: money(s.final.purchase),
      vehicleOperation: money(s.final.operation),
      reception: category(s.budget.reception, s.final.reception),
      abroadGroups: s.abroadGroups,
      abroadPersons: s.abroadPersons,
      vehiclesPurchased: s.vehiclesPurchased,
      vehiclesKept: s.vehiclesKept,
      receptionDomestic: {
        amount: money(s.domestic.amount),
        batches: s.domestic.batches,
        persons: s.domestic.persons,
        foreignAffairsBatches: s.domestic.foreignAffairsBatches,
        foreignAffairsPersons: s.domestic.foreignAffairsPersons,
      },
      receptionForeign: { amount: money(s.foreign.amount), batches: s.foreign.batches, persons: s.foreign.persons },
    },
    operatingCost: {
      amount: money(opAmount),
      changeVsBudget: money(opChange),
      pct: pctOf(opChange, opBudget),
      reason: opChange.gt(0)
        ? "主要原因是公务活动增加，运行成本相应增加。"
        : opChange.lt(0)
          ? "主要原因是厉行节约，严格控制一般性支出。"
          : "与年初预算持平。",
    },
    procurement: {
      total: money(p.total),
      goods: money(p.goods),
      works: money(p.works),
      services: money(p.services),
      sme: money(sme),
      smeShare: pctOf(sme, p.total),
      smallMicro: money(p.smallMicro),
      smallMicroShare: pctOf(p.smallMicro, p.total),
      ...(catShare(p.goodsSme, p.goods) ? { goodsSmeShare: catShare(p.goodsSme, p.goods) } : {}),
      ...(catShare(p.worksSme, p.works) ? { worksSmeShare: catShare(p.worksSme, p.works) } : {}),
      ...(catShare(p.servicesSme, p.services) ? { servicesSmeShare: catShare(p.servicesSme, p.services) } : {}),
    },
    assets: {
      vehicles: input.assets.vehicles,
      vehiclesByUse: input.assets.byUse,
      largeEquipment: input.assets.largeEquipment,
    },
    performance: input.performance.narrative,
  };
}
