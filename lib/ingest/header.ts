import type { Report } from "@/lib/report/schema";
import { isPageFooter, type SourceDoc } from "./document";
import { ParseError } from "./errors";
import { findSections } from "./narrative/outline";
import { cleanDoc } from "./narrative/text";

export type Header = { department: string; year: number; scope: "部门决算" | "单位决算"; overview: Report["overview"] };

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
  return {
    department,
    year,
    scope,
    overview: { ...(duties ? { duties } : {}), units: organisation ? budgetUnits(organisation.text) : [] },
  };
}

/** The lines before the table of contents or the first part heading, joined without spaces or markup. */
function coverText(doc: SourceDoc): { text: string; firstLine: number } {
  const lines = cleanDoc(doc).lines;
  let text = "";
  let firstLine = 1;
  let taken = 0;
  for (let i = 0; i < lines.length && taken < 8; i++) {
    const l = lines[i].replace(/\s+/g, "");
    if (l === "" || isPageFooter(l)) continue;
    if (/^目录$/.test(l) || PART.test(l)) break;
    if (taken === 0) firstLine = i + 1;
    text += l;
    taken++;
  }
  return { text, firstLine };
}

type Title = { year: number; department: string; scope?: Scope };

function readTitle(cover: string): Title | null {
  const m =
    /(?<year>(?:19|20)\d{2})(?:年度|年(?!度))(?!(?:本级|部门|单位)?决算)(?<name>.+?)(?<self>本级)?(?<kind>部门|单位)?决算/.exec(cover) ??
    /^(?<name>.+?)(?<year>(?:19|20)\d{2})年度?(?<self>本级)?(?<kind>部门|单位)?决算/.exec(cover);
  if (!m?.groups) return null;
  const department = m.groups.name.replace(/^[“”"《》]+|[“”"《》]+$/g, "").replace(/本级$/, "");
  if (!department) return null;
  const scope: Scope | undefined = m.groups.self || m.groups.kind === "单位" ? "单位决算" : m.groups.kind === "部门" ? "部门决算" : undefined;
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
    const m = /^(?:预算)?(?:部门|单位)(?:名称)?[:：](?<name>[^\s:：]+?)(?:公开\d*表|金额单位.*|单位[:：].*)?$/.exec(l.replace(/\s+/g, ""));
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
  const intro = [...text.matchAll(/(?:预算|决算)单位(?:包括|有|为)[:：]?/g)].pop();
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
