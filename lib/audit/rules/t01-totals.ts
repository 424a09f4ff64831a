import { sumRule } from "../identity-checks";
import type { Rule } from "../rule";

export const T01_INCOME_SUM = "T01_INCOME_SUM";

/** Table 01's totals and its balance, as lib/report/identities.ts declares them. */
export const t01Rules: Rule[] = [
  T01_INCOME_SUM,
  "T01_EXPENDITURE_SUM",
  "T01_INCOME_GRAND_TOTAL",
  "T01_EXPENDITURE_GRAND_TOTAL",
  "T01_BALANCE",
].map(sumRule);
