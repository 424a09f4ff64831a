import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { exportReport } from "../../db/export";
import * as s from "../../db/schema";
import type { Db } from "../../db/types";
import { parseDocument } from "../../lib/ingest/parse";
import { D } from "../../lib/money/decimal";
import { extractFigures } from "../../lib/report/figures";
import type { Report } from "../../lib/report/schema";
import { runIngest } from "../../scripts/cli/ingest";
import { forEachDb } from "../helpers/test-db";

const DOCS = path.resolve("tests/fixtures/documents");
const BIG_DATA = "000_de383ccec50b5c0e.txt"; // 烟台市大数据局 2023 部门决算, plain text
const GOV_OFFICE = "004_fcc6ab7362c41973.txt"; // 烟台市人民政府办公室 2023 单位决算, markdown

class Capture extends Writable {
  text = "";
  _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fiscal-lens-seeds-"));
  fs.copyFileSync(path.join(DOCS, BIG_DATA), path.join(dir, BIG_DATA));
  fs.copyFileSync(path.join(DOCS, GOV_OFFICE), path.join(dir, GOV_OFFICE));
  // the same document cut off before its first table, as a failed download would leave it (cut after a table, it
  // would load what it has, with the missing tables as unread notes: see the partly read copy below)
  const lines = fs.readFileSync(path.join(DOCS, BIG_DATA), "utf8").split("\n");
  const firstTable = lines.findIndex((l, i) => i > 100 && l.trim() === "收入支出决算总表");
  fs.writeFileSync(path.join(dir, "010_truncated.txt"), lines.slice(0, firstTable - 1).join("\n"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const parsed = (file: string) => parseDocument(file, fs.readFileSync(path.join(DOCS, file)));

async function latestId(db: Db, department: string, scope: Report["scope"]): Promise<number> {
  const [r] = await db
    .select({ id: s.reports.id })
    .from(s.reports)
    .innerJoin(s.departments, eq(s.departments.id, s.reports.departmentId))
    .where(and(eq(s.departments.name, department), eq(s.reports.scope, scope), eq(s.reports.isLatest, true)));
  return r.id;
}

/** table/row-key/column → amount, from the store */
async function cellsOf(db: Db, reportId: number): Promise<Map<string, string>> {
  const rows = await db
    .select({
      table: s.tableCells.tableId,
      order: s.tableCells.rowOrder,
      column: s.tableCells.columnKey,
      amount: s.tableCells.amount,
    })
    .from(s.tableCells)
    .where(eq(s.tableCells.reportId, reportId));
  return new Map(rows.map((r) => [`${r.table}#${r.order}#${r.column}`, r.amount]));
}

async function cellByKey(
  db: Db,
  reportId: number,
  table: string,
  match: { rowKey?: string; code?: string; section?: string },
  column: string,
) {
  const rows = await db
    .select({
      amount: s.tableCells.amount,
      rowKey: s.tableRows.rowKey,
      code: s.tableRows.code,
      section: s.tableRows.section,
    })
    .from(s.tableCells)
    .innerJoin(
      s.tableRows,
      and(
        eq(s.tableRows.reportId, s.tableCells.reportId),
        eq(s.tableRows.tableId, s.tableCells.tableId),
        eq(s.tableRows.rowOrder, s.tableCells.rowOrder),
      ),
    )
    .where(
      and(eq(s.tableCells.reportId, reportId), eq(s.tableCells.tableId, table), eq(s.tableCells.columnKey, column)),
    );
  const hit = rows.filter(
    (r) =>
      (match.rowKey === undefined || r.rowKey === match.rowKey) &&
      (match.code === undefined || r.code === match.code) &&
      (match.section === undefined || r.section === match.section),
  );
  return hit.length ? new D(hit[0].amount).toFixed(2) : undefined;
}

forEachDb("the seed documents through ingest", (get) => {
  test("a folder with both seeds and a truncated copy: the seeds load, the truncated one loads nothing, exit 1", async () => {
    const stdout = new Capture();
    const code = await runIngest([dir], { db: get().db, stdout, stderr: new Capture() });
    expect(code).toBe(1);
    expect(stdout.text).toContain("已载入 2 份，未变化 0 份，新修订 0 份，失败 1 份");
    expect(stdout.text).toContain(`烟台市大数据局 2023 年度部门决算（第 1 版）  ← ${BIG_DATA}`);
    expect(stdout.text).toContain(`烟台市人民政府办公室 2023 年度单位决算（第 1 版）  ← ${GOV_OFFICE}`);
    expect(stdout.text).toMatch(/失败 {4}文件 010_truncated\.txt，.*未找到任何决算公开表/);
    const reports = await get().db.select({ file: s.reports.sourceFile }).from(s.reports);
    expect(reports.map((r) => r.file).sort()).toEqual([BIG_DATA, GOV_OFFICE]);
  });

  test.each([
    [BIG_DATA, "烟台市大数据局", "部门决算"],
    [GOV_OFFICE, "烟台市人民政府办公室", "单位决算"],
  ] as const)(
    "%s: every table cell and figure in the store equals the parsed report",
    async (file, department, scope) => {
      const db = get().db;
      const report = parsed(file);
      const id = await latestId(db, department, scope);
      const cells = await cellsOf(db, id);
      let n = 0;
      for (const t of report.tables) {
        t.rows.forEach((row, i) => {
          for (const [column, amount] of Object.entries(row.values)) {
            const stored = cells.get(`${t.id}#${i + 1}#${column}`);
            expect(stored !== undefined && new D(stored).eq(amount), `${t.id} ${row.name} ${column}`).toBe(true);
            n++;
          }
        });
      }
      expect(cells.size).toBe(n);
      const figs = await db.select().from(s.figures).where(eq(s.figures.reportId, id));
      const expected = Object.entries(extractFigures(report)).filter(([, v]) => v !== undefined);
      expect(figs.length).toBe(expected.length);
      for (const [key, v] of expected)
        expect(new D(figs.find((f) => f.key === key)!.value).eq(String(v)), key).toBe(true);
      expect(await exportReport(db, department, 2023, scope)).toEqual(report);
    },
  );

  // Figures read off the documents by eye (公开01表 and the 合计 rows of 公开02/03表), not from the parser.
  test.each([
    ["烟台市大数据局", "部门决算", "t01", { rowKey: "incomeTotal" }, "amount", "8979.28"],
    ["烟台市大数据局", "部门决算", "t01", { rowKey: "expenditureTotal" }, "amount", "8979.11"],
    ["烟台市大数据局", "部门决算", "t01", { rowKey: "grandTotal", section: "income" }, "amount", "8979.95"],
    ["烟台市大数据局", "部门决算", "t01", { rowKey: "carryBegin" }, "amount", "0.66"],
    ["烟台市大数据局", "部门决算", "t02", { rowKey: "total" }, "fiscal", "8979.10"],
    ["烟台市大数据局", "部门决算", "t02", { rowKey: "total" }, "other", "0.18"],
    ["烟台市大数据局", "部门决算", "t02", { code: "2080505" }, "total", "101.65"],
    ["烟台市人民政府办公室", "单位决算", "t01", { rowKey: "incomeTotal" }, "amount", "8253.51"],
    ["烟台市人民政府办公室", "单位决算", "t01", { rowKey: "grandTotal", section: "expenditure" }, "amount", "8255.50"],
    ["烟台市人民政府办公室", "单位决算", "t02", { rowKey: "total" }, "other", "1.72"],
    ["烟台市人民政府办公室", "单位决算", "t03", { rowKey: "total" }, "basic", "3762.38"],
    ["烟台市人民政府办公室", "单位决算", "t03", { rowKey: "total" }, "project", "4489.91"],
    ["烟台市人民政府办公室", "单位决算", "t05", { rowKey: "total" }, "basic", "3761.88"],
  ] as const)("%s %s %s %j %s = %s", async (department, scope, table, match, column, value) => {
    const id = await latestId(get().db, department, scope);
    expect(await cellByKey(get().db, id, table, match, column)).toBe(value);
  });

  test("绩效: the nine sheets of 大数据局 pair with the nine summary rows, even where the names differ", async () => {
    const id = await latestId(get().db, "烟台市大数据局", "部门决算");
    const projects = await get()
      .db.select()
      .from(s.performanceProjects)
      .where(eq(s.performanceProjects.reportId, id))
      .orderBy(s.performanceProjects.ord);
    expect(projects).toHaveLength(9);
    expect(projects.every((p) => p.hasSheet && p.grade === "优")).toBe(true);
    // sheet "…科普宣传经费" (line 2113), summary "…科普宣传等经费 … 27.00 100.00 优" (line 1434)
    const training = projects.find((p) => p.name.startsWith("“数字强市”"))!;
    expect([training.name, new D(training.summaryBudget!).toFixed(2), training.grade]).toEqual([
      "“数字强市”培训调研考察科普宣传经费",
      "27.00",
      "优",
    ]);
    // the sheet prints four decimals (line 1617) where the summary row prints 604.62
    const brain = projects.find((p) => p.name === "烟台市城市大脑运行场所配套设施")!;
    expect([new D(brain.annual!).toFixed(4), new D(brain.summaryBudget!).toFixed(2)]).toEqual(["604.6242", "604.62"]);
    const indicators = await get()
      .db.select()
      .from(s.performanceIndicators)
      .where(eq(s.performanceIndicators.projectId, brain.id));
    expect(indicators.length).toBeGreaterThan(0);
  });

  test("the same folder again: both seeds unchanged; an edited seed becomes revision 2 with its old rows kept", async () => {
    const db = get().db;
    const again = new Capture();
    await runIngest([path.join(dir, BIG_DATA), path.join(dir, GOV_OFFICE)], {
      db,
      stdout: again,
      stderr: new Capture(),
    });
    expect(again.text).toContain("已载入 0 份，未变化 2 份，新修订 0 份，失败 0 份");

    const v1 = await latestId(db, "烟台市大数据局", "部门决算");
    // outside the shared folder, which the next database's batch test reads again
    const edited = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fiscal-lens-edit-")), "000_corrected.txt");
    fs.writeFileSync(
      edited,
      fs.readFileSync(path.join(DOCS, BIG_DATA), "utf8").replace("年初结转和结余 29 0.66", "年初结转和结余 29 0.67"),
    );
    const out = new Capture();
    expect(await runIngest([edited], { db, stdout: out, stderr: new Capture() })).toBe(0);
    expect(out.text).toContain("新修订  烟台市大数据局 2023 年度部门决算（第 2 版）");
    const v2 = await latestId(db, "烟台市大数据局", "部门决算");
    expect(v2).not.toBe(v1);
    expect(await cellByKey(db, v1, "t01", { rowKey: "carryBegin" }, "amount")).toBe("0.66");
    expect(await cellByKey(db, v2, "t01", { rowKey: "carryBegin" }, "amount")).toBe("0.67");
    fs.rmSync(path.dirname(edited), { recursive: true, force: true });
  });
});
