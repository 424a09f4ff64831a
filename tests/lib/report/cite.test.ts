import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { readDocument } from "../../../lib/ingest/read";
import { citationQuery, citedFigure, figureRanges, printedForms } from "../../../lib/report/cite";

describe("figureRanges finds a stored figure however the document printed it", () => {
  test("with or without thousands separators and trailing zeros", () => {
    const line = "合计\t2,940.05\t1,200.00\t1740.050";
    expect(figureRanges(line, "2940.05").map(([a, b]) => line.slice(a, b))).toEqual(["2,940.05"]);
    expect(figureRanges(line, "1200").map(([a, b]) => line.slice(a, b))).toEqual(["1,200.00"]);
    expect(figureRanges(line, "1740.05").map(([a, b]) => line.slice(a, b))).toEqual(["1740.050"]);
  });
  test("never a part of a longer number, nor a different one", () => {
    expect(figureRanges("12,940.05 2940.5 29400.05", "2940.05")).toEqual([]);
    expect(figureRanges("占 71.73%，2023年", "71.73")).toEqual([[2, 7]]);
    expect(figureRanges("2023年", "202")).toEqual([]);
  });
  test("a document in 元 is also searched in 元", () => {
    expect(printedForms("2940.05", "元")).toEqual(["2940.05", "29400500"]);
    expect(printedForms("2940.05", "万元")).toEqual(["2940.05"]);
  });
});

describe("citations on the real samples", () => {
  const samples = path.resolve(import.meta.dirname, "../../../data/samples");

  test("a text document's figure is cited by line, and that line prints it", async () => {
    const file = "000_de383ccec50b5c0e.txt";
    const bytes = new Uint8Array(fs.readFileSync(path.join(samples, file)));
    const report = await readDocument(file, bytes);
    const t05 = report.tables.find((t) => t.id === "t05")!;
    const total = t05.rows.find((r) => r.key === "total")!;
    const { figure, context } = citedFigure(
      report.tables,
      { table: "t05", rowKey: "total", column: "total", sourceLine: total.sourceLine, label: "公开05表 合计" },
      {},
    );
    expect(figure).toBe(total.values.total);
    expect(context).toBe("合计");
    const q = new URLSearchParams(citationQuery(report.source, total.sourceLine, figure, context));
    expect(q.get("page")).toBeNull();
    const line = Number(q.get("line"));
    const printed = new TextDecoder().decode(bytes).split("\n")[line - 1];
    expect(figureRanges(printed, q.get("q")!).length).toBeGreaterThan(0);
  });

  test("a PDF's figure is cited by page", async () => {
    const file = "上海市普陀区财政局2024年度部门决算.pdf";
    const report = await readDocument(file, new Uint8Array(fs.readFileSync(path.join(samples, file))));
    const total = report.tables.find((t) => t.id === "t05")!.rows.find((r) => r.key === "total")!;
    const q = new URLSearchParams(citationQuery(report.source, total.sourceLine, total.values.total, "合计"));
    expect(q.get("line")).toBeNull();
    expect(Number(q.get("page"))).toBeGreaterThan(1);
    expect(Number(q.get("page"))).toBeLessThanOrEqual(report.source.pages!);
    expect(q.get("q")).toBe("2940.05");
  }, 60_000);
});
