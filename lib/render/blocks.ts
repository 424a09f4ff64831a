import type { Report } from "@/lib/report/schema";

/**
 * The text parts of a disclosure independent of layout: the markdown renderer turns a heading into "## …" and a
 * paragraph into one line, the plain-text renderer spaces out part titles and wraps paragraphs like a PDF extractor.
 */
export type Block = { kind: "heading"; level: 2 | 3; text: string } | { kind: "para"; text: string };

/** 部门 for a 部门决算, 单位 for a 单位决算: the word the template uses throughout. */
export function scopeWord(report: Report): "部门" | "单位" {
  return report.scope === "部门决算" ? "部门" : "单位";
}

/** The entity the tables are printed for (部门：/单位：). */
export function entityOf(report: Report): string {
  return report.entity ?? report.department;
}

export const PART_TITLES = (report: Report): Record<number, string> => {
  const w = scopeWord(report);
  return {
    1: `${w}概况`,
    2: `${report.year} 年度${w}决算表`,
    3: `${report.year} 年度${w}决算情况说明`,
    4: "名词解释",
    5: "附件",
  };
};

export const NARRATIVE_TITLES = [
  "收入支出决算总体情况说明",
  "收入决算情况说明",
  "支出决算情况说明",
  "财政拨款收入支出决算总体情况说明",
  "一般公共预算财政拨款支出决算情况说明",
  "一般公共预算财政拨款基本支出决算情况说明",
  "政府性基金预算财政拨款收入支出决算情况说明",
  "国有资本经营预算财政拨款支出决算情况说明",
  "财政拨款“三公”经费支出决算情况说明",
  "机关运行经费支出说明",
  "政府采购支出说明",
  "国有资产占用情况说明",
  "预算绩效情况说明",
] as const;

/** Body headings word some titles differently from the table of contents, as the template does. */
export const NARRATIVE_BODY_TITLES: Partial<Record<number, string>> = {
  10: "机关运行经费支出情况",
  11: "政府采购支出情况",
  12: "国有资产占用情况",
};
