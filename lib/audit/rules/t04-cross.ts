import { getTable, type Report } from "@/lib/report/schema";
import { checkEqual, compact } from "../compare";
import { cell, classRows, codeLevel, dataTable, findClassRow, keyCell, keyRow, type Side } from "../report-access";
import type { Rule } from "../rule";
import type { Finding } from "../types";

const T04_VS_T01 = "T04_VS_T01";
const T04_VS_T05 = "T04_VS_T05";
const T04_VS_T07_T08 = "T04_VS_T07_T08";

/** The fiscal income rows of t01 and t04 are the same three figures. */
function t04VsT01(report: Report): Finding[] {
  const t01 = dataTable(report, "t01");
  const t04 = dataTable(report, "t04");
  if (!t01 || !t04) return [];
  return compact(
    (["gpb", "govFund", "soe"] as const).map((k) => checkEqual(T04_VS_T01, keyCell("t04", t04, k, "amount", "income"), keyCell("t01", t01, k, "amount", "income"))),
  );
}

/** t04's 一般公共预算财政拨款 column is t05 by 类: every class and the total. */
function t04VsT05(report: Report): Finding[] {
  const t04 = dataTable(report, "t04");
  const t05 = dataTable(report, "t05");
  if (!t04 || !t05) return [];
  const out: (Finding | null)[] = [
    checkEqual(T04_VS_T05, keyCell("t04", t04, "expenditureTotal", "gpb", "expenditure"), cell("t05", keyRow(t05, "total"), "total", "合计")),
  ];
  const seen = new Set<object>();
  for (const c of classRows(t04)) {
    const row = findClassRow(t05, c.code, c.name);
    if (row) seen.add(row);
    out.push(checkEqual(T04_VS_T05, cell("t04", c, "gpb"), cell("t05", row, "total", c.code ? `${c.code} ${c.name}` : c.name)));
  }
  for (const r of t05.rows.filter((r) => codeLevel(r.code) === 1 && !seen.has(r))) {
    out.push(checkEqual(T04_VS_T05, cell("t04", undefined, "gpb", r.name), cell("t05", r, "total")));
  }
  return compact(out);
}

/**
 * The 政府性基金 and 国有资本经营 columns are t07's and t08's totals. A table declared empty (本表无数据) stands
 * for zero; a table the document omits altogether proves nothing, so it is skipped.
 */
function t04VsT07T08(report: Report): Finding[] {
  const t04 = dataTable(report, "t04");
  if (!t04) return [];
  const out: (Finding | null)[] = [];
  for (const [id, col] of [["t07", "govFund"], ["t08", "soe"]] as const) {
    const t = getTable(report, id);
    if (!t) continue;
    const total: Side = t.status === "empty" ? { value: undefined, label: `公开${id.slice(1)}表 合计（本表无数据）`, locs: [{ table: id, label: `公开${id.slice(1)}表`, ...(t.sourceLine ? { sourceLine: t.sourceLine } : {}) }] } : cell(id, keyRow(t, "total"), "total", "合计");
    out.push(checkEqual(T04_VS_T07_T08, keyCell("t04", t04, "expenditureTotal", col, "expenditure"), total));
  }
  return compact(out);
}

export const t04CrossRules: Rule[] = [
  { id: T04_VS_T01, title: "公开04表 三项财政拨款收入 = 公开01表 对应收入", run: t04VsT01 },
  { id: T04_VS_T05, title: "公开04表 一般公共预算财政拨款支出（合计及各类） = 公开05表", run: t04VsT05 },
  { id: T04_VS_T07_T08, title: "公开04表 政府性基金、国有资本经营支出 = 公开07表、公开08表 合计", run: t04VsT07T08 },
];
