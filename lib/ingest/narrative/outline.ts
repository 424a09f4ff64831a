import { isPageFooter, type SourceDoc } from "../document";
import { chineseInt, cleanDoc, makeSection, type Section } from "./text";

/** The parts of a disclosure found by their titles, never by their position or number. */
export type SectionKey =
  | "duties"
  | "organisation"
  | "overall"
  | "income"
  | "expenditure"
  | "fiscal"
  | "gpb"
  | "basic"
  | "govFund"
  | "soe"
  | "sangong"
  | "operating"
  | "procurement"
  | "assets"
  | "performance"
  | "glossary";

// Matched against a heading with its numbering, spaces and markup removed. The body sometimes words a title
// differently from the table of contents (机关运行经费支出说明 / 机关运行经费支出情况), so suffixes are optional.
// A bare "绩效" or "机关运行经费" can be a wrapped table cell, so a section title must end in 情况 or 说明.
const END = "(?:情况说明|情况|说明)";
const Q = "[\"“”「」『』'‘’]?";
const TITLES: [SectionKey, RegExp][] = [
  ["duties", /^(?:部门|单位)?(?:主要)?(?:职责|职能)(?:职责)?$/],
  // 机构设置 (Shandong), 部门决算单位构成 (Shanghai: "二、部门决算单位构成")
  [
    "organisation",
    /^(?:机构设置|(?:部门|单位)?(?:决算)?(?:部门|单位)构成)(?:情况)?(?:及(?:决算)?(?:部门|单位)构成)?(?:情况)?$/,
  ],
  ["overall", new RegExp(`^(?:收入支出|收支)决算总体${END}$`)],
  ["income", new RegExp(`^收入决算${END}$`)],
  ["expenditure", new RegExp(`^支出决算${END}$`)],
  ["fiscal", new RegExp(`^财政拨款收入支出决算总体${END}$`)],
  ["gpb", new RegExp(`^一般公共预算财政拨款支出决算${END}$`)],
  ["basic", new RegExp(`^一般公共预算财政拨款基本支出决算${END}$`)],
  ["govFund", new RegExp(`^政府性基金预算财政拨款收入支出决算${END}$`)],
  ["soe", new RegExp(`^国有资本经营预算财政拨款支出决算${END}$`)],
  ["sangong", new RegExp(`^(?:财政拨款)?${Q}三公${Q}经费(?:支出)?决算${END}$`)],
  // 机关运行经费 (most templates), 机构运行经费 (Inner Mongolia)
  ["operating", new RegExp(`^(?:机关|机构)运行经费(?:支出)?${END}$`)],
  ["procurement", new RegExp(`^政府采购(?:支出)?${END}$`)],
  // 国有资产占用情况 (Shandong), 国有资产占有使用情况说明 (Shanghai)
  ["assets", new RegExp(`^国有资产(?:占用|占有|使用|占有使用|占用使用)${END}$`)],
  ["performance", new RegExp(`^(?:预算)?绩效(?:管理)?(?:工作)?${END}$`)],
  ["glossary", /^(?:第四部分)?名词解释$/],
];

const NUMBERING = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])/;
/**
 * What a line needs to be read as a heading or a boundary below: 第 (第N部分), 附 (附件), 名 (名词解释), the last
 * character of a title (see TITLE_ENDS), or a leading numeral (a numbered heading wrapped onto the next line).
 * Cleaned lines start with their first printed character, so the numeral test on the line is the one on its
 * compact form. Most lines (table rows, sentences) have none of these and are passed over with one test.
 */
const MAY_BE_HEADING = /[第附名况明责能置成释]|^[一二三四五六七八九十（(]/;
const PART = /^第[一二三四五六七八九十]+部分/;

function compact(line: string): string {
  return line.replace(/\s+/g, "").replace(/[.…·．]{2,}\d*$/, "");
}

/**
 * A heading's title without numbering and without the dot leaders / page numbers of a table of contents. Sub-section
 * numbering （一） is numbering too: Shanghai prints 机关运行经费, 政府采购 and 国有资产 as （一）（二）（三） under
 * 十一、其他重要事项的情况说明.
 */
function titleText(line: string): string {
  return compact(line)
    .replace(/^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）][、.．]?)/, "")
    .replace(/[.…·．\-—\d]+$/, "");
}

/**
 * A numbered top-level heading of 第三部分 that is no known title ("七、一般公共预算项目支出决算情况说明",
 * "十一、其他重要事项的情况说明"): its number and title. Templates number their sections in order, so a heading
 * only counts when its number follows the previous one's; a "一、" inside section 九 is a sub-heading.
 */
const TOP_HEADING = /^(?<n>[一二三四五六七八九十]+)[、.．](?<t>[^。；;：:，,]{2,40}?(?:情况说明|情况|说明))$/;

function isBlank(line: string): boolean {
  const t = line.trim();
  return t === "" || isPageFooter(t) || /^[-—\s]*\d+[-—\s]*$/.test(t);
}

/** A line of a table of contents: a part heading or another known title. */
function isContentsLine(line: string): boolean {
  const c = compact(line);
  return PART.test(c) || /^目录$/.test(c) || match(c) !== null;
}

const NOT_NARRATIVE = new Set<SectionKey>(["duties", "organisation", "glossary"]);

export type OutlineEntry = { key: SectionKey; title: string; index: number };

/**
 * Finds the body heading of every known part. A table of contents repeats the titles: a title followed by another
 * title or part heading is a contents entry and skipped; when a title still occurs twice (contents with sub-entries),
 * the later occurrence is the body, since the contents come first.
 */
export type Outline = {
  entries: Map<SectionKey, OutlineEntry>;
  boundaries: number[];
  /** numbered sections of 第三部分 with titles the reader does not know (their figures are reported unread) */
  others: { title: string; index: number }[];
};

// The header and the narrative both read the outline: it is found once per document (callers only read it).
const outlineCache = new WeakMap<SourceDoc, Outline>();

export function findOutline(doc: SourceDoc): Outline {
  let outline = outlineCache.get(doc);
  if (!outline) {
    outline = scanOutline(doc);
    outlineCache.set(doc, outline);
  }
  return outline;
}

function scanOutline(doc: SourceDoc): Outline {
  const lines = cleanDoc(doc).lines;
  const nextContent = (i: number): number => {
    let j = i + 1;
    while (j < lines.length && isBlank(lines[j])) j++;
    return j;
  };
  const entries = new Map<SectionKey, OutlineEntry>();
  const boundaries: number[] = [];
  const others: Outline["others"] = [];
  // the number of the last top-level heading of the current part (0 at each 第N部分), and whether a 情况说明 section
  // has been seen in it (unknown headings of 第一部分 概况 are not narrative sections)
  let lastTop = 0;
  let inNarrative = false;
  for (let i = 0; i < lines.length; i++) {
    if (!MAY_BE_HEADING.test(lines[i])) continue;
    const c = compact(lines[i]);
    if (c === "" || c.length > 60) continue;
    if (PART.test(c) || /^(?:名词解释|附件)$/.test(c)) {
      boundaries.push(i);
      lastTop = 0;
      inNarrative = false;
    }
    const top = TOP_HEADING.exec(c);
    const topNo = top?.groups ? (chineseInt(top.groups.n) ?? 0) : 0;
    let found = match(c);
    let consumed = i;
    // A heading wrapped by the extractor: "九、财政拨款“三公”经费支出决算情况说" + "明".
    if (!found && NUMBERING.test(c)) {
      const j = nextContent(i);
      if (j < lines.length && compact(lines[j]).length <= 8) {
        found = match(c + compact(lines[j]));
        if (found) consumed = j;
      }
    }
    if (!found) {
      // An unknown section of 第三部分 ends the one before it, so its figures are not read as that section's.
      if (top && inNarrative && topNo > lastTop) {
        const after = nextContent(i);
        if (after < lines.length && isContentsLine(lines[after])) continue;
        others.push({ title: c, index: i });
        boundaries.push(i);
        lastTop = topNo;
      }
      continue;
    }
    const after = nextContent(consumed);
    if (after < lines.length && isContentsLine(lines[after])) continue;
    entries.set(found, { key: found, title: c + (consumed > i ? compact(lines[consumed]) : ""), index: consumed });
    boundaries.push(i);
    const lead = /^([一二三四五六七八九十]+)[、.．]/.exec(c);
    if (lead) lastTop = chineseInt(lead[1]) ?? lastTop;
    if (!NOT_NARRATIVE.has(found)) inNarrative = true;
  }
  boundaries.sort((a, b) => a - b);
  return { entries, boundaries, others };
}

// Every title above ends in one of these characters (情况, 说明, 职责, 职能, 设置, 构成, 名词解释): a line ending in
// anything else is no title, and the sixteen patterns need not run.
const TITLE_ENDS = new Set(["况", "明", "责", "能", "置", "成", "释"]);

/** The same characters anywhere in a line: titleText only removes characters, so a title's end is one of the line's. */
const ANY_TITLE_END = /[况明责能置成释]/;

function match(c: string): SectionKey | null {
  if (!ANY_TITLE_END.test(c)) return null;
  const t = titleText(c);
  if (!TITLE_ENDS.has(t[t.length - 1])) return null;
  for (const [key, re] of TITLES) if (re.test(t)) return key;
  return null;
}

/** All known sections of a document as joined text, keyed by what they are. */
const sectionsCache = new WeakMap<SourceDoc, { outline: Outline; sections: Map<SectionKey, Section> }>();

export function findSections(doc: SourceDoc, outline = findOutline(doc)): Map<SectionKey, Section> {
  // Built once per document and outline (the header and the narrative both read them; callers only read).
  const cached = sectionsCache.get(doc);
  if (cached?.outline === outline) return cached.sections;
  const sections = new Map<SectionKey, Section>();
  for (const e of outline.entries.values()) {
    sections.set(e.key, makeSection(doc, e.title, e.index, e.index + 1, sectionEnd(doc, outline, e)));
  }
  sectionsCache.set(doc, { outline, sections });
  return sections;
}

/** The 0-based line index where a section ends: the next heading or part boundary. */
export function sectionEnd(doc: SourceDoc, outline: { boundaries: number[] }, entry: OutlineEntry): number {
  return outline.boundaries.find((b) => b > entry.index) ?? doc.lines.length;
}
