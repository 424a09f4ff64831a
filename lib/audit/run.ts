import type { Report } from "@/lib/report/schema";
import { withPassCache, type Rule } from "./rule";
import { assetRules } from "./rules/assets";
import { budgetExecutionRules } from "./rules/budget-execution";
import { completenessRules } from "./rules/completeness";
import { executionWordingRules } from "./rules/execution-wording";
import { headingRules } from "./rules/headings";
import { listedTableRules } from "./rules/listed-tables";
import { narrativeFigureRules } from "./rules/narrative-figures";
import { percentageRules } from "./rules/narrative-percentages";
import { performanceSheetRules } from "./rules/performance-sheets";
import { performanceSummaryRules } from "./rules/performance-summary";
import { procurementRules } from "./rules/procurement";
import { procurementPartRules } from "./rules/procurement-parts";
import { sangongRules } from "./rules/sangong";
import { subjectTableRules } from "./rules/subject-tables";
import { t01Rules } from "./rules/t01-totals";
import { t02t03Rules } from "./rules/t02-t03-vs-t01";
import { t04CrossRules } from "./rules/t04-cross";
import { t04Rules } from "./rules/t04-totals";
import { t06Rules } from "./rules/t06-totals";
import { t09Rules } from "./rules/t09-totals";
import { ownMeaning } from "./rule-names";
import type { Finding, Severity } from "./types";

/** Every rule, in the order a reader meets the document: headings and 目录, tables, narrative, appendix, completeness. */
export const RULES: Rule[] = [
  ...headingRules,
  ...listedTableRules,
  ...t01Rules,
  ...subjectTableRules,
  ...t02t03Rules,
  ...t04Rules,
  ...t04CrossRules,
  ...t06Rules,
  ...t09Rules,
  ...narrativeFigureRules,
  ...percentageRules,
  ...budgetExecutionRules,
  ...executionWordingRules,
  ...sangongRules,
  ...procurementRules,
  ...procurementPartRules,
  ...assetRules,
  ...performanceSheetRules,
  ...performanceSummaryRules,
  ...completenessRules,
];

const ORDER: Record<Severity, number> = { error: 0, warning: 1, rounding: 2 };

/** All findings, errors first, then warnings, then rounding notes; by rule id within a severity, document order within a rule. */
export function auditReport(report: Report): Finding[] {
  const all = withPassCache(() => RULES.flatMap((rule) => rule.run(report)));
  return all
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        ORDER[a.f.severity] - ORDER[b.f.severity] ||
        (a.f.rule < b.f.rule ? -1 : a.f.rule > b.f.rule ? 1 : 0) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

const TITLES = new Map(RULES.map((r) => [r.id, r.title]));

/** 含义: in one sentence, what must hold for a rule's finding not to arise (a 决算 rule's title says exactly that). */
export function ruleMeaning(id: string): string | undefined {
  return TITLES.get(id) ?? ownMeaning(id);
}
