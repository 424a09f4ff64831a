import type { Narrative } from "@/lib/report/schema";
import { readYearChange, YEAR_COMPARE } from "./changes";
import { AMT, PCT, amountOf, attempt, find, lineOf, pctOf, reasonIn, signOf, type Notes, type Section } from "./text";

type Change = Narrative["changes"][number];

/**
 * 十 (Shandong) / 十一（一） (Shanghai): "机关运行经费支出 117.47 万元，比年初预算数减少 51.68 万元，下降 30.55%，主要原因是…"
 * or against last year: "机关运行经费支出 184.65 万元，比 2023 年度增加 2.55 万元，增长 1.40%。主要原因是…". Only the
 * comparison with the budget fills changeVsBudget; one with last year is a change (key operatingCost) like those of
 * sections 一 to 五.
 */
export function parseOperatingCost(
  sec: Section,
  notes: Notes = [],
): { operatingCost?: Narrative["operatingCost"]; changes: Change[] } {
  const stated = find(sec, `(?:机关|机构)运行经费(?:支出)?(?:决算)?(?:数)?(?:为|共计|合计)?${AMT("a")}`);
  if (!stated) return { changes: [] };
  const amount = attempt(notes, sec, () => amountOf(sec, stated, "a"), "section");
  if (amount === undefined) return { changes: [] };
  const sentenceEnd = find(sec, /。/, stated.end)?.index ?? sec.text.length;
  const out: NonNullable<Narrative["operatingCost"]> = { amount, sourceLine: lineOf(sec, stated.start("a")) };
  const changes: Change[] = [];
  const vsBudget = find(sec, /(?:比|较|与)(?:年初|全年)?预算(?:数)?(?:相比)?[，,]?/, stated.end, sentenceEnd);
  if (vsBudget) {
    attempt(notes, sec, () => {
      const clauseEnd = sentenceEnd;
      const chg = find(sec, `(?<dir>增加|减少|节约|超支)了?${AMT("c")}`, vsBudget.index, clauseEnd);
      if (chg) {
        const v = amountOf(sec, chg, "c");
        out.changeVsBudget = /减少|节约/.test(chg.group("dir") ?? "") && v !== "0" && !/^-/.test(v) ? `-${v}` : v;
      } else if (/持平|一致/.test(sec.text.slice(vsBudget.index, clauseEnd))) out.changeVsBudget = "0";
      const pct = find(sec, `(?<dir>增长|下降|增加|减少|上升|降低)了?${PCT("p")}`, vsBudget.index, clauseEnd);
      if (pct) out.pct = pctOf(sec, pct, "p", signOf(pct.group("dir") ?? ""));
    });
  }
  const reason = reasonIn(sec, stated.end, sec.text.length);
  if (reason) out.reason = reason;
  const vsYear = find(sec, YEAR_COMPARE, stated.end, sentenceEnd);
  if (vsYear && (!vsBudget || vsYear.index < vsBudget.index || vsYear.index > vsBudget.end)) {
    // the year clause runs to the budget clause when both are in one sentence
    const to = vsBudget && vsBudget.index > vsYear.index ? vsBudget.index : sentenceEnd;
    const change = attempt(notes, sec, () => readYearChange(sec, vsYear.index, to));
    if (change) {
      changes.push({
        key: "operatingCost",
        subject: sec.text.slice(stated.index, stated.start("a")).replace(/(?:为|共计|合计)$/, ""),
        current: amount,
        ...change,
        ...(reason ? { reason } : {}),
        sourceLine: out.sourceLine,
      });
    }
  }
  return { operatingCost: out, changes };
}
