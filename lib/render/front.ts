import { TABLE_IDS, type Report, type TableId } from "@/lib/report/schema";
import { NARRATIVE_TITLES, PART_TITLES, scopeWord, type Block } from "./blocks";
import { chineseNumber } from "./format";

/** The cover's three lines: year, department, and what kind of 决算 this is. */
export function coverLines(report: Report): [string, string, string] {
  const own = report.entity !== undefined && report.entity === `${report.department}本级`;
  const kind = report.scope === "部门决算" ? "部门决算" : own ? "本级决算" : "单位决算";
  return [`${report.year} 年度`, report.department, kind];
}

const TABLE_TOC_TITLES: Record<TableId, string> = {
  t01: "收入支出决算总表",
  t02: "收入决算表",
  t03: "支出决算表",
  t04: "财政拨款收入支出决算总表",
  t05: "一般公共预算财政拨款支出决算表",
  t06: "一般公共预算财政拨款基本支出决算明细表",
  t07: "政府性基金预算财政拨款收入支出决算表",
  t08: "国有资本经营预算财政拨款支出决算表",
  t09: "财政拨款“三公”经费支出决算表",
};

/** 目录: each part with its entries (parts 四 and 五 have none). */
export function contents(report: Report): { part: string; entries: string[] }[] {
  const w = scopeWord(report);
  const titles = PART_TITLES(report);
  const part = (n: number) => `第${chineseNumber(n)}部分 ${titles[n]}`;
  return [
    { part: part(1), entries: [`一、${w}职责`, "二、机构设置"] },
    { part: part(2), entries: TABLE_IDS.map((id, i) => `${chineseNumber(i + 1)}、${TABLE_TOC_TITLES[id]}`) },
    { part: part(3), entries: NARRATIVE_TITLES.map((t, i) => `${chineseNumber(i + 1)}、${t}`) },
    { part: part(4), entries: [] },
    { part: part(5), entries: [] },
  ];
}

/** 第一部分 概况: the duties and which budget units the accounts include. */
export function overviewBlocks(report: Report): Block[] {
  const w = scopeWord(report);
  const out: Block[] = [{ kind: "heading", level: 2, text: `一、${w}职责` }];
  if (report.overview.duties) out.push({ kind: "para", text: report.overview.duties });
  out.push({ kind: "heading", level: 2, text: "二、机构设置" });
  const units = report.overview.units;
  if (units.length) {
    out.push({
      kind: "para",
      text: `纳入${report.department} ${report.year} 年度${w}决算编制范围的二级预算单位包括：`,
    });
    units.forEach((u, i) => out.push({ kind: "para", text: `${i + 1}、${u}` }));
  } else {
    out.push({ kind: "para", text: `${report.department}${w}决算为本级决算，不含下属预算单位。` });
  }
  return out;
}

/** 第四部分 名词解释: "一、财政拨款收入：指…". */
export function glossaryBlocks(report: Report): { number: string; term: string; definition: string }[] {
  return report.glossary.map((g, i) => ({ number: chineseNumber(i + 1), term: g.term, definition: g.definition }));
}
