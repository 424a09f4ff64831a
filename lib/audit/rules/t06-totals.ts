import { identity } from "@/lib/report/identities";
import type { Report } from "@/lib/report/schema";
import { checkSum, compact } from "../compare";
import { sumRule } from "../identity-checks";
import { cell, dataTable } from "../report-access";
import type { Rule } from "../rule";
import type { Finding } from "../types";

const HIERARCHY = identity("T06_HIERARCHY", "hierarchy");

/** 经济分类: a class (3 digits) is the sum of its 款 (5 digits). */
function hierarchy(report: Report): Finding[] {
  const t = dataTable(report, HIERARCHY.table);
  if (!t) return [];
  const out: (Finding | null)[] = [];
  for (const parent of t.rows.filter((r) => r.code?.length === 3)) {
    const kids = t.rows.filter((r) => r.code?.length === 5 && r.code.startsWith(parent.code!));
    if (kids.length === 0) continue;
    out.push(
      checkSum(
        HIERARCHY.id,
        cell(HIERARCHY.table, parent, "amount"),
        kids.map((k) => cell(HIERARCHY.table, k, "amount")),
        "其下各款之和",
      ),
    );
  }
  return compact(out);
}

/** Table 06's two totals by 经济分类 class, its hierarchy, and its tie to table 05 (lib/report/identities.ts). */
export const t06Rules: Rule[] = [
  sumRule("T06_PERSONNEL_SUM"),
  sumRule("T06_PUBLIC_SUM"),
  { id: HIERARCHY.id, title: HIERARCHY.title, run: hierarchy },
  sumRule("T06_VS_T05"),
];
