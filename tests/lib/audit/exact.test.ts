import { describe, expect, test } from "vitest";
import { prng } from "../render/perturb";
import { notGreater, ratioRoundsTo, sumsEqual } from "@/lib/audit/exact";
import { judgePrinted, percentOf } from "@/lib/audit/tolerance";
import { D, type Dec } from "@/lib/money/decimal";

/*
 * The audit's integer shortcuts must answer exactly as the decimal path they skip: every "true" below is checked
 * against decimal.js (judgePrinted with 40 significant digits, or an exact decimal sum), on random figures of the
 * shapes documents print and on the ties and signs where rounding is decided.
 */

function rng(seed: number) {
  const next = prng(seed);
  return (n: number) => next() * n;
}

function amount(r: (n: number) => number, maxInt = 1e6, scale = Math.floor(r(5))): string {
  const v = Math.floor(r(maxInt * 10 ** scale)) / 10 ** scale;
  const text = v.toFixed(scale);
  return r(8) < 1 ? `-${text}` : text;
}

/** What checkPrinted decides for a rate part / whole × factor: no finding when it rounds to exactly `stated`. */
function decimalSays(stated: string, part: string, whole: Dec, factor = "100"): boolean {
  const pct = percentOf(new D(part), whole)!.div(100).times(factor);
  return judgePrinted(stated, [pct]).severity === null;
}

describe("sumsEqual", () => {
  test("agrees with decimal sums, empty cells counting as zero", () => {
    const r = rng(7);
    for (let i = 0; i < 3000; i++) {
      const terms = Array.from({ length: 1 + Math.floor(r(6)) }, () => (r(5) < 1 ? undefined : amount(r)));
      const exactSum = terms.reduce((s, t) => s.plus(t ?? 0), new D(0));
      // half of the totals are the true sum printed at some scale, half are off by a last digit
      const scale = Math.max(0, ...terms.map((t) => (t?.includes(".") ? t.length - t.indexOf(".") - 1 : 0)));
      const total = r(2) < 1 ? exactSum.toFixed(scale) : exactSum.plus(new D(10).pow(-scale)).toFixed(scale);
      expect(sumsEqual([total], terms)).toBe(new D(total).eq(exactSum));
    }
  });

  test("undecidable figures are left to decimal.js", () => {
    expect(sumsEqual(["1e3"], ["1000"])).toBeUndefined();
    expect(sumsEqual(["12345678901234567"], ["1"])).toBeUndefined();
    expect(sumsEqual(["-0.00"], [undefined])).toBe(true);
  });

  test("reads only plain decimals, digit by digit, within 15 digits once scaled", () => {
    for (const odd of ["", "-", "+1", ".5", "1.", "1..2", "--1", "1-", "1,000", "１", " 1", "1 ", "0x10"])
      expect(sumsEqual([odd], ["1"]), odd).toBeUndefined();
    expect(sumsEqual(["007.50"], ["7.5"])).toBe(true);
    expect(sumsEqual(["-0012.3"], ["-12.30", "0"])).toBe(true);
    // 15 digits once scaled is exact; 16 is left to decimal.js, leading zeros counted as printed
    expect(sumsEqual(["9999999999999.99"], ["9999999999999.98", "0.01"])).toBe(true);
    expect(sumsEqual(["99999999999999.99"], ["1"])).toBeUndefined();
    expect(sumsEqual(["0999999999999.99"], ["1"])).toBe(false);
    expect(sumsEqual(["00999999999999.99"], ["1"])).toBeUndefined();
    expect(sumsEqual(["123456789012345"], ["123456789012345.0"])).toBeUndefined();
  });
});

describe("notGreater", () => {
  test("agrees with decimal.js on random figures, equal ones at different scales, and figures beyond 15 digits", () => {
    const r = rng(13);
    const pairs: [string, string][] = [
      ["10", "10.00"],
      ["-0", "0"],
      ["0.10", "0.1"],
      ["100.001", "100"],
      ["12345678901234567", "12345678901234566"],
      ["1e2", "99"],
      ["0.0000000000000001", "0"],
    ];
    for (let i = 0; i < 3000; i++) {
      const a = amount(r);
      pairs.push([a, r(3) < 1 ? a : amount(r)]);
    }
    for (const [a, b] of pairs) {
      expect(notGreater(a, b), `${a} ≤ ${b}`).toBe(new D(a).lte(b));
      expect(notGreater(b, a), `${b} ≤ ${a}`).toBe(new D(b).lte(a));
    }
  });
});

describe("ratioRoundsTo", () => {
  test("says true exactly when judgePrinted finds the rate exact (random rates, right and off by a digit)", () => {
    const r = rng(11);
    let agreedTrue = 0;
    for (let i = 0; i < 4000; i++) {
      const part = amount(r);
      const whole = amount(r);
      if (new D(whole).isZero()) continue;
      const places = Math.floor(r(4));
      const exact = new D(part).div(whole).times(100);
      const stated =
        r(3) < 2
          ? exact.toDecimalPlaces(places, D.ROUND_HALF_UP).toFixed(places)
          : exact.plus(new D(10).pow(-places)).toFixed(places, D.ROUND_DOWN);
      const fast = ratioRoundsTo(stated, part, whole);
      const slow = decimalSays(stated, part, new D(whole));
      if (fast === true) agreedTrue++;
      if (fast !== undefined) expect(fast).toBe(slow);
    }
    expect(agreedTrue).toBeGreaterThan(1000);
  });

  test("ties round half away from zero, as ROUND_HALF_UP does, for both signs", () => {
    // 1/8 = 12.5%: "13" and "-13", never "12"
    expect(ratioRoundsTo("13", "1", "8")).toBe(true);
    expect(ratioRoundsTo("12", "1", "8")).toBe(false);
    expect(ratioRoundsTo("-13", "-1", "8")).toBe(true);
    expect(ratioRoundsTo("-13", "1", "-8")).toBe(true);
    expect(ratioRoundsTo("-12", "-1", "8")).toBe(false);
    for (const [stated, part, whole] of [
      ["13", "1", "8"],
      ["12", "1", "8"],
      ["-13", "-1", "8"],
      ["12.50", "1", "8"],
      ["0.01", "1", "16000"],
      ["0.00", "1", "16000"],
      ["-0.00", "-1", "300000"],
    ]) {
      expect(ratioRoundsTo(stated, part, whole), `${stated} = ${part}/${whole}`).toBe(
        decimalSays(stated, part, new D(whole)),
      );
    }
  });

  test("a prior year given as current − change, and a decimal factor", () => {
    const r = rng(13);
    for (let i = 0; i < 2000; i++) {
      const current = amount(r);
      const change = amount(r, 1e5);
      const prior = new D(current).minus(change);
      if (prior.isZero()) continue;
      const exact = new D(change).div(prior).times(100);
      const stated = exact.toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);
      expect(ratioRoundsTo(stated, change, [current, change])).toBe(decimalSays(stated, change, prior));
    }
    // min(rate, 100) / 100 × weight: 75.35% of 10 points is 7.535 → 7.54
    expect(ratioRoundsTo("7.54", "75.35", "100", "10")).toBe(true);
    expect(ratioRoundsTo("7.53", "75.35", "100", "10")).toBe(false);
  });

  test("a zero whole, non-plain figures and figures too long to bound are left to the decimal path", () => {
    expect(ratioRoundsTo("10", "1", "0")).toBeUndefined();
    expect(ratioRoundsTo("10", "1", ["5", "5"])).toBeUndefined();
    expect(ratioRoundsTo("10", "1e1", "100")).toBeUndefined();
    expect(ratioRoundsTo("10", "1", "10", "1.0e2")).toBeUndefined();
    expect(ratioRoundsTo("33.333333333333333333", "1234567890123456789", "3703703670370370367")).toBeUndefined();
  });
});
