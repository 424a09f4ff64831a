import type { Report } from "@/lib/report/schema";
import { checkEqual, compact, finding } from "../compare";
import { sumsEqual } from "../exact";
import { narrativeLoc, sectionOfKey } from "../labels";
import {
  cell,
  dataTable,
  findClassRow,
  keyCell,
  keyRow,
  present,
  showSum,
  sumValues,
  type Side,
} from "../report-access";
import { familyRules, type Rule } from "../rule";
import type { Finding } from "../types";

const NARRATIVE_VS_TABLE = "NARRATIVE_VS_TABLE";
export const BASIC_EXPENDITURE_VS_TABLES = "BASIC_EXPENDITURE_VS_TABLES";
const BASIC_EXPENDITURE_ALL_FUNDS = "BASIC_EXPENDITURE_ALL_FUNDS";

const T02_COLUMNS: Record<string, string> = {
  "income.fiscal": "fiscal",
  "income.superior": "superior",
  "income.business": "business",
  "income.operating": "operating",
  "income.affiliated": "affiliated",
  "income.other": "other",
};
const T03_COLUMNS: Record<string, string> = {
  "expenditure.basic": "basic",
  "expenditure.project": "project",
  "expenditure.upstream": "upstream",
  "expenditure.operating": "operating",
  "expenditure.subsidy": "subsidy",
};

/**
 * The table cells a narrative figure repeats, by the key the narrative parser gives it
 * (see changeSchema/shareSchema in lib/report/schema.ts). Unknown keys and missing tables give nothing to compare.
 */
export function tableTargets(report: Report, key: string): Side[] {
  const t01 = dataTable(report, "t01");
  const t02 = dataTable(report, "t02");
  const t03 = dataTable(report, "t03");
  const t04 = dataTable(report, "t04");
  const t05 = dataTable(report, "t05");
  if (key === "grandTotal")
    return t01
      ? [
          keyCell("t01", t01, "grandTotal", "amount", "income"),
          keyCell("t01", t01, "grandTotal", "amount", "expenditure"),
        ]
      : [];
  if (key === "incomeTotal")
    return t02
      ? [cell("t02", keyRow(t02, "total"), "total", "合计")]
      : t01
        ? [keyCell("t01", t01, "incomeTotal", "amount", "income")]
        : [];
  if (key === "expenditureTotal")
    return t03
      ? [cell("t03", keyRow(t03, "total"), "total", "合计")]
      : t01
        ? [keyCell("t01", t01, "expenditureTotal", "amount", "expenditure")]
        : [];
  if (key in T02_COLUMNS) {
    if (t02) return [cell("t02", keyRow(t02, "total"), T02_COLUMNS[key], "合计")];
    if (!t01) return [];
    if (key !== "income.fiscal") return [keyCell("t01", t01, T02_COLUMNS[key], "amount", "income")];
    const funds = (["gpb", "govFund", "soe"] as const).map((k) => keyCell("t01", t01, k, "amount", "income"));
    const values = funds.map((f) => f.value);
    return [
      {
        value: present(values).length ? showSum(sumValues(values), values) : undefined,
        label: "公开01表 三项财政拨款收入之和",
        locs: funds.flatMap((f) => f.locs),
      },
    ];
  }
  if (key in T03_COLUMNS) return t03 ? [cell("t03", keyRow(t03, "total"), T03_COLUMNS[key], "合计")] : [];
  if (key === "fiscalGrandTotal")
    return t04
      ? [
          keyCell("t04", t04, "grandTotal", "amount", "income"),
          keyCell("t04", t04, "grandTotal", "total", "expenditure"),
        ]
      : [];
  if (key === "gpbExpenditure") return t05 ? [cell("t05", keyRow(t05, "total"), "total", "合计")] : [];
  if (key.startsWith("class:") && t05) {
    const name = key.slice("class:".length);
    return [cell("t05", findClassRow(t05, undefined, name), "total", name)];
  }
  return [];
}

/**
 * A narrative figure against the table cell it repeats. The table is the primary record (its identities are checked
 * on their own), so the message says the narrative copy departs from it. Where a key has two cells that agree
 * (收入总计 and 支出总计), one finding names both.
 */
function narrativeVsTable(report: Report): Finding[] {
  const out: (Finding | null)[] = [];
  const stated = [
    ...report.narrative.changes.map((c) => ({
      key: c.key,
      subject: c.subject,
      amount: c.current,
      sourceLine: c.sourceLine,
    })),
    ...report.narrative.shares.map((s) => ({
      key: s.key,
      subject: s.subject,
      amount: s.amount,
      sourceLine: s.sourceLine,
    })),
  ];
  for (const s of stated) {
    const found: Side = {
      value: s.amount,
      label: `情况说明 ${s.subject}`,
      locs: [narrativeLoc(sectionOfKey(s.key), s.subject, s.sourceLine)],
    };
    for (const target of mergeAgreeing(tableTargets(report, s.key))) {
      const f = checkEqual(NARRATIVE_VS_TABLE, found, target);
      out.push(f && f.severity !== "rounding" ? { ...f, message: `${f.message}：情况说明应照录决算表中的数字` } : f);
    }
  }
  return compact(out);
}

/** Two cells with the same printed value (t01/t04 收入总计 = 支出总计) become one side that names both. */
function mergeAgreeing(targets: Side[]): Side[] {
  if (targets.length !== 2 || targets[0].value === undefined || !sumsEqual([targets[0].value], [targets[1].value]))
    return targets;
  const [a, b] = targets;
  // "公开04表 支出总计 合计" → "支出总计": same table, and the 合计 column is the total anyway
  const bName = b.label
    .split(" ")
    .slice(1)
    .join(" ")
    .replace(/ 合计$/, "");
  return [{ value: a.value, label: `${a.label}和${bName}`, locs: [...a.locs, ...b.locs] }];
}

/**
 * 六、基本支出: its total is t05's 基本支出, its 人员经费/公用经费 are t06's two totals. A total that departs from t05 but
 * repeats t03's 基本支出 quotes all funds (non-fiscal money included) where the section speaks of 财政拨款 only:
 * that finding says so under its own id.
 */
function basicVsTables(report: Report): Finding[] {
  const b = report.narrative.basicExpenditure;
  if (!b) return [];
  const t03 = dataTable(report, "t03");
  const t05 = dataTable(report, "t05");
  const t06 = dataTable(report, "t06");
  const side = (value: string | undefined, what: string): Side => ({
    value,
    label: `情况说明 ${what}`,
    locs: [narrativeLoc("basic", what, b.sourceLine)],
  });
  const out: (Finding | null)[] = [];
  if (t05) {
    const t05Basic = cell("t05", keyRow(t05, "total"), "basic", "合计");
    const f = checkEqual(BASIC_EXPENDITURE_VS_TABLES, side(b.total, "一般公共预算财政拨款基本支出"), t05Basic);
    const t03Basic = t03 ? cell("t03", keyRow(t03, "total"), "basic", "合计") : undefined;
    // within a rounding tail of t03 counts as quoting it
    const quotesT03 =
      t03Basic?.value !== undefined &&
      checkEqual(BASIC_EXPENDITURE_ALL_FUNDS, side(b.total, ""), t03Basic)?.severity !== "error";
    if (f && f.severity !== "rounding" && quotesT03) {
      out.push(
        finding(
          BASIC_EXPENDITURE_ALL_FUNDS,
          "error",
          `情况说明 一般公共预算财政拨款基本支出写作 ${b.total} 万元，与公开05表 基本支出 ${t05Basic.value ?? "（空）"} 万元不符；${b.total} 万元是公开03表 基本支出 ${t03Basic!.value} 万元，即含非财政拨款在内的全部资金，而本节应引用财政拨款口径的公开05表数字`,
          [...side(b.total, "一般公共预算财政拨款基本支出").locs, ...t05Basic.locs, ...t03Basic!.locs],
          t05Basic.value,
          b.total,
        ),
      );
    } else out.push(f);
  }
  if (t06 && b.personnel !== undefined)
    out.push(
      checkEqual(
        BASIC_EXPENDITURE_VS_TABLES,
        side(b.personnel, "人员经费"),
        keyCell("t06", t06, "personnelTotal", "amount"),
      ),
    );
  if (t06 && b.public !== undefined)
    out.push(
      checkEqual(BASIC_EXPENDITURE_VS_TABLES, side(b.public, "公用经费"), keyCell("t06", t06, "publicTotal", "amount")),
    );
  return compact(out);
}

export const narrativeFigureRules: Rule[] = [
  { id: NARRATIVE_VS_TABLE, title: "情况说明中的收支金额 = 决算表中的对应金额", run: narrativeVsTable },
  ...familyRules(basicVsTables, [
    { id: BASIC_EXPENDITURE_VS_TABLES, title: "情况说明 基本支出、人员经费、公用经费 = 公开05表、公开06表" },
    { id: BASIC_EXPENDITURE_ALL_FUNDS, title: "情况说明 财政拨款基本支出未误引公开03表的全部资金口径" },
  ]),
];
