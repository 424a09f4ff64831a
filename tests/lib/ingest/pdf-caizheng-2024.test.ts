import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { auditReport } from "@/lib/audit/run";
import { readDocument } from "@/lib/ingest/read";
import { extractFigures } from "@/lib/report/figures";
import { getTable, pageOfLine, type Report, type TableId } from "@/lib/report/schema";

// 上海市普陀区财政局 2024 年度部门决算, the PDF exactly as published (25 pages, Shanghai template: no 公开NN numbers,
// 三公 as table 七, codes split over 类/款/项, blank empty cells, numbers top-aligned in 支出决算表, 表六 in two blocks,
// 收入支出决算总表 continued on the next page). Every figure below was read by hand from the PDF's pages 6–20.
const FILE = path.join(__dirname, "../../fixtures/pdf/上海市普陀区财政局2024年度部门决算.pdf");

type Expected = Record<string, Record<string, string>>;

/** A row's identity: its code, or its key (and side for the two summary tables). */
function rowsWithValues(report: Report, id: TableId): Expected {
  const out: Expected = {};
  for (const r of getTable(report, id)?.rows ?? []) {
    if (Object.keys(r.values).length === 0) continue;
    const k = r.code
      ? r.section && id !== "t06"
        ? `${r.section}:${r.code}`
        : r.code
      : `${r.section ? `${r.section}:` : ""}${r.key}`;
    expect(out[k], `${id} row ${k} appears once`).toBeUndefined();
    out[k] = r.values;
  }
  return out;
}

const subjectRows = (tuples: [string, string, string?, string?][], cols: [string, string, string]): Expected =>
  Object.fromEntries(
    tuples.map(([code, a, b, c]) => [
      code,
      Object.fromEntries(
        [
          [cols[0], a],
          [cols[1], b],
          [cols[2], c],
        ].filter(([, v]) => v !== undefined),
      ),
    ]),
  );

const T03_T05: [string, string, string?, string?][] = [
  ["total", "2940.05", "2336.91", "603.14"],
  ["201", "2106.66", "1503.52", "603.14"],
  ["20106", "2106.66", "1503.52", "603.14"],
  ["2010601", "1511.89", "1503.52", "8.37"],
  ["2010602", "10.00", undefined, "10.00"],
  ["2010607", "135.25", undefined, "135.25"],
  ["2010608", "449.52", undefined, "449.52"],
  ["208", "326.72", "326.72"],
  ["20805", "326.72", "326.72"],
  ["2080501", "84.65", "84.65"],
  ["2080505", "160.75", "160.75"],
  ["2080506", "80.38", "80.38"],
  ["2080599", "0.94", "0.94"],
  ["210", "60.99", "60.99"],
  ["21011", "60.99", "60.99"],
  ["2101101", "60.99", "60.99"],
  ["221", "445.69", "445.69"],
  ["22102", "445.69", "445.69"],
  ["2210201", "187.19", "187.19"],
  ["2210203", "258.50", "258.50"],
];

const EXPECTED: Partial<Record<TableId, Expected>> = {
  t01: {
    "income:gpb": { amount: "2940.05" },
    "income:other": { amount: "6.20" },
    "income:incomeTotal": { amount: "2946.25" },
    "income:carryBegin": { amount: "49.14" },
    "income:grandTotal": { amount: "2995.39" },
    "expenditure:201": { amount: "2106.66" },
    "expenditure:208": { amount: "326.71" },
    "expenditure:210": { amount: "60.99" },
    "expenditure:221": { amount: "445.69" },
    "expenditure:expenditureTotal": { amount: "2940.05" },
    "expenditure:carryEnd": { amount: "55.34" },
    "expenditure:grandTotal": { amount: "2995.39" },
  },
  t02: Object.fromEntries(
    (
      [
        ["total", "2946.25", "2940.05", "6.20"],
        ["201", "2112.86", "2106.66", "6.20"],
        ["20106", "2112.86", "2106.66", "6.20"],
        ["2010601", "1511.90", "1511.89", "0.01"],
        ["2010602", "16.19", "10.00", "6.19"],
        ["2010607", "135.25", "135.25"],
        ["2010608", "449.52", "449.52"],
        ["208", "326.72", "326.72"],
        ["20805", "326.72", "326.72"],
        ["2080501", "84.65", "84.65"],
        ["2080505", "160.75", "160.75"],
        ["2080506", "80.38", "80.38"],
        ["2080599", "0.94", "0.94"],
        ["210", "60.99", "60.99"],
        ["21011", "60.99", "60.99"],
        ["2101101", "60.99", "60.99"],
        ["221", "445.69", "445.69"],
        ["22102", "445.69", "445.69"],
        ["2210201", "187.19", "187.19"],
        ["2210203", "258.50", "258.50"],
      ] as [string, string, string, string?][]
    ).map(([code, total, fiscal, other]) => [code, { total, fiscal, ...(other ? { other } : {}) }]),
  ),
  t03: subjectRows(T03_T05, ["total", "basic", "project"]),
  t04: {
    "income:gpb": { amount: "2940.05" },
    "income:incomeTotal": { amount: "2940.05" },
    "income:carryBegin": { amount: "21.63" },
    "income:carryBeginGpb": { amount: "21.63" },
    "income:grandTotal": { amount: "2961.68" },
    "expenditure:201": { total: "2106.66", gpb: "2106.66" },
    "expenditure:208": { total: "326.71", gpb: "326.71" },
    "expenditure:210": { total: "60.99", gpb: "60.99" },
    "expenditure:221": { total: "445.69", gpb: "445.69" },
    "expenditure:expenditureTotal": { total: "2940.05", gpb: "2940.05" },
    "expenditure:carryEnd": { total: "21.63", gpb: "21.63" },
    "expenditure:grandTotal": { total: "2961.68", gpb: "2961.68" },
  },
  t05: subjectRows(T03_T05, ["total", "basic", "project"]),
  t06: Object.fromEntries(
    (
      [
        ["301", "2082.85"],
        ["30101", "262.33"],
        ["30102", "1238.58"],
        ["30108", "160.75"],
        ["30109", "80.38"],
        ["30110", "60.99"],
        ["30112", "1.61"],
        ["30113", "187.19"],
        ["30199", "91.03"],
        ["303", "69.41"],
        ["30302", "69.10"],
        ["30309", "0.31"],
        ["302", "171.07"],
        ["30201", "21.21"],
        ["30202", "7.61"],
        ["30204", "0.09"],
        ["30207", "4.88"],
        ["30211", "1.20"],
        ["30213", "2.83"],
        ["30216", "4.05"],
        ["30226", "2.01"],
        ["30228", "24.42"],
        ["30229", "42.77"],
        ["30239", "48.49"],
        ["30299", "11.53"],
        ["310", "13.58"],
        ["31002", "13.58"],
        ["personnelTotal", "2152.26"],
        ["publicTotal", "184.65"],
      ] as [string, string][]
    ).map(([k, amount]) => [k, { amount }]),
  ),
  t09: { sangong: { budgetTotal: "0.95", budgetReception: "0.95" } },
};

let report: Report;

beforeAll(async () => {
  report = await readDocument(path.basename(FILE), readFileSync(FILE));
}, 60_000);

describe("上海市普陀区财政局 2024 部门决算 (PDF as published)", () => {
  test("is read as a PDF: department, year, scope, 25 pages", () => {
    expect(report.department).toBe("上海市普陀区财政局");
    expect(report.year).toBe(2024);
    expect(report.scope).toBe("部门决算");
    expect(report.sourceUnit).toBe("万元");
    expect(report.source.layout).toBe("pdf");
    expect(report.source.pages).toBe(25);
  });

  test("all nine tables are found by their titles (no 公开NN numbers), 七 being 三公 and 八/九 the fund tables", () => {
    expect(report.tables.map((t) => `${t.id}:${t.status}`)).toEqual([
      "t01:data",
      "t02:data",
      "t03:data",
      "t04:data",
      "t05:data",
      "t06:data",
      "t07:empty",
      "t08:empty",
      "t09:data",
    ]);
    expect(report.unread.filter((u) => u.part === "table")).toEqual([]);
    // the 目录 line before a part heading is no wrapped table title: nothing is kept as an unknown table
    expect(report.extraTables).toEqual([]);
  });

  test.each(Object.keys(EXPECTED) as TableId[])("table %s: every printed figure, and no other", (id) => {
    expect(rowsWithValues(report, id)).toEqual(EXPECTED[id]);
  });

  test("表六's two blocks: every 经济分类 row is kept, empty ones too, 人员经费 left and 公用经费 right", () => {
    const t06 = getTable(report, "t06")!;
    const codes = t06.rows.filter((r) => r.code).map((r) => r.code);
    expect(codes).toContain("30114");
    expect(codes).toContain("31099");
    expect(t06.rows.find((r) => r.code === "30217")?.name).toBe("公务接待费");
    expect(t06.rows.find((r) => r.code === "30108")?.name).toBe("机关事业单位基本养老保险缴费");
    expect(t06.rows.filter((r) => r.section === "personnel").every((r) => /^30[13]/.test(r.code ?? "30"))).toBe(true);
  });

  test("wrapped names are joined, and each figure points at its page", () => {
    const t02 = getTable(report, "t02")!;
    const row = t02.rows.find((r) => r.code === "2080505")!;
    expect(row.name).toBe("机关事业单位基本养老保险缴费支出");
    expect(pageOfLine(report, row.sourceLine)).toBe(8);
    expect(pageOfLine(report, t02.rows.find((r) => r.code === "2210203")!.sourceLine)).toBe(9);
    const t01 = getTable(report, "t01")!;
    // 收入支出决算总表 puts 结余 and 总计 on the next page
    expect(pageOfLine(report, t01.rows.find((r) => r.key === "grandTotal")!.sourceLine)).toBe(7);
  });

  test("headline figures", () => {
    const f = extractFigures(report);
    expect(f).toMatchObject({
      incomeTotal: "2946.25",
      expenditureTotal: "2940.05",
      grandTotal: "2995.39",
      basicExpenditure: "2336.91",
      projectExpenditure: "603.14",
      personnelCost: "2152.26",
      publicCost: "184.65",
      sangongBudget: "0.95",
      fiscalIncome: "2940.05",
      gpbExpenditure: "2940.05",
      initialBudgetGpb: "2993.92",
    });
  });

  test("the audit finds section 四's 0.3 万元 against 表四's 2,961.68", () => {
    const findings = auditReport(report).filter((f) => f.severity === "error");
    const hit = findings.find((f) => f.found === "0.3" && f.expected === "2961.68");
    expect(hit, findings.map((f) => `${f.rule} ${f.message}`).join("\n")).toBeDefined();
    expect(pageOfLine(report, hit!.locations[0].sourceLine)).toBe(21);
  });
});
