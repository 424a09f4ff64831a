import type { DepartmentsSideBySide, SubjectRow } from "@/db/queries/structure";
import { D } from "@/lib/money/decimal";

/**
 * Donut slices: the `n` largest subjects and one "其他" slice for the rest, summed exactly before the chart turns
 * them into numbers. Subjects without a total are left out (the page says how many).
 */
export function topSlices(rows: SubjectRow[], n: number): { 科目: string; 金额: number }[] {
  const given = rows.filter((r) => r.total !== undefined);
  const top = given.slice(0, n).map((r) => ({ 科目: r.name, 金额: Number(r.total) }));
  const rest = given.slice(n).reduce((a, r) => a.plus(r.total!), new D(0));
  return rest.isZero() ? top : [...top, { 科目: `其他 ${given.length - n} 项`, 金额: Number(rest.toFixed()) }];
}

/**
 * One stacked bar per department: the shares of the `n` largest 类 overall and "其他类" for the remainder of 100%.
 * Departments with no 类 shares are left out and named.
 */
export function classChartRows(side: DepartmentsSideBySide, n: number) {
  const top = side.classes.slice(0, n);
  const rows: Record<string, string | number>[] = [];
  const left: string[] = [];
  for (const d of side.selected) {
    const shares = Object.values(d.classes)
      .map((c) => c.share)
      .filter((s): s is string => s !== undefined);
    if (shares.length === 0) {
      left.push(d.department);
      continue;
    }
    const row: Record<string, string | number> = { 部门: d.department };
    let used = new D(0);
    for (const c of top) {
      const s = d.classes[c.code]?.share;
      row[c.name] = s === undefined ? 0 : Number(s);
      if (s !== undefined) used = used.plus(s);
    }
    const other = D.max(0, new D(100).minus(used));
    row["其他类"] = Number(other.toFixed(2));
    rows.push(row);
  }
  return { rows, categories: [...top.map((c) => c.name), ...(side.classes.length > n ? ["其他类"] : [])], left };
}
