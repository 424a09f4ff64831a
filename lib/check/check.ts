import { auditReport } from "../audit/run";
import { computeCompleteness } from "../audit/completeness";
import type { Completeness, Finding, Severity } from "../audit/types";
import { readDisclosure } from "../ingest/read-disclosure";
import { auditBudget } from "../budget/audit";
import { budgetFigures, type BudgetFigures } from "../budget/figures";
import type { Budget } from "../budget/schema";
import { budgetText } from "./budget-text";
import { ParseError } from "../ingest/errors";
import { computeCoverage, locationText, PART_LABELS, unreadNotes } from "../report/coverage";
import { extractFigures, type Figures } from "../report/figures";
import { pageOfLine, type Report } from "../report/schema";

export type CheckResult =
  | {
      ok: true;
      kind: "final";
      file: string;
      report: Report;
      findings: Finding[];
      figures: Figures;
      completeness: Completeness;
    }
  | { ok: true; kind: "budget"; file: string; budget: Budget; findings: Finding[]; figures: BudgetFigures }
  | { ok: false; file: string; error: ParseError };

/** Read (any input: PDF, text, canonical JSON) and audit one document without touching a database. */
export async function checkDocument(file: string, bytes: Uint8Array): Promise<CheckResult> {
  try {
    const read = await readDisclosure(file, bytes);
    if (read.kind === "budget")
      return {
        ok: true,
        kind: "budget",
        file,
        budget: read.budget,
        findings: auditBudget(read.budget),
        figures: budgetFigures(read.budget),
      };
    const report = read.report;
    return {
      ok: true,
      kind: "final",
      file,
      report,
      findings: auditReport(report),
      figures: extractFigures(report),
      completeness: computeCompleteness(report),
    };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, file, error: e };
    // A crash inside a parser is still reported against the file, never as a bare stack trace.
    return { ok: false, file, error: new ParseError({ file, message: `无法读取：${(e as Error).message}` }) };
  }
}

export function toJson(r: CheckResult) {
  if (!r.ok) {
    const e = r.error;
    return {
      file: r.file,
      error: {
        message: e.describe(),
        table: e.table,
        section: e.section,
        line: e.line,
        page: e.page,
        expected: e.expected,
        found: e.found,
      },
    };
  }
  if (r.kind === "budget") {
    const b = r.budget;
    return {
      file: r.file,
      kind: "budget" as const,
      department: b.department,
      year: b.year,
      scope: b.scope,
      layout: b.source.layout,
      figures: r.figures,
      tables: b.tables.map((t) => ({ id: t.id, title: t.title, rows: t.rows.length, printedUnit: t.printedUnit })),
      units: b.units,
      unread: b.unread,
      findings: r.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        expected: f.expected ?? null,
        found: f.found ?? null,
        locations: f.locations,
      })),
    };
  }
  return {
    file: r.file,
    kind: "final" as const,
    department: r.report.department,
    entity: r.report.entity,
    year: r.report.year,
    scope: r.report.scope,
    layout: r.report.source.layout,
    figures: r.figures,
    completeness: r.completeness.score,
    coverage: computeCoverage(r.report),
    unread: unreadNotes(r.report),
    ambiguities: r.report.ambiguities,
    findings: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      expected: f.expected ?? null,
      found: f.found ?? null,
      locations: f.locations,
    })),
  };
}

const SEVERITY_LABEL: Record<Severity, string> = { error: "错误", warning: "警告", rounding: "尾数差异（提示）" };

export function toText(r: CheckResult): string {
  if (!r.ok) return `✗ ${r.error.describe()}`;
  if (r.kind === "budget") return budgetText(r.file, r.budget, r.figures, r.findings);
  const { report, findings, figures, completeness } = r;
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const out: string[] = [];
  out.push(`✓ ${r.file}`);
  out.push(
    `  ${report.department}${report.entity ? `（${report.entity}）` : ""} ${report.year} 年度${report.scope}，版式：${report.source.layout}`,
  );
  const fig = (label: string, v: string | number | undefined, unit = "万元") =>
    v === undefined ? `${label} 未披露` : `${label} ${v}${unit}`;
  out.push(
    `  ${fig("本年收入合计", figures.incomeTotal)}；${fig("本年支出合计", figures.expenditureTotal)}；${fig("总计", figures.grandTotal)}`,
  );
  out.push(
    `  ${fig("三公经费决算", figures.sangongFinal)}；${fig("政府采购", figures.procurementTotal)}；${fig("中小企业份额", figures.procurementSmeShare, "%")}`,
  );
  out.push(`  信息完整度 ${completeness.score} 分；绩效自评表 ${figures.performanceProjectsDisclosed} 张`);
  const cov = computeCoverage(report);
  const t = cov.tables;
  const tableNotes = [
    t.unread ? `${t.unread} 张未能读取` : "",
    t.missing ? `${t.missing} 张文件中没有${t.listedMissing ? `（其中 ${t.listedMissing} 张目录列出）` : ""}` : "",
    cov.extraTables.count ? `另有 ${cov.extraTables.count} 张未识别的表按原样保留` : "",
  ].filter(Boolean);
  out.push(
    `  读取覆盖 ${cov.percent}%：决算表 ${t.read}/${t.expected} 张${tableNotes.length ? `（${tableNotes.join("，")}）` : ""}；` +
      `单元格 已定位 ${cov.cells.placed} 个，待定 ${cov.cells.open} 个；情况说明 已识别 ${cov.statements.recognised} 条，未读 ${cov.statements.unread} 处` +
      (cov.appendix.unread ? `；附件未读 ${cov.appendix.unread} 处` : ""),
  );
  out.push(`  审核结果：错误 ${count("error")} 项，警告 ${count("warning")} 项，尾数差异 ${count("rounding")} 项`);
  if (report.ambiguities.length) out.push(`  无法唯一确定的单元格 ${report.ambiguities.length} 处（见下）`);
  const notes = unreadNotes(report);
  if (notes.length) {
    out.push("", "【未能读取的部分】（其余部分照常读取）");
    for (const u of notes) {
      const at = locationText(report, u);
      out.push(`  ${at ? `${at} ` : ""}${PART_LABELS[u.part]}·${u.where}：${u.message}`);
      out.push(`      原文：${u.text}`);
    }
  }
  if (cov.extraTables.count) {
    out.push("", "【未识别的表，按原样保留】");
    for (const x of report.extraTables) {
      const at = locationText(report, x);
      out.push(`  ${at ? `${at} ` : ""}${x.title}（${x.rows.length} 行）`);
    }
  }
  for (const sev of ["error", "warning", "rounding"] as Severity[]) {
    const list = findings.filter((f) => f.severity === sev);
    if (!list.length) continue;
    out.push("", `【${SEVERITY_LABEL[sev]}】`);
    for (const f of list) {
      // a PDF's reader knows pages, not the reader's own line numbers
      const at = (line: number) => {
        const page = pageOfLine(report, line);
        return page !== undefined ? `第 ${page} 页` : `第 ${line} 行`;
      };
      const where = f.locations.map((l) => (l.sourceLine ? `${l.label}（${at(l.sourceLine)}）` : l.label)).join(" ↔ ");
      const ef =
        f.expected !== undefined || f.found !== undefined ? ` 应为 ${f.expected ?? "—"}，实为 ${f.found ?? "—"}` : "";
      out.push(`  [${f.rule}] ${f.message}${ef}`);
      if (where) out.push(`      位置：${where}`);
    }
  }
  if (report.ambiguities.length) {
    out.push("", "【待人工确认】");
    for (const a of report.ambiguities) {
      const at = locationText(report, a);
      out.push(`  ${a.table}${at ? ` ${at}` : ""}：${a.message}`);
    }
  }
  return out.join("\n");
}
