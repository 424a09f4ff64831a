import { describe, expect, test } from "vitest";
import { prng } from "../render/perturb";
import { greater, missesExactly, rateOff } from "@/lib/ingest/layouts/plain-text/performance/funds";
import { D, printedScale } from "@/lib/money/decimal";

/*
 * Placing a 绩效自评表's funds figures scores every placement; the scoring compares on integers. It must decide as
 * decimal.js does (40 significant digits), including figures one printed digit off the computed rate, where the
 * comparison is decided on its boundary.
 */

function rng(seed: number) {
  const next = prng(seed);
  return (n: number) => Math.floor(next() * n);
}

/** The decimal rule rateOff replaces: executed / annual × 100 more than one printed digit from the rate, unless capped at 100. */
function decimalRateOff(executed: string, annual: string, rate: string): boolean {
  const computed = new D(executed).div(new D(annual)).times(100);
  const tol = new D(10).pow(-printedScale(rate));
  const capped = new D(executed).gte(new D(annual)) && new D(rate).eq(100);
  return !capped && computed.minus(rate).abs().gt(tol);
}

describe("funds placement scoring on integers", () => {
  test("rateOff decides as decimal.js on random figures, on rates one digit off and on capped rates", () => {
    const r = rng(5);
    const num = (max: number, scale: number) => {
      const v = (r(max * 10 ** scale) / 10 ** scale).toFixed(scale);
      return r(10) === 0 ? `-${v}` : v;
    };
    let checked = 0;
    for (let i = 0; i < 20000; i++) {
      const annual = num(100000, r(5));
      const executed = num(120000, r(5));
      if (new D(annual).isZero()) {
        expect(rateOff(executed, annual, "100")).toBeUndefined();
        continue;
      }
      const places = r(4);
      const exact = new D(executed).div(annual).times(100);
      const kind = r(4);
      const rate =
        kind === 0
          ? exact.toFixed(places)
          : kind === 1
            ? exact.plus(new D(10).pow(-places)).toFixed(places)
            : kind === 2
              ? "100"
              : num(150, places);
      expect(rateOff(executed, annual, rate), `${executed} / ${annual} vs ${rate}`).toBe(
        decimalRateOff(executed, annual, rate),
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(19000);
    // exactly one digit off is not "more than" one digit off: 75.36 against 7536 / 10000 = 75.36% printed as 75.35
    expect(rateOff("7536", "10000", "75.35")).toBe(false);
    expect(rateOff("7537", "10000", "75.35")).toBe(true);
    expect(rateOff("120", "100", "100")).toBe(false);
  });

  test("greater compares as decimal.js does", () => {
    const r = rng(9);
    for (let i = 0; i < 5000; i++) {
      const a = (r(20000) / 10 ** r(4) - 50).toFixed(r(4));
      const b = (r(20000) / 10 ** r(4) - 50).toFixed(r(4));
      expect(greater(a, b), `${a} > ${b}`).toBe(new D(a).gt(b));
    }
    expect(greater("100.00", "100")).toBe(false);
    expect(greater("-0.00", "0")).toBe(false);
  });

  test("missesExactly (其中 lines against 年度资金总额) decides as the decimal sum and tolerance do", () => {
    const r = rng(17);
    for (let i = 0; i < 5000; i++) {
      const scales = Array.from({ length: 1 + r(3) }, () => r(4));
      const printed = scales.map((s) => (r(500000) / 10 ** s).toFixed(s));
      const sum = printed.reduce((acc, v) => acc.plus(v), new D(0));
      const tScale = r(4);
      const total = sum.plus(new D(r(7) - 3).times(new D(10).pow(-tScale - r(2)))).toFixed(tScale);
      const scale = Math.min(printedScale(total), ...printed.map(printedScale));
      const tol = new D(10)
        .pow(-scale)
        .div(2)
        .times(printed.length + 1);
      expect(missesExactly(total, printed, scale), `${printed.join(" + ")} vs ${total}`).toBe(
        sum.minus(total).abs().gt(tol),
      );
    }
  });
});
