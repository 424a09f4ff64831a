import { describe, expect, test } from "vitest";
import { compareDecimal, csvHeader, pct, text, wan } from "@/lib/views/columns";
import { printedCell } from "@/lib/csv";
import { subjectColumns } from "@/lib/views/structure";

describe("a column declared once", () => {
  test.each([
    [wan("total", "本年支出合计"), "本年支出合计（万元）"],
    [pct("share", "占比"), "占比（%）"],
    [text("name", "科目"), "科目"],
    // a label that already names its unit keeps it once
    [wan("x", "人均本年支出（万元/人）"), "人均本年支出（万元/人）"],
  ])("prints its CSV header with the unit (%s)", (c, header) => {
    expect(csvHeader(c)).toBe(header);
  });

  test.each([
    ["wan", "0", "0.00"],
    ["wan", "604.6242", "604.62"],
    ["pct", "100.0000", "100.00"],
    ["count", "12", "12"],
    // a code is text: never padded to two decimals, whatever its label says
    ["text", "201", "201"],
  ] as const)("writes a %s figure %s as the page prints it: %s", (format, v, out) => {
    expect(printedCell(v, "http://x", format)).toBe(out);
  });

  test("a subject's code goes to the download, not to a column of its own on the page", () => {
    expect(subjectColumns.filter((c) => !c.csvOnly).map((c) => c.label)).toEqual([
      "科目",
      "占比",
      "本年支出合计",
      "基本支出",
      "项目支出",
      "报告数",
    ]);
    expect(subjectColumns.map(csvHeader)).toContain("科目编码");
  });
});

describe("exact order of decimal strings", () => {
  test.each([
    ["1", "2", -1],
    ["10", "9.99", 1],
    ["-1", "0", -1],
    ["-10", "-9", -1],
    ["0.10", "0.1", 0],
    ["007", "7", 0],
    // beyond a double's 15–17 digits, still told apart
    ["12345678901234567.01", "12345678901234567.02", -1],
    [null, "0", 1],
    ["0", undefined, -1],
    [null, null, 0],
  ] as const)("%s against %s → %i", (a, b, sign) => {
    expect(Math.sign(compareDecimal(a, b))).toBe(sign);
  });
});
