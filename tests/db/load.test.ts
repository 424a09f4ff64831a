import { and, asc, count, eq, inArray } from "drizzle-orm";
import { expect, test } from "vitest";
import { exportReport } from "../../db/export";
import { LoadError, loadReport } from "../../db/load";
import * as s from "../../db/schema";
import type { Db } from "../../db/types";
import { D } from "../../lib/money/decimal";
import { extractFigures } from "../../lib/report/figures";
import { forEachDb } from "../helpers/test-db";
import { makeReport, revise, sampleFindings } from "./fixtures";

const TABLES = [
  s.departments,
  s.reports,
  s.tableRows,
  s.tableCells,
  s.figures,
  s.narrativeChanges,
  s.executionItems,
  s.performanceProjects,
  s.performanceIndicators,
  s.findings,
  s.subjects,
] as const;

async function rowCounts(db: Db): Promise<number[]> {
  const out: number[] = [];
  for (const t of TABLES) out.push((await db.select({ n: count() }).from(t))[0].n);
  return out;
}

const eqDec = (a: string | null | undefined, b: string | undefined) =>
  a == null || b === undefined ? a == null && b === undefined : new D(a).eq(b);

forEachDb("loadReport", (get) => {
  test("a new report is created and every table cell reads back equal to the report", async () => {
    const report = makeReport({ department: "读回局" });
    const res = await loadReport(get().db, report, {
      findings: sampleFindings,
      completeness: { score: "0.875", items: [] },
    });
    expect(res).toEqual({ status: "created", reportId: expect.any(Number), revision: 1 });

    const rows = await get()
      .db.select()
      .from(s.tableRows)
      .where(eq(s.tableRows.reportId, res.reportId))
      .orderBy(asc(s.tableRows.tableId), asc(s.tableRows.rowOrder));
    const cells = await get().db.select().from(s.tableCells).where(eq(s.tableCells.reportId, res.reportId));
    const expectedRows = report.tables.flatMap((t) => t.rows.map((r, i) => ({ t: t.id, i: i + 1, r })));
    expect(rows).toHaveLength(expectedRows.length);
    for (const { t, i, r } of expectedRows) {
      const row = rows.find((x) => x.tableId === t && x.rowOrder === i)!;
      expect(row).toMatchObject({
        name: r.name,
        code: r.code ?? null,
        rowKey: r.key ?? null,
        section: r.section ?? null,
        lineNo: r.line ?? null,
      });
      const mine = cells.filter((c) => c.tableId === t && c.rowOrder === i);
      // An empty cell is an absent key in the report and no row in the store.
      expect(mine.map((c) => c.columnKey).sort()).toEqual(Object.keys(r.values).sort());
      for (const c of mine) {
        expect(typeof c.amount).toBe("string");
        expect(eqDec(c.amount, r.values[c.columnKey]), `${t} row ${i} ${c.columnKey}`).toBe(true);
      }
    }
    // four decimals as printed in 公开09表, not rounded to two
    expect(cells.find((c) => c.tableId === "t09" && c.columnKey === "finalReception")?.amount).toMatch(/^1\.2345/);
  });

  test("figures, narrative, execution items, 绩效 and findings are stored as the report states them", async () => {
    const report = makeReport({ department: "明细局" });
    const { reportId } = await loadReport(get().db, report, { findings: sampleFindings, completeness: "0.5" });
    const db = get().db;

    const figs = await db.select().from(s.figures).where(eq(s.figures.reportId, reportId));
    const expected = Object.entries(extractFigures(report)).filter(([, v]) => v !== undefined);
    expect(figs).toHaveLength(expected.length);
    for (const [key, v] of expected) expect(eqDec(figs.find((f) => f.key === key)?.value, String(v)), key).toBe(true);

    const changes = await db
      .select()
      .from(s.narrativeChanges)
      .where(eq(s.narrativeChanges.reportId, reportId))
      .orderBy(s.narrativeChanges.ord);
    expect(changes.map((c) => [c.key, c.prior && new D(c.prior).toFixed(2), c.unchanged])).toEqual([
      ["grandTotal", "110.00", null], // 100.68 − (−9.32)
      ["income.fiscal", "90.00", null], // 100.5 − 10.5
      ["expenditure.basic", "60.68", true], // 与上年持平
    ]);

    const items = await db
      .select()
      .from(s.executionItems)
      .where(eq(s.executionItems.reportId, reportId))
      .orderBy(s.executionItems.ord);
    expect(items.map((i) => [i.code, i.path, i.rate && new D(i.rate).toFixed(2), i.noInitialBudget])).toEqual([
      ["2010301", "一般公共服务支出 / 政府办公厅（室）及相关机构事务 / 行政运行", "111.67", false],
      [null, "一般公共服务支出 / 统计信息事务 / 专项普查活动", null, true],
    ]);

    const projects = await db
      .select()
      .from(s.performanceProjects)
      .where(eq(s.performanceProjects.reportId, reportId))
      .orderBy(s.performanceProjects.ord);
    // the sheet "信息系统运维2023" takes its grade from summary row "信息系统 运维"; "培训经费" has no sheet
    expect(
      projects.map((p) => [
        p.name,
        p.hasSheet,
        p.grade,
        p.totalScore && new D(p.totalScore).toFixed(),
        p.summaryBudget && new D(p.summaryBudget).toFixed(),
      ]),
    ).toEqual([
      ["信息系统运维2023", true, "优", "98.5", "40"],
      ["培训经费", false, "良", null, "10"],
    ]);
    const indicators = await db
      .select()
      .from(s.performanceIndicators)
      .where(eq(s.performanceIndicators.projectId, projects[0].id))
      .orderBy(s.performanceIndicators.ord);
    expect(indicators.map((i) => [i.level3, i.score && new D(i.score).toFixed(), i.deviation])).toEqual([
      ["系统数量", "20", null],
      ["用户满意度", "8.5", "个别用户反馈响应慢"],
    ]);

    const stored = await db.select().from(s.findings).where(eq(s.findings.reportId, reportId)).orderBy(s.findings.id);
    expect(
      stored.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, locations: f.locations })),
    ).toEqual(
      sampleFindings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, locations: f.locations })),
    );

    // subjects: the document's code/name pairs under its year, parents by prefix
    const subj = await db
      .select()
      .from(s.subjects)
      .where(and(eq(s.subjects.code, "2010301"), eq(s.subjects.year, 2023)));
    expect(subj).toMatchObject([{ kind: "function", level: 3, name: "行政运行", parentCode: "20103" }]);
    // 类 names without the ordinal that 公开01表 prints before them
    const classes = await db
      .select({ code: s.subjects.code, name: s.subjects.name })
      .from(s.subjects)
      .where(and(eq(s.subjects.kind, "function"), eq(s.subjects.year, 2023), inArray(s.subjects.code, ["201", "202"])))
      .orderBy(s.subjects.code);
    expect(classes).toEqual([
      { code: "201", name: "一般公共服务支出" },
      { code: "202", name: "外交支出" },
    ]);
    const econ = await db
      .select()
      .from(s.subjects)
      .where(and(eq(s.subjects.kind, "economic"), eq(s.subjects.code, "30201"), eq(s.subjects.year, 2023)));
    expect(econ).toMatchObject([{ level: 2, name: "办公费", parentCode: "302" }]);
  });

  test("export returns the canonical report unchanged", async () => {
    const report = makeReport({ department: "导出局" });
    await loadReport(get().db, report, { findings: [] });
    expect(await exportReport(get().db, "导出局", 2023)).toEqual(report);
    expect(await exportReport(get().db, "导出局", 2022)).toBeNull();
  });

  test("loading the same bytes twice is 'unchanged' and writes nothing", async () => {
    const report = makeReport({ department: "重复局" });
    const first = await loadReport(get().db, report, { findings: sampleFindings });
    const before = await rowCounts(get().db);
    const again = await loadReport(get().db, structuredClone(report), { findings: sampleFindings });
    expect(again).toEqual({ status: "unchanged", reportId: first.reportId, revision: 1 });
    expect(await rowCounts(get().db)).toEqual(before);
  });

  test("a corrected copy becomes revision 2; revision 1 and its rows are kept, only 2 is latest", async () => {
    const db = get().db;
    const v1 = makeReport({ department: "修订局" });
    const first = await loadReport(db, v1, { findings: [] });
    const v2 = revise(v1, (r) => (r.tables[0].rows[0].values.amount = "100.60"), "fix");
    const second = await loadReport(db, v2, { findings: [] });
    expect(second).toEqual({ status: "revised", reportId: expect.any(Number), revision: 2 });

    const revs = await db
      .select({ id: s.reports.id, revision: s.reports.revision, isLatest: s.reports.isLatest })
      .from(s.reports)
      .innerJoin(s.departments, eq(s.departments.id, s.reports.departmentId))
      .where(eq(s.departments.name, "修订局"))
      .orderBy(s.reports.revision);
    expect(revs).toEqual([
      { id: first.reportId, revision: 1, isLatest: false },
      { id: second.reportId, revision: 2, isLatest: true },
    ]);
    const gpb = async (reportId: number) =>
      (
        await db
          .select()
          .from(s.tableCells)
          .where(
            and(eq(s.tableCells.reportId, reportId), eq(s.tableCells.tableId, "t01"), eq(s.tableCells.rowOrder, 1)),
          )
      )[0].amount;
    expect(new D(await gpb(first.reportId)).toFixed(2)).toBe("100.50");
    expect(new D(await gpb(second.reportId)).toFixed(2)).toBe("100.60");
    expect((await exportReport(db, "修订局", 2023))?.tables[0].rows[0].values.amount).toBe("100.60");

    // the first bytes again are a new revision too: only the latest counts as "the same"
    expect((await loadReport(db, v1, { findings: [] })).revision).toBe(3);
  });

  test("a value finer than the column scale is refused and nothing of the report is written", async () => {
    const before = await rowCounts(get().db);
    const bad = revise(
      makeReport({ department: "精度局" }),
      (r) => (r.tables[1].rows[0].values.total = "100.6800001"),
      "fine",
    );
    await expect(loadReport(get().db, bad, { findings: sampleFindings })).rejects.toThrow(LoadError);
    await expect(loadReport(get().db, bad, { findings: [] })).rejects.toThrow(
      /收入决算表 第 1 行（合计）total 列.*7 位小数/,
    );
    expect(await rowCounts(get().db)).toEqual(before);
  });
});
