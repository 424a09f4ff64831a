import type { Dec } from "@/lib/money/decimal";
import { sumsEqual } from "./exact";
import { dv, present, show, showSum, sumValues, type Side } from "./report-access";
import { judgeAmount, judgePrinted, sumTolerance, type Verdict } from "./tolerance";
import type { Finding, Location, Severity } from "./types";

function scaleOf(values: readonly (string | undefined)[]): number {
  return Math.max(0, ...present(values).map((t) => (t.includes(".") ? t.length - t.indexOf(".") - 1 : 0)));
}

function suffix(v: Verdict, scale: number, unit = ""): string {
  const diff = v.diff.abs().toFixed(scale);
  return v.severity === "rounding"
    ? `（相差 ${diff}${unit}，在尾数误差 ±${v.tolerance.toFixed()}${unit} 以内）`
    : `（相差 ${diff}${unit}）`;
}

export function finding(
  rule: string,
  severity: Severity,
  message: string,
  locations: Location[],
  expected?: string,
  found?: string,
): Finding {
  return {
    rule,
    severity,
    message,
    ...(expected !== undefined ? { expected } : {}),
    ...(found !== undefined ? { found } : {}),
    locations,
  };
}

/** A stated total against the sum of its parts: "公开01表 本年收入合计 8979.28 与各收入行之和 8979.29 不符". */
export function checkSum(
  rule: string,
  total: Side,
  terms: readonly Side[],
  termsLabel: string,
  beyond: Severity = "error",
  toleranceOf: (printed: readonly string[]) => Dec = sumTolerance,
): Finding | null {
  const termValues = terms.map((t) => t.value);
  if (total.value === undefined && present(termValues).length === 0) return null;
  // An exact match has no finding, whatever the tolerance.
  if (sumsEqual([total.value], termValues)) return null;
  const sum = sumValues(termValues);
  const tolerance = toleranceOf([...present(termValues), ...present([total.value])]);
  const v = judgeAmount(dv(total.value), sum, tolerance, beyond);
  if (!v.severity) return null;
  const expected = showSum(sum, [...termValues, total.value]);
  const scale = scaleOf([...termValues, total.value]);
  return finding(
    rule,
    v.severity,
    `${total.label} ${show(total.value)} 与${termsLabel} ${expected} 不符${suffix(v, scale)}`,
    [...total.locs, ...terms.flatMap((t) => t.locs)],
    expected,
    total.value,
  );
}

/** One figure printed in two places: `found` is the copy being checked, `expected` the one it should repeat. */
export function checkEqual(rule: string, found: Side, expected: Side, beyond: Severity = "error"): Finding | null {
  if (found.value === undefined && expected.value === undefined) return null;
  if (sumsEqual([found.value], [expected.value])) return null;
  const tolerance = sumTolerance(present([found.value, expected.value]));
  const v = judgeAmount(dv(found.value), dv(expected.value), tolerance, beyond);
  if (!v.severity) return null;
  const scale = scaleOf([found.value, expected.value]);
  return finding(
    rule,
    v.severity,
    `${found.label} ${show(found.value)} 与${expected.label} ${show(expected.value)} 不符${suffix(v, scale)}`,
    [...found.locs, ...expected.locs],
    expected.value,
    found.value,
  );
}

/**
 * A printed computed value (percentage, rate, score) against its recomputation from the printed inputs.
 * `basis` says in Chinese what it was recomputed from, e.g. "决算数/年初预算数".
 */
export function checkPrinted(
  rule: string,
  stated: Side & { value: string },
  candidates: readonly Dec[],
  basis: { label: string; locs: Location[] },
  opts: { unit?: string; beyond?: Severity } = {},
): Finding | null {
  const unit = opts.unit ?? "%";
  const v = judgePrinted(stated.value, candidates, opts.beyond ?? "error");
  if (!v.severity) return null;
  const expected = v.rounded.toFixed(v.places);
  return finding(
    rule,
    v.severity,
    `${stated.label} ${stated.value}${unit} 与按${basis.label}重算的 ${expected}${unit} 不符${suffix(v, v.places, unit)}`,
    [...stated.locs, ...basis.locs],
    expected,
    stated.value,
  );
}

export function compact<T>(items: readonly (T | null | undefined)[]): T[] {
  return items.filter((x): x is T => x !== null && x !== undefined);
}
