import type { Report } from "@/lib/report/schema";
import { checkEqual, checkSum, compact } from "../compare";
import { cell, classRows, dataTable, keyCell } from "../report-access";
import type { Rule } from "../rule";
import type { Finding } from "../types";

export const T01_INCOME_SUM = "T01_INCOME_SUM";
const T01_EXPENDITURE_SUM = "T01_EXPENDITURE_SUM";
const T01_INCOME_GRAND_TOTAL = "T01_INCOME_GRAND_TOTAL";
const T01_EXPENDITURE_GRAND_TOTAL = "T01_EXPENDITURE_GRAND_TOTAL";
const T01_BALANCE = "T01_BALANCE";

const T01_INCOME_KEYS = ["gpb", "govFund", "soe", "superior", "business", "operating", "affiliated", "other"] as const;

function incomeSum(report: Report): Finding[] {
  const t = dataTable(report, "t01");
  if (!t) return [];
  const terms = T01_INCOME_KEYS.map((k) => keyCell("t01", t, k, "amount", "income"));
  return compact([checkSum(T01_INCOME_SUM, keyCell("t01", t, "incomeTotal", "amount", "income"), terms, "各收入行之和")]);
}

function expenditureSum(report: Report): Finding[] {
  const t = dataTable(report, "t01");
  if (!t) return [];
  const terms = classRows(t).map((r) => cell("t01", r, "amount"));
  return compact([checkSum(T01_EXPENDITURE_SUM, keyCell("t01", t, "expenditureTotal", "amount", "expenditure"), terms, "各类支出之和")]);
}

function incomeGrandTotal(report: Report): Finding[] {
  const t = dataTable(report, "t01");
  if (!t) return [];
  const parts = ["incomeTotal", "useNonFiscalBalance", "carryBegin"].map((k) => keyCell("t01", t, k, "amount", "income"));
  return compact([checkSum(T01_INCOME_GRAND_TOTAL, keyCell("t01", t, "grandTotal", "amount", "income"), parts, "本年收入合计、使用非财政拨款结余、年初结转和结余之和")]);
}

function expenditureGrandTotal(report: Report): Finding[] {
  const t = dataTable(report, "t01");
  if (!t) return [];
  const parts = ["expenditureTotal", "balanceDistribution", "carryEnd"].map((k) => keyCell("t01", t, k, "amount", "expenditure"));
  return compact([
    checkSum(T01_EXPENDITURE_GRAND_TOTAL, keyCell("t01", t, "grandTotal", "amount", "expenditure"), parts, "本年支出合计、结余分配、年末结转和结余之和"),
  ]);
}

function balance(report: Report): Finding[] {
  const t = dataTable(report, "t01");
  if (!t) return [];
  return compact([
    checkEqual(T01_BALANCE, keyCell("t01", t, "grandTotal", "amount", "expenditure"), keyCell("t01", t, "grandTotal", "amount", "income")),
  ]);
}

export const t01Rules: Rule[] = [
  { id: T01_INCOME_SUM, title: "公开01表 本年收入合计 = 各收入行之和", run: incomeSum },
  { id: T01_EXPENDITURE_SUM, title: "公开01表 本年支出合计 = 各类支出之和", run: expenditureSum },
  { id: T01_INCOME_GRAND_TOTAL, title: "公开01表 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余", run: incomeGrandTotal },
  { id: T01_EXPENDITURE_GRAND_TOTAL, title: "公开01表 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余", run: expenditureGrandTotal },
  { id: T01_BALANCE, title: "公开01表 收入总计 = 支出总计", run: balance },
];
