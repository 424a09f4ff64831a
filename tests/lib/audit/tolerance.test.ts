import { describe, expect, test } from "vitest";
import { D } from "@/lib/money/decimal";
import { halfUnit, judgeAmount, judgePrinted, percentOf, scoreSumTolerance, sumTolerance } from "@/lib/audit/tolerance";

describe("halfUnit: half a unit in the last printed place", () => {
  test.each([
    ["8979.10", "0.005"],
    ["27", "0.5"],
    ["604.6242", "0.00005"],
    ["-0.18", "0.005"],
    ["8979.1", "0.05"],
  ])("%s → %s", (printed, expected) => {
    expect(halfUnit(printed).toFixed()).toBe(expected);
  });
});

describe("sumTolerance: each printed figure contributes its own half unit", () => {
  test.each([
    // n terms and a total at scale 2: 0.5 × 10^-2 × (n + 1)
    [["8979.10", "0.18", "8979.28"], "0.015"],
    [["1.00", "2.00", "3.00", "6.00"], "0.02"],
    // a four-decimal 附件 figure against a two-decimal copy
    [["112.605", "112.60"], "0.0055"],
    [[], "0"],
  ])("%j → %s", (printed, expected) => {
    expect(sumTolerance(printed).toFixed()).toBe(expected);
  });
});

describe("scoreSumTolerance: scores are exact, only the finest scale counts", () => {
  test.each([
    [["10", "20", "10", "100"], "2"],
    [["20", "10", "7.54", "97.54"], "0.02"],
  ])("%j → %s", (printed, expected) => {
    expect(scoreSumTolerance(printed).toFixed()).toBe(expected);
  });
});

describe("judgeAmount", () => {
  test.each([
    ["8979.28", "8979.28", "0.015", null],
    ["8979.95", "8979.94", "0.015", "rounding"],
    ["8979.95", "8979.93", "0.015", "error"],
    ["1.00", "1.02", "0.02", "rounding"],
    ["-1.00", "1.00", "0.02", "error"],
  ])("found %s expected %s ±%s → %s", (found, expected, tol, severity) => {
    expect(judgeAmount(new D(found), new D(expected), new D(tol)).severity).toBe(severity);
  });

  test("beyond the tolerance the caller's severity applies", () => {
    expect(judgeAmount(new D("10"), new D("20"), new D("0.01"), "warning").severity).toBe("warning");
  });
});

describe("judgePrinted: recompute, round half-up to the printed decimals, one unit is rounding", () => {
  const pct = (a: string, b: string) => percentOf(new D(a), new D(b))!;
  test.each([
    // seed 000: 8322.57 / 7699.13 = 108.097…% printed with the trailing zero dropped
    ["108.1", pct("8322.57", "7699.13"), null],
    ["115", pct("374.34", "325.5"), null],
    ["15.97", pct("1433.56", "8979.11"), null],
    ["100", pct("8979.1", "8979.28"), null],
    ["0", pct("0.18", "8979.28"), null],
    ["6.6", pct("88.75", "1344.81"), null],
    ["-7.22", pct("-698.24", "9677.34"), null],
    // one unit off in the last place
    ["15.98", pct("1433.56", "8979.11"), "rounding"],
    ["50", new D("49.4"), "rounding"],
    // more than one unit
    ["15.99", pct("1433.56", "8979.11"), "error"],
    ["50", new D("48.4"), "error"],
    ["7.22", pct("-698.24", "9677.34"), "error"],
    // ties round half up
    ["0.5", new D("0.45"), null],
    ["0.4", new D("0.45"), "rounding"],
  ])("%s against %s → %s", (stated, value, severity) => {
    expect(judgePrinted(stated, [value]).severity).toBe(severity);
  });

  test("the closest of several admissible computations wins (exact rate or printed rate)", () => {
    // seed 004 12345 热线: 2486.4 / 3300 = 75.345…% → 7.53; the sheet used its printed 75.35% → 7.54
    const exact = pct("2486.4", "3300").div(100).times(10);
    expect(judgePrinted("7.54", [exact]).severity).toBe("rounding");
    expect(judgePrinted("7.54", [exact, new D("75.35").div(100).times(10)]).severity).toBeNull();
  });

  test("percentOf is undefined on a zero base", () => {
    expect(percentOf(new D(1), new D(0))).toBeUndefined();
  });
});
