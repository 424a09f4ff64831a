import type { Report, Unread } from "@/lib/report/schema";
import { isPageFooter, type SourceDoc } from "./document";
import { ParseError } from "./errors";
import { findOutline, findSections, sectionEnd } from "./narrative/outline";
import { cleanDoc, cleanLine, shorten } from "./narrative/text";

export type Header = {
  department: string;
  year: number;
  scope: "部门决算" | "单位决算";
  overview: Report["overview"];
  /** part titles, table titles and table headers that name a year or a department, as printed */
  headings: Report["headings"];
  /** the table titles 目录 lists under 第二部分, as printed */
  listedTables: string[];
  /** the cover, when its title could not be read and department or year came from elsewhere */
  unread: Unread[];
};

type Scope = Header["scope"];

const PART = /^第[一二三四五六七八九十]+部分/;

/**
 * The cover ("2023 年度 / 烟台市大数据局部门决 / 算", "**2023 年度** **烟台市人民政府办公室** **本级决算**") gives the
 * department, the year and whether this is a 部门决算 (a department with its units) or a 单位决算 (one unit, also
 * printed as 本级决算). 第一部分 概况 gives the duties and the budget units included.
 */
export function parseHeader(doc: SourceDoc): Header {
  const cover = coverText(doc);
  const title = readTitle(cover.text);
  const sections = findSections(doc);

  const year = title?.year ?? fallbackYear(doc);
  const department = title?.department ?? fallbackDepartment(doc);
  const scope = title?.scope ?? scopeFromBody(doc);
  if (!department || !year || !scope) {
    throw new ParseError({
      file: doc.fileName,
      section: "封面",
      line: cover.firstLine,
      message: !department ? "无法识别部门名称" : !year ? "无法识别决算年度" : "无法识别决算范围（部门决算或单位决算）",
      expected: "封面标题，如“2023 年度 XX 部门决算”或“2023 年度 XX 本级决算”",
      found: cover.text || "（封面为空）",
    });
  }

  const duties = sections.get("duties")?.text.trim();
  const organisation = sections.get("organisation");
  const unread: Unread[] = [];
  if (!title) {
    unread.push({
      part: "cover",
      where: "封面",
      sourceLine: cover.firstLine,
      text: shorten(cover.text || "（封面为空）"),
      message: "封面标题无法识别：部门名称取自表头，年度取自正文标题",
    });
  }
  return {
    department,
    year,
    scope,
    overview: { ...(duties ? { duties } : {}), units: organisation ? unitsOf(doc, organisation.text) : [] },
    headings: readHeadings(doc, cover.lastLine),
    listedTables: listedTables(doc),
    unread,
  };
}

/** The lines before the table of contents or the first part heading, joined without spaces or markup. */
function coverText(doc: SourceDoc): { text: string; firstLine: number; lastLine: number } {
  const lines = cleanDoc(doc).lines;
  let text = "";
  let firstLine = 1;
  let lastLine = 0;
  let taken = 0;
  for (let i = 0; i < lines.length && taken < 8; i++) {
    const l = lines[i].replace(/\s+/g, "");
    if (l === "" || isPageFooter(l)) continue;
    if (/^目录$/.test(l) || PART.test(l)) break;
    if (taken === 0) firstLine = i + 1;
    lastLine = i + 1;
    text += l;
    taken++;
  }
  return { text, firstLine, lastLine };
}

type Title = { year: number; department: string; scope?: Scope };

function readTitle(cover: string): Title | null {
  const m =
    /(?<year>(?:19|20)\d{2})(?:年度|年(?!度))(?!(?:本级|部门|单位)?决算)(?<name>.+?)(?<self>本级)?(?<kind>部门|单位)?决算/.exec(
      cover,
    ) ?? /^(?<name>.+?)(?<year>(?:19|20)\d{2})年度?(?<self>本级)?(?<kind>部门|单位)?决算/.exec(cover);
  if (!m?.groups) return null;
  const department = m.groups.name.replace(/^[“”"《》]+|[“”"《》]+$/g, "").replace(/本级$/, "");
  if (!department) return null;
  const scope: Scope | undefined =
    m.groups.self || m.groups.kind === "单位" ? "单位决算" : m.groups.kind === "部门" ? "部门决算" : undefined;
  return { year: parseInt(m.groups.year, 10), department, scope };
}

/** "第三部分 2023 年度部门决算情况说明" and similar, when the cover does not give a year. */
function fallbackYear(doc: SourceDoc): number | undefined {
  for (const l of cleanDoc(doc).lines) {
    const m = /((?:19|20)\d{2})年度?(?:部门|单位|本级)?决算/.exec(l);
    if (m) return parseInt(m[1], 10);
  }
  return undefined;
}

/** The entity printed above the first table ("部门：烟台市大数据局", "单位：烟台市人民政府办公室本级"). */
function fallbackDepartment(doc: SourceDoc): string | undefined {
  for (const l of cleanDoc(doc).lines) {
    const m = /^(?:预算)?(?:部门|单位)(?:名称)?[:：](?<name>[^\s:：]+?)(?:公开\d*表|金额单位.*|单位[:：].*)?$/.exec(
      l.replace(/\s+/g, ""),
    );
    if (m?.groups && !/^(?:万元|元)$/.test(m.groups.name)) return m.groups.name.replace(/本级$/, "");
  }
  return undefined;
}

/** 单位概况 / 单位决算 / 本级决算 mark a 单位决算; 部门概况 / 部门决算 a 部门决算. */
function scopeFromBody(doc: SourceDoc): Scope | undefined {
  let unit = 0;
  let dept = 0;
  for (const l of cleanDoc(doc).lines) {
    const c = l.replace(/\s+/g, "");
    unit += (c.match(/单位决算|单位概况|本级决算/g) ?? []).length;
    dept += (c.match(/部门决算|部门概况/g) ?? []).length;
  }
  if (unit === dept) return undefined;
  return unit > dept ? "单位决算" : "部门决算";
}

/**
 * The budget units a 部门决算 consolidates: the numbered list after "…预算单位包括：". A list of 内设科室
 * (offices inside one unit) is not a list of budget units, so it is not read.
 */
export function budgetUnits(text: string): string[] {
  const intro = [...text.matchAll(/(?:(?:预算|决算)单位|编制范围的单位)(?:包括|有|为)[:：]?/g)].pop();
  if (!intro) return [];
  let rest = text.slice((intro.index ?? 0) + intro[0].length);
  const end = rest.search(/[。]/);
  if (/^\d{1,3}[、.．]/.test(rest)) {
    return [...rest.matchAll(/\d{1,3}(?:、|[.．](?!\d))(.+?)(?=\d{1,3}(?:、|[.．](?!\d))|[；;。]|$)/g)]
      .map((m) => m[1].replace(/[，,；;、\s]+$/, "").trim())
      .filter(Boolean);
  }
  if (end >= 0) rest = rest.slice(0, end);
  return rest
    .split(/[、；;，,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// ---- 单位构成 as a table ------------------------------------------------------------------------------------------

/**
 * The budget units of 第一部分: the 单位构成 table when there is one (序号 | 单位名称 | 备注, as Shanghai prints it:
 * "1 上海市普陀区财政局（本级）", "2 上海市普陀区财政局财政所 预算不单列，并入本级"), else the numbered list in the text.
 */
function unitsOf(doc: SourceDoc, organisationText: string): string[] {
  const outline = findOutline(doc);
  const entry = outline.entries.get("organisation");
  const table = entry ? unitTable(doc, entry.index + 1, sectionEnd(doc, outline, entry)) : [];
  return table.length ? table : budgetUnits(organisationText);
}

// A unit's name ends in the word for an organisation (局, 中心, 所, 办公室 …) or in 本级; what follows in the same row
// is the 备注 column ("预算不单列，并入本级"). Both are template features: the national 单位构成 table has these columns.
const ORG_END =
  "(?:[（(]本级[)）]|本级|局|中心|所|室|站|队|院|馆|处|委员会|委|办|部|会|校|学|园|社|台|厅|团|公司|场|署|宫|库|组|科|庭|联|协|府|司)";
const REMARK = /^(?:预算|决算|不|并入|单列|独立|参照|已|暂|无|含|其中|实行|纳入|撤销|合并|注|备注)/;

/** Lines [from, to) (0-based) holding a 序号 | 单位名称 table: the names of its rows. */
export function unitTable(doc: SourceDoc, from: number, to: number): string[] {
  const units: string[] = [];
  let header = -1;
  for (let i = from; i < to && i < doc.lines.length; i++) {
    const raw = doc.lines[i];
    const c = cleanLine(raw);
    if (c === "" || isPageFooter(c)) continue;
    if (header < 0) {
      if (/序号/.test(c) && /(?:单位|机构)名称|名称/.test(c)) header = i;
      continue;
    }
    if (/^\|?[-:|\s]+\|?$/.test(raw.trim())) continue; // a markdown separator row
    const cells =
      raw.includes("\t") || raw.includes("|")
        ? raw
            .split(/\t|\|/)
            .map((x) => cleanLine(x))
            .filter((x) => x !== "")
        : null;
    if (cells && /^\d{1,3}$/.test(cells[0] ?? "")) {
      if (cells[1]) units.push(cells[1]);
      continue;
    }
    const row = /^(?<no>\d{1,3})[、.．]?(?<rest>\D.*)$/.exec(c);
    if (!row?.groups) break;
    units.push(splitRemark(row.groups.rest));
  }
  return units;
}

/** "上海市普陀区财政局财政所预算不单列，并入本级" → "上海市普陀区财政局财政所". */
function splitRemark(rest: string): string {
  const ends = [...rest.matchAll(new RegExp(ORG_END, "g"))];
  for (const m of ends) {
    const end = (m.index ?? 0) + m[0].length;
    const after = rest.slice(end);
    if (after === "" || REMARK.test(after)) return rest.slice(0, end);
  }
  return rest;
}

// ---- headings and the table list of 目录 ------------------------------------------------------------------------

const YEAR = /((?:19|20)\d{2})年/;
const GENERIC = /^(?:本?(?:部门|单位)|本级)$/;

/** A line as printed, without markdown markup and with its spacing collapsed. */
function printed(line: string): string {
  return line
    .replace(/^\s*(?:#{1,6}\s*|>\s*|[-*+]\s+)/, "")
    .replace(/\*\*|__/g, "")
    .replace(/[.…·．]{2,}\s*\d*\s*$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The year and the department a heading names: "第二部分 上海市普陀区财政局2024年度部门决算表" → 2024, 上海市普陀区财政局. */
export function headingParts(compactTitle: string): { year?: number; name?: string } {
  const t = compactTitle.replace(/^第[一二三四五六七八九十]+部分/, "");
  const y = YEAR.exec(t);
  let name: string | undefined;
  if (y) {
    const before = t.slice(0, y.index).replace(/[“”"《》（(]+$/, "");
    const after = /^年度?(?<n>.+?)(?:本级)?(?:部门|单位)?(?:决算|预算)/.exec(t.slice(y.index + 4));
    name = before || after?.groups?.n;
  } else {
    name = /^(?<n>.+?)(?:部门|单位)?概况$/.exec(t)?.groups?.n;
  }
  name = name?.replace(/[（(]?本级[)）]?$/, "");
  // a department's name ends in the word for an organisation ("市级预算项目" does not)
  if (name && (GENERIC.test(name) || /^[^\u4e00-\u9fa5]/.test(name) || !new RegExp(`${ORG_END}$`).test(name)))
    name = undefined;
  return { ...(y ? { year: parseInt(y[1], 10) } : {}), ...(name ? { name } : {}) };
}

// A title ends like one (表, 说明, 概况 …); a wrapped sentence may end anywhere, even in 决算, so that is not enough.
const TITLE_END = /(?:表|说明|情况|概况|附件|[)）])$/;
const TABLE_HEADER =
  /^(?:预算)?(?:部门|单位|编制单位)(?:名称)?[:：](?<name>[^:：]+?)(?:公开\d*表|金额单位.*|单位[:：].*)?$/;

/**
 * Part titles (第N部分 …, in 目录 and in the body, wrapped titles joined), other title lines that name a year (table
 * titles, 绩效自评表 headers) and the 部门：/单位： lines above the tables, with the year and department they name,
 * so that a heading left over from last year's document or a placeholder (XX局) can be found.
 */
export function readHeadings(doc: SourceDoc, afterLine = 0): Report["headings"] {
  const lines = cleanDoc(doc).lines;
  const out: Report["headings"] = [];
  const next = (i: number) => {
    let j = i + 1;
    while (j < lines.length && (lines[j] === "" || isPageFooter(lines[j]))) j++;
    return j;
  };
  for (let i = afterLine; i < lines.length; i++) {
    const c = lines[i];
    if (c === "" || c.length > 60) continue;
    if (PART.test(c)) {
      const at = i;
      let text = printed(doc.lines[i]);
      let compact = c;
      const j = next(i);
      const rest = j < lines.length ? lines[j] : "";
      // "第 一 部 分" / "部 门 概 况", and "…部门决算情况" / "说明": the title goes on on the next line
      const bare = /^第[一二三四五六七八九十]+部分$/.test(c);
      if (
        rest &&
        !PART.test(rest) &&
        !/^(?:[一二三四五六七八九十]+|\d{1,3})[、.．](?!\d)/.test(rest) &&
        (bare || (rest.length <= 4 && /(?:情况|决算|部门|单位)$/.test(c)))
      ) {
        text = `${text}${bare ? " " : ""}${printed(doc.lines[j])}`;
        compact += rest;
        i = j;
      }
      const parts = headingParts(compact);
      if (parts.year !== undefined || parts.name !== undefined) out.push({ text, sourceLine: at + 1, ...parts });
      continue;
    }
    const header = TABLE_HEADER.exec(c);
    if (header?.groups && !/^(?:万元|元)$/.test(header.groups.name)) {
      const name = header.groups.name.replace(/[（(]?本级[)）]?$/, "");
      out.push({ text: printed(doc.lines[i]), sourceLine: i + 1, ...(name ? { name } : {}) });
      continue;
    }
    // a title line naming a year: "2023年度市级预算项目绩效自评情况汇总表", "# 2023 年度单位决算表"
    const y = YEAR.exec(c);
    if (
      y &&
      c.length <= 40 &&
      !/[。，,；;：:]/.test(c) &&
      !/\d/.test(c.replace(y[0], "")) &&
      TITLE_END.test(c) &&
      /决算|预算|说明|部门|单位|表/.test(c)
    ) {
      out.push({ text: printed(doc.lines[i]), sourceLine: i + 1, ...headingParts(c) });
    }
  }
  return out;
}

/**
 * The table titles 目录 lists under 第二部分, as printed (numbering kept, dot leaders and page numbers dropped).
 * Only a real table of contents counts: a 目录 line, then 第二部分 before the body's 第一部分 comes again.
 */
export function listedTables(doc: SourceDoc): string[] {
  const lines = cleanDoc(doc).lines;
  const contents = lines.findIndex((l) => /^目录$/.test(l));
  if (contents < 0) return [];
  let firstParts = 0;
  for (let i = contents + 1; i < lines.length; i++) {
    const c = lines[i];
    if (/^第一部分/.test(c) && ++firstParts > 1) return [];
    if (!/^第二部分/.test(c)) continue;
    const out: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j].replace(/[.…·．]{2,}\d*$/, "").replace(/\d+$/, "");
      if (l === "" || isPageFooter(lines[j])) continue;
      if (PART.test(l) || !/表$/.test(l) || l.length > 40) break;
      out.push(printed(doc.lines[j]).replace(/\s*\d+$/, ""));
    }
    return out;
  }
  return [];
}
