import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseDocument } from "@/lib/ingest/parse";
import { computeCoverage, cutPercent, locationText, unreadNotes } from "@/lib/report/coverage";
import type { Report, Unread } from "@/lib/report/schema";
import { makeReport, mutate, removeTable } from "../../helpers/factories";

const note = (part: Unread["part"], where: string, extra: Partial<Unread> = {}): Unread => ({
  part,
  where,
  text: "……",
  message: "无法读取",
  ...extra,
});

const withNotes = (r: Report, ...notes: Unread[]) => mutate(r, (x) => x.unread.push(...notes));

describe("computeCoverage on hand-made reports", () => {
  const base = makeReport();

  test("a report read whole: nine tables, every cell placed, every statement recognised → 100", () => {
    const c = computeCoverage(base);
    expect(c.percent).toBe("100");
    expect(c.fullyRead).toBe(true);
    expect(c.tables).toMatchObject({
      expected: 9,
      found: 9,
      read: 9,
      withData: 7,
      empty: 2,
      unread: 0,
      missing: 0,
      listedMissing: 0,
      otherUnread: 0,
      percent: "100",
    });
    expect(c.tables.items.map((i) => i.status)).toEqual([
      "data",
      "data",
      "data",
      "data",
      "data",
      "data",
      "empty",
      "empty",
      "data",
    ]);
    // t01 10 + t02 20 + t03 19 + t04 15 + t05 19 + t06 13 + t09 10
    expect(c.cells).toEqual({ placed: 106, open: 0 });
    expect(c.statements).toMatchObject({ recognised: 36, unread: 0, percent: "100" });
    expect(Object.fromEntries(c.statements.kinds.map((k) => [k.key, k.count]))).toEqual({
      changes: 8,
      shares: 7,
      budgetExecution: 4,
      basicExpenditure: 1,
      sangong: 9,
      operatingCost: 1,
      procurement: 2,
      assets: 1,
      performance: 3,
    });
    expect(c.appendix).toEqual({ read: 3, unread: 0, percent: "100" });
    expect(c.unread).toEqual({ total: 0, byPart: { table: 0, statement: 0, section: 0, cover: 0, appendix: 0 } });
    expect(c.extraTables).toEqual({ count: 0, titles: [] });
  });

  test("a table the reader found but could not read counts as found, not read; the mean is cut, not rounded", () => {
    const r = withNotes(removeTable(base, "t02"), note("table", "公开02表 收入决算表", { sourceLine: 210 }));
    const c = computeCoverage(r);
    expect(c.tables).toMatchObject({ found: 9, read: 8, withData: 6, unread: 1, missing: 0 });
    expect(c.tables.items.find((i) => i.id === "t02")?.status).toBe("unread");
    expect(c.tables.percent).toBe("88.88");
    // (8/9 + 1 + 1) / 3 = 96.296…
    expect(c.percent).toBe("96.29");
    expect(c.fullyRead).toBe(false);
  });

  test("a table printed with data but also noted unread (partly read) is not read either", () => {
    const c = computeCoverage(withNotes(base, note("table", "二、收入决算表")));
    expect(c.tables).toMatchObject({ found: 9, read: 8, unread: 1 });
  });

  test("cells left open lower the tables part by placed ÷ (placed + open)", () => {
    const r = mutate(base, (x) => {
      x.ambiguities = [
        {
          table: "t03",
          sourceLine: 150,
          message:
            "「201 一般公共服务支出」一行的金额 5.00 可以归入不同的栏目，表内及表间勾稽关系都无法确定：①基本支出 5.00；②项目支出 5.00。暂按①处理，请核对原表",
        },
        {
          table: "t05",
          sourceLine: 170,
          message:
            "「合计」一行的金额 9.00 可以归入不同的栏目，表内及表间勾稽关系都无法确定：①…。暂按①处理，请核对原表",
        },
        // a note on how a header was read leaves no cell open
        { table: "t08", sourceLine: 190, message: "表头列“年初结转和结余”不属于规范列，已忽略" },
      ];
    });
    const c = computeCoverage(r);
    expect(c.cells).toEqual({ placed: 106, open: 2 });
    expect(c.tables.percent).toBe("98.14");
    expect(c.percent).toBe("99.38");
    expect(c.fullyRead).toBe(false);
  });

  test("unread statements, sections and cover notes count against the recognised statements", () => {
    const r = withNotes(
      base,
      note("statement", "三、收入决算情况说明"),
      note("statement", "十、政府采购支出情况说明"),
      note("section", "九、机关运行经费支出情况说明"),
      note("cover", "第一部分 概况"),
    );
    const c = computeCoverage(r);
    expect(c.statements).toMatchObject({ recognised: 36, unread: 4, percent: "90" });
    // (1 + 0.9 + 1) / 3
    expect(c.percent).toBe("96.66");
    expect(c.unread.byPart).toEqual({ table: 0, statement: 2, section: 1, cover: 1, appendix: 0 });
  });

  test("a table missing from the document is a completeness matter — unless the 目录 lists it", () => {
    const missing = removeTable(base, "t05");
    const c = computeCoverage(missing);
    expect(c.tables).toMatchObject({ found: 8, read: 8, missing: 1, listedMissing: 0 });
    expect(c.percent).toBe("100");
    expect(c.fullyRead).toBe(true);

    const listed = mutate(missing, (x) => {
      x.listedTables = ["公开01表 收入支出决算总表", "公开05表 一般公共预算财政拨款支出决算表"];
    });
    const d = computeCoverage(listed);
    expect(d.tables).toMatchObject({ missing: 1, listedMissing: 1 });
    expect(d.tables.items.find((i) => i.id === "t05")).toMatchObject({ status: "missing", listed: true });
    expect(d.tables.percent).toBe("88.88");
    expect(d.fullyRead).toBe(false);
  });

  test("an unread table that is none of the nine still counts in the tables part", () => {
    const c = computeCoverage(withNotes(base, note("table", "项目支出决算表")));
    expect(c.tables).toMatchObject({ read: 9, unread: 0, otherUnread: 1, percent: "90" });
    expect(c.percent).toBe("96.66");
  });

  test("tables kept as raw grids are listed but change nothing", () => {
    const r = mutate(base, (x) => {
      x.extraTables = [
        {
          title: "项目支出决算表",
          sourceLine: 600,
          rows: [
            ["项目", "金额"],
            ["信息系统运维", "100.00"],
          ],
        },
        { title: "国有资产占用情况表", page: 14, rows: [["资产", "数量"]] },
      ];
    });
    const c = computeCoverage(r);
    expect(c.extraTables).toEqual({ count: 2, titles: ["项目支出决算表", "国有资产占用情况表"] });
    expect(c.percent).toBe("100");
  });

  test("an unread 绩效 sheet lowers the appendix part; a report with no appendix leaves the part out", () => {
    const c = computeCoverage(withNotes(base, note("appendix", "绩效自评表：办公楼维修")));
    expect(c.appendix).toEqual({ read: 3, unread: 1, percent: "75" });
    expect(c.percent).toBe("91.66");

    const none = mutate(base, (x) => {
      x.appendix = { performanceSheets: [] };
      x.unread.push(note("statement", "四、支出决算情况说明"));
    });
    const d = computeCoverage(none);
    expect(d.appendix.percent).toBeNull();
    // (1 + 36/37) / 2
    expect(d.percent).toBe("98.64");
  });
});

test("percentages are cut, never rounded up to a whole read", () => {
  const p = (n: number, d: number) => cutPercent({ n: BigInt(n), d: BigInt(d) });
  expect([p(1, 1), p(9, 10), p(8, 9), p(2, 3), p(1, 20), p(19999, 20000), p(0, 7)]).toEqual([
    "100",
    "90",
    "88.88",
    "66.66",
    "5",
    "99.99",
    "0",
  ]);
  expect(cutPercent(undefined)).toBeNull();
});

describe("where an unread part lies", () => {
  const pdf = mutate(makeReport(), (x) => {
    x.source = { ...x.source, layout: "pdf", pages: 3, pageStarts: [1, 40, 90] };
    x.unread = [
      note("statement", "三、收入决算情况说明", { sourceLine: 95 }),
      note("table", "收入决算表", { sourceLine: 45, page: 7 }),
    ];
  });

  test("a PDF's notes give the page (from the line when the note has none)", () => {
    expect(unreadNotes(pdf).map((u) => u.page)).toEqual([3, 7]);
    expect(locationText(pdf, pdf.unread[0])).toBe("第 3 页");
  });

  test("a text document's notes give the line", () => {
    const txt = mutate(pdf, (x) => {
      x.source = { ...x.source, layout: "plain-text", pages: undefined, pageStarts: undefined };
      x.unread[1].page = undefined;
    });
    expect(locationText(txt, txt.unread[0])).toBe("第 95 行");
    expect(unreadNotes(txt).map((u) => u.page)).toEqual([undefined, undefined]);
    expect(locationText(txt, {})).toBe("");
  });
});

describe("the two seed documents are read whole", () => {
  const dir = path.resolve(import.meta.dirname, "../../../data/samples");
  test.each([
    ["000_de383ccec50b5c0e.txt", 190, { changes: 16, shares: 8, budgetExecution: 10 }, 10],
    ["004_fcc6ab7362c41973.txt", 244, { changes: 16, shares: 10, budgetExecution: 13 }, 10],
  ])("%s", (file, cells, kinds, appendix) => {
    const report = parseDocument(file, readFileSync(path.join(dir, file)));
    const c = computeCoverage(report);
    expect(c.percent).toBe("100");
    expect(c.fullyRead).toBe(true);
    expect(c.tables).toMatchObject({ found: 9, read: 9, unread: 0, missing: 0 });
    // every printed figure of the nine tables, none left open
    expect(c.cells).toEqual({ placed: cells, open: 0 });
    expect(c.statements.unread).toBe(0);
    expect(c.statements.kinds.filter((k) => k.key in kinds).map((k) => [k.key, k.count])).toEqual(
      Object.entries(kinds),
    );
    expect(c.appendix).toMatchObject({ read: appendix, unread: 0 });
  });
});
