import { D, type Dec } from "@/lib/money/decimal";
import type { ExecutionItem, Report, Table, TableRow } from "@/lib/report/schema";
import { checkEqual, checkPrinted, checkSum, compact, finding } from "../compare";
import { ratioRoundsTo } from "../exact";
import { narrativeLoc } from "../labels";
import {
  cell,
  className,
  codeLevel,
  dataTable,
  dv,
  keyRow,
  normaliseName,
  subjectRows,
  type Side,
} from "../report-access";
import { judgePrinted, percentOf } from "../tolerance";
import { familyRules, type Rule } from "../rule";
import type { Finding } from "../types";
import { childrenOf } from "./subject-tables";

const EXEC_TOTAL_VS_T05 = "EXEC_TOTAL_VS_T05";
const EXEC_ITEM_VS_T05 = "EXEC_ITEM_VS_T05";
const EXEC_ITEM_UNMATCHED = "EXEC_ITEM_UNMATCHED";
const EXEC_ITEM_MISSING = "EXEC_ITEM_MISSING";
const EXEC_ITEMS_SUM = "EXEC_ITEMS_SUM";
const EXEC_INITIAL_SUM = "EXEC_INITIAL_SUM";
const EXEC_RATE = "EXEC_RATE";
const EXEC_RATE_ZERO_BASE = "EXEC_RATE_ZERO_BASE";
const EXEC_NO_BUDGET_CLAIM = "EXEC_NO_BUDGET_CLAIM";
const EXEC_RATE_BASE = "EXEC_RATE_BASE";

const LEVEL_MARK = ["（类）", "（款）", "（项）"];

export function itemLabel(item: ExecutionItem): string {
  const named = item.path.map((p, i) => `${p}${LEVEL_MARK[i] ?? ""}`).join("");
  return item.code ? `${item.code} ${named}` : named;
}

/**
 * The t05 row an execution item speaks of: by code when the narrative gives one, else by its 项 name (the last
 * path element) at the level the path reaches, using the 类/款 names only to choose among namesakes
 * (several 款 have a 项 called 行政运行).
 */
export function matchItem(t05: Table, item: ExecutionItem): TableRow | undefined {
  const rows = subjectRows(t05);
  if (item.code) {
    const byCode = rows.find((r) => r.code === item.code);
    if (byCode) return byCode;
  }
  if (item.path.length === 0) return undefined;
  const level = Math.min(item.path.length, 3);
  const want = normaliseName(item.path[level - 1]);
  const candidates = rows.filter((r) => codeLevel(r.code) === level && normaliseName(r.name) === want);
  if (candidates.length <= 1) return candidates[0];
  const byCode = new Map(rows.map((r) => [r.code!, r]));
  return candidates.find((r) =>
    item.path.slice(0, level - 1).every((name, i) => {
      const ancestor = byCode.get(r.code!.slice(0, i === 0 ? 3 : 5));
      return ancestor !== undefined && className(ancestor.name) === className(name);
    }),
  );
}

function itemSide(item: ExecutionItem, what: "final" | "initialBudget"): Side {
  const label = `${itemLabel(item)} ${what === "final" ? "支出决算" : "年初预算"}`;
  return { value: item[what], label: `情况说明 ${label}`, locs: [narrativeLoc("gpb", label, item.sourceLine)] };
}

function totalVsT05(report: Report): Finding[] {
  const be = report.narrative.budgetExecution;
  const t05 = dataTable(report, "t05");
  if (!be || !t05) return [];
  const found: Side = {
    value: be.final,
    label: "情况说明 一般公共预算财政拨款支出决算",
    locs: [narrativeLoc("gpb", "一般公共预算财政拨款支出决算", be.sourceLine)],
  };
  return compact([checkEqual(EXEC_TOTAL_VS_T05, found, cell("t05", keyRow(t05, "total"), "total", "合计"))]);
}

function itemsVsT05(report: Report): Finding[] {
  const be = report.narrative.budgetExecution;
  const t05 = dataTable(report, "t05");
  if (!be || !t05) return [];
  const out: (Finding | null)[] = [];
  for (const item of be.items) {
    const row = matchItem(t05, item);
    if (!row) {
      const loc = narrativeLoc("gpb", itemLabel(item), item.sourceLine);
      out.push(
        finding(
          EXEC_ITEM_UNMATCHED,
          "warning",
          `情况说明 ${itemLabel(item)} 在公开05表中找不到对应科目，无法核对其支出决算 ${item.final}`,
          [loc],
          undefined,
          item.final,
        ),
      );
      continue;
    }
    out.push(checkEqual(EXEC_ITEM_VS_T05, itemSide(item, "final"), cell("t05", row, "total")));
  }
  return compact(out);
}

/** Every lowest-level t05 subject with spending should be explained; a silent omission is worth a warning. */
function itemsMissing(report: Report): Finding[] {
  const be = report.narrative.budgetExecution;
  const t05 = dataTable(report, "t05");
  if (!be || be.items.length === 0 || !t05) return [];
  const matched = new Set(be.items.map((i) => matchItem(t05, i)).filter((r) => r !== undefined));
  const covered = (r: TableRow) => [...matched].some((m) => r.code!.startsWith(m.code!));
  const leaves = subjectRows(t05).filter((r) => childrenOf(t05, r).length === 0 && !dv(r.values.total).isZero());
  return leaves
    .filter((r) => !covered(r))
    .map((r) => {
      const loc = cell("t05", r, "total").locs[0];
      return finding(
        EXEC_ITEM_MISSING,
        "warning",
        `${loc.label} ${r.values.total} 在情况说明“一般公共预算财政拨款支出决算具体情况”中没有对应的说明`,
        [loc, narrativeLoc("gpb", "一般公共预算财政拨款支出决算具体情况", be.sourceLine)],
        undefined,
        r.values.total,
      );
    });
}

function itemsSum(report: Report): Finding[] {
  const be = report.narrative.budgetExecution;
  if (!be || be.items.length === 0) return [];
  const total: Side = {
    value: be.final,
    label: "情况说明 一般公共预算财政拨款支出决算",
    locs: [narrativeLoc("gpb", "一般公共预算财政拨款支出决算", be.sourceLine)],
  };
  return compact([
    checkSum(
      EXEC_ITEMS_SUM,
      total,
      be.items.map((i) => itemSide(i, "final")),
      "各项支出决算之和",
    ),
  ]);
}

/**
 * 年初预算 of the listed items need not add up to the total: a subject budgeted but not spent has no t05 row and
 * usually no item. A gap is therefore a warning that some budget is unexplained, not an error.
 */
function initialSum(report: Report): Finding[] {
  const be = report.narrative.budgetExecution;
  if (!be || be.items.length === 0) return [];
  const total: Side = {
    value: be.initialBudget,
    label: "情况说明 一般公共预算财政拨款支出年初预算",
    locs: [narrativeLoc("gpb", "年初预算", be.sourceLine)],
  };
  return compact([
    checkSum(
      EXEC_INITIAL_SUM,
      total,
      be.items.map((i) => itemSide(i, "initialBudget")),
      "各项年初预算之和",
      "warning",
    ),
  ]);
}

type RateSubject = {
  label: string;
  initialBudget: string;
  annualBudget?: string;
  final: string;
  rate?: string;
  rateBase?: "initial" | "annual";
  noInitialBudget?: boolean;
  sourceLine?: number;
};

type Base = { name: "年初预算" | "全年预算"; value: string };

/**
 * 完成年初预算的 X% = 决算 / 年初预算; 完成全年预算的 X% = 决算 / 全年预算 (the adjusted budget). Which one the text
 * names is `rateBase`; when the text does not say and gives both budgets, either reading passes. A rate that fails
 * but matches a look-alike formula (the other budget, the increase over the budget, or the ratio upside down) is a
 * warning naming the formula; anything else is an error.
 */
function rateFindings(s: RateSubject): Finding[] {
  const initial = new D(s.initialBudget);
  const final = new D(s.final);
  const loc = narrativeLoc("gpb", s.label, s.sourceLine);
  const out: Finding[] = [];
  if (s.noInitialBudget && !initial.isZero()) {
    out.push(
      finding(
        EXEC_NO_BUDGET_CLAIM,
        "error",
        `情况说明 ${s.label} 称“年初无预算”，但年初预算为 ${s.initialBudget}`,
        [loc],
        "0",
        s.initialBudget,
      ),
    );
  }
  if (s.rate === undefined) return out;
  const initialBase: Base = { name: "年初预算", value: s.initialBudget };
  const annualBase: Base | undefined =
    s.annualBudget !== undefined ? { name: "全年预算", value: s.annualBudget } : undefined;
  // 完成全年预算的 X% without the 全年预算 figure: nothing to recompute it from.
  if (s.rateBase === "annual" && !annualBase) return out;
  const base = s.rateBase === "annual" ? annualBase! : initialBase;
  const other = base === initialBase ? annualBase : initialBase;
  // The text names no base and gives both budgets: "完成预算的 X%" may be against either.
  const either = s.rateBase === undefined && annualBase !== undefined;
  const baseValue = new D(base.value);
  if (baseValue.isZero() && !(either && !new D(annualBase!.value).isZero())) {
    out.push(
      finding(
        EXEC_RATE_ZERO_BASE,
        "error",
        `情况说明 ${s.label} ${base.name}为 0，却给出完成${base.name}的 ${s.rate}%`,
        [loc],
        undefined,
        s.rate,
      ),
    );
    return out;
  }
  if (!baseValue.isZero() && ratioRoundsTo(s.rate, s.final, base.value)) return out;
  if (either && ratioRoundsTo(s.rate, s.final, annualBase!.value)) return out;
  const bases = either ? [initialBase, annualBase!].filter((b) => !new D(b.value).isZero()) : [base];
  const named = bases.map((b) => b.name).join("或");
  const stated = { value: s.rate, label: `情况说明 ${s.label} 完成${named}的`, locs: [loc] };
  const basis = {
    label: `支出决算 ${s.final} / ${bases.map((b) => `${b.name} ${b.value}`).join("（或 ")}${bases.length > 1 ? "）" : ""}`,
    locs: [],
  };
  const main = checkPrinted(
    EXEC_RATE,
    stated,
    bases.map((b) => percentOf(final, new D(b.value))!),
    basis,
  );
  if (!main || main.severity === "rounding") return main ? [...out, main] : out;
  const lookalikes: [string, Dec | undefined][] = [
    ...(other && !either
      ? [
          [`决算 / ${other.name}，即以${other.name} ${other.value} 为基数`, percentOf(final, new D(other.value))] as [
            string,
            Dec | undefined,
          ],
        ]
      : []),
    ...bases.flatMap((b): [string, Dec | undefined][] => [
      [`（决算 − ${b.name}）/ ${b.name}，即增减幅度`, percentOf(final.minus(b.value), new D(b.value))],
      [`${b.name} / 决算，即比值倒置`, percentOf(new D(b.value), final)],
    ]),
  ];
  for (const [name, value] of lookalikes) {
    if (value === undefined) continue;
    if (judgePrinted(s.rate, [value]).severity !== "error") {
      out.push(
        finding(
          EXEC_RATE_BASE,
          "warning",
          `情况说明 ${s.label} 称完成${named}的 ${s.rate}%，这个比例是按${name}算出的，而不是决算 / ${named}（应为 ${main.expected}%）`,
          [loc],
          main.expected,
          s.rate,
        ),
      );
      return out;
    }
  }
  return [...out, main];
}

function rates(report: Report): Finding[] {
  const be = report.narrative.budgetExecution;
  if (!be) return [];
  return [
    ...rateFindings({
      label: "一般公共预算财政拨款支出",
      initialBudget: be.initialBudget,
      annualBudget: be.annualBudget,
      final: be.final,
      rate: be.rate,
      rateBase: be.rateBase,
      sourceLine: be.sourceLine,
    }),
    ...be.items.flatMap((i) =>
      rateFindings({
        label: itemLabel(i),
        initialBudget: i.initialBudget,
        annualBudget: i.annualBudget,
        final: i.final,
        rate: i.rate,
        rateBase: i.rateBase,
        noInitialBudget: i.noInitialBudget,
        sourceLine: i.sourceLine,
      }),
    ),
  ];
}

export const budgetExecutionRules: Rule[] = [
  { id: EXEC_TOTAL_VS_T05, title: "情况说明 一般公共预算财政拨款支出决算 = 公开05表 合计", run: totalVsT05 },
  ...familyRules(itemsVsT05, [
    { id: EXEC_ITEM_VS_T05, title: "情况说明 各项支出决算 = 公开05表 对应科目" },
    { id: EXEC_ITEM_UNMATCHED, title: "情况说明 预算执行说明的科目在公开05表中存在" },
  ]),
  { id: EXEC_ITEM_MISSING, title: "公开05表 有支出的科目均在情况说明中说明预算执行情况", run: itemsMissing },
  { id: EXEC_ITEMS_SUM, title: "情况说明 各项支出决算之和 = 一般公共预算财政拨款支出决算", run: itemsSum },
  { id: EXEC_INITIAL_SUM, title: "情况说明 各项年初预算之和 = 年初预算总额", run: initialSum },
  ...familyRules(rates, [
    { id: EXEC_RATE, title: "情况说明 完成年初（全年）预算的比例 = 决算 / 年初（全年）预算" },
    { id: EXEC_RATE_ZERO_BASE, title: "情况说明 预算为 0 时不应给出完成率" },
    { id: EXEC_NO_BUDGET_CLAIM, title: "情况说明 “年初无预算”与年初预算数一致" },
    { id: EXEC_RATE_BASE, title: "情况说明 完成率以所称的预算（年初或全年）为基数" },
  ]),
];
