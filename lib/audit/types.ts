/** rounding: within the tolerance the printed precision allows (尾数误差) — a note, never an error. */
export type Severity = "rounding" | "warning" | "error";

/** Where a compared figure came from: a table cell, or a narrative/appendix sentence. */
export type Location = {
  /** t01…t09, "narrative", "appendix" */
  table?: string;
  rowKey?: string;
  code?: string;
  column?: string;
  /** narrative section, e.g. "十一、政府采购支出情况" */
  section?: string;
  sourceLine?: number;
  /** human label in Chinese, e.g. "公开03表 合计行 基本支出" */
  label: string;
};

export type Finding = {
  /** stable id, e.g. T01_INCOME_SUM */
  rule: string;
  severity: Severity;
  /** Chinese */
  message: string;
  expected?: string;
  found?: string;
  locations: Location[];
};

export type CompletenessItem = { key: string; label: string; present: boolean };
export type Completeness = { score: string; items: CompletenessItem[] };
