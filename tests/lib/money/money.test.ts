import { describe, expect, test } from "vitest";
import { normaliseAmount, printedScale, yuanToWanyuan } from "@/lib/money/decimal";
import { formatChange, formatPercent, formatWanyuan } from "@/lib/money/format";

describe("normaliseAmount", () => {
  test.each([
    ["8,979.10", "8979.10"],
    ["8979.10", "8979.10"],
    ["８，９７９．１０", "8979.10"],
    [" 0.00 ", "0.00"],
    ["604.6242", "604.6242"],
    ["-12.5", "-12.5"],
    ["－", null],
    ["-", null],
    ["—", null],
    ["", null],
    ["1 234.5", "1234.5"],
  ])("%j → %j", (input, expected) => {
    expect(normaliseAmount(input)).toBe(expected);
  });

  test.each(["12.3.4", "abc", "1,2x", "八千"])("rejects %j", (input) => {
    expect(() => normaliseAmount(input)).toThrow(/不是金额/);
  });
});

describe("printedScale and unit conversion", () => {
  test.each([
    ["8979.10", 2],
    ["604.6242", 4],
    ["27", 0],
  ])("scale of %s is %i", (v, s) => expect(printedScale(v)).toBe(s));

  test.each([
    ["89791000.00", "8979.1"],
    ["1", "0.0001"],
    ["12345", "1.2345"],
    ["0", "0"],
  ])("%s 元 = %s 万元 exactly", (yuan, wan) => expect(yuanToWanyuan(yuan)).toBe(wan));
});

describe("formatWanyuan", () => {
  test.each([
    ["8979.1", "8,979.10"],
    ["0", "0.00"],
    ["-51.68", "-51.68"],
    ["604.6242", "604.62"],
    ["0.005", "0.01"],
    ["12345678901234567.125", "12,345,678,901,234,567.13"],
    [null, "—"],
    [undefined, "—"],
    ["", "—"],
  ])("%j → %j", (v, out) => expect(formatWanyuan(v as string | null | undefined)).toBe(out));

  test("four printed decimals on request", () => expect(formatWanyuan("604.6242", 4)).toBe("604.6242"));
});

describe("formatPercent and formatChange", () => {
  test.each([
    ["22.22", "22.22%"],
    ["100", "100.00%"],
    ["-7.215", "-7.22%"],
    [null, "—"],
  ])("percent %j → %j", (v, out) => expect(formatPercent(v as string | null)).toBe(out));

  test.each([
    ["88.75", "+88.75"],
    ["-801.2", "−801.20"],
    ["0", "0.00"],
    [undefined, "—"],
  ])("change %j → %j", (v, out) => expect(formatChange(v as string | undefined)).toBe(out));
});
