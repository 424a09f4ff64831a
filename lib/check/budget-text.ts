import type { Finding, Severity } from "../audit/types";
import type { BudgetFigures } from "../budget/figures";
import { type Budget, BUDGET_TABLE_IDS, BUDGET_TABLE_TITLES } from "../budget/schema";
import { pageOfLine } from "../report/schema";

const SEVERITY_LABEL: Record<Severity, string> = { error: "错误", warning: "警告", rounding: "尾数差异（提示）" };

/** `check`'s summary of a budget document, in the same shape as a 决算's. */
export function budgetText(file: string, b: Budget, f: BudgetFigures, findings: Finding[]): string {
  const at = (line: number) => {
    const page = pageOfLine(b, line);
    return page !== undefined ? `第 ${page} 页` : `第 ${line} 行`;
  };
  const fig = (label: string, v: string | undefined) => (v === undefined ? `${label} 未披露` : `${label} ${v}万元`);
  const count = (s: Severity) => findings.filter((x) => x.severity === s).length;
  const read = new Set(b.tables.map((t) => t.id));
  const missing = BUDGET_TABLE_IDS.filter((id) => !read.has(id)).map((id) => BUDGET_TABLE_TITLES[id]);
  const out = [
    `✓ ${file}`,
    `  ${b.department} ${b.year} 年${b.scope}，版式：${b.source.layout}`,
    `  ${fig("收入预算", f.incomeTotal)}；${fig("支出预算", f.expenditureTotal)}；${fig("基本支出", f.basicExpenditure)}；${fig("项目支出", f.projectExpenditure)}`,
    `  ${fig("“三公”经费预算", f.sangongBudget)}；${fig("机关运行经费预算", f.operatingCostBudget)}；${fig("政府采购预算", f.procurementBudget)}`,
    `  预算表 ${b.tables.length}/${BUDGET_TABLE_IDS.length} 张${missing.length ? `（文件中没有：${missing.join("、")}）` : ""}；科目说明 ${b.narrative.subjects.length} 条；项目经费说明 ${b.projects.length} 个`,
    `  审核结果：错误 ${count("error")} 项，警告 ${count("warning")} 项，尾数差异 ${count("rounding")} 项`,
  ];
  if (b.unread.length) {
    out.push("", "【未能读取的部分】（其余部分照常读取）");
    for (const u of b.unread)
      out.push(
        `  ${u.page ? `第 ${u.page} 页 ` : u.sourceLine ? `${at(u.sourceLine)} ` : ""}${u.where}：${u.message}${u.text ? `\n      原文：${u.text}` : ""}`,
      );
  }
  for (const sev of ["error", "warning", "rounding"] as Severity[]) {
    const list = findings.filter((x) => x.severity === sev);
    if (!list.length) continue;
    out.push("", `【${SEVERITY_LABEL[sev]}】`);
    for (const x of list) {
      const where = x.locations.map((l) => (l.sourceLine ? `${l.label}（${at(l.sourceLine)}）` : l.label)).join(" ↔ ");
      const ef =
        x.expected !== undefined || x.found !== undefined ? ` 应为 ${x.expected ?? "—"}，实为 ${x.found ?? "—"}` : "";
      out.push(`  [${x.rule}] ${x.message}${ef}`);
      if (where) out.push(`      位置：${where}`);
    }
  }
  return out.join("\n");
}
