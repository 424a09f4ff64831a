import { D } from "@/lib/money/decimal";
import type { Report } from "@/lib/report/schema";
import { checkPrinted, compact, finding } from "../compare";
import { ratioRoundsTo } from "../exact";
import { narrativeLoc, sectionOfKey } from "../labels";
import type { Side } from "../report-access";
import { percentOf } from "../tolerance";
import { familyRules, type Rule } from "../rule";
import type { Finding } from "../types";
import { tableTargets } from "./narrative-figures";

export const PCT_SHARE = "PCT_SHARE";
const PCT_CHANGE = "PCT_CHANGE";
const PCT_OPERATING_COST = "PCT_OPERATING_COST";
const PCT_ZERO_BASE = "PCT_ZERO_BASE";

const BASE_NAMES: Record<string, string> = {
  incomeTotal: "本年收入合计",
  expenditureTotal: "本年支出合计",
  gpbExpenditure: "一般公共预算财政拨款支出",
};

/** The whole a share is of: the table figure, else the same figure as the narrative states it. */
function baseOf(report: Report, base: string): Side | undefined {
  const fromTable = tableTargets(report, base).find((s) => s.value !== undefined);
  if (fromTable) return fromTable;
  const stated =
    report.narrative.changes.find((c) => c.key === base) ?? report.narrative.shares.find((s) => s.key === base);
  if (!stated) return undefined;
  const value = "current" in stated ? stated.current : stated.amount;
  return {
    value,
    label: `情况说明 ${stated.subject}`,
    locs: [narrativeLoc(sectionOfKey(base), stated.subject, stated.sourceLine)],
  };
}

function shares(report: Report): Finding[] {
  const out: (Finding | null)[] = [];
  for (const s of report.narrative.shares) {
    const base = baseOf(report, s.base);
    if (!base || base.value === undefined) continue;
    // exactly the printed share: no finding (checkPrinted would return none)
    if (ratioRoundsTo(s.pct, s.amount, base.value)) continue;
    const loc = narrativeLoc(sectionOfKey(s.key), `${s.subject}占比`, s.sourceLine);
    const whole = new D(base.value);
    const pct = percentOf(new D(s.amount), whole);
    if (pct === undefined) {
      out.push(
        finding(
          PCT_ZERO_BASE,
          "error",
          `情况说明 ${s.subject} 占${BASE_NAMES[s.base] ?? s.base}的 ${s.pct}%，但${base.label}为 0`,
          [loc, ...base.locs],
          undefined,
          s.pct,
        ),
      );
      continue;
    }
    out.push(
      checkPrinted(PCT_SHARE, { value: s.pct, label: `情况说明 ${s.subject}占比`, locs: [loc] }, [pct], {
        label: `${s.amount} / ${base.label} ${base.value}`,
        locs: base.locs,
      }),
    );
  }
  return compact(out);
}

/** 增长/下降 P% = change / prior, where the prior year is current − change (both as printed). */
function changes(report: Report): Finding[] {
  const out: (Finding | null)[] = [];
  for (const c of report.narrative.changes) {
    if (c.pct === undefined || c.change === undefined) continue;
    if (ratioRoundsTo(c.pct, c.change, [c.current, c.change])) continue;
    const loc = narrativeLoc(sectionOfKey(c.key), `${c.subject}增减比例`, c.sourceLine);
    const prior = new D(c.current).minus(c.change);
    const pct = percentOf(new D(c.change), prior);
    if (pct === undefined) {
      out.push(
        finding(
          PCT_ZERO_BASE,
          "error",
          `情况说明 ${c.subject} 上年数为 0（${c.current} − ${c.change}），却给出增减比例 ${c.pct}%`,
          [loc],
          undefined,
          c.pct,
        ),
      );
      continue;
    }
    out.push(
      checkPrinted(PCT_CHANGE, { value: c.pct, label: `情况说明 ${c.subject}增减比例`, locs: [loc] }, [pct], {
        label: `增减额 ${c.change} / 上年数 ${prior.toFixed()}`,
        locs: [],
      }),
    );
  }
  return compact(out);
}

/** 机关运行经费 比年初预算增减 P% = change / (amount − change). */
function operatingCost(report: Report): Finding[] {
  const o = report.narrative.operatingCost;
  if (!o || o.pct === undefined || o.changeVsBudget === undefined) return [];
  if (ratioRoundsTo(o.pct, o.changeVsBudget, [o.amount, o.changeVsBudget])) return [];
  const loc = narrativeLoc("operatingCost", "机关运行经费比年初预算增减比例", o.sourceLine);
  const budget = new D(o.amount).minus(o.changeVsBudget);
  const pct = percentOf(new D(o.changeVsBudget), budget);
  if (pct === undefined)
    return [
      finding(
        PCT_ZERO_BASE,
        "error",
        `情况说明 机关运行经费年初预算为 0，却给出增减比例 ${o.pct}%`,
        [loc],
        undefined,
        o.pct,
      ),
    ];
  return compact([
    checkPrinted(
      PCT_OPERATING_COST,
      { value: o.pct, label: "情况说明 机关运行经费比年初预算增减比例", locs: [loc] },
      [pct],
      { label: `增减额 ${o.changeVsBudget} / 年初预算 ${budget.toFixed()}`, locs: [] },
    ),
  ]);
}

function all(report: Report): Finding[] {
  return [...shares(report), ...changes(report), ...operatingCost(report)];
}

export const percentageRules: Rule[] = familyRules(all, [
  { id: PCT_SHARE, title: "情况说明 占比 = 金额 / 基数" },
  { id: PCT_CHANGE, title: "情况说明 增减比例 = 增减额 / 上年数" },
  { id: PCT_OPERATING_COST, title: "情况说明 机关运行经费增减比例 = 增减额 / 年初预算" },
  { id: PCT_ZERO_BASE, title: "情况说明 基数为 0 时不应给出比例" },
]);
