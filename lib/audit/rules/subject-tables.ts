import { TABLE_COLUMNS, type Report, type Table, type TableRow } from "@/lib/report/schema";
import { checkSum, compact } from "../compare";
import { cell, codeLevel, dataTable, negate, subjectRows } from "../report-access";
import type { Rule } from "../rule";
import type { Finding } from "../types";

/** Tables by 功能分类 subject: 合计 row, then 类 / 款 / 项 rows. */
type SubjectTableId = "t02" | "t03" | "t05" | "t07" | "t08";

export const T02_ROW_SUM = "T02_ROW_SUM";
const T03_ROW_SUM = "T03_ROW_SUM";
const T05_ROW_SUM = "T05_ROW_SUM";
const T07_ROW_SUM = "T07_ROW_SUM";
const T08_ROW_SUM = "T08_ROW_SUM";
const T02_HIERARCHY = "T02_HIERARCHY";
export const T03_HIERARCHY = "T03_HIERARCHY";
const T05_HIERARCHY = "T05_HIERARCHY";
const T07_HIERARCHY = "T07_HIERARCHY";
const T08_HIERARCHY = "T08_HIERARCHY";
const T07_CARRY_BALANCE = "T07_CARRY_BALANCE";

/** Which columns add up to each row's total column. */
const ROW_PARTS: Record<SubjectTableId, { total: string; parts: string[]; partsLabel: string }> = {
  t02: { total: "total", parts: ["fiscal", "superior", "business", "operating", "affiliated", "other"], partsLabel: "各收入栏之和" },
  t03: { total: "total", parts: ["basic", "project", "upstream", "operating", "subsidy"], partsLabel: "各支出栏之和" },
  t05: { total: "total", parts: ["basic", "project"], partsLabel: "基本支出与项目支出之和" },
  t07: { total: "total", parts: ["basic", "project"], partsLabel: "基本支出与项目支出之和" },
  t08: { total: "total", parts: ["basic", "project"], partsLabel: "基本支出与项目支出之和" },
};

function rowsInOrder(table: Table): TableRow[] {
  return table.rows.filter((r) => r.key === "total" || r.code !== undefined);
}

function rowSum(id: SubjectTableId, rule: string) {
  return (report: Report): Finding[] => {
    const t = dataTable(report, id);
    if (!t) return [];
    const { total, parts, partsLabel } = ROW_PARTS[id];
    return compact(rowsInOrder(t).map((r) => checkSum(rule, cell(id, r, total), parts.map((p) => cell(id, r, p)), partsLabel)));
  };
}

/**
 * The children a parent is checked against. A 款 adds up its 项; a 类 adds up its 款, plus any 项 whose 款 row
 * the document left out (so a missing 款 row shows up as the 类 check it breaks, not as a silent skip).
 */
export function childrenOf(table: Table, parent: TableRow): TableRow[] {
  const rows = subjectRows(table);
  const code = parent.code!;
  const level = codeLevel(code);
  if (level === 2) return rows.filter((r) => codeLevel(r.code) === 3 && r.code!.startsWith(code));
  if (level !== 1) return [];
  const kuan = new Set(rows.filter((r) => codeLevel(r.code) === 2).map((r) => r.code!));
  return rows.filter(
    (r) => r.code!.startsWith(code) && (codeLevel(r.code) === 2 || (codeLevel(r.code) === 3 && !kuan.has(r.code!.slice(0, 5)))),
  );
}

/** The rows the 合计 row adds up: every 类, plus any lower row whose ancestors are all missing. */
function topRows(table: Table): TableRow[] {
  const rows = subjectRows(table);
  const codes = new Set(rows.map((r) => r.code!));
  return rows.filter((r) => {
    const level = codeLevel(r.code);
    if (level === 1) return true;
    if (level === 2) return !codes.has(r.code!.slice(0, 3));
    if (level === 3) return !codes.has(r.code!.slice(0, 3)) && !codes.has(r.code!.slice(0, 5));
    return false;
  });
}

function hierarchy(id: SubjectTableId, rule: string) {
  return (report: Report): Finding[] => {
    const t = dataTable(report, id);
    if (!t) return [];
    const columns = TABLE_COLUMNS[id] as readonly string[];
    const out: (Finding | null)[] = [];
    for (const parent of subjectRows(t)) {
      const level = codeLevel(parent.code);
      const kids = childrenOf(t, parent);
      if (kids.length === 0) continue;
      const label = level === 2 ? "其下各项之和" : kids.every((k) => codeLevel(k.code) === 2) ? "其下各款之和" : "其下各款（项）之和";
      for (const c of columns) out.push(checkSum(rule, cell(id, parent, c), kids.map((k) => cell(id, k, c)), label));
    }
    const totalRow = t.rows.find((r) => r.key === "total");
    const tops = topRows(t);
    if (totalRow || tops.length > 0) {
      for (const c of columns) {
        const total = totalRow ? cell(id, totalRow, c) : cell(id, undefined, c, "合计");
        out.push(checkSum(rule, total, tops.map((k) => cell(id, k, c)), "各类之和"));
      }
    }
    return compact(out);
  };
}

/** 政府性基金: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出, on every row. */
function t07CarryBalance(report: Report): Finding[] {
  const t = dataTable(report, "t07");
  if (!t) return [];
  return compact(
    rowsInOrder(t).map((r) =>
      checkSum(
        T07_CARRY_BALANCE,
        cell("t07", r, "carryEnd"),
        [cell("t07", r, "carryBegin"), cell("t07", r, "income"), negate(cell("t07", r, "total"))],
        "年初结转和结余 + 本年收入 − 本年支出",
      ),
    ),
  );
}

const NAMES: Record<SubjectTableId, string> = { t02: "公开02表", t03: "公开03表", t05: "公开05表", t07: "公开07表", t08: "公开08表" };

export const subjectTableRules: Rule[] = [
  { id: T02_ROW_SUM, title: `${NAMES.t02} 每行本年收入合计 = 各收入栏之和`, run: rowSum("t02", T02_ROW_SUM) },
  { id: T03_ROW_SUM, title: `${NAMES.t03} 每行本年支出合计 = 各支出栏之和`, run: rowSum("t03", T03_ROW_SUM) },
  { id: T05_ROW_SUM, title: `${NAMES.t05} 每行小计 = 基本支出 + 项目支出`, run: rowSum("t05", T05_ROW_SUM) },
  { id: T07_ROW_SUM, title: `${NAMES.t07} 每行本年支出小计 = 基本支出 + 项目支出`, run: rowSum("t07", T07_ROW_SUM) },
  { id: T08_ROW_SUM, title: `${NAMES.t08} 每行小计 = 基本支出 + 项目支出`, run: rowSum("t08", T08_ROW_SUM) },
  { id: T02_HIERARCHY, title: `${NAMES.t02} 类 = Σ款 = Σ项，合计 = Σ类（逐栏）`, run: hierarchy("t02", T02_HIERARCHY) },
  { id: T03_HIERARCHY, title: `${NAMES.t03} 类 = Σ款 = Σ项，合计 = Σ类（逐栏）`, run: hierarchy("t03", T03_HIERARCHY) },
  { id: T05_HIERARCHY, title: `${NAMES.t05} 类 = Σ款 = Σ项，合计 = Σ类（逐栏）`, run: hierarchy("t05", T05_HIERARCHY) },
  { id: T07_HIERARCHY, title: `${NAMES.t07} 类 = Σ款 = Σ项，合计 = Σ类（逐栏）`, run: hierarchy("t07", T07_HIERARCHY) },
  { id: T08_HIERARCHY, title: `${NAMES.t08} 类 = Σ款 = Σ项，合计 = Σ类（逐栏）`, run: hierarchy("t08", T08_HIERARCHY) },
  { id: T07_CARRY_BALANCE, title: `${NAMES.t07} 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出`, run: t07CarryBalance },
];

