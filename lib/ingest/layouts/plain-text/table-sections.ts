import type { SourceDoc } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import { TABLE_TITLES, type TableId } from "@/lib/report/schema";
import { compact, isPageFurniture, toHalfWidth } from "./line-tokens";

/** One table's stretch of the document: from its title to the next table, part heading or the end. */
export type TableSection = {
  id: TableId;
  /** "公开03表 支出决算表", for messages */
  label: string;
  /** 1-based line of the title */
  titleLine: number;
  /** 0-based [bodyStart, bodyEnd) lines after the title; a repeated title at a page break is a body line */
  bodyStart: number;
  bodyEnd: number;
  unit?: "万元" | "元";
  entity?: string;
};

/** Titles by table, longest wording first within each; older templates word some titles differently. */
const TITLE_WORDINGS: [TableId, string][] = (
  [
    ["t01", [TABLE_TITLES.t01]],
    ["t02", [TABLE_TITLES.t02]],
    ["t03", [TABLE_TITLES.t03]],
    ["t04", [TABLE_TITLES.t04]],
    ["t05", [TABLE_TITLES.t05, "一般公共预算财政拨款收入支出决算表"]],
    ["t06", [TABLE_TITLES.t06, "一般公共预算财政拨款基本支出决算表"]],
    ["t07", [TABLE_TITLES.t07, "政府性基金预算财政拨款支出决算表"]],
    ["t08", [TABLE_TITLES.t08]],
    [
      "t09",
      [
        TABLE_TITLES.t09,
        "一般公共预算财政拨款三公经费支出决算表",
        "三公经费支出决算表",
        "一般公共预算财政拨款三公经费情况表",
        "财政拨款三公经费情况表",
      ],
    ],
  ] as [TableId, string[]][]
)
  .flatMap(([id, ws]) => ws.map((w) => [id, stripQuotes(w)] as [TableId, string]))
  .sort((a, b) => b[1].length - a[1].length);

function stripQuotes(s: string): string {
  return s.replace(/[“”"'‘’「」『』〝〞]/g, "");
}

/** The table a line titles, if it is a title: the line is the title, optionally after an ordinal, year or unit name. */
export function titleOf(line: string): TableId | undefined {
  // Every title ends in 表, and nothing below adds one: most lines of a document are rejected here, cheaply.
  if (!line.includes("表")) return undefined;
  const c = stripQuotes(toHalfWidth(compact(line)))
    .replace(/^[一二三四五六七八九十]+[、.]/, "")
    .replace(/^[(（][一二三四五六七八九十\d]+[)）]/, "")
    .replace(/^(表|附表)?\d+[、.:：]?/, "");
  if (c.length > 60 || /[，。；]/.test(c)) return undefined;
  for (const [id, title] of TITLE_WORDINGS) {
    if (!c.endsWith(title)) continue;
    const prefix = c.slice(0, -title.length);
    // A prefix naming a fund or a kind of money makes it a different table (政府性基金预算财政拨款支出决算表 is not 03).
    if (/财政拨款|预算|基金|资本|收入|支出|三公|经费|基本|明细/.test(prefix)) return undefined;
    return id;
  }
  return undefined;
}

const TABLE_NUMBER = /公开\s*(\d+)\s*表/;
const UNIT = /(?:金额)?单位\s*[:：]\s*(万元|元)(?![\u3400-\u9fff])/;
const ENTITY = /(?<!金额)(?:编制)?(?:部门|单位)\s*[:：]\s*([^\s:：]+)/;
// Where the tables part ends even without a 第三部分 line: the narrative's first section heading.
const PART_HEADING = /^第[一二三四五六七八九十]+部分|^[一二三四五六七八九十]+、.{2,30}情况说明$/;
// 部 or 明 is in every such heading whatever its spacing: compacting the lines without either is wasted.
const MAY_BE_PART_HEADING = /[部明]/;

const TABLE_HEADER_WORDS =
  /科目编码|科目名称|栏次|行次|决算数|预算数|本年收入合计|本年支出合计|^项目(?:收入|支出|决算数|合计)|^收入支出$/;
// A real table start has its furniture (公开NN表, 金额单位) within a few lines; a table of contents does not.
const CONFIRM_WITHIN = 8;

function confirmsTable(doc: SourceDoc, titleIdx: number): boolean {
  let seen = 0;
  for (let i = titleIdx + 1; i < doc.lines.length && seen < CONFIRM_WITHIN; i++) {
    const l = toHalfWidth(doc.lines[i]);
    if (l.trim() === "" || isPageFurniture(l)) continue;
    seen++;
    // 公开NN表 (Shandong), 金额单位 / 单位：万元 (every template), or the header words of a table (templates that
    // print neither right under the title) confirm a table; a table of contents has only further titles.
    if (TABLE_NUMBER.test(l) || /金额单位/.test(l) || UNIT.test(l) || TABLE_HEADER_WORDS.test(compact(l))) return true;
    if (titleOf(l)) return false;
  }
  return false;
}

export function findTableSections(doc: SourceDoc): TableSection[] {
  const starts: { id: TableId; idx: number }[] = [];
  const boundaries: number[] = [];
  doc.lines.forEach((line, idx) => {
    if (MAY_BE_PART_HEADING.test(line) && PART_HEADING.test(compact(line))) boundaries.push(idx);
    const id = titleOf(line);
    if (id && confirmsTable(doc, idx)) starts.push({ id, idx });
  });

  const sections: TableSection[] = [];
  for (let s = 0; s < starts.length; s++) {
    const { id, idx } = starts[s];
    const prev = sections[sections.length - 1];
    const nextStart = starts[s + 1]?.idx ?? doc.lines.length;
    const nextBoundary = boundaries.find((b) => b > idx) ?? doc.lines.length;
    const end = Math.min(nextStart, nextBoundary);
    // Some extractors repeat the title on every page of a table: the same title straight after is a continuation.
    if (prev && prev.id === id && prev.bodyEnd === idx) {
      prev.bodyEnd = end;
      continue;
    }
    sections.push({ id, label: TABLE_TITLES[id], titleLine: idx + 1, bodyStart: idx + 1, bodyEnd: end });
  }

  for (const sec of sections) {
    let number: string | undefined;
    for (let i = sec.bodyStart; i < sec.bodyEnd; i++) {
      const l = toHalfWidth(doc.lines[i]);
      number ??= TABLE_NUMBER.exec(l)?.[1];
      const unit = UNIT.exec(l)?.[1] as "万元" | "元" | undefined;
      if (unit && !sec.unit) sec.unit = unit;
      const entity = ENTITY.exec(l)?.[1];
      if (entity && !sec.entity && !/^万?元$/.test(entity)) sec.entity = entity;
    }
    if (number) sec.label = `公开${number.padStart(2, "0")}表 ${TABLE_TITLES[sec.id]}`;
  }
  return sections;
}

/** The one unit all tables print in; tables in different units cannot be returned as one set of printed amounts. */
export function commonUnit(doc: SourceDoc, sections: TableSection[]): "万元" | "元" | undefined {
  let first: TableSection | undefined;
  for (const s of sections) {
    if (!s.unit) continue;
    if (!first) first = s;
    else if (s.unit !== first.unit)
      throw new ParseError({
        file: doc.fileName,
        table: s.label,
        line: s.titleLine,
        message: "各表金额单位不一致",
        expected: `与${first.label}相同的金额单位（${first.unit}）`,
        found: `金额单位：${s.unit}`,
      });
  }
  return first?.unit;
}
