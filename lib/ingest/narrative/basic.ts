import type { Narrative } from "@/lib/report/schema";
import { AMT, amountOf, attempt, find, lineOf, type Notes, type Section } from "./text";

/** 六: "基本支出决算 1,433.56 万元 … 人员经费 1,266.86 万元 … 公用经费 166.7 万元". */
export function parseBasicExpenditure(sec: Section, notes: Notes = []): Narrative["basicExpenditure"] {
  const total = find(sec, `基本支出(?:决算)?(?:数)?(?:为|合计|共计)?${AMT("a")}`);
  if (!total) return undefined;
  const amount = attempt(notes, sec, () => amountOf(sec, total, "a"), "section");
  if (amount === undefined) return undefined;
  const personnel = find(sec, `人员经费(?:支出)?(?:为|合计|共计)?${AMT("a")}`, total.end);
  const pub = find(sec, `公用经费(?:支出)?(?:为|合计|共计)?${AMT("a")}`, total.end);
  const p = personnel ? attempt(notes, sec, () => amountOf(sec, personnel, "a")) : undefined;
  const q = pub ? attempt(notes, sec, () => amountOf(sec, pub, "a")) : undefined;
  return {
    total: amount,
    ...(p !== undefined ? { personnel: p } : {}),
    ...(q !== undefined ? { public: q } : {}),
    sourceLine: lineOf(sec, total.start("a")),
  };
}
