import { D, type Dec } from "@/lib/money/decimal";
import type { Report } from "@/lib/report/schema";
import { finding } from "../compare";
import { narrativeLoc } from "../labels";
import { halfUnit } from "../tolerance";
import type { Rule } from "../rule";
import type { Finding, Severity } from "../types";
import { itemLabel } from "./budget-execution";

const EXEC_WORDING = "EXEC_WORDING";

type Stated = "more" | "less" | "equal";

const STATED_WORDS: Record<Stated, string> = {
  more: "决算数大于预算数",
  less: "决算数小于预算数",
  equal: "决算数与预算数持平",
};

type Subject = {
  label: string;
  initialBudget: string;
  annualBudget?: string;
  final: string;
  rateBase?: "initial" | "annual";
  stated?: Stated;
  noInitialBudget?: boolean;
  sourceLine?: number;
};

type Base = { name: "年初预算" | "全年预算"; value: string };

/**
 * The budget the wording compares with: the one the completion rate names (完成全年预算的 → 全年预算), else the only
 * one given. When the text gives both and names neither ("决算数小于预算数" beside 年初预算 and 全年预算), either
 * reading is fair: the wording is a finding only when it is true of neither.
 */
function basesOf(s: Subject): Base[] {
  const initial: Base = { name: "年初预算", value: s.initialBudget };
  const annual: Base | undefined =
    s.annualBudget !== undefined ? { name: "全年预算", value: s.annualBudget } : undefined;
  if (!annual) return [initial];
  if (s.rateBase === "annual") return [annual];
  if (s.rateBase === "initial") return [initial];
  // Both printed and neither named (年初预算 0 beside a 全年预算 included): either reading is fair.
  return [initial, annual];
}

type Verdict = { base: Base; severity: Severity | null; diff: Dec; tolerance: Dec };

const RANK: Record<Severity | "ok", number> = { ok: 0, rounding: 1, warning: 2, error: 3 };

/**
 * 大于 / 小于 against two printed figures: the wrong sign beyond what the two figures' rounding allows is an error,
 * within it (printed equal, or a cent the wrong way) a rounding note. 持平 / 基本持平: within the rounding tail it is
 * simply true; a difference that a completion rate printed in whole percent would still show as 100% is a warning
 * (持平 hides a difference the text should explain); more is an error.
 */
function judge(stated: Stated, final: string, base: Base): Verdict {
  const f = new D(final);
  const b = new D(base.value);
  const diff = f.minus(b);
  const tolerance = halfUnit(final).plus(halfUnit(base.value));
  const within = diff.abs().lte(tolerance);
  let severity: Severity | null = null;
  if (stated === "more" && !diff.gt(0)) severity = within ? "rounding" : "error";
  else if (stated === "less" && !diff.lt(0)) severity = within ? "rounding" : "error";
  else if (stated === "equal" && !within)
    severity = !b.isZero() && diff.abs().div(b.abs()).lt("0.005") ? "warning" : "error";
  return { base, severity, diff, tolerance };
}

function actualWords(diff: Dec, base: Base): string {
  return diff.gt(0) ? `决算数大于${base.name}数` : diff.lt(0) ? `决算数小于${base.name}数` : `决算数等于${base.name}数`;
}

function subjectFindings(s: Subject): Finding[] {
  if (!s.stated) return [];
  const verdicts = basesOf(s).map((b) => judge(s.stated!, s.final, b));
  // The most favourable reading stands: a wording true against either budget is no finding.
  const best = verdicts.reduce((a, v) => (RANK[v.severity ?? "ok"] < RANK[a.severity ?? "ok"] ? v : a));
  if (!best.severity) return [];
  const { base, diff, tolerance, severity } = best;
  const scale = Math.max(...[s.final, base.value].map((v) => (v.includes(".") ? v.length - v.indexOf(".") - 1 : 0)));
  const gap = diff.abs().toFixed(scale);
  let why: string;
  if (severity === "rounding") {
    why = diff.isZero()
      ? `但印出的支出决算与${base.name}同为 ${s.final} 万元；两者只差在尾数（±${tolerance.toFixed()} 万元以内），印出的数字不足以判断大小`
      : `但支出决算 ${s.final} 万元${diff.gt(0) ? "大于" : "小于"}${base.name} ${base.value} 万元，只差 ${gap} 万元，在尾数误差 ±${tolerance.toFixed()} 万元以内`;
  } else if (s.stated === "equal") {
    const pct = new D(base.value).isZero()
      ? ""
      : `，完成 ${new D(s.final).div(base.value).times(100).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2)}%`;
    why = `但支出决算 ${s.final} 万元比${base.name} ${base.value} 万元${diff.gt(0) ? "多" : "少"} ${gap} 万元${pct}${severity === "warning" ? "；差额虽小，仍应如实说明增减及原因" : "，并不持平"}`;
  } else {
    // 大于 / 小于 the wrong way beyond the rounding tail (printed-equal figures are always within it)
    why = `但支出决算 ${s.final} 万元${diff.gt(0) ? "大于" : "小于"}${base.name} ${base.value} 万元（相差 ${gap} 万元），说反了`;
  }
  const others = verdicts
    .filter((v) => v !== best)
    .map((v) => `；与${v.base.name} ${v.base.value} 万元相比亦不符`)
    .join("");
  const message = `情况说明 ${s.label} 称“${STATED_WORDS[s.stated]}”，${why}${severity === "rounding" ? "" : others}`;
  return [
    finding(
      EXEC_WORDING,
      severity,
      message,
      [
        narrativeLoc("gpb", `${s.label} 决算数与预算数比较的表述`, s.sourceLine),
        narrativeLoc("gpb", `${s.label} ${base.name}与支出决算`, s.sourceLine),
      ],
      actualWords(diff, base),
      STATED_WORDS[s.stated],
    ),
  ];
}

/** 决算数大于 / 小于 / 等于（基本持平）预算数: the wording against the two figures it compares, for the total and every item. */
function wording(report: Report): Finding[] {
  const be = report.narrative.budgetExecution;
  if (!be) return [];
  return [
    ...subjectFindings({ label: "一般公共预算财政拨款支出", ...be }),
    ...be.items.flatMap((i) => subjectFindings({ ...i, label: itemLabel(i) })),
  ];
}

export const executionWordingRules: Rule[] = [
  { id: EXEC_WORDING, title: "情况说明 “决算数大于 / 小于 / 持平预算数”的表述与两个数字相符", run: wording },
];
