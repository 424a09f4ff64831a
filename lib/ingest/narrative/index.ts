import type { Narrative, Report, Unread } from "@/lib/report/schema";
import type { SourceDoc } from "../document";
import { parseAssets } from "./assets";
import { parseBasicExpenditure } from "./basic";
import { parseChangesAndShares } from "./changes";
import { parseBudgetExecution, parseClassShares } from "./execution";
import { parseGlossary } from "./glossary";
import { parseGovFundFigures, type GovFundFigures } from "./gov-fund";
import { parseOperatingCost } from "./operating";
import { findOutline, findSections, sectionEnd, type SectionKey } from "./outline";
import { parsePerformance } from "./performance";
import { parseProcurement } from "./procurement";
import { parseSangong } from "./sangong";
import { parseStaff } from "./staff";
import {
  attempt,
  countFigures,
  lineOf,
  makeSection,
  note,
  resetRead,
  sentenceAt,
  unreadFigures,
  type Notes,
  type Section,
} from "./text";

/**
 * 第三部分 情况说明 and 第四部分 名词解释. Sections are found by their titles; a section the document does not
 * have is simply absent from the result (the audit reports the gap). What cannot be read — a sentence whose wording
 * no reader knows, a figure that is no number, a section with no known title — becomes an unread note, and the rest
 * of the narrative still comes out: nothing in the narrative rejects a document.
 */
export type { GovFundFigures } from "./gov-fund";

export type NarrativeResult = {
  narrative: Narrative;
  glossary: Report["glossary"];
  govFund?: GovFundFigures;
  unread: Unread[];
};

/**
 * The sections whose statements the report models, and the subject words of those statements in the national
 * template. A sentence of such a section that names one of them but of which no figure was read is a statement
 * worded in a way no reader knows: it is noted. A sentence naming none of them is something the report does not
 * model (部门评价, 绩效目标, 跟踪评价, a breakdown of 机关运行经费 …): an extra disclosure, not a failure to read. The
 * figures a reader left over in a sentence it did read are details beyond the model, not noted either; nor is 八
 * 国有资本经营, whose figures the report holds in table 08 only. A numbered section with an unknown title is noted.
 */
const CUES: Partial<Record<SectionKey, RegExp>> = {
  overall: /总计/,
  income: /收入/,
  expenditure: /支出/,
  fiscal: /总计/,
  gpb: /一般公共预算财政拨款支出|年初预算|全年预算|决算|[（(]类[)）]/,
  basic: /基本支出|人员经费|公用经费/,
  govFund: /政府性基金|结转|结余|本年收入|支出/,
  sangong: /三公|出国|公务用车|接待|团组/,
  operating: /运行经费/,
  procurement: /政府采购|货物|工程|服务|中小企业|小微企业/,
  assets: /车辆|用车|设备/,
  performance: /涵盖|开展(?:了)?(?:绩效)?自评|自评的|评级为|等级为|自评表|自评综述/,
};

export function parseNarrative(doc: SourceDoc): NarrativeResult {
  const outline = findOutline(doc);
  const sections = findSections(doc, outline);
  for (const sec of sections.values()) resetRead(sec);
  const notes: Notes = [];

  const { changes, shares } = parseChangesAndShares(sections, notes);
  const narrative: Narrative = { changes, shares };
  const gpb = sections.get("gpb");
  if (gpb) {
    narrative.shares.push(...parseClassShares(gpb, notes));
    const execution = parseBudgetExecution(gpb, notes);
    if (execution) narrative.budgetExecution = execution;
  }
  const basic = sections.get("basic");
  const basicExpenditure = basic ? parseBasicExpenditure(basic, notes) : undefined;
  if (basicExpenditure) narrative.basicExpenditure = basicExpenditure;
  // 三公 and 机关运行经费 may also be compared with last year: those statements join the changes.
  const sangongSec = sections.get("sangong");
  if (sangongSec) {
    const { sangong, changes: more } = parseSangong(sangongSec, notes);
    if (sangong) narrative.sangong = sangong;
    narrative.changes.push(...more);
  }
  const operatingSec = sections.get("operating");
  if (operatingSec) {
    const { operatingCost, changes: more } = parseOperatingCost(operatingSec, notes);
    if (operatingCost) narrative.operatingCost = operatingCost;
    narrative.changes.push(...more);
  }
  const procurementSec = sections.get("procurement");
  const procurement = procurementSec ? parseProcurement(procurementSec, notes) : undefined;
  if (procurement) narrative.procurement = procurement;
  const assetsSec = sections.get("assets");
  const assets = assetsSec ? parseAssets(assetsSec, notes) : undefined;
  if (assets) narrative.assets = assets;
  const performanceSec = sections.get("performance");
  const performance = performanceSec ? parsePerformance(performanceSec, notes) : undefined;
  if (performance) narrative.performance = performance;

  // staff numbers sit in 机构设置 (some templates put them in 部门职责 / 基本情况)
  for (const key of ["organisation", "duties"] as const) {
    const sec = sections.get(key);
    const staff = sec ? attempt(notes, sec, () => parseStaff(sec)) : undefined;
    if (staff) {
      narrative.staff = staff;
      break;
    }
  }

  const heading = outline.entries.get("glossary");
  const glossary = heading ? parseGlossary(doc, heading, sectionEnd(doc, outline, heading), notes) : [];
  // Table 07's figures as section 七 states them: hints for placing table 07's cells, not narrative facts.
  const govFundSec = sections.get("govFund");
  const govFund = govFundSec ? parseGovFundFigures(govFundSec, notes) : undefined;

  for (const [key, sec] of sections) {
    const cue = CUES[key];
    if (cue) notes.push(...uncovered(sec, cue, notes));
  }
  for (const other of outline.others) {
    const sec = makeSection(
      doc,
      other.title,
      other.index,
      other.index + 1,
      sectionEnd(doc, outline, { key: "overall", title: other.title, index: other.index }),
    );
    const figures = unreadFigures(sec);
    if (figures.length === 0) continue;
    const first = sentenceAt(sec, figures[0][0]);
    notes.push({
      ...note(
        sec,
        "section",
        figures[0][0],
        first.text,
        `本节不是已知的情况说明小节，其中 ${figures.length} 个数字未读入`,
      ),
      sourceLine: sec.headingLine,
    });
  }
  const unread = notes.sort((a, b) => (a.sourceLine ?? 0) - (b.sourceLine ?? 0));
  return govFund ? { narrative, glossary, govFund, unread } : { narrative, glossary, unread };
}

/**
 * Statements no reader could read: a section none of whose figures was read is one note for the whole section;
 * otherwise one note per sentence that names a modelled subject (cue) and of which no figure was read. Sentences
 * already noted (a reader failed on them) are not noted twice.
 */
function uncovered(sec: Section, cue: RegExp, already: Notes): Unread[] {
  const figures = unreadFigures(sec);
  if (figures.length === 0) return [];
  if (figures.length === countFigures(sec)) {
    if (already.some((n) => n.where === sec.title)) return [];
    const first = sentenceAt(sec, figures[0][0]);
    return [note(sec, "section", figures[0][0], first.text, `本节的 ${figures.length} 个数字均未能读入（句式未识别）`)];
  }
  const out: Unread[] = [];
  let i = 0;
  while (i < figures.length) {
    const s = sentenceAt(sec, figures[i][0]);
    const firstAt = figures[i][0];
    const inSentence: string[] = [];
    while (i < figures.length && figures[i][0] < s.to) inSentence.push(figures[i++][1]);
    if (inSentence.length < countFigures(sec, s.from, s.to) || !cue.test(s.text)) continue;
    const lines = [lineOf(sec, s.from), lineOf(sec, Math.max(s.from, s.to - 1))];
    if (
      already.some(
        (n) =>
          n.where === sec.title && n.sourceLine !== undefined && n.sourceLine >= lines[0] && n.sourceLine <= lines[1],
      )
    )
      continue;
    out.push(note(sec, "statement", firstAt, s.text, `句中的 ${inSentence.join("、")} 未能读入（句式未识别）`));
  }
  return out;
}
