import { describe, expect, test } from "vitest";
import { executionParamsSchema, parseParams, performanceParamsSchema, procurementParamsSchema } from "@/lib/filters";
import {
  changeBand,
  EXECUTION_RATE,
  executionBand,
  executionBandText,
  figureBand,
  FLAG_THRESHOLDS,
  POLICY_TEXT,
  PROJECT_RATE_FLOOR,
  SME_SHARE,
  smeShareBand,
  type Band,
} from "@/lib/metrics/policy";

// Each boundary from below, at, and above; rates and shares are percent strings as the figures table holds them.
describe("execution rate bands (default 80 / 120, 关注 within 10 points of either end)", () => {
  test.each<[string | undefined, Band | undefined]>([
    [undefined, undefined],
    ["0", "concern"],
    ["79.99", "concern"],
    ["80", "watch"],
    ["80.00", "watch"],
    ["80.01", "watch"],
    ["89.99", "watch"],
    ["90", "good"],
    ["90.01", "good"],
    ["100", "good"],
    ["109.99", "good"],
    ["110", "good"],
    ["110.01", "watch"],
    ["119.99", "watch"],
    ["120", "watch"],
    ["120.01", "concern"],
    ["-5", "concern"],
  ])("%s → %s", (rate, band) => {
    expect(executionBand(rate)).toBe(band);
    expect(figureBand("gpbExecutionRate", rate, undefined)).toBe(band);
  });

  test.each<[number, number, string, Band]>([
    [90, 110, "89.99", "concern"],
    [90, 110, "90", "watch"],
    [90, 110, "100", "good"],
    [90, 110, "110", "watch"],
    [95, 105, "100", "watch"],
    [95, 105, "105.01", "concern"],
  ])("thresholds %i–%i: %s → %s", (low, high, rate, band) => {
    expect(executionBand(rate, low, high)).toBe(band);
  });
});

describe("SME share bands (reference 40, 关注 from 30)", () => {
  test.each<[string | undefined, Band | undefined]>([
    [undefined, undefined],
    ["0", "concern"],
    ["29.99", "concern"],
    ["30", "watch"],
    ["30.01", "watch"],
    ["39.99", "watch"],
    ["40", "good"],
    ["40.00", "good"],
    ["40.01", "good"],
    ["100", "good"],
  ])("%s → %s", (share, band) => {
    expect(smeShareBand(share)).toBe(band);
    expect(figureBand("procurementSmeShare", share, "1")).toBe(band);
  });
});

describe("change bands: amounts judged by their change on the previous year", () => {
  test.each<[string, string | undefined, string | undefined, Band | undefined]>([
    // no previous year, a zero previous year, or no figure: no band
    ["expenditureTotal", "100", undefined, undefined],
    ["expenditureTotal", "100", "0", undefined],
    ["expenditureTotal", "100", "0.00", undefined],
    ["expenditureTotal", undefined, "100", undefined],
    // ±10 good, ±20 watch, beyond concern, both ways
    ["expenditureTotal", "100", "100", "good"],
    ["expenditureTotal", "110", "100", "good"],
    ["expenditureTotal", "110.01", "100", "watch"],
    ["expenditureTotal", "90", "100", "good"],
    ["expenditureTotal", "89.99", "100", "watch"],
    ["expenditureTotal", "120", "100", "watch"],
    ["expenditureTotal", "120.01", "100", "concern"],
    ["expenditureTotal", "80", "100", "watch"],
    ["expenditureTotal", "79.99", "100", "concern"],
    // “三公” and 机关运行经费 should not grow: any fall is good, growth up to 10 watch
    ["sangongFinal", "50", "100", "good"],
    ["sangongFinal", "100", "100", "good"],
    ["sangongFinal", "100.01", "100", "watch"],
    ["sangongFinal", "110", "100", "watch"],
    ["sangongFinal", "110.01", "100", "concern"],
    ["operatingCost", "99.99", "100", "good"],
    ["operatingCost", "110.01", "100", "concern"],
    ["operatingCost", "10", "0", undefined],
  ])("%s %s after %s → %s", (figure, value, prior, band) => {
    expect(changeBand(figure, value, prior)).toBe(band);
    expect(figureBand(figure, value, prior)).toBe(band);
  });
});

describe("one set of numbers: defaults, flags and texts", () => {
  test("the URL filters default to the policy lines", () => {
    expect(parseParams(procurementParamsSchema, {}).reference).toBe(SME_SHARE.reference);
    expect(parseParams(executionParamsSchema, {})).toMatchObject({
      low: EXECUTION_RATE.low,
      high: EXECUTION_RATE.high,
    });
    expect(parseParams(performanceParamsSchema, {}).maxRate).toBe(PROJECT_RATE_FLOOR);
    // bad input falls back to the same lines
    expect(parseParams(procurementParamsSchema, { reference: "abc" }).reference).toBe(SME_SHARE.reference);
  });

  test("the overview flags use the band ends", () => {
    expect(FLAG_THRESHOLDS).toEqual({
      low: EXECUTION_RATE.low,
      high: EXECUTION_RATE.high,
      sme: SME_SHARE.reference,
      projectRate: PROJECT_RATE_FLOOR,
    });
  });

  test("the texts are built from the numbers and say what the bands do", () => {
    expect(POLICY_TEXT.execution).toBe(
      "执行率 90%–110% 为良好，80%–90% 或 110%–120% 为关注，低于 80% 或高于 120% 为警示",
    );
    expect(POLICY_TEXT.sme).toBe("中小企业份额 40% 及以上为良好，30%–40% 为关注，低于 30% 为警示");
    expect(POLICY_TEXT.flags).toBe(
      "年初预算执行率低于 80% 或高于 120%；项目执行率低于 50%；中小企业份额低于 40%；“三公”经费决算高于上年",
    );
    expect(POLICY_TEXT.bands).toContain(POLICY_TEXT.change);
    // thresholds closer than two margins leave no 良好 band, and the text says so
    expect(executionBandText(95, 105)).toBe("执行率 95%–105% 为关注，低于 95% 或高于 105% 为警示");
  });
});
