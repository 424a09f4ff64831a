import type { Narrative } from "@/lib/report/schema";
import {
  AMT,
  INT,
  NUM,
  PCT,
  amountOf,
  attempt,
  fail,
  find,
  findAll,
  intOf,
  lineOf,
  markRead,
  pctOf,
  type Notes,
  type Section,
} from "./text";

type Performance = NonNullable<Narrative["performance"]>;
type Summary = Performance["summaries"][number];

const SUMMARY_START =
  /(?<=^|[。：:；;])(?<no>\d{1,3})(?:、|[.．](?!\d))(?<name>[^。：:]*?)(?:项目)?(?:绩效)?自评(?:综述|情况|结果)[:：]/;

// How many projects were self-evaluated: "涵盖项目 44 个", "对 9 个项目开展绩效自评" (Shandong), "绩效自评的 2024 年度项目
// 4 个" (Shanghai).
const COUNT = `涵盖(?:项目)?${INT("n")}个|对${INT("m")}个项目(?:全面)?开展(?:了)?(?:绩效)?自评|(?:绩效)?自评的(?:\\d{4}年度?)?(?:预算)?项目${INT("k")}个`;
// The grades: "43 个项目自评等级为优" (Shandong), "绩效评级为“优”的项目 4 个" (Shanghai; also 合格 / 不合格).
const GRADE_WORDS = "优|良|中|差|不合格|合格";
const GRADE_BEFORE = `${INT("n")}个(?:项目)?(?:的)?自评(?:等级|结果)为[“"]?(?<grade>${GRADE_WORDS})`;
const GRADE_AFTER = `(?:绩效)?(?:评级|等级|自评等级|自评结果)为[“"]?(?<grade>${GRADE_WORDS})[”"]?(?:的)?(?:项目)?${INT("n")}个`;

/**
 * 十三 (十 in Shanghai): how many projects were self-evaluated and with how much money, the grade counts, how many
 * 绩效自评表 are attached, and one summary per disclosed project ("N.X项目绩效自评综述：…自评得分为 S 分。全年预算数为
 * B 万元，执行数为 E 万元，完成预算的 R%").
 */
export function parsePerformance(sec: Section, notes: Notes = []): Narrative["performance"] {
  const out: Performance = { gradeCounts: {}, summaries: [] };
  const count = find(sec, COUNT);
  attempt(notes, sec, () => {
    if (count)
      out.projectCount = intOf(
        sec,
        count,
        count.group("n") !== undefined ? "n" : count.group("m") !== undefined ? "m" : "k",
      );
  });
  const funds = find(sec, `涉及(?:预算)?(?:资金|金额)(?:总额)?(?:为|共计)?${AMT("a")}`, count?.index ?? 0);
  if (funds) {
    attempt(notes, sec, () => {
      out.funds = amountOf(sec, funds, "a");
      const sentenceEnd = find(sec, /。/, funds.end)?.index ?? sec.text.length;
      const share = find(sec, `^[，,]?占[^。\\d%％]{0,30}?${PCT("p")}`, funds.end, sentenceEnd);
      if (share) out.fundsShare = pctOf(sec, share, "p");
    });
  }
  // "自评的 44 个项目中，43 个项目自评等级为优": the count restated before the grades
  const restated = find(sec, `自评的${INT("r")}个项目中`);
  if (restated && out.projectCount !== undefined && restated.group("r") === String(out.projectCount)) {
    markRead(sec, restated.start("r"), restated.end);
  }
  for (const pattern of [GRADE_BEFORE, GRADE_AFTER]) {
    for (const g of findAll(sec, pattern)) {
      attempt(notes, sec, () => {
        const grade = g.group("grade") ?? "";
        out.gradeCounts[grade] = (out.gradeCounts[grade] ?? 0) + intOf(sec, g, "n");
      });
    }
  }
  attempt(notes, sec, () => {
    const sheets = find(sec, `${INT("n")}个项目的(?:项目)?(?:支出)?绩效自评表`);
    if (sheets) out.sheetsStated = intOf(sec, sheets, "n");
  });

  const starts = findAll(sec, SUMMARY_START);
  starts.forEach((s, i) => {
    const to = starts[i + 1]?.index ?? sec.text.length;
    const summary = attempt(notes, sec, () => parseSummary(sec, s.group("name") ?? "", s.end, to, s.index));
    if (summary) out.summaries.push(summary);
    // a summary's account of what the project did is prose, not figures of the report
    markRead(sec, s.index, to);
  });

  if (
    out.projectCount === undefined &&
    !out.funds &&
    out.summaries.length === 0 &&
    Object.keys(out.gradeCounts).length === 0
  ) {
    return undefined;
  }
  out.sourceLine = lineOf(sec, (count ?? funds)?.index ?? 0);
  return out;
}

function parseSummary(sec: Section, name: string, from: number, to: number, at: number): Summary {
  const score = find(sec, `(?:自评)?得分(?:为|是)?${NUM("s")}分`, from, to);
  const budget = find(sec, `全年预算(?:数)?(?:为|是)?${AMT("a")}`, from, to);
  const executed = find(sec, `执行数?(?:为|是)?${AMT("a")}`, from, to);
  const rate = find(sec, `完成(?:全年)?预算(?:数)?的?${PCT("r")}`, from, to);
  const s: Summary = { name: name.trim(), sourceLine: lineOf(sec, at) };
  if (score) {
    const raw = score.group("s") ?? "";
    if (!/^\d+(?:\.\d+)?$/.test(raw)) fail(sec, score.start("s"), "自评得分无法识别", "自评得分为 S 分", `${raw}分`);
    s.score = raw;
  }
  if (budget) s.budget = amountOf(sec, budget, "a");
  if (executed) s.executed = amountOf(sec, executed, "a");
  if (rate) s.rate = pctOf(sec, rate, "r");
  return s;
}
