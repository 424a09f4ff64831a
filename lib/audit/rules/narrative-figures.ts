import type { Report } from "@/lib/report/schema";
import { checkEqual, compact } from "../compare";
import { narrativeLoc, sectionOfKey } from "../labels";
import { cell, dataTable, findClassRow, keyCell, keyRow, present, showSum, sumValues, type Side } from "../report-access";
import type { Rule } from "../rule";
import type { Finding } from "../types";

export const NARRATIVE_VS_TABLE = "NARRATIVE_VS_TABLE";
export const BASIC_EXPENDITURE_VS_TABLES = "BASIC_EXPENDITURE_VS_TABLES";

const T02_COLUMNS: Record<string, string> = {
  "income.fiscal": "fiscal",
  "income.superior": "superior",
  "income.business": "business",
  "income.operating": "operating",
  "income.affiliated": "affiliated",
  "income.other": "other",
};
const T03_COLUMNS: Record<string, string> = {
  "expenditure.basic": "basic",
  "expenditure.project": "project",
  "expenditure.upstream": "upstream",
  "expenditure.operating": "operating",
  "expenditure.subsidy": "subsidy",
};

/**
 * The table cells a narrative figure repeats, by the key the narrative parser gives it
 * (see changeSchema/shareSchema in lib/report/schema.ts). Unknown keys and missing tables give nothing to compare.
 */
export function tableTargets(report: Report, key: string): Side[] {
  const t01 = dataTable(report, "t01");
  const t02 = dataTable(report, "t02");
  const t03 = dataTable(report, "t03");
  const t04 = dataTable(report, "t04");
  const t05 = dataTable(report, "t05");
  if (key === "grandTotal") return t01 ? [keyCell("t01", t01, "grandTotal", "amount", "income"), keyCell("t01", t01, "grandTotal", "amount", "expenditure")] : [];
  if (key === "incomeTotal") return t02 ? [cell("t02", keyRow(t02, "total"), "total", "合计")] : t01 ? [keyCell("t01", t01, "incomeTotal", "amount", "income")] : [];
  if (key === "expenditureTotal") return t03 ? [cell("t03", keyRow(t03, "total"), "total", "合计")] : t01 ? [keyCell("t01", t01, "expenditureTotal", "amount", "expenditure")] : [];
  if (key in T02_COLUMNS) {
    if (t02) return [cell("t02", keyRow(t02, "total"), T02_COLUMNS[key], "合计")];
    if (!t01) return [];
    if (key !== "income.fiscal") return [keyCell("t01", t01, T02_COLUMNS[key], "amount", "income")];
    const funds = (["gpb", "govFund", "soe"] as const).map((k) => keyCell("t01", t01, k, "amount", "income"));
    const values = funds.map((f) => f.value);
    return [{ value: present(values).length ? showSum(sumValues(values), values) : undefined, label: "公开01表 三项财政拨款收入之和", locs: funds.flatMap((f) => f.locs) }];
  }
  if (key in T03_COLUMNS) return t03 ? [cell("t03", keyRow(t03, "total"), T03_COLUMNS[key], "合计")] : [];
  if (key === "fiscalGrandTotal") return t04 ? [keyCell("t04", t04, "grandTotal", "amount", "income"), keyCell("t04", t04, "grandTotal", "total", "expenditure")] : [];
  if (key === "gpbExpenditure") return t05 ? [cell("t05", keyRow(t05, "total"), "total", "合计")] : [];
  if (key.startsWith("class:") && t05) {
    const name = key.slice("class:".length);
    return [cell("t05", findClassRow(t05, undefined, name), "total", name)];
  }
  return [];
}

function narrativeVsTable(report: Report): Finding[] {
  const out: (Finding | null)[] = [];
  const stated = [
    ...report.narrative.changes.map((c) => ({ key: c.key, subject: c.subject, amount: c.current, sourceLine: c.sourceLine })),
    ...report.narrative.shares.map((s) => ({ key: s.key, subject: s.subject, amount: s.amount, sourceLine: s.sourceLine })),
  ];
  for (const s of stated) {
    const found: Side = { value: s.amount, label: `情况说明 ${s.subject}`, locs: [narrativeLoc(sectionOfKey(s.key), s.subject, s.sourceLine)] };
    for (const target of tableTargets(report, s.key)) out.push(checkEqual(NARRATIVE_VS_TABLE, found, target));
  }
  return compact(out);
}

/** 六、基本支出: its total is t05's 基本支出, its 人员经费/公用经费 are t06's two totals. */
function basicVsTables(report: Report): Finding[] {
  const b = report.narrative.basicExpenditure;
  if (!b) return [];
  const t05 = dataTable(report, "t05");
  const t06 = dataTable(report, "t06");
  const side = (value: string | undefined, what: string): Side => ({ value, label: `情况说明 ${what}`, locs: [narrativeLoc("basic", what, b.sourceLine)] });
  const out: (Finding | null)[] = [];
  if (t05) out.push(checkEqual(BASIC_EXPENDITURE_VS_TABLES, side(b.total, "基本支出"), cell("t05", keyRow(t05, "total"), "basic", "合计")));
  if (t06 && b.personnel !== undefined) out.push(checkEqual(BASIC_EXPENDITURE_VS_TABLES, side(b.personnel, "人员经费"), keyCell("t06", t06, "personnelTotal", "amount")));
  if (t06 && b.public !== undefined) out.push(checkEqual(BASIC_EXPENDITURE_VS_TABLES, side(b.public, "公用经费"), keyCell("t06", t06, "publicTotal", "amount")));
  return compact(out);
}

export const narrativeFigureRules: Rule[] = [
  { id: NARRATIVE_VS_TABLE, title: "情况说明中的收支金额 = 决算表中的对应金额", run: narrativeVsTable },
  { id: BASIC_EXPENDITURE_VS_TABLES, title: "情况说明 基本支出、人员经费、公用经费 = 公开05表、公开06表", run: basicVsTables },
];
