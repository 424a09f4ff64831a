import type { Report, Table } from "@/lib/report/schema";
import { checkEqual, checkSum, compact } from "../compare";
import { cell, classRows, dataTable, keyCell, keyRow, negate, type Side } from "../report-access";
import type { Rule } from "../rule";
import type { Finding } from "../types";

const T04_INCOME_SUM = "T04_INCOME_SUM";
const T04_CARRY_SPLIT = "T04_CARRY_SPLIT";
const T04_INCOME_GRAND_TOTAL = "T04_INCOME_GRAND_TOTAL";
const T04_ROW_SUM = "T04_ROW_SUM";
const T04_EXPENDITURE_SUM = "T04_EXPENDITURE_SUM";
const T04_EXPENDITURE_GRAND_TOTAL = "T04_EXPENDITURE_GRAND_TOTAL";
const T04_BALANCE = "T04_BALANCE";
const T04_FUND_BALANCE = "T04_FUND_BALANCE";

const FUNDS = ["gpb", "govFund", "soe"] as const;
const EXP_COLUMNS = ["total", ...FUNDS] as const;
const FUND_SUFFIX = { gpb: "Gpb", govFund: "GovFund", soe: "Soe" } as const;
const FUND_NAMES = { gpb: "一般公共预算财政拨款", govFund: "政府性基金预算财政拨款", soe: "国有资本经营预算财政拨款" } as const;

const inc = (t: Table, key: string): Side => keyCell("t04", t, key, "amount", "income");
const exp = (t: Table, key: string, col: string): Side => keyCell("t04", t, key, col, "expenditure");

function incomeSum(report: Report): Finding[] {
  const t = dataTable(report, "t04");
  if (!t) return [];
  return compact([checkSum(T04_INCOME_SUM, inc(t, "incomeTotal"), FUNDS.map((f) => inc(t, f)), "三项财政拨款收入之和")]);
}

/** The 结转和结余 rows split by fund, where the template prints the split as rows (年初 lines 29–31, some templates 年末 too). */
function carrySplit(report: Report): Finding[] {
  const t = dataTable(report, "t04");
  if (!t) return [];
  const out: (Finding | null)[] = [];
  for (const [whole, section] of [["carryBegin", "income"], ["carryEnd", "expenditure"]] as const) {
    const parts = FUNDS.map((f) => keyRow(t, `${whole}${FUND_SUFFIX[f]}`)).filter((r) => r !== undefined);
    if (parts.length === 0) continue;
    const col = section === "income" ? "amount" : "total";
    // Split rows carry their figure in 金额 on the income side and in 合计 on the expenditure side.
    const terms = parts.map((r) => cell("t04", r, r.values[col] !== undefined ? col : Object.keys(r.values)[0] ?? col));
    if (section === "expenditure" && terms.every((s) => s.value === undefined)) continue;
    out.push(checkSum(T04_CARRY_SPLIT, keyCell("t04", t, whole, col, section), terms, "分资金来源各行之和"));
  }
  return compact(out);
}

function incomeGrandTotal(report: Report): Finding[] {
  const t = dataTable(report, "t04");
  if (!t) return [];
  return compact([checkSum(T04_INCOME_GRAND_TOTAL, inc(t, "grandTotal"), [inc(t, "incomeTotal"), inc(t, "carryBegin")], "本年收入合计与年初财政拨款结转和结余之和")]);
}

function rowSum(report: Report): Finding[] {
  const t = dataTable(report, "t04");
  if (!t) return [];
  const rows = [...classRows(t), keyRow(t, "expenditureTotal"), keyRow(t, "carryEnd"), keyRow(t, "grandTotal", "expenditure")].filter(
    (r) => r !== undefined,
  );
  return compact(rows.map((r) => checkSum(T04_ROW_SUM, cell("t04", r, "total"), FUNDS.map((f) => cell("t04", r, f)), "三项财政拨款之和")));
}

function expenditureSum(report: Report): Finding[] {
  const t = dataTable(report, "t04");
  if (!t) return [];
  const classes = classRows(t);
  return compact(EXP_COLUMNS.map((c) => checkSum(T04_EXPENDITURE_SUM, exp(t, "expenditureTotal", c), classes.map((r) => cell("t04", r, c)), "各类支出之和")));
}

function expenditureGrandTotal(report: Report): Finding[] {
  const t = dataTable(report, "t04");
  if (!t) return [];
  return compact(
    EXP_COLUMNS.map((c) =>
      checkSum(T04_EXPENDITURE_GRAND_TOTAL, exp(t, "grandTotal", c), [exp(t, "expenditureTotal", c), exp(t, "carryEnd", c)], "本年支出合计与年末财政拨款结转和结余之和"),
    ),
  );
}

function balance(report: Report): Finding[] {
  const t = dataTable(report, "t04");
  if (!t) return [];
  return compact([checkEqual(T04_BALANCE, exp(t, "grandTotal", "total"), inc(t, "grandTotal"))]);
}

/**
 * Each fund balances on its own: 年初结转 + 本年收入 = 本年支出 + 年末结转. Skipped when the 年初 figure is not split
 * by fund (nothing to attribute it to).
 */
function fundBalance(report: Report): Finding[] {
  const t = dataTable(report, "t04");
  if (!t) return [];
  const carryBegin = inc(t, "carryBegin").value;
  const splitRows = FUNDS.map((f) => keyRow(t, `carryBegin${FUND_SUFFIX[f]}`));
  const hasSplit = splitRows.some((r) => r && Object.keys(r.values).length > 0);
  if (carryBegin !== undefined && !/^-?0+(\.0+)?$/.test(carryBegin) && !hasSplit) return [];
  return compact(
    FUNDS.map((f) => {
      const begin = inc(t, `carryBegin${FUND_SUFFIX[f]}`);
      return checkSum(
        T04_FUND_BALANCE,
        inc(t, f),
        [exp(t, "expenditureTotal", f), exp(t, "carryEnd", f), negate(begin)],
        `${FUND_NAMES[f]}本年支出 + 年末结转和结余 − 年初结转和结余`,
      );
    }),
  );
}

export const t04Rules: Rule[] = [
  { id: T04_INCOME_SUM, title: "公开04表 本年收入合计 = 三项财政拨款收入之和", run: incomeSum },
  { id: T04_CARRY_SPLIT, title: "公开04表 结转和结余 = 分资金来源各行之和", run: carrySplit },
  { id: T04_INCOME_GRAND_TOTAL, title: "公开04表 收入总计 = 本年收入合计 + 年初财政拨款结转和结余", run: incomeGrandTotal },
  { id: T04_ROW_SUM, title: "公开04表 每行合计 = 三项财政拨款之和", run: rowSum },
  { id: T04_EXPENDITURE_SUM, title: "公开04表 本年支出合计 = 各类支出之和（逐栏）", run: expenditureSum },
  { id: T04_EXPENDITURE_GRAND_TOTAL, title: "公开04表 支出总计 = 本年支出合计 + 年末财政拨款结转和结余（逐栏）", run: expenditureGrandTotal },
  { id: T04_BALANCE, title: "公开04表 收入总计 = 支出总计", run: balance },
  { id: T04_FUND_BALANCE, title: "公开04表 分资金来源收支平衡：年初结转 + 本年收入 = 本年支出 + 年末结转", run: fundBalance },
];
