import { identity } from "@/lib/report/identities";
import type { Report } from "@/lib/report/schema";
import { checkSum, compact } from "../compare";
import { rowRule, sumFindings, sumRule } from "../identity-checks";
import { cell, dataTable, keyCell, keyRow } from "../report-access";
import type { Rule } from "../rule";
import type { Finding } from "../types";

const CARRY_SPLIT = identity("T04_CARRY_SPLIT", "sum");
const FUND_BALANCE = identity("T04_FUND_BALANCE", "sum");

/**
 * The 结转和结余 rows split by fund, where the template prints the split as rows. Split rows carry their figure in 金额
 * on the income side and in 合计 on the expenditure side (the first of the form's columns); a split row printed with
 * its one figure elsewhere is compared by that figure. A 年末 split with no figure at all is not checked.
 */
function carrySplit(report: Report): Finding[] {
  const t = dataTable(report, "t04");
  if (!t) return [];
  const out: (Finding | null)[] = [];
  for (const form of CARRY_SPLIT.forms) {
    const parts = form.terms.map((term) => keyRow(t, term.key!)).filter((r) => r !== undefined);
    if (parts.length === 0) continue;
    const col = form.lhs.column ?? form.columns![0];
    const terms = parts.map((r) =>
      cell("t04", r, r.values[col] !== undefined ? col : (Object.keys(r.values)[0] ?? col)),
    );
    if (form.lhs.section === "expenditure" && terms.every((s) => s.value === undefined)) continue;
    out.push(
      checkSum(CARRY_SPLIT.id, keyCell("t04", t, form.lhs.key!, col, form.lhs.section), terms, form.termsLabel!),
    );
  }
  return compact(out);
}

/**
 * Each fund balances on its own. Skipped when the 年初 figure is not split by fund (nothing to attribute it to): the
 * split rows are the terms entering with a minus.
 */
function fundBalance(report: Report): Finding[] {
  const t = dataTable(report, "t04");
  if (!t) return [];
  const carryBegin = keyCell("t04", t, "carryBegin", "amount", "income").value;
  const splitKeys = FUND_BALANCE.forms.flatMap((f) => f.terms.filter((x) => x.sign === -1).map((x) => x.key!));
  const hasSplit = splitKeys.some((k) => {
    const r = keyRow(t, k);
    return r && Object.keys(r.values).length > 0;
  });
  if (carryBegin !== undefined && !/^-?0+(\.0+)?$/.test(carryBegin) && !hasSplit) return [];
  return sumFindings(FUND_BALANCE, report);
}

/** Table 04's totals, its rows and its balances (lib/report/identities.ts), in the order the UI lists them. */
export const t04Rules: Rule[] = [
  sumRule("T04_INCOME_SUM"),
  { id: CARRY_SPLIT.id, title: CARRY_SPLIT.title, run: carrySplit },
  sumRule("T04_INCOME_GRAND_TOTAL"),
  rowRule("T04_ROW_SUM"),
  sumRule("T04_EXPENDITURE_SUM"),
  sumRule("T04_EXPENDITURE_GRAND_TOTAL"),
  sumRule("T04_BALANCE"),
  { id: FUND_BALANCE.id, title: FUND_BALANCE.title, run: fundBalance },
];
