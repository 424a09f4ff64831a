import { checkEqual, checkSum, finding } from "../audit/compare";
import type { Side } from "../audit/report-access";
import { halfUnit } from "../audit/tolerance";
import type { Finding, Location } from "../audit/types";
import { D } from "../money/decimal";
import { standardCodeOf } from "./codes";
import {
  type Budget,
  BUDGET_COLUMNS,
  type BudgetColumn,
  type BudgetRow,
  type BudgetTable,
  type BudgetTableId,
  getBudgetTable,
} from "./schema";

/**
 * A budget's own identities, audited the way a 决算's are: each table adds up (rows across, 类 = Σ款 = Σ项, 合计 =
 * Σ类), the tables agree with each other (b01 ↔ b02/b03 ↔ b04 ↔ b05 ↔ b08), and every figure the narrative repeats
 * matches its table. Rule ids start with B (budget), so they never collide with the 决算's T/N rules.
 *
 * Tolerance: a table printed in 元 with two decimals is exact to the cent, so its sums may differ by at most one
 * cent per term before it is more than a rounding tail; a narrative figure in 万元 may differ from the table by half
 * a unit in its last printed place.
 */

/** Each printed term may be off by half a unit in the last place the table prints (in 万元: 元 are 4 places finer). */
function tableTolerance(t: BudgetTable) {
  const places = (t.printedDecimals ?? 2) + (t.printedUnit === "元" ? 4 : 0);
  const half = new D(5).div(new D(10).pow(places + 1));
  return (printed: readonly string[]) => half.times(printed.length);
}

/**
 * A figure the narrative repeats in 万元 with fewer places than the table: the table's value rounded to the
 * narrative's places is what it should say; anything else within half a unit is a rounding tail, beyond it an error.
 */
function checkRepeated(rule: string, narrative: Side, table: Side): Finding | null {
  if (narrative.value === undefined || table.value === undefined) return checkEqual(rule, narrative, table);
  const places = narrative.value.includes(".") ? narrative.value.length - narrative.value.indexOf(".") - 1 : 0;
  const exact = new D(table.value);
  if (exact.toDecimalPlaces(places, D.ROUND_HALF_UP).eq(new D(narrative.value))) return null;
  // the table's figure is exact (元 to the cent), so only the narrative's own rounding is allowed for
  const diff = new D(narrative.value).minus(exact).abs();
  const severity = diff.lte(halfUnit(narrative.value)) ? "rounding" : "error";
  return finding(
    rule,
    severity,
    `${narrative.label} ${narrative.value} 与${table.label} ${exact.toFixed()}（按 ${places} 位小数应写 ${exact.toDecimalPlaces(places, D.ROUND_HALF_UP).toFixed(places)}）不符（相差 ${diff.toFixed()}）`,
    [...narrative.locs, ...table.locs],
    exact.toDecimalPlaces(places, D.ROUND_HALF_UP).toFixed(places),
    narrative.value,
  );
}

function place(t: BudgetTable, row: BudgetRow, column: string): Location {
  const rowLabel = row.code ? `${row.code} ${row.name}` : row.name || "合计";
  const col = BUDGET_COLUMNS[column as BudgetColumn] ?? column;
  return {
    table: t.id,
    code: row.code,
    rowKey: row.key,
    column,
    sourceLine: row.sourceLine,
    label: `${t.title} ${rowLabel} ${col}`,
  };
}

function side(t: BudgetTable, row: BudgetRow | undefined, column: string, label?: string): Side {
  if (!row)
    return {
      value: undefined,
      label: label ?? `${t.title} ${BUDGET_COLUMNS[column as BudgetColumn] ?? column}`,
      locs: [],
    };
  const loc = place(t, row, column);
  return { value: row.values[column], label: label ?? loc.label, locs: [loc] };
}

const keyed = (t: BudgetTable | undefined, key: string, s?: "income" | "expenditure") =>
  t?.rows.find((r) => r.key === key && (s === undefined || r.side === s));

/** Columns that break another column down: counted through their parent, never beside it. */
const PARTS_OF: Partial<Record<string, string[]>> = { fiscal: ["gpb", "fund", "soe"], basic: ["personnel", "public"] };

/** The columns a row's 合计 adds up: every other amount column of its side, a breakdown only without its parent. */
function partsOf(row: BudgetRow): string[] {
  const cols = Object.keys(row.values).filter((c) => c !== "total");
  const nested = new Set(cols.flatMap((c) => PARTS_OF[c] ?? []));
  return cols.filter((c) => !nested.has(c));
}

function rowSums(t: BudgetTable, out: Finding[]) {
  for (const row of t.rows) {
    if (t.id === "b09") {
      for (const [total, parts] of [
        ["total", ["abroad", "reception", "vehicles"]],
        ["vehicles", ["vehiclePurchase", "vehicleOperation"]],
      ] as const) {
        if (row.values[total] === undefined || !parts.some((p) => row.values[p] !== undefined)) continue;
        const f = checkSum(
          "B_B09_ROW_SUM",
          side(t, row, total),
          parts.map((p) => side(t, row, p)),
          "各项之和",
          "error",
          tableTolerance(t),
        );
        if (f) out.push(f);
      }
      continue;
    }
    if (row.side === "income" || row.values.total === undefined) continue;
    const parts = partsOf(row);
    // a table with one amount column (b01 of a 部门预算 prints one 预算数) has nothing to add up
    if (parts.length === 0) continue;
    const f = checkSum(
      `B_${t.id.toUpperCase()}_ROW_SUM`,
      side(t, row, "total"),
      parts.map((p) => side(t, row, p)),
      "各栏之和",
      "error",
      tableTolerance(t),
    );
    if (f) out.push(f);
    for (const [parent, children] of Object.entries(PARTS_OF)) {
      if (row.values[parent] === undefined || !children!.some((c) => row.values[c] !== undefined)) continue;
      const g = checkSum(
        `B_${t.id.toUpperCase()}_ROW_SUM`,
        side(t, row, parent),
        children!.map((c) => side(t, row, c)),
        "所含各栏之和",
        "error",
        tableTolerance(t),
      );
      if (g) out.push(g);
    }
  }
}

/**
 * The code a row stands for in the hierarchy. Codes are 3 (类), 5 (款) and 7 (项) digits; a spreadsheet that read a
 * 经济分类 code as a number prints 30102 as 3012, which is said once and read as the code it must be.
 */
function standardCode(t: BudgetTable, row: BudgetRow, out: Finding[]): string | undefined {
  const c = row.code!;
  const fixed = standardCodeOf(c);
  if (fixed === c) return c;
  const message = fixed ? `不是 3、5 或 7 位的标准编码，按 ${fixed} 核对` : "不是标准编码，不参与逐级核对";
  out.push(
    finding(
      `B_${t.id.toUpperCase()}_CODE_MALFORMED`,
      "warning",
      `${t.title} 科目编码 ${c}（${row.name}）${message}`,
      [place(t, row, "total")],
      fixed,
      c,
    ),
  );
  return fixed;
}

/** 类 = Σ款, 款 = Σ项 and 合计 = Σ类, in every amount column of a coded table. */
function hierarchy(t: BudgetTable, out: Finding[]) {
  const coded = t.rows.flatMap((r) => {
    if (!r.code) return [];
    const code = standardCode(t, r, out);
    return code ? [{ row: r, code }] : [];
  });
  if (coded.length === 0) return;
  const columns = [...new Set(t.rows.flatMap((r) => Object.keys(r.values)))];
  for (const parent of coded) {
    if (parent.code.length === 7) continue;
    const children = coded.filter((c) => c.code.length === parent.code.length + 2 && c.code.startsWith(parent.code));
    if (children.length === 0) continue;
    for (const col of columns) {
      if (parent.row.values[col] === undefined && children.every((c) => c.row.values[col] === undefined)) continue;
      const f = checkSum(
        `B_${t.id.toUpperCase()}_HIERARCHY`,
        side(t, parent.row, col),
        children.map((c) => side(t, c.row, col)),
        "下级科目之和",
        "error",
        tableTolerance(t),
      );
      if (f) out.push(f);
    }
  }
  const total = keyed(t, "total");
  if (!total) return;
  const top = coded.filter((r) => r.code.length === 3);
  for (const col of columns) {
    if (total.values[col] === undefined && top.every((c) => c.row.values[col] === undefined)) continue;
    const f = checkSum(
      `B_${t.id.toUpperCase()}_TOTAL`,
      side(t, total, col),
      top.map((c) => side(t, c.row, col)),
      "各类之和",
      "error",
      tableTolerance(t),
    );
    if (f) out.push(f);
  }
}

/** A top-level line of a summary table: numbered 一、二、… (a 1. or （一） line is a part of the one above). */
const TOP_LEVEL = /^[一二三四五六七八九十]+、/;

/**
 * b01/b04: each side adds up, and the two sides balance. 本年收入合计 (subtotal) = Σ top-level income lines,
 * 收入总计 (total) = subtotal + balances carried in; on the expenditure side Σ 类 = subtotal, total = subtotal +
 * 结转下年. Templates without a subtotal line add straight into the total.
 */
function twoSided(t: BudgetTable, out: Finding[]) {
  const amount = (r: BudgetRow) => (r.values.total !== undefined ? "total" : "budget");
  const check = (rule: string, total: BudgetRow | undefined, terms: BudgetRow[], label: string) => {
    if (!total || terms.length === 0) return;
    const f = checkSum(
      rule,
      side(t, total, amount(total)),
      terms.map((r) => side(t, r, amount(r))),
      label,
      "error",
      tableTolerance(t),
    );
    if (f) out.push(f);
  };
  const income = t.rows.filter((r) => r.side === "income");
  const incomeTotal = keyed(t, "total", "income");
  const incomeSub = keyed(t, "subtotal", "income");
  const carried = income.filter((r) => r.key === "carryover" && TOP_LEVEL.test(r.name));
  const top = income.filter(
    (r) => TOP_LEVEL.test(r.name) && r.key !== "carryover" && r.key !== "total" && r.key !== "subtotal",
  );
  check(
    `B_${t.id.toUpperCase()}_INCOME_SUM`,
    incomeSub ?? incomeTotal,
    incomeSub ? top : [...top, ...carried],
    "各收入项之和",
  );
  if (incomeSub)
    check(`B_${t.id.toUpperCase()}_INCOME_TOTAL`, incomeTotal, [incomeSub, ...carried], "本年收入与上年结转之和");
  if (t.id === "b01") {
    const fiscal = keyed(t, "fiscal", "income");
    check(
      "B_B01_FISCAL_SUM",
      fiscal,
      income.filter((r) => r.key === "gpb" || r.key === "fund" || r.key === "soe"),
      "一般公共预算、政府性基金、国有资本经营预算资金之和",
    );
  }
  const expTotal = keyed(t, "total", "expenditure");
  const expSub = keyed(t, "subtotal", "expenditure");
  const classes = t.rows.filter((r) => r.side === "expenditure" && r.key?.startsWith("class:"));
  const forward = t.rows.filter((r) => r.side === "expenditure" && r.key === "carryForward");
  check(
    `B_${t.id.toUpperCase()}_EXPENDITURE_SUM`,
    expSub ?? expTotal,
    expSub ? classes : [...classes, ...forward],
    "各类支出之和",
  );
  if (expSub)
    check(`B_${t.id.toUpperCase()}_EXPENDITURE_TOTAL`, expTotal, [expSub, ...forward], "本年支出与结转下年之和");
  if (incomeTotal && expTotal) {
    const f = checkEqual(
      `B_${t.id.toUpperCase()}_BALANCE`,
      side(t, expTotal, amount(expTotal)),
      side(t, incomeTotal, "budget"),
    );
    if (f) out.push(f);
  }
}

function crossTables(b: Budget, out: Finding[]) {
  const t = (id: BudgetTableId) => getBudgetTable(b, id);
  const push = (f: Finding | null) => f && out.push(f);
  const b01 = t("b01");
  const b02 = t("b02");
  const b03 = t("b03");
  const b04 = t("b04");
  const b05 = t("b05");
  const b08 = t("b08");
  // the year's own totals (本年收入合计) where the summary prints them, else its 总计
  const b01Income = b01 && (keyed(b01, "subtotal", "income") ?? keyed(b01, "total", "income"));
  const b01Exp = b01 && (keyed(b01, "subtotal", "expenditure") ?? keyed(b01, "total", "expenditure"));
  // a 收入总表 whose 合计 includes the balance carried in matches the summary's 总计, else its 本年收入合计
  const b02Total = b02 && keyed(b02, "total");
  const b02Against = b02Total?.values.carryover !== undefined ? keyed(b01, "total", "income") : b01Income;
  if (b01 && b02) push(checkEqual("B_B02_VS_B01", side(b02, b02Total, "total"), side(b01, b02Against, "budget")));
  if (b01 && b02)
    push(
      checkEqual(
        "B_B02_FISCAL_VS_B01",
        side(b02, keyed(b02, "total"), "fiscal"),
        side(b01, keyed(b01, "fiscal", "income"), "budget"),
      ),
    );
  if (b01 && b03 && b01Exp) {
    const col = b01Exp.values.total !== undefined ? "total" : "budget";
    push(checkEqual("B_B03_VS_B01", side(b03, keyed(b03, "total"), "total"), side(b01, b01Exp, col)));
    // each 类 of the expenditure table against its line in the summary
    for (const r of b01.rows.filter((x) => x.side === "expenditure" && x.key?.startsWith("class:"))) {
      const code = r.key!.slice(6);
      push(
        checkEqual(
          "B_B03_CLASS_VS_B01",
          side(
            b03,
            b03.rows.find((x) => x.code === code),
            "total",
          ),
          side(b01, r, col),
        ),
      );
    }
  }
  if (b01 && b04)
    push(
      checkEqual(
        "B_B04_VS_B01",
        side(b04, keyed(b04, "total", "income"), "budget"),
        side(b01, keyed(b01, "fiscal", "income"), "budget"),
      ),
    );
  if (b04 && b05) {
    const gpb = keyed(b04, "total", "expenditure");
    push(checkEqual("B_B05_VS_B04", side(b05, keyed(b05, "total"), "total"), side(b04, gpb, "gpb")));
    for (const r of b04.rows.filter((x) => x.side === "expenditure" && x.key?.startsWith("class:"))) {
      const code = r.key!.slice(6);
      const row5 = b05.rows.find((x) => x.code === code);
      if (row5 || r.values.gpb !== undefined)
        push(checkEqual("B_B05_CLASS_VS_B04", side(b05, row5, "total"), side(b04, r, "gpb")));
    }
  }
  if (b05 && b08)
    push(checkEqual("B_B08_VS_B05", side(b08, keyed(b08, "total"), "total"), side(b05, keyed(b05, "total"), "basic")));
  // a 功能分类 subject funded only by the general budget has the same 基本/项目 split in b03 and b05
  if (b03 && b05) {
    for (const r5 of b05.rows.filter((r) => r.code && r.code.length === 7)) {
      const r3 = b03.rows.find((r) => r.code === r5.code);
      if (!r3) {
        out.push(
          finding(
            "B_B05_SUBJECT_MISSING_IN_B03",
            "warning",
            `${b05.title} 列有科目 ${r5.code} ${r5.name}，${b03.title}中没有这一科目`,
            [place(b05, r5, "total")],
          ),
        );
        continue;
      }
      const gpbOnly = b03.rows.find((r) => r.code === r5.code)?.values.total === r5.values.total;
      if (gpbOnly) {
        push(checkEqual("B_B05_BASIC_VS_B03", side(b05, r5, "basic"), side(b03, r3, "basic")));
        push(checkEqual("B_B05_PROJECT_VS_B03", side(b05, r5, "project"), side(b03, r3, "project")));
      }
    }
  }
}

function stated(b: Budget, label: string, s: { value: string; sourceLine?: number } | undefined): Side {
  if (!s) return { value: undefined, label, locs: [] };
  return {
    value: s.value,
    label: `情况说明中的${label}`,
    locs: [{ table: "narrative", sourceLine: s.sourceLine, label: `情况说明 ${label}` }],
  };
}

function narrative(b: Budget, out: Finding[]) {
  const n = b.narrative;
  const push = (f: Finding | null) => f && out.push(f);
  const b01 = getBudgetTable(b, "b01");
  const b04 = getBudgetTable(b, "b04");
  const b05 = getBudgetTable(b, "b05");
  const b09 = getBudgetTable(b, "b09");
  if (b01) {
    // the narrative's 收入预算 may be the year's own income or the total with balances carried in: the closer one
    const closer = (s: { value: string } | undefined, rows: (BudgetRow | undefined)[]) => {
      const present = rows.filter((r): r is BudgetRow => r !== undefined);
      if (!s || present.length === 0) return present[0];
      const col = (r: BudgetRow) => (r.values.total !== undefined ? "total" : "budget");
      return present.reduce((a, r) =>
        new D(r.values[col(r)] ?? 0)
          .minus(s.value)
          .abs()
          .lt(new D(a.values[col(a)] ?? 0).minus(s.value).abs())
          ? r
          : a,
      );
    };
    const incomeRow = closer(n.incomeTotal, [keyed(b01, "subtotal", "income"), keyed(b01, "total", "income")]);
    if (n.incomeTotal)
      push(checkRepeated("B_N_INCOME_TOTAL", stated(b, "收入预算", n.incomeTotal), side(b01, incomeRow, "budget")));
    if (n.fiscalIncome)
      push(
        checkRepeated(
          "B_N_FISCAL_INCOME",
          stated(b, "财政拨款收入", n.fiscalIncome),
          side(b01, keyed(b01, "fiscal", "income"), "budget"),
        ),
      );
    const exp = closer(n.expenditureTotal, [keyed(b01, "subtotal", "expenditure"), keyed(b01, "total", "expenditure")]);
    if (n.expenditureTotal && exp)
      push(
        checkRepeated(
          "B_N_EXPENDITURE_TOTAL",
          stated(b, "支出预算", n.expenditureTotal),
          side(b01, exp, exp.values.total !== undefined ? "total" : "budget"),
        ),
      );
  }
  if (b04) {
    const exp = keyed(b04, "total", "expenditure");
    if (n.fiscalExpenditure && exp)
      push(
        checkRepeated(
          "B_N_FISCAL_EXPENDITURE",
          stated(b, "财政拨款支出预算", n.fiscalExpenditure),
          side(b04, exp, "total"),
        ),
      );
    if (n.gpbExpenditure && exp)
      push(
        checkRepeated(
          "B_N_GPB_EXPENDITURE",
          stated(b, "一般公共预算拨款支出预算", n.gpbExpenditure),
          side(b04, exp, "gpb", `${b04.title} 支出总计 一般公共预算（空白即为 0）`),
        ),
      );
  }
  for (const s of n.subjects) {
    const label = `“${s.path.join("-")}”`;
    if (!s.code) {
      out.push(
        finding(
          "B_N_SUBJECT_UNKNOWN",
          "warning",
          `情况说明中的科目${label}在一般公共预算支出功能分类预算表中找不到（按类、款、项名称逐级对照）`,
          [{ table: "narrative", sourceLine: s.sourceLine, label: `情况说明 ${label}` }],
        ),
      );
      continue;
    }
    const row = b05?.rows.find((r) => r.code === s.code);
    if (b05)
      push(
        checkRepeated(
          "B_N_SUBJECT_AMOUNT",
          stated(b, `科目${label}金额`, { value: s.amount, sourceLine: s.sourceLine }),
          side(b05, row, "total"),
        ),
      );
    if (s.statedBudget !== undefined)
      push(
        checkEqual(
          "B_N_SUBJECT_RESTATED",
          stated(b, `科目${label}的“预算安排”`, { value: s.statedBudget, sourceLine: s.sourceLine }),
          stated(b, `科目${label}金额`, { value: s.amount, sourceLine: s.sourceLine }),
        ),
      );
    const c = s.compared;
    if (c?.percent !== undefined && s.priorExecuted !== undefined && !new D(s.priorExecuted).isZero()) {
      // the sentence may state the budget twice (amount, 预算安排); the percentage may rest on either
      const prior = new D(s.priorExecuted);
      const percent = c.percent;
      const places = percent.includes(".") ? percent.length - percent.indexOf(".") - 1 : 0;
      const budgets = [...new Set([s.amount, s.statedBudget].filter((x): x is string => x !== undefined))].map(
        (x) => new D(x),
      );
      const recomputed = budgets.map((b) => ({
        b,
        pct: b.minus(prior).div(prior).times(100).abs().toDecimalPlaces(places, D.ROUND_HALF_UP),
      }));
      const best = recomputed.reduce((a, x) => (x.pct.minus(percent).abs().lt(a.pct.minus(percent).abs()) ? x : a));
      const diff = best.pct.minus(percent).abs();
      const unit = new D(1).div(new D(10).pow(places));
      const at = [{ table: "narrative", sourceLine: s.sourceLine, label: `情况说明 ${label}` }];
      const wrongWay = !best.b.eq(prior) && (c.direction === "up") !== best.b.gt(prior);
      if (wrongWay) {
        out.push(
          finding(
            "B_N_SUBJECT_DIRECTION",
            "error",
            `情况说明说科目${label}比上年预算执行数${c.direction === "up" ? "增加" : "减少"}，但预算 ${best.b.toFixed()} 万元${best.b.gt(prior) ? "大于" : "小于"}执行数 ${prior.toFixed()} 万元`,
            at,
          ),
        );
      } else if (diff.gt(0)) {
        out.push(
          finding(
            "B_N_SUBJECT_PERCENT",
            diff.lte(unit) ? "rounding" : "error",
            `情况说明中科目${label}的变动率 ${c.percent}% 与按预算 ${best.b.toFixed()} 万元、上年执行数 ${prior.toFixed()} 万元重算的 ${best.pct.toFixed(places)}% 不符`,
            at,
            best.pct.toFixed(places),
            c.percent,
          ),
        );
      }
    }
    if (
      c?.direction === "flat" &&
      s.priorExecuted !== undefined &&
      !new D(s.priorExecuted).eq(new D(s.statedBudget ?? s.amount))
    ) {
      out.push(
        finding(
          "B_N_SUBJECT_FLAT",
          "warning",
          `情况说明说科目${label}与上年预算执行数持平，但预算 ${s.statedBudget ?? s.amount} 万元与执行数 ${s.priorExecuted} 万元不同`,
          [{ table: "narrative", sourceLine: s.sourceLine, label: `情况说明 ${label}` }],
        ),
      );
    }
  }
  if (b09) {
    const row = keyed(b09, "total");
    const sg = n.sangong;
    const pairs: [keyof typeof sg, BudgetColumn, string][] = [
      ["total", "total", "“三公”经费预算"],
      ["abroad", "abroad", "因公出国（境）费"],
      ["vehicles", "vehicles", "公务用车购置及运行费"],
      ["vehiclePurchase", "vehiclePurchase", "公务用车购置费"],
      ["vehicleOperation", "vehicleOperation", "公务用车运行费"],
      ["reception", "reception", "公务接待费"],
    ];
    for (const [k, col, label] of pairs) {
      if (!sg[k]) continue;
      push(
        checkRepeated(
          `B_N_SANGONG_${String(k).toUpperCase()}`,
          stated(b, label, sg[k]),
          side(b09, row, col, `${b09.title} ${label}（空白即为 0）`),
        ),
      );
    }
    // only a table that prints the column (Shanghai's) can repeat the figure
    if (n.operatingCost && row?.values.operatingCost !== undefined)
      push(
        checkRepeated(
          "B_N_OPERATING_COST",
          stated(b, "机关运行经费预算", n.operatingCost),
          side(b09, row, "operatingCost"),
        ),
      );
    if (b09.note && /空表/.test(b09.note) && row && Object.keys(row.values).length > 0) {
      out.push(
        finding(
          "B_B09_EMPTY_NOTE",
          "warning",
          `${b09.title}下注明“本表为空表”，但表中列有金额（合计 ${row.values.total ?? "—"} 万元）`,
          [place(b09, row, "total")],
        ),
      );
    }
  }
  const p = n.procurement;
  if (p.total && (p.goods || p.works || p.services)) {
    push(
      checkSum(
        "B_N_PROCUREMENT_PARTS",
        stated(b, "政府采购预算", p.total),
        [stated(b, "货物", p.goods), stated(b, "工程", p.works), stated(b, "服务", p.services)],
        "货物、工程、服务预算之和",
      ),
    );
  }
  const over = (
    rule: string,
    part: { value: string; sourceLine?: number } | undefined,
    whole: { value: string } | undefined,
    what: string,
    of: string,
  ) => {
    if (part && whole && new D(part.value).gt(new D(whole.value))) {
      out.push(
        finding(rule, "error", `情况说明中${what} ${part.value} 万元大于${of} ${whole.value} 万元`, [
          { table: "narrative", sourceLine: part.sourceLine, label: `情况说明 ${what}` },
        ]),
      );
    }
  };
  over("B_N_SME_OVER_TOTAL", p.smeReserved, p.total, "面向中小企业预留的采购预算", "政府采购预算");
  over(
    "B_N_SMALL_MICRO_OVER_SME",
    p.smallMicroReserved,
    p.smeReserved,
    "预留给小型和微型企业的采购预算",
    "面向中小企业预留的采购预算",
  );
}

/** Every finding of one budget document: its tables, their agreement, and the narrative against the tables. */
export function auditBudget(b: Budget): Finding[] {
  const out: Finding[] = [];
  for (const t of b.tables) {
    rowSums(t, out);
    hierarchy(t, out);
    if (t.id === "b01" || t.id === "b04") twoSided(t, out);
  }
  crossTables(b, out);
  narrative(b, out);
  return out;
}
