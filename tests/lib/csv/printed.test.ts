import { expect, test } from "vitest";
import { printedCell, toCsv } from "@/lib/csv";

const ORIGIN = "https://fiscal.example.gov.cn";

// Values as the store hands them to the export: numeric(20,6) trimmed, completeness at four places, counts as ints.
test.each<[string, string | number, string | number]>([
  ["信息完整度", "100.0000", "100.00"],
  ["本年支出合计（万元）", "0", "0.00"],
  ["本年支出合计（万元）", "0.00", "0.00"],
  ["项目支出（万元）", "604.6242", "604.62"],
  ["基本支出（万元）", "112.605", "112.61"],
  ["增减（万元）", "-0.005", "-0.01"],
  ["增减（万元）", "-0.004", "0.00"],
  ["年初预算执行率（%）", "98.2", "98.20"],
  ["变化（百分点）", "-5", "-5.00"],
  ["本年收入合计（万元）", "371514655.5", "371514655.50"],
  // counts and years as they are
  ["年度", 2023, 2023],
  ["审核错误", 2, 2],
  ["涉及报告数", "42", "42"],
  // text passes through
  ["部门", "烟台市大数据局", "烟台市大数据局"],
])("%s: %s → %s", (label, v, out) => {
  expect(printedCell(label, v, ORIGIN)).toBe(out);
});

test("a site link becomes absolute, so it opens from a spreadsheet", () => {
  expect(printedCell("证据链接", "/departments/3?year=2023#findings", ORIGIN)).toBe(
    `${ORIGIN}/departments/3?year=2023#findings`,
  );
  expect(printedCell("证据链接", "https://www.example.gov.cn/a.pdf", ORIGIN)).toBe("https://www.example.gov.cn/a.pdf");
  const csv = toCsv(["证据链接"], [[printedCell("证据链接", "/reports/7/source?line=555", ORIGIN)]]);
  expect(csv).toBe(`\uFEFF证据链接\r\n${ORIGIN}/reports/7/source?line=555\r\n`);
});
