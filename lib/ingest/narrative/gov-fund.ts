import { AMT, amountOf, attempt, find, type Notes, type Section } from "./text";

/** Figures of 公开07表's 合计 row that section 七 may state, keyed by the table's columns, in 万元 as printed. */
export type GovFundFigures = Partial<
  Record<"carryBegin" | "income" | "total" | "basic" | "project" | "carryEnd", string>
>;

// Item words must not be the tail of a longer name (城市建设项目支出 is one subject's, not the table's); in this
// section "政府性基金预算财政拨款基本支出" is the table's.
const ITEM = "(?<=^|[^\\u4e00-\\u9fa5]|其中|包括|拨款)";
const IS = "(?:决算)?(?:数)?(?:为|共计|合计)?";

const PATTERNS: [keyof GovFundFigures, string][] = [
  ["total", `政府性基金预算财政拨款(?:本年)?支出${IS}`],
  ["basic", `${ITEM}基本支出${IS}`],
  ["project", `${ITEM}项目支出${IS}`],
  ["carryBegin", `年初(?:财政拨款)?结转和?结余${IS}`],
  ["income", `(?:${ITEM}本年收入|政府性基金预算财政拨款(?:本年)?收入)${IS}`],
  ["carryEnd", `年末(?:财政拨款)?结转和?结余${IS}`],
];

/**
 * 七、政府性基金预算财政拨款收入支出决算情况说明: "政府性基金预算财政拨款支出 3,446.42 万元，其中：基本支出 … 万元，
 * 项目支出 … 万元；年初结转和结余 … 万元，本年收入 … 万元，年末结转和结余 … 万元". Not part of the canonical
 * narrative (the figures are table 07's); the plain-text table parser uses them to tell 07's columns apart.
 */
export function parseGovFundFigures(sec: Section, notes: Notes = []): GovFundFigures | undefined {
  const out: GovFundFigures = {};
  for (const [key, pattern] of PATTERNS) {
    const hit = find(sec, `${pattern}${AMT("a")}`);
    if (!hit) continue;
    const value = attempt(notes, sec, () => amountOf(sec, hit, "a"));
    if (value !== undefined) out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}
