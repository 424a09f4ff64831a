import { and, asc, eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { readYearNeighbours, refreshCrossYearFindings, RESTATED_PRIOR_YEAR } from "../../db/cross-year";
import { exportReport } from "../../db/export";
import { LoadError, loadReport } from "../../db/load";
import * as s from "../../db/schema";
import type { Report } from "../../lib/report/schema";
import { forEachDb } from "../helpers/test-db";
import { makeReport, revise } from "./fixtures";

// Every character that means something inside a Postgres array literal or a SQL string, plus the word NULL.
const NASTY = [
  '引号"与\\反斜杠',
  "{花括号}, 逗号",
  "NULL",
  "null",
  " 前后空格 ",
  "单引号'；分号;--",
  "换行\n制表\t",
  "",
];

forEachDb("one-statement load", (get) => {
  test.each(NASTY.map((text, i) => [i, text]))("text %i survives the bulk encoding exactly: %j", async (i, text) => {
    const department = `编码局${i}`;
    const report = revise(
      makeReport({ department }),
      (r) => {
        r.tables[1].rows[2].name = `${text}事务`;
        const ind = r.appendix.performanceSheets[0].indicators[1];
        ind.target = text;
        ind.deviation = text;
        r.narrative.changes[0].reason = text;
      },
      `nasty${i}`,
    );
    const { reportId } = await loadReport(get().db, report, { findings: [] });
    const db = get().db;
    const [row] = await db
      .select({ name: s.tableRows.name })
      .from(s.tableRows)
      .where(and(eq(s.tableRows.reportId, reportId), eq(s.tableRows.tableId, "t02"), eq(s.tableRows.rowOrder, 3)));
    expect(row.name).toBe(`${text}事务`);
    const [project] = await db
      .select({ id: s.performanceProjects.id })
      .from(s.performanceProjects)
      .where(and(eq(s.performanceProjects.reportId, reportId), eq(s.performanceProjects.ord, 1)));
    const [ind] = await db
      .select({ target: s.performanceIndicators.target, deviation: s.performanceIndicators.deviation })
      .from(s.performanceIndicators)
      .where(and(eq(s.performanceIndicators.projectId, project.id), eq(s.performanceIndicators.ord, 2)));
    // a string "NULL" stays a string; only an absent value is NULL
    expect(ind).toEqual({ target: text, deviation: text });
    const [change] = await db
      .select({ reason: s.narrativeChanges.reason })
      .from(s.narrativeChanges)
      .where(and(eq(s.narrativeChanges.reportId, reportId), eq(s.narrativeChanges.ord, 1)));
    expect(change.reason).toBe(text);
    expect(await exportReport(db, department, 2023)).toEqual(report);
  });

  test("an absent value is NULL in the store, never the text 'NULL' or ''", async () => {
    const { reportId } = await loadReport(get().db, makeReport({ department: "空值局" }), { findings: [] });
    const rows = await get()
      .db.select({ code: s.tableRows.code, key: s.tableRows.rowKey })
      .from(s.tableRows)
      .where(and(eq(s.tableRows.reportId, reportId), eq(s.tableRows.tableId, "t02")))
      .orderBy(asc(s.tableRows.rowOrder));
    // fixtures t02: 合计 has a key and no code, the subject rows a code and no key
    expect(rows).toEqual([
      { code: null, key: "total" },
      { code: "201", key: null },
      { code: "20103", key: null },
      { code: "2010301", key: null },
    ]);
  });

  test("a load that fails leaves no subject behind, and the next good load of the same subjects stores them", async () => {
    const db = get().db;
    const fresh = (r: Report) => {
      // a code no other test loads, so only this report can have put it in the store
      r.tables[2].rows[1].code = "2129901";
      r.tables[2].rows[1].name = "其他城乡社区支出";
    };
    const stored = () =>
      db
        .select()
        .from(s.subjects)
        .where(and(eq(s.subjects.code, "2129901"), eq(s.subjects.year, 2023)));
    const bad = revise(
      makeReport({ department: "科目局" }),
      (r) => (fresh(r), (r.tables[1].rows[0].values.total = "100.6800001")),
      "bad",
    );
    await expect(loadReport(db, bad, { findings: [] })).rejects.toThrow(LoadError);
    expect(await stored()).toEqual([]);
    await loadReport(db, revise(makeReport({ department: "科目局" }), fresh, "good"), { findings: [] });
    expect(await stored()).toMatchObject([
      { kind: "function", level: 3, name: "其他城乡社区支出", parentCode: "21299" },
    ]);
  });

  test("the prior-year read returns the two neighbouring years only, narrowed to what the check reads", async () => {
    const db = get().db;
    const dept = "邻年局";
    for (const year of [2020, 2021, 2022, 2023, 2024])
      await loadReport(db, makeReport({ department: dept, year }), { findings: [] });
    const [{ id: departmentId }] = await db
      .select({ id: s.departments.id })
      .from(s.departments)
      .where(eq(s.departments.name, dept));
    const n = await readYearNeighbours(db, departmentId, 2022, "部门决算");
    expect(n.current).toMatchObject({ revision: 1 });
    expect(n.prior?.side.year).toBe(2021);
    expect(n.prior?.side.tables.map((t) => t.id)).toEqual(["t01", "t02", "t03", "t04", "t05"]);
    expect(Object.keys(n.prior?.side ?? {}).sort()).toEqual(["scope", "tables", "year"]);
    expect(n.next?.side.year).toBe(2023);
    expect(n.next?.side.narrative.changes.map((c) => c.key)).toEqual([
      "grandTotal",
      "income.fiscal",
      "expenditure.basic",
    ]);
    expect(Object.keys(n.next?.side ?? {}).sort()).toEqual(["narrative", "scope", "year"]);
    expect(await readYearNeighbours(db, departmentId, 2030, "部门决算")).toEqual({});
    expect(await readYearNeighbours(db, departmentId, 2022, "单位决算")).toEqual({});
  });

  test("refreshCrossYearFindings standing alone rebuilds a year's RESTATED_PRIOR_YEAR findings", async () => {
    const db = get().db;
    const dept = "重算局";
    // the 2023 narrative implies a 2022 收支总计 of 110.00; this 2022 printed 112.00
    const prior = revise(
      makeReport({ department: dept, year: 2022 }),
      (r) => {
        for (const row of r.tables[0].rows) if (row.key === "grandTotal") row.values.amount = "112.00";
        r.tables[1].rows[0].values.fiscal = "90.00";
        r.tables[2].rows[0].values.basic = "60.68";
      },
      "2022",
    );
    await loadReport(db, prior, { findings: [] });
    const { reportId } = await loadReport(db, makeReport({ department: dept }), { findings: [] });
    const restated = () =>
      db
        .select({ found: s.findings.found })
        .from(s.findings)
        .where(and(eq(s.findings.reportId, reportId), eq(s.findings.rule, RESTATED_PRIOR_YEAR)));
    expect(await restated()).toEqual([{ found: "110.00" }]);
    await db.execute(sql`DELETE FROM findings WHERE report_id = ${reportId}`);
    const [{ id: departmentId }] = await db
      .select({ id: s.departments.id })
      .from(s.departments)
      .where(eq(s.departments.name, dept));
    expect(await refreshCrossYearFindings(db, departmentId, 2023, "部门决算")).toBe(1);
    expect(await restated()).toEqual([{ found: "110.00" }]);
    // run again: replaced, not doubled
    expect(await refreshCrossYearFindings(db, departmentId, 2023, "部门决算")).toBe(1);
    expect(await restated()).toHaveLength(1);
  });
});
