import { D, type Dec } from "../money/decimal";
import { allocate, round2, ZERO } from "./amounts";
import type { DeptState } from "./ledger";
import type { Rng } from "./random";

/** 三公 spending of one year: budget (全年预算) and final per category, with the counts the narrative states. */
export type Sangong = {
  budget: { abroad: Dec; purchase: Dec; operation: Dec; reception: Dec };
  final: { abroad: Dec; purchase: Dec; operation: Dec; reception: Dec };
  abroadGroups: number;
  abroadPersons: number;
  vehiclesPurchased: number;
  vehiclesKept: number;
  domestic: {
    amount: Dec;
    batches: number;
    persons: number;
    foreignAffairsBatches: number;
    foreignAffairsPersons: number;
  };
  foreign: { amount: Dec; batches: number; persons: number };
};

// Overseas trips all but stopped in 2020–2022.
const NO_TRAVEL_YEARS = new Set([2020, 2021, 2022]);

export function generateSangong(state: DeptState, year: number, rng: Rng): Sangong {
  const magnitude = Math.max(0, state.size.log(10).toNumber() - 2);
  const kept = state.vehiclesKept;
  const vehiclesPurchased = kept > 0 && rng.chance(0.12) ? rng.int(1, kept > 10 ? 3 : 1) : 0;
  const purchase = vehiclesPurchased === 0 ? ZERO : round2(new D(vehiclesPurchased).times(rng.factor("12", "25")));
  const operation = kept === 0 ? ZERO : round2(new D(kept).times(rng.factor("0.6", "2.2")));

  let abroadGroups = 0;
  let abroadPersons = 0;
  let abroad = ZERO;
  if (!NO_TRAVEL_YEARS.has(year) && rng.chance(state.profile.abroad)) {
    abroadGroups = rng.int(1, 3);
    abroadPersons = abroadGroups * rng.int(1, 4);
    abroad = round2(new D(abroadPersons).times(rng.factor("1.5", "4.5")));
  }

  const batches = Math.max(1, Math.round(rng.int(3, 25) * (1 + magnitude)));
  const persons = batches * rng.int(3, 12);
  let domesticAmount = round2(new D(persons).times(rng.factor("0.008", "0.025")));
  if (domesticAmount.isZero()) domesticAmount = new D("0.01");
  const foreignAffairsBatches = state.profile.abroad >= 0.2 && rng.chance(0.3) ? Math.min(batches, rng.int(1, 3)) : 0;
  const foreignAffairsPersons = Math.min(persons, foreignAffairsBatches * rng.int(2, 8));
  const foreign =
    state.profile.abroad >= 0.3 && rng.chance(0.1)
      ? (() => {
          const b = rng.int(1, 2);
          const p = b * rng.int(2, 6);
          return { amount: round2(new D(p).times(rng.factor("0.03", "0.08"))), batches: b, persons: p };
        })()
      : { amount: ZERO, batches: 0, persons: 0 };
  const reception = domesticAmount.plus(foreign.amount);

  // The 全年预算 is usually a little above what was spent; a quarter of departments spend exactly to budget.
  const budgetOf = (v: Dec) => (v.isZero() ? ZERO : rng.chance(0.25) ? v : round2(v.times(rng.factor("1.00", "1.35"))));
  return {
    budget: {
      abroad: budgetOf(abroad),
      purchase: budgetOf(purchase),
      operation: budgetOf(operation),
      reception: budgetOf(reception),
    },
    final: { abroad, purchase, operation, reception },
    abroadGroups,
    abroadPersons,
    vehiclesPurchased,
    vehiclesKept: kept,
    domestic: { amount: domesticAmount, batches, persons, foreignAffairsBatches, foreignAffairsPersons },
    foreign,
  };
}

/** Vehicle fleet drifts by one now and then. */
export function advanceFleet(state: DeptState, rng: Rng): void {
  if (state.vehiclesKept > 0 && rng.chance(0.15))
    state.vehiclesKept = Math.max(0, state.vehiclesKept + (rng.chance(0.5) ? 1 : -1));
  state.vehiclesKept = Math.min(30, state.vehiclesKept);
}

export type Procurement = {
  total: Dec;
  goods: Dec;
  works: Dec;
  services: Dec;
  goodsSme: Dec;
  worksSme: Dec;
  servicesSme: Dec;
  smallMicro: Dec;
};

export function generateProcurement(base: Dec, rng: Rng): Procurement {
  const total = D.max(new D("1.00"), round2(base.times(rng.factor("0.05", "0.45"))));
  const [goods, works, services] = allocate(total, [
    rng.factor("0.1", "1"),
    rng.chance(0.3) ? rng.factor("0.1", "1.5") : ZERO,
    rng.factor("0.3", "2"),
  ]);
  // Most departments award 60–100 % to SMEs; one in ten falls well short, as the seeds show (22.22 %).
  const low = rng.chance(0.1);
  const rate = () => (low ? rng.factor("0.05", "0.6") : rng.chance(0.3) ? new D(1) : rng.factor("0.6", "1"));
  const goodsSme = round2(goods.times(rate()));
  const worksSme = round2(works.times(rate()));
  const servicesSme = round2(services.times(rate()));
  const sme = goodsSme.plus(worksSme).plus(servicesSme);
  const smallMicro = round2(sme.times(rng.factor("0.5", "1")));
  return { total, goods, works, services, goodsSme, worksSme, servicesSme, smallMicro };
}

const VEHICLE_USES = [
  "领导干部用车",
  "机要通信用车",
  "应急保障用车",
  "执法执勤用车",
  "特种专业技术用车",
  "离退休干部用车",
  "其他用车",
] as const;

export function generateAssets(
  state: DeptState,
  rng: Rng,
): { vehicles: number; byUse: Record<string, number>; largeEquipment: number } {
  const vehicles = state.vehiclesKept + (rng.chance(0.2) ? rng.int(1, 2) : 0);
  const weights = state.profile.vehicles >= 5 ? [1, 1, 2, 8, 2, 0, 1] : [1, 3, 1, 1, 1, 0, 2];
  const byUse: Record<string, number> = Object.fromEntries(VEHICLE_USES.map((u) => [u, 0]));
  for (let i = 0; i < vehicles; i++) {
    let r = rng.int(
      1,
      weights.reduce((a, w) => a + w, 0),
    );
    let k = 0;
    while (r > weights[k]) r -= weights[k++];
    byUse[VEHICLE_USES[k]]++;
  }
  const magnitude = Math.max(0, Math.floor(state.size.log(10).toNumber()) - 2);
  return { vehicles, byUse, largeEquipment: rng.chance(0.5) ? 0 : rng.int(0, 3 * magnitude) };
}
