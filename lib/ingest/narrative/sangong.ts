import type { Narrative } from "@/lib/report/schema";
import { AMT, INT, PCT, amountOf, find, findAll, intOf, lineOf, pctOf, type Hit, type Section } from "./text";

type Sangong = NonNullable<Narrative["sangong"]>;
type Category = "total" | "abroad" | "vehicle" | "reception";

const BUDGET_FINAL = `(?:全年|年初)?预算(?:数)?(?:为|是)?${AMT("b")}[，,]?(?:支出)?决算(?:数)?(?:为|是)?${AMT("f")}`;

// The category is named just before its 全年预算; the nearest name wins, because a subsection heading
// ("（二）“三公”经费支出决算具体情况") can sit right in front of "1、因公出国（境）费全年预算为…".
const NAMES: [Category, RegExp][] = [
  ["total", /三公/g],
  ["abroad", /出国|出境/g],
  ["vehicle", /公务用车|车辆购置|车辆运行/g],
  ["reception", /接待/g],
];

function categoryBefore(sec: Section, at: number): Category | null {
  const before = sec.text.slice(Math.max(0, at - 40), at);
  let best: [Category, number] | null = null;
  for (const [cat, re] of NAMES) {
    for (const m of before.matchAll(re)) if (!best || m.index >= best[1]) best = [cat, m.index];
  }
  return best?.[0] ?? null;
}

/** 九: budget / final / rate per category, and the counts the narrative states (groups, persons, vehicles, batches). */
export function parseSangong(sec: Section): Narrative["sangong"] {
  const out: Sangong = {};
  const hits = findAll(sec, BUDGET_FINAL);
  hits.forEach((h, i) => {
    const cat = categoryBefore(sec, h.index);
    if (!cat || out[cat]) return;
    const to = hits[i + 1]?.index ?? sec.text.length;
    const rate = find(sec, `完成(?:全年)?预算的?${PCT("r")}`, h.end, to);
    out[cat] = {
      budget: amountOf(sec, h, "b"),
      final: amountOf(sec, h, "f"),
      ...(rate ? { rate: pctOf(sec, rate, "r") } : {}),
      sourceLine: lineOf(sec, h.start("b")),
    };
  });

  const groups = find(sec, `团组${INT("g")}个[^。；;\\d]{0,8}?${INT("p")}人`);
  if (groups) {
    out.abroadGroups = intOf(sec, groups, "g");
    out.abroadPersons = intOf(sec, groups, "p");
  }
  const purchase = amountAfter(sec, "公务用车购置费(?:支出)?");
  if (purchase) out.vehiclePurchase = purchase;
  const bought = find(sec, `购置(?:公务用车|车辆)${INT("n")}辆`);
  if (bought) out.vehiclesPurchased = intOf(sec, bought, "n");
  const operation = amountAfter(sec, "公务用车运行(?:维护|维修)费(?:支出)?");
  if (operation) out.vehicleOperation = operation;
  const kept = find(sec, `保有量(?:为)?${INT("n")}辆`);
  if (kept) out.vehiclesKept = intOf(sec, kept, "n");

  const foreignAt = find(sec, /国[（(]境[)）]外(?:公务)?接待费/);
  const domestic = find(sec, `国内(?:公务)?接待费(?:支出)?(?:为)?${AMT("a")}`);
  if (domestic) {
    const to = foreignAt && foreignAt.index > domestic.index ? foreignAt.index : sec.text.length;
    const batches = find(sec, `(?<!外事)接待${INT("b")}批次?[、，,]?(?:共)?${INT("p")}人`, domestic.end, to);
    const foreignAffairs = find(sec, `外事接待${INT("b")}批次?[、，,]?(?:共)?${INT("p")}人`, domestic.end, to);
    out.receptionDomestic = {
      amount: amountOf(sec, domestic, "a"),
      ...counts(sec, batches, "batches", "persons"),
      ...counts(sec, foreignAffairs, "foreignAffairsBatches", "foreignAffairsPersons"),
    };
  }
  if (foreignAt) {
    const foreign = find(sec, `国[（(]境[)）]外(?:公务)?接待费(?:支出)?(?:为)?${AMT("a")}`, foreignAt.index);
    if (foreign) {
      const to = find(sec, /。/, foreign.end)?.index ?? sec.text.length;
      const batches = find(sec, `接待${INT("b")}批次?[、，,]?(?:共)?${INT("p")}人`, foreign.end, to);
      out.receptionForeign = { amount: amountOf(sec, foreign, "a"), ...counts(sec, batches, "batches", "persons") };
    }
  }
  if (Object.keys(out).length === 0) return undefined;
  out.sourceLine = out.total?.sourceLine ?? sec.headingLine;
  return out;
}

function amountAfter(sec: Section, label: string): string | undefined {
  const hit = find(sec, `${label}(?:为)?${AMT("a")}`);
  return hit ? amountOf(sec, hit, "a") : undefined;
}

function counts<B extends string, P extends string>(sec: Section, hit: Hit | null, b: B, p: P): Partial<Record<B | P, number>> {
  if (!hit) return {};
  return { [b]: intOf(sec, hit, "b"), [p]: intOf(sec, hit, "p") } as Record<B | P, number>;
}
