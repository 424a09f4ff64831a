import { identity } from "@/lib/report/identities";
import { TABLE_COLUMNS, type Report, type Table, type TableRow } from "@/lib/report/schema";
import { checkSum, compact } from "../compare";
import { rowRule } from "../identity-checks";
import { cell, codeLevel, dataTable, subjectRows } from "../report-access";
import type { Rule } from "../rule";
import type { Finding } from "../types";

export const T02_ROW_SUM = "T02_ROW_SUM";
export const T03_HIERARCHY = "T03_HIERARCHY";

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
    (r) =>
      r.code!.startsWith(code) &&
      (codeLevel(r.code) === 2 || (codeLevel(r.code) === 3 && !kuan.has(r.code!.slice(0, 5)))),
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

/** 功能分类: 类 = Σ 款 = Σ 项 and 合计 = Σ 类, column by column (the identity's `functional` hierarchy). */
function hierarchyRule(identityId: string): Rule {
  const d = identity(identityId, "hierarchy");
  const id = d.table;
  const rule = d.id;
  const run = (report: Report): Finding[] => {
    const t = dataTable(report, id);
    if (!t) return [];
    const columns = TABLE_COLUMNS[id] as readonly string[];
    const out: (Finding | null)[] = [];
    for (const parent of subjectRows(t)) {
      const level = codeLevel(parent.code);
      const kids = childrenOf(t, parent);
      if (kids.length === 0) continue;
      const label =
        level === 2
          ? "其下各项之和"
          : kids.every((k) => codeLevel(k.code) === 2)
            ? "其下各款之和"
            : "其下各款（项）之和";
      for (const c of columns)
        out.push(
          checkSum(
            rule,
            cell(id, parent, c),
            kids.map((k) => cell(id, k, c)),
            label,
          ),
        );
    }
    const totalRow = t.rows.find((r) => r.key === "total");
    const tops = topRows(t);
    if (totalRow || tops.length > 0) {
      for (const c of columns) {
        const total = totalRow ? cell(id, totalRow, c) : cell(id, undefined, c, "合计");
        out.push(
          checkSum(
            rule,
            total,
            tops.map((k) => cell(id, k, c)),
            "各类之和",
          ),
        );
      }
    }
    return compact(out);
  };
  return { id: d.id, title: d.title, run };
}

/** The tables by 功能分类 subject (02 03 05 07 08): their row formulas and hierarchies (lib/report/identities.ts). */
export const subjectTableRules: Rule[] = [
  rowRule(T02_ROW_SUM),
  rowRule("T03_ROW_SUM"),
  rowRule("T05_ROW_SUM"),
  rowRule("T07_ROW_SUM"),
  rowRule("T08_ROW_SUM"),
  hierarchyRule("T02_HIERARCHY"),
  hierarchyRule(T03_HIERARCHY),
  hierarchyRule("T05_HIERARCHY"),
  hierarchyRule("T07_HIERARCHY"),
  hierarchyRule("T08_HIERARCHY"),
  rowRule("T07_CARRY_BALANCE"),
];
