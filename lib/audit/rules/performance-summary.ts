import { D, type Dec } from "@/lib/money/decimal";
import type { Report } from "@/lib/report/schema";
import { ratioRoundsTo } from "../exact";
import { checkEqual, checkPrinted, checkSum, compact, finding } from "../compare";
import { appendixLoc, narrativeLoc } from "../labels";
import { matchProjects } from "../project-match";
import type { Side } from "../report-access";
import { percentOf } from "../tolerance";
import { familyRules, type Rule } from "../rule";
import type { Finding } from "../types";
import { effectiveRate } from "./performance-sheets";

const PERF_SUMMARY_TOTAL = "PERF_SUMMARY_TOTAL";
const PERF_SUMMARY_VS_SHEET = "PERF_SUMMARY_VS_SHEET";
const PERF_NAME_MISMATCH = "PERF_NAME_MISMATCH";
const PERF_SHEET_NOT_IN_SUMMARY = "PERF_SHEET_NOT_IN_SUMMARY";
export const PERF_GRADE = "PERF_GRADE";
const PERF_EXCELLENT_LOW_EXECUTION = "PERF_EXCELLENT_LOW_EXECUTION";
const PERF_NARRATIVE_VS_SHEET = "PERF_NARRATIVE_VS_SHEET";
const PERF_NARRATIVE_UNMATCHED = "PERF_NARRATIVE_UNMATCHED";
const PERF_NARRATIVE_RATE = "PERF_NARRATIVE_RATE";
const PERF_GRADE_COUNTS = "PERF_GRADE_COUNTS";
const PERF_SHEETS_STATED = "PERF_SHEETS_STATED";
const PERF_FUNDS_VS_SUMMARY = "PERF_FUNDS_VS_SUMMARY";

export type Grade = "优" | "良" | "中" | "差";

/** National 自评 grades: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60. */
export function gradeOf(score: Dec): Grade {
  if (score.gte(90)) return "优";
  if (score.gte(80)) return "良";
  if (score.gte(60)) return "中";
  return "差";
}

/** Printed grades: 优/优秀, 良/良好, 中/及格, 差/不及格. */
export function normaliseGrade(text: string): Grade | undefined {
  const t = text.trim();
  if (t.startsWith("不及格") || t.startsWith("差")) return "差";
  if (t.startsWith("优")) return "优";
  if (t.startsWith("良")) return "良";
  if (t.startsWith("中") || t.startsWith("及格")) return "中";
  return undefined;
}

type Summary = NonNullable<Report["appendix"]["performanceSummary"]>;
type Row = Summary["rows"][number];
type NarrativeSummary = NonNullable<Report["narrative"]["performance"]>["summaries"][number];

function rowSide(row: Row, value: string | undefined, what: string): Side {
  const label = `${row.name} ${what}`;
  return { value, label: `绩效自评汇总表 ${label}`, locs: [appendixLoc("summary", label, row.sourceLine)] };
}

function sheetSide(name: string, value: string | undefined, what: string, sourceLine?: number): Side {
  const label = `${name} ${what}`;
  return { value, label: `绩效自评表 ${label}`, locs: [appendixLoc("sheets", label, sourceLine)] };
}

function narrSide(s: NarrativeSummary, value: string | undefined, what: string): Side {
  const label = `${s.name} ${what}`;
  return { value, label: `情况说明 ${label}`, locs: [narrativeLoc("performance", label, s.sourceLine)] };
}

function summaryTotal(report: Report): Finding[] {
  const sum = report.appendix.performanceSummary;
  if (!sum || sum.total === undefined) return [];
  const total: Side = {
    value: sum.total,
    label: "绩效自评汇总表 合计 全年预算数",
    locs: [appendixLoc("summary", "合计 全年预算数", sum.sourceLine)],
  };
  return compact([
    checkSum(
      PERF_SUMMARY_TOTAL,
      total,
      sum.rows.map((r) => rowSide(r, r.budget, "全年预算数")),
      "各项目全年预算数之和",
    ),
  ]);
}

function summaryVsSheets(report: Report): Finding[] {
  const sum = report.appendix.performanceSummary;
  const sheets = report.appendix.performanceSheets;
  if (!sum || sum.rows.length === 0 || sheets.length === 0) return [];
  const matches = matchProjects(
    sum.rows.map((r) => r.name),
    sheets.map((s) => s.name),
  );
  const out: (Finding | null)[] = [];
  for (const m of matches) {
    const row = sum.rows[m.a];
    const sheet = sheets[m.b];
    if (!m.exact) {
      out.push(
        finding(
          PERF_NAME_MISMATCH,
          "warning",
          `绩效自评汇总表项目名称“${row.name}”与绩效自评表项目名称“${sheet.name}”不一致`,
          [
            appendixLoc("summary", `${row.name} 项目名称`, row.sourceLine),
            appendixLoc("sheets", `${sheet.name} 项目名称`, sheet.sourceLine),
          ],
          sheet.name,
          row.name,
        ),
      );
    }
    out.push(
      checkEqual(
        PERF_SUMMARY_VS_SHEET,
        rowSide(row, row.budget, "全年预算数"),
        sheetSide(sheet.name, sheet.funds.total.annual, "全年预算数（A）", sheet.sourceLine),
      ),
    );
    out.push(
      checkEqual(
        PERF_SUMMARY_VS_SHEET,
        rowSide(row, row.score, "自评得分"),
        sheetSide(sheet.name, sheet.totalScore, "总分", sheet.sourceLine),
      ),
    );
  }
  const matched = new Set(matches.map((m) => m.b));
  sheets.forEach((sheet, i) => {
    if (matched.has(i)) return;
    out.push(
      finding(
        PERF_SHEET_NOT_IN_SUMMARY,
        "warning",
        `绩效自评表“${sheet.name}”在绩效自评情况汇总表中找不到对应项目`,
        [appendixLoc("sheets", `${sheet.name} 项目名称`, sheet.sourceLine)],
        undefined,
        sheet.name,
      ),
    );
  });
  return compact(out);
}

/** The grade printed in the summary against the score it stands beside (or the sheet's 总分 when the row has none). */
function grades(report: Report): Finding[] {
  const sum = report.appendix.performanceSummary;
  if (!sum) return [];
  const sheets = report.appendix.performanceSheets;
  const matches = matchProjects(
    sum.rows.map((r) => r.name),
    sheets.map((s) => s.name),
  );
  const out: Finding[] = [];
  sum.rows.forEach((row, i) => {
    if (row.grade === undefined) return;
    const sheet = matches.find((m) => m.a === i);
    const score = row.score ?? (sheet ? sheets[sheet.b].totalScore : undefined);
    if (score === undefined) return;
    const printed = normaliseGrade(row.grade);
    const expected = gradeOf(new D(score));
    if (printed === expected) return;
    out.push(
      finding(
        PERF_GRADE,
        "error",
        `绩效自评汇总表 ${row.name} 自评等级“${row.grade}”与得分 ${score} 对应的等级“${expected}”不符（优 ≥ 90，良 80–90，中 60–80，差 < 60）`,
        rowSide(row, row.grade, "自评等级").locs,
        expected,
        row.grade,
      ),
    );
  });
  return out;
}

const LOW_EXECUTION = 50;

/** A project graded 优 that spent under half its budget: the score says one thing, the money another. */
function excellentLowExecution(report: Report): Finding[] {
  const sum = report.appendix.performanceSummary;
  const sheets = report.appendix.performanceSheets;
  const rows = sum?.rows ?? [];
  const matches = matchProjects(
    rows.map((r) => r.name),
    sheets.map((s) => s.name),
  );
  const out: Finding[] = [];
  sheets.forEach((sheet, i) => {
    const m = matches.find((x) => x.b === i);
    const printedGrade = m && rows[m.a].grade !== undefined ? normaliseGrade(rows[m.a].grade!) : undefined;
    const grade = printedGrade ?? (sheet.totalScore !== undefined ? gradeOf(new D(sheet.totalScore)) : undefined);
    const rate = effectiveRate(sheet);
    if (grade !== "优" || rate === undefined || rate.gte(LOW_EXECUTION)) return;
    out.push(
      finding(
        PERF_EXCELLENT_LOW_EXECUTION,
        "warning",
        `绩效自评项目“${sheet.name}”自评等级为优（总分 ${sheet.totalScore ?? "—"}），但预算执行率仅 ${rate.toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed()}%`,
        [
          appendixLoc("sheets", `${sheet.name} 执行率`, sheet.sourceLine),
          ...(m ? [appendixLoc("summary", `${rows[m.a].name} 自评等级`, rows[m.a].sourceLine)] : []),
        ],
        undefined,
        rate.toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(),
      ),
    );
  });
  return out;
}

function narrativeVsSheets(report: Report): Finding[] {
  const summaries = report.narrative.performance?.summaries ?? [];
  const sheets = report.appendix.performanceSheets;
  const out: (Finding | null)[] = [];
  for (const s of summaries) {
    if (
      s.rate !== undefined &&
      s.budget !== undefined &&
      s.executed !== undefined &&
      !ratioRoundsTo(s.rate, s.executed, s.budget)
    ) {
      const pct = percentOf(new D(s.executed), new D(s.budget));
      out.push(
        pct === undefined
          ? finding(
              PERF_NARRATIVE_RATE,
              "error",
              `情况说明 ${s.name} 全年预算数为 0，却给出完成预算的 ${s.rate}%`,
              narrSide(s, s.rate, "完成预算的比例").locs,
              undefined,
              s.rate,
            )
          : checkPrinted(
              PERF_NARRATIVE_RATE,
              narrSide(s, s.rate, "完成预算的比例") as Side & { value: string },
              [pct],
              { label: `执行数 ${s.executed} / 全年预算数 ${s.budget}`, locs: [] },
            ),
      );
    }
  }
  if (sheets.length === 0) return compact(out);
  const matches = matchProjects(
    summaries.map((s) => s.name),
    sheets.map((s) => s.name),
  );
  summaries.forEach((s, i) => {
    const m = matches.find((x) => x.a === i);
    if (!m) {
      out.push(
        finding(
          PERF_NARRATIVE_UNMATCHED,
          "warning",
          `情况说明中的绩效自评综述“${s.name}”在附件中找不到对应的绩效自评表`,
          narrSide(s, undefined, "项目名称").locs,
          undefined,
          s.name,
        ),
      );
      return;
    }
    const sheet = sheets[m.b];
    const f = sheet.funds.total;
    if (s.score !== undefined)
      out.push(
        checkEqual(
          PERF_NARRATIVE_VS_SHEET,
          narrSide(s, s.score, "自评得分"),
          sheetSide(sheet.name, sheet.totalScore, "总分", sheet.sourceLine),
        ),
      );
    if (s.budget !== undefined)
      out.push(
        checkEqual(
          PERF_NARRATIVE_VS_SHEET,
          narrSide(s, s.budget, "全年预算数"),
          sheetSide(sheet.name, f.annual, "全年预算数（A）", sheet.sourceLine),
        ),
      );
    if (s.executed !== undefined)
      out.push(
        checkEqual(
          PERF_NARRATIVE_VS_SHEET,
          narrSide(s, s.executed, "执行数"),
          sheetSide(sheet.name, f.executed, "全年执行数（B）", sheet.sourceLine),
        ),
      );
  });
  return compact(out);
}

function narrativeCounts(report: Report): Finding[] {
  const p = report.narrative.performance;
  if (!p) return [];
  const out: Finding[] = [];
  const loc = narrativeLoc("performance", "绩效自评项目数", p.sourceLine);
  const counts = Object.entries(p.gradeCounts);
  if (p.projectCount !== undefined && counts.length > 0) {
    const sum = counts.reduce((acc, [, n]) => acc + n, 0);
    if (sum !== p.projectCount) {
      out.push(
        finding(
          PERF_GRADE_COUNTS,
          "error",
          `情况说明 绩效自评项目 ${p.projectCount} 个 与各等级项目数之和 ${sum} 个（${counts.map(([g, n]) => `${g} ${n}`).join("、")}）不符`,
          [loc],
          String(sum),
          String(p.projectCount),
        ),
      );
    }
  }
  const sheets = report.appendix.performanceSheets.length;
  if (p.sheetsStated !== undefined && p.sheetsStated !== sheets) {
    out.push(
      finding(
        PERF_SHEETS_STATED,
        "warning",
        `情况说明称附 ${p.sheetsStated} 个项目的绩效自评表，附件实有 ${sheets} 个`,
        [narrativeLoc("performance", "绩效自评表个数", p.sourceLine), appendixLoc("sheets", "绩效自评表")],
        String(sheets),
        String(p.sheetsStated),
      ),
    );
  }
  const summary = report.appendix.performanceSummary;
  if (
    p.funds !== undefined &&
    summary?.total !== undefined &&
    p.projectCount !== undefined &&
    p.projectCount === summary.rows.length
  ) {
    const total: Side = {
      value: summary.total,
      label: "绩效自评汇总表 合计 全年预算数",
      locs: [appendixLoc("summary", "合计 全年预算数", summary.sourceLine)],
    };
    const f = checkEqual(
      PERF_FUNDS_VS_SUMMARY,
      {
        value: p.funds,
        label: "情况说明 绩效自评涉及预算资金",
        locs: [narrativeLoc("performance", "绩效自评涉及预算资金", p.sourceLine)],
      },
      total,
      "warning",
    );
    if (f) out.push(f);
  }
  return out;
}

export const performanceSummaryRules: Rule[] = [
  { id: PERF_SUMMARY_TOTAL, title: "绩效自评汇总表 合计 = 各项目全年预算数之和", run: summaryTotal },
  ...familyRules(summaryVsSheets, [
    { id: PERF_SUMMARY_VS_SHEET, title: "绩效自评汇总表 全年预算数、自评得分 = 绩效自评表" },
    { id: PERF_NAME_MISMATCH, title: "绩效自评汇总表与绩效自评表项目名称一致" },
    { id: PERF_SHEET_NOT_IN_SUMMARY, title: "每张绩效自评表都列入绩效自评汇总表" },
  ]),
  { id: PERF_GRADE, title: "绩效自评等级与得分相符（优 ≥ 90，良 80–90，中 60–80，差 < 60）", run: grades },
  { id: PERF_EXCELLENT_LOW_EXECUTION, title: "自评为优的项目预算执行率不低于 50%", run: excellentLowExecution },
  ...familyRules(narrativeVsSheets, [
    { id: PERF_NARRATIVE_RATE, title: "情况说明 绩效自评综述完成预算比例 = 执行数 / 全年预算数" },
    { id: PERF_NARRATIVE_VS_SHEET, title: "情况说明 绩效自评综述得分、预算数、执行数 = 绩效自评表" },
    { id: PERF_NARRATIVE_UNMATCHED, title: "情况说明 绩效自评综述在附件中有对应的绩效自评表" },
  ]),
  ...familyRules(narrativeCounts, [
    { id: PERF_GRADE_COUNTS, title: "情况说明 绩效自评项目数 = 各等级项目数之和" },
    { id: PERF_SHEETS_STATED, title: "情况说明 所述绩效自评表个数 = 附件实有个数" },
    { id: PERF_FUNDS_VS_SUMMARY, title: "情况说明 绩效自评涉及预算资金 = 绩效自评汇总表合计（项目全部列出时）" },
  ]),
];
