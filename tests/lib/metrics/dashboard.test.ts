import { describe, expect, test } from "vitest";
import { metricValue } from "@/lib/metrics/benchmark";
import {
  binOf,
  difference,
  gradeFromScore,
  histogram,
  presentSum,
  quotient,
  rateBins,
  ranksDescending,
  sizeBand,
} from "@/lib/metrics/dashboard";

describe("difference and quotient", () => {
  test.each([
    ["34.00", "30.00", "4"],
    ["22.22", "50", "-27.78"],
    ["0.1", "0.3", "-0.2"],
    [undefined, "1", undefined],
    ["1", null, undefined],
    ["", "1", undefined],
  ])("%j − %j = %j", (a, b, expected) => {
    expect(difference(a, b)).toBe(expected);
  });

  test.each([
    ["21.49", "8", 2, "2.69"],
    ["40.66", "10", 2, "4.07"],
    ["1.58", 1, 4, "1.5800"],
    ["0", "0", 2, undefined],
    ["12", "0", 2, undefined],
    [undefined, "3", 2, undefined],
    ["743900", 5728, 2, "129.87"],
  ] as const)("%j ÷ %j to %i places = %j (zero divisor gives nothing, not 0)", (a, b, dp, expected) => {
    expect(quotient(a, b, dp)).toBe(expected);
  });
});

describe("presentSum", () => {
  test("sums exactly what is present and counts it; nothing present is undefined, not 0", () => {
    expect(presentSum(["0.1", undefined, "0.2", null, ""])).toEqual({ sum: "0.3", count: 2 });
    expect(presentSum(["8281.83", "320.11"])).toEqual({ sum: "8601.94", count: 2 });
    expect(presentSum([undefined, null])).toEqual({ sum: undefined, count: 0 });
    expect(presentSum(["0"])).toEqual({ sum: "0", count: 1 });
  });
});

describe("sizeBand", () => {
  test.each([
    ["999.99", "small"],
    ["1000", "medium"],
    ["8979.11", "medium"],
    ["10000.00", "medium"],
    ["10000.01", "large"],
    [undefined, undefined],
  ])("本年支出合计 %j → %j", (v, band) => {
    expect(sizeBand(v)).toBe(band);
  });
});

describe("rate bins", () => {
  test("default thresholds 80/120 are edges; bins outside them are marked", () => {
    const bins = rateBins(80, 120);
    expect(bins.map((b) => [b.label, b.concern])).toEqual([
      ["50% 以下", true],
      ["50–80%", true],
      ["80–90%", false],
      ["90–100%", false],
      ["100–110%", false],
      ["110–120%", false],
      ["120–150%", true],
      ["150% 及以上", true],
    ]);
  });

  test("custom thresholds become edges too, without duplicates", () => {
    expect(rateBins(95, 105).map((b) => b.label)).toEqual([
      "50% 以下",
      "50–90%",
      "90–95%",
      "95–100%",
      "100–105%",
      "105–110%",
      "110–150%",
      "150% 及以上",
    ]);
    expect(rateBins(50, 150).map((b) => b.label)).toEqual([
      "50% 以下",
      "50–90%",
      "90–100%",
      "100–110%",
      "110–150%",
      "150% 及以上",
    ]);
  });

  test.each([
    ["79.99", "50–80%"],
    ["80", "80–90%"],
    ["100", "100–110%"],
    ["120", "120–150%"],
    ["0", "50% 以下"],
    ["-5", "50% 以下"],
    ["1000", "150% 及以上"],
  ])("a rate of %s falls in %s (edges belong to the upper bin)", (rate, label) => {
    const bins = rateBins(80, 120);
    expect(bins[binOf(rate, bins)].label).toBe(label);
  });

  test("histogram counts every rate once", () => {
    const bins = rateBins(80, 120);
    expect(histogram(["62.5", "69.36", "73.57", "97.12", "100", "108.1", "115", "129.14"], bins)).toEqual([
      0, 3, 0, 1, 2, 1, 1, 0,
    ]);
  });
});

describe("gradeFromScore", () => {
  test.each([
    ["90", "优"],
    ["89.99", "良"],
    ["80", "良"],
    ["73", "中"],
    ["60", "中"],
    ["59.5", "差"],
    [undefined, undefined],
  ])("%j → %j", (score, grade) => {
    expect(gradeFromScore(score)).toBe(grade);
  });
});

describe("ranksDescending", () => {
  test("largest first; ties share a rank and the next rank skips", () => {
    expect(ranksDescending(["103.69", "125.00", "108.29", "125"])).toEqual([4, 1, 3, 1]);
    expect(ranksDescending([])).toEqual([]);
  });
});

describe("metricValue", () => {
  // 烟台市大数据局 2023: 公开06表 人员经费 1,266.86 公用经费 166.70; 公开09表 决算 5.35; 公开03表 项目 7,545.55 of 8,979.11.
  const f = {
    personnelCost: "1266.86",
    publicCost: "166.70",
    sangongFinal: "5.35",
    projectExpenditure: "7545.55",
    expenditureTotal: "8979.11",
    gpbExpenditure: "8979.11",
    initialBudgetGpb: "8291.49",
    procurementSme: "1839.9",
    procurementTotal: "8281.83",
  };
  test.each([
    ["executionRate", "108.29"],
    ["smeShare", "22.22"],
    ["sangongPerPersonnel", "0.42"],
    ["publicCostShare", "11.63"],
    ["projectShare", "84.03"],
    ["sangongFinal", "5.35"],
    ["expenditureTotal", "8979.11"],
  ] as const)("%s computed from the figures = %s", (metric, value) => {
    expect(metricValue(metric, f)).toBe(value);
  });

  test("a stated figure wins over the recomputed one", () => {
    expect(metricValue("smeShare", { ...f, procurementSmeShare: "22.20" })).toBe("22.20");
    expect(metricValue("executionRate", { ...f, gpbExecutionRate: "108.30" })).toBe("108.30");
  });

  test("missing inputs or a zero divisor leave the department unranked", () => {
    expect(metricValue("sangongPerPersonnel", { sangongFinal: "5" })).toBeUndefined();
    expect(metricValue("publicCostShare", { personnelCost: "0", publicCost: "0" })).toBeUndefined();
    expect(metricValue("executionRate", { gpbExpenditure: "10", initialBudgetGpb: "0" })).toBeUndefined();
    expect(metricValue("completeness", {}, null)).toBeUndefined();
    expect(metricValue("completeness", {}, "87.5")).toBe("87.50");
  });
});
