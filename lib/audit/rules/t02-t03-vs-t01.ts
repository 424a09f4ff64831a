import type { Report } from "@/lib/report/schema";
import { checkEqual, checkSum, compact } from "../compare";
import { cell, classRows, codeLevel, dataTable, findClassRow, keyCell, keyRow } from "../report-access";
import type { Rule } from "../rule";
import type { Finding } from "../types";

const T02_VS_T01 = "T02_VS_T01";
const T03_VS_T01 = "T03_VS_T01";

/** t02's columns against t01's income rows; 财政拨款收入 is the three fiscal funds together. */
const T02_COLUMN_SOURCES: [string, string[]][] = [
  ["total", ["incomeTotal"]],
  ["fiscal", ["gpb", "govFund", "soe"]],
  ["superior", ["superior"]],
  ["business", ["business"]],
  ["operating", ["operating"]],
  ["affiliated", ["affiliated"]],
  ["other", ["other"]],
];

function t02VsT01(report: Report): Finding[] {
  const t01 = dataTable(report, "t01");
  const t02 = dataTable(report, "t02");
  if (!t01 || !t02) return [];
  const total = keyRow(t02, "total");
  return compact(
    T02_COLUMN_SOURCES.map(([col, keys]) => {
      const found = cell("t02", total, col, "合计");
      const sources = keys.map((k) => keyCell("t01", t01, k, "amount", "income"));
      return keys.length === 1 ? checkEqual(T02_VS_T01, found, sources[0]) : checkSum(T02_VS_T01, found, sources, "公开01表三项财政拨款收入之和");
    }),
  );
}

/** t03 is the same expenditure as t01 split by subject: its 合计 and every 类 must repeat t01. */
function t03VsT01(report: Report): Finding[] {
  const t01 = dataTable(report, "t01");
  const t03 = dataTable(report, "t03");
  if (!t01 || !t03) return [];
  const out: (Finding | null)[] = [
    checkEqual(T03_VS_T01, cell("t03", keyRow(t03, "total"), "total", "合计"), keyCell("t01", t01, "expenditureTotal", "amount", "expenditure")),
  ];
  const seen = new Set<object>();
  for (const c of classRows(t01)) {
    const row = findClassRow(t03, c.code, c.name);
    if (row) seen.add(row);
    out.push(checkEqual(T03_VS_T01, cell("t03", row, "total", c.code ? `${c.code} ${c.name}` : c.name), cell("t01", c, "amount")));
  }
  for (const r of t03.rows.filter((r) => codeLevel(r.code) === 1 && !seen.has(r))) {
    out.push(checkEqual(T03_VS_T01, cell("t01", undefined, "amount", r.name), cell("t03", r, "total")));
  }
  return compact(out);
}

export const t02t03Rules: Rule[] = [
  { id: T02_VS_T01, title: "公开02表 合计行各栏 = 公开01表 对应收入", run: t02VsT01 },
  { id: T03_VS_T01, title: "公开03表 合计及各类 = 公开01表 本年支出合计及各类支出", run: t03VsT01 },
];
