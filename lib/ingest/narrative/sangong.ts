import type { Narrative } from "@/lib/report/schema";
import { readYearChange, YEAR_COMPARE } from "./changes";
import {
  AMT,
  INT,
  PCT,
  amountOf,
  attempt,
  find,
  findAll,
  intOf,
  lineOf,
  pctOf,
  reasonIn,
  type Hit,
  type Notes,
  type Section,
} from "./text";

type Sangong = NonNullable<Narrative["sangong"]>;
type Change = Narrative["changes"][number];
type Category = "total" | "abroad" | "vehicle" | "reception";

// 全年预算 (the table's 预算数) and/or 年初预算, then 支出决算. With both, the budget is the 全年 one, as in the table.
const IS = "(?:数)?(?:为|是)?";
const BUDGET_FINAL = `(?:年初预算${IS}${AMT("b0")}[，,]?)?(?:(?:全年|调整后)?预算${IS}${AMT("b")}[，,]?)?(?:支出)?决算${IS}${AMT("f")}`;
// A category stated by its 决算 alone: "其中：因公出国（境）费决算为 0.00 万元，完成预算的 0%".
const FINAL_ONLY = `(?:支出)?决算(?:数)?(?:为|是)${AMT("f")}`;

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

const LABELS: Record<Category, string> = {
  total: "“三公”经费支出",
  abroad: "因公出国（境）费",
  vehicle: "公务用车购置及运行维护费",
  reception: "公务接待费",
};

/**
 * 九 (七 in Shanghai): budget / final / rate per category, the counts the narrative states (groups, persons, vehicles,
 * batches), and the year-over-year statements ("“三公”经费支出决算数与2023年度持平。其中：因公出国（境）费支出决算持平；…")
 * as changes keyed sangong.total / sangong.abroad / sangong.vehicle / sangong.reception.
 */
export function parseSangong(sec: Section, notes: Notes = []): { sangong?: Sangong; changes: Change[] } {
  const out: Sangong = {};
  const withBudget = findAll(sec, BUDGET_FINAL).filter(
    (h) => h.group("b") !== undefined || h.group("b0") !== undefined,
  );
  const finals = findAll(sec, FINAL_ONLY).filter((f) => !withBudget.some((h) => f.index >= h.index && f.index < h.end));
  const hits = [...withBudget, ...finals].sort((a, b) => a.index - b.index);
  hits.forEach((h, i) => {
    const cat = categoryBefore(sec, h.index);
    if (!cat || out[cat]) return;
    const to = hits[i + 1]?.index ?? sec.text.length;
    const value = attempt(notes, sec, () => {
      const rate = find(sec, `完成(?:全年|年初)?预算(?:数)?的?${PCT("r")}`, h.end, to);
      const budget = h.group("b") !== undefined ? "b" : h.group("b0") !== undefined ? "b0" : undefined;
      if (budget === "b" && h.group("b0") !== undefined) amountOf(sec, h, "b0");
      return {
        ...(budget ? { budget: amountOf(sec, h, budget) } : {}),
        final: amountOf(sec, h, "f"),
        ...(rate ? { rate: pctOf(sec, rate, "r") } : {}),
        sourceLine: lineOf(sec, h.start(budget ?? "f")),
      };
    });
    if (value) out[cat] = value;
  });

  attempt(notes, sec, () => {
    const groups = find(sec, `团组${INT("g")}个[^。；;\\d]{0,8}?${INT("p")}人`);
    if (groups) {
      out.abroadGroups = intOf(sec, groups, "g");
      out.abroadPersons = intOf(sec, groups, "p");
    }
  });
  attempt(notes, sec, () => {
    const purchase = amountAfter(sec, "公务用车购置费(?:支出)?");
    if (purchase) out.vehiclePurchase = purchase;
  });
  attempt(notes, sec, () => {
    const bought = find(sec, `购置(?:公务用车|车辆)${INT("n")}辆`);
    if (bought) out.vehiclesPurchased = intOf(sec, bought, "n");
  });
  attempt(notes, sec, () => {
    const operation = amountAfter(sec, "公务用车运行(?:维护|维修)费(?:支出)?");
    if (operation) out.vehicleOperation = operation;
  });
  attempt(notes, sec, () => {
    const kept = find(sec, `保有量(?:为)?${INT("n")}辆`);
    if (kept) out.vehiclesKept = intOf(sec, kept, "n");
  });

  const foreignAt = find(sec, /国[（(]境[)）]外(?:公务)?接待费/);
  attempt(notes, sec, () => {
    const domestic = find(sec, `国内(?:公务)?接待费(?:支出)?(?:为)?${AMT("a")}`);
    if (!domestic) return;
    const to = foreignAt && foreignAt.index > domestic.index ? foreignAt.index : sec.text.length;
    const batches = find(sec, `(?<!外事)接待${INT("b")}批次?[、，,]?(?:共)?${INT("p")}人`, domestic.end, to);
    const foreignAffairs = find(sec, `外事接待${INT("b")}批次?[、，,]?(?:共)?${INT("p")}人`, domestic.end, to);
    out.receptionDomestic = {
      amount: amountOf(sec, domestic, "a"),
      ...counts(sec, batches, "batches", "persons"),
      ...counts(sec, foreignAffairs, "foreignAffairsBatches", "foreignAffairsPersons"),
    };
  });
  if (foreignAt) {
    attempt(notes, sec, () => {
      const foreign = find(sec, `国[（(]境[)）]外(?:公务)?接待费(?:支出)?(?:为)?${AMT("a")}`, foreignAt.index);
      if (!foreign) return;
      const to = find(sec, /。/, foreign.end)?.index ?? sec.text.length;
      const batches = find(sec, `接待${INT("b")}批次?[、，,]?(?:共)?${INT("p")}人`, foreign.end, to);
      out.receptionForeign = { amount: amountOf(sec, foreign, "a"), ...counts(sec, batches, "batches", "persons") };
    });
  }
  const changes = yearOverYear(sec, out, notes);
  if (Object.keys(out).length === 0) return { changes };
  out.sourceLine = out.total?.sourceLine ?? sec.headingLine;
  return { sangong: out, changes };
}

/**
 * "2024年度“三公”经费财政拨款支出决算数与2023年度持平。其中：因公出国（境）费支出决算持平；…" → one change per
 * category named, its current figure being the category's 决算 stated in the section. A comparison with a budget
 * ("与 2023 年预算基本持平") is no year-over-year statement.
 */
function yearOverYear(sec: Section, out: Sangong, notes: Notes): Change[] {
  const changes: Change[] = [];
  for (const cmp of findAll(sec, YEAR_COMPARE)) {
    let from = cmp.index;
    while (from > 0 && !/[。；;]/.test(sec.text[from - 1])) from--;
    let to = find(sec, /[。]/, cmp.end)?.index ?? sec.text.length;
    // the clauses of "其中：…；…；…。" right after belong to the same statement
    if (/^。?其中[:：，,]?/.test(sec.text.slice(to, to + 4))) to = find(sec, /[。]/, to + 1)?.index ?? sec.text.length;
    const clauses = sec.text.slice(from, to).split(/(?<=[；;。])|(?=其中[:：])/);
    let at = from;
    for (const clause of clauses) {
      const clauseFrom = at;
      at += clause.length;
      if (!/增加|减少|增长|下降|上升|降低|持平|一致|无变化|没有变化|相同/.test(clause)) continue;
      const cat = firstCategory(clause);
      if (!cat || changes.some((c) => c.key === `sangong.${cat}`)) continue;
      const current = out[cat]?.final;
      if (current === undefined) continue;
      const stated = attempt(notes, sec, () => readYearChange(sec, clauseFrom, clauseFrom + clause.length));
      if (!stated) continue;
      const reason = reasonIn(sec, clauseFrom, to);
      changes.push({
        key: `sangong.${cat}`,
        subject: LABELS[cat],
        current,
        ...stated,
        ...(reason && !stated.reason ? { reason } : {}),
        sourceLine: lineOf(sec, clauseFrom),
      });
    }
  }
  return changes;
}

function firstCategory(text: string): Category | null {
  let best: [Category, number] | null = null;
  for (const [cat, re] of NAMES) {
    const m = new RegExp(re.source).exec(text);
    if (m && (!best || m.index < best[1])) best = [cat, m.index];
  }
  return best?.[0] ?? null;
}

function amountAfter(sec: Section, label: string): string | undefined {
  const hit = find(sec, `${label}(?:为)?${AMT("a")}`);
  return hit ? amountOf(sec, hit, "a") : undefined;
}

function counts<B extends string, P extends string>(
  sec: Section,
  hit: Hit | null,
  b: B,
  p: P,
): Partial<Record<B | P, number>> {
  if (!hit) return {};
  return { [b]: intOf(sec, hit, "b"), [p]: intOf(sec, hit, "p") } as Record<B | P, number>;
}
