import { COLUMN_LABELS } from "@/lib/report/labels";
import type { TableId, TableRow } from "@/lib/report/schema";
import type { Location } from "./types";

/** Findings name tables by their published number so a reader can find them in the PDF. */
export function tableNo(id: TableId): string {
  return `公开${id.slice(1)}表`;
}

const KEY_LABELS: Record<string, string> = {
  gpb: "一般公共预算财政拨款收入",
  govFund: "政府性基金预算财政拨款收入",
  soe: "国有资本经营预算财政拨款收入",
  superior: "上级补助收入",
  business: "事业收入",
  operating: "经营收入",
  affiliated: "附属单位上缴收入",
  other: "其他收入",
  incomeTotal: "本年收入合计",
  useNonFiscalBalance: "使用非财政拨款结余",
  carryBegin: "年初结转和结余",
  expenditureTotal: "本年支出合计",
  balanceDistribution: "结余分配",
  carryEnd: "年末结转和结余",
  total: "合计",
  personnelTotal: "人员经费合计",
  publicTotal: "公用经费合计",
  sangong: "",
};

const T04_KEY_LABELS: Record<string, string> = {
  gpb: "一般公共预算财政拨款",
  govFund: "政府性基金预算财政拨款",
  soe: "国有资本经营预算财政拨款",
  carryBegin: "年初财政拨款结转和结余",
  carryBeginGpb: "年初结转和结余（一般公共预算财政拨款）",
  carryBeginGovFund: "年初结转和结余（政府性基金预算财政拨款）",
  carryBeginSoe: "年初结转和结余（国有资本经营预算财政拨款）",
  carryEnd: "年末财政拨款结转和结余",
  carryEndGpb: "年末结转和结余（一般公共预算财政拨款）",
  carryEndGovFund: "年末结转和结余（政府性基金预算财政拨款）",
  carryEndSoe: "年末结转和结余（国有资本经营预算财政拨款）",
};

function columnLabel(table: TableId, column: string): string {
  // "amount" is the only value column of t01/t06 (and t04's income side): naming it adds nothing to a location.
  return column === "amount" ? "" : (COLUMN_LABELS[table][column] ?? "");
}

function rowLabel(table: TableId, row: Pick<TableRow, "key" | "code" | "name" | "section">): string {
  if (row.code) return `${row.code} ${row.name}`.trim();
  if (row.key === "grandTotal") return row.section === "expenditure" ? "支出总计" : "收入总计";
  if (row.key === "class") return row.name;
  if (row.key && table === "t04" && T04_KEY_LABELS[row.key]) return T04_KEY_LABELS[row.key];
  if (row.key && KEY_LABELS[row.key] !== undefined) return KEY_LABELS[row.key];
  return row.name;
}

/** The location of one table cell; `row` may be a stand-in when the table lacks the row altogether. */
export function cellLoc(
  table: TableId,
  row: Pick<TableRow, "key" | "code" | "name" | "section" | "sourceLine">,
  column: string,
): Location {
  const parts = [tableNo(table), rowLabel(table, row), columnLabel(table, column)].filter((p) => p !== "");
  return {
    table,
    ...(row.key ? { rowKey: row.key } : {}),
    ...(row.code ? { code: row.code } : {}),
    column,
    ...(row.sourceLine ? { sourceLine: row.sourceLine } : {}),
    label: parts.join(" "),
  };
}

/** 第三部分 section titles as the national template prints them. */
export const SECTIONS = {
  overall: "一、收入支出决算总体情况说明",
  income: "二、收入决算情况说明",
  expenditure: "三、支出决算情况说明",
  fiscal: "四、财政拨款收入支出决算总体情况说明",
  gpb: "五、一般公共预算财政拨款支出决算情况说明",
  basic: "六、一般公共预算财政拨款基本支出决算情况说明",
  sangong: "九、财政拨款“三公”经费支出决算情况说明",
  operatingCost: "十、机关运行经费支出情况",
  procurement: "十一、政府采购支出情况",
  assets: "十二、国有资产占用情况",
  performance: "十三、预算绩效情况说明",
  glossary: "第四部分 名词解释",
  summary: "第五部分 附件 绩效自评情况汇总表",
  sheets: "第五部分 附件 绩效自评表",
} as const;

export function narrativeLoc(section: keyof typeof SECTIONS, label: string, sourceLine?: number): Location {
  return {
    table: "narrative",
    section: SECTIONS[section],
    ...(sourceLine ? { sourceLine } : {}),
    label: `情况说明 ${label}`,
  };
}

export function appendixLoc(section: "summary" | "sheets", label: string, sourceLine?: number): Location {
  const prefix = section === "summary" ? "绩效自评汇总表" : "绩效自评表";
  return {
    table: "appendix",
    section: SECTIONS[section],
    ...(sourceLine ? { sourceLine } : {}),
    label: `${prefix} ${label}`,
  };
}

/** The section a narrative change/share key belongs to. */
export function sectionOfKey(key: string): keyof typeof SECTIONS {
  if (key === "grandTotal") return "overall";
  if (key.startsWith("income")) return "income";
  if (key.startsWith("expenditure")) return "expenditure";
  if (key === "fiscalGrandTotal") return "fiscal";
  return "gpb";
}
