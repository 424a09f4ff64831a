import { expect, test } from "vitest";
import { printedCell, toCsv } from "@/lib/csv";
import type { Format } from "@/lib/views/columns";

const ORIGIN = "https://fiscal.example.gov.cn";

// Values as the store hands them to the export: numeric(20,6) trimmed, completeness at four places, counts as ints.
test.each<[Format, string | number, string | number]>([
  ["score", "100.0000", "100.00"],
  ["wan", "0", "0.00"],
  ["wan", "0.00", "0.00"],
  ["wan", "604.6242", "604.62"],
  ["wan", "112.605", "112.61"],
  ["wan", "-0.005", "-0.01"],
  ["wan", "-0.004", "0.00"],
  ["pct", "98.2", "98.20"],
  ["decimal", "-5", "-5.00"],
  ["yuan", "371514655.5", "371514655.50"],
  // counts and years as they are
  ["count", 2023, 2023],
  ["count", 2, 2],
  ["count", "42", "42"],
  // text passes through, a code too (never padded to two decimals)
  ["text", "烟台市大数据局", "烟台市大数据局"],
  ["text", "201", "201"],
  // the pack's one-figure-a-row download keeps every digit the document prints, and a count stays a count
  ["stored", "604.6242", "604.6242"],
  ["stored", "7000", "7000"],
  ["stored", "-6574.76", "-6574.76"],
])("%s: %s → %s", (format, v, out) => {
  expect(printedCell(v, ORIGIN, format)).toBe(out);
});

test("a site link becomes absolute, so it opens from a spreadsheet", () => {
  expect(printedCell("/departments/3?year=2023#findings", ORIGIN, "text")).toBe(
    `${ORIGIN}/departments/3?year=2023#findings`,
  );
  expect(printedCell("https://www.example.gov.cn/a.pdf", ORIGIN, "text")).toBe("https://www.example.gov.cn/a.pdf");
  const csv = toCsv(["证据链接"], [[printedCell("/reports/7/source?line=555", ORIGIN, "text")]]);
  expect(csv).toBe(`\uFEFF证据链接\r\n${ORIGIN}/reports/7/source?line=555\r\n`);
});
