import type { Narrative } from "@/lib/report/schema";
import { AMT, PCT, amountOf, find, lineOf, pctOf, reasonIn, signOf, type Section } from "./text";

/** 十: "机关运行经费支出 117.47 万元，比年初预算数减少 51.68 万元，下降 30.55%，主要原因是…". */
export function parseOperatingCost(sec: Section): Narrative["operatingCost"] {
  const stated = find(sec, `机关运行经费(?:支出)?(?:决算)?(?:数)?(?:为|共计|合计)?${AMT("a")}`);
  if (!stated) return undefined;
  const sentenceEnd = find(sec, /。/, stated.end)?.index ?? sec.text.length;
  const out: NonNullable<Narrative["operatingCost"]> = { amount: amountOf(sec, stated, "a"), sourceLine: lineOf(sec, stated.start("a")) };
  // Only a comparison with the initial budget fills changeVsBudget; "比上年" is a different base.
  const vsBudget = find(sec, /(?:比|较|与)(?:年初|全年)?预算(?:数)?(?:相比)?[，,]?/, stated.end, sentenceEnd);
  if (vsBudget) {
    const clauseEnd = sentenceEnd;
    const chg = find(sec, `(?<dir>增加|减少|节约|超支)了?${AMT("c")}`, vsBudget.index, clauseEnd);
    if (chg) {
      const v = amountOf(sec, chg, "c");
      out.changeVsBudget = /减少|节约/.test(chg.group("dir") ?? "") && v !== "0" && !/^-/.test(v) ? `-${v}` : v;
    } else if (/持平|一致/.test(sec.text.slice(vsBudget.index, clauseEnd))) out.changeVsBudget = "0";
    const pct = find(sec, `(?<dir>增长|下降|增加|减少|上升|降低)了?${PCT("p")}`, vsBudget.index, clauseEnd);
    if (pct) out.pct = pctOf(sec, pct, "p", signOf(pct.group("dir") ?? ""));
  }
  const reason = reasonIn(sec, stated.end, sec.text.length);
  if (reason) out.reason = reason;
  return out;
}
