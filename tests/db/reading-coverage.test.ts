import { readFileSync } from "node:fs";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { runDataset } from "../../db/queries/datasets";
import { getCoverageRanking, getCoverageSummary, getUnreadNotes } from "../../db/queries/quality";
import { loadReport } from "../../db/load";
import * as s from "../../db/schema";
import type { Db } from "../../db/types";
import { auditReport } from "../../lib/audit/run";
import { computeCoverage } from "../../lib/report/coverage";
import { parseDocument } from "../../lib/ingest/parse";
import type { Report, Unread } from "../../lib/report/schema";
import { makeReport, mutate, removeTable } from "../helpers/factories";
import { forEachDb, type TestDb } from "../helpers/test-db";

const DOCS = path.resolve(import.meta.dirname, "../fixtures/documents");
const seed = (file: string) => parseDocument(file, new Uint8Array(readFileSync(path.join(DOCS, file))));
const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<unknown> };

const note = (part: Unread["part"], where: string, extra: Partial<Unread> = {}): Unread => ({
  part,
  where,
  text: `${where}的原文……`,
  message: "无法读取",
  ...extra,
});
const named = (r: Report, department: string) =>
  mutate(r, (x) => {
    x.department = department;
    x.source.sha256 = Buffer.from(department).toString("hex").padEnd(64, "0").slice(0, 64);
  });

/** A PDF report with one table unread, a statement and a section unread, a cell open and a table kept raw. */
const partialPdf = named(
  mutate(removeTable(makeReport(), "t02"), (x) => {
    x.source = {
      ...x.source,
      fileName: "部分读取.pdf",
      layout: "pdf",
      pages: 12,
      pageStarts: [1, 50, 100, 150, 200, 250, 300, 350, 400, 450, 500, 550],
    };
    x.unread = [
      note("table", "公开02表 收入决算表", { sourceLine: 210 }),
      note("statement", "三、收入决算情况说明", { sourceLine: 305, page: 7 }),
      note("section", "十一、国有资产占用情况说明", { sourceLine: 396 }),
    ];
    x.ambiguities = [
      {
        table: "t03",
        sourceLine: 160,
        message:
          "「201 一般公共服务支出」一行的金额 5.00 可以归入不同的栏目，表内及表间勾稽关系都无法确定：①基本支出；②项目支出。暂按①处理，请核对原表",
      },
    ];
    x.extraTables = [
      {
        title: "项目支出决算表",
        sourceLine: 600,
        rows: [
          ["项目", "金额"],
          ["信息系统运维", "100.00"],
        ],
      },
    ];
  }),
  "部分读取局",
);
/** A text report with one statement unread: read better than the PDF above. */
const oneStatement = named(
  mutate(makeReport(), (x) => x.unread.push(note("statement", "九、机关运行经费支出情况说明", { sourceLine: 380 }))),
  "少量未读局",
);
/** Notes of every part and no appendix at all (that part then drops out of the mean). */
const noAppendix = named(
  mutate(makeReport(), (x) => {
    x.appendix = { performanceSheets: [] };
    x.unread = [
      note("cover", "第一部分 概况"),
      note("appendix", "绩效自评表"),
      ...Array.from({ length: 6 }, (_, i) => note("statement", `第 ${i + 1} 句`, { sourceLine: 300 + i })),
    ];
  }),
  "附件未读局",
);
const whole = named(makeReport(), "完整读取局");

const COVERAGE_COLUMNS = {
  coverage: s.reports.coverage,
  tablesRead: s.reports.tablesRead,
  cellsPlaced: s.reports.cellsPlaced,
  cellsOpen: s.reports.cellsOpen,
  statementsRead: s.reports.statementsRead,
  statementsUnread: s.reports.statementsUnread,
  unreadCount: s.reports.unreadCount,
  extraTables: s.reports.extraTables,
};

async function stored(db: Db, department: string) {
  const [row] = await db
    .select({ id: s.reports.id, ...COVERAGE_COLUMNS })
    .from(s.reports)
    .innerJoin(s.departments, eq(s.departments.id, s.reports.departmentId))
    .where(eq(s.departments.name, department));
  return row;
}

function expectedColumns(r: Report) {
  const c = computeCoverage(r);
  return {
    coverage: c.percent,
    tablesRead: c.tables.read,
    cellsPlaced: c.cells.placed,
    cellsOpen: c.cells.open,
    statementsRead: c.statements.recognised,
    statementsUnread: c.statements.unread,
    unreadCount: c.unread.total,
    extraTables: c.extraTables.count,
  };
}
const numeric = (v: string | null) => (v === null ? null : String(Number(v)));

forEachDb("reading coverage in the store", (get) => {
  const reports = [
    partialPdf,
    oneStatement,
    noAppendix,
    whole,
    seed("000_de383ccec50b5c0e.txt"),
    seed("004_fcc6ab7362c41973.txt"),
  ];

  beforeAll(async () => {
    const t: TestDb = get();
    g.__fiscalLensStore = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {}, where: t.label });
    for (const report of reports) await loadReport(t.db, report, { findings: auditReport(report) });
  }, 300_000);
  afterAll(() => {
    g.__fiscalLensStore = undefined;
  });

  test("the load writes the coverage figures on the reports row, the same as computeCoverage", async () => {
    for (const r of reports) {
      const row = await stored(get().db, r.department);
      const want = expectedColumns(r);
      expect({ ...row, id: undefined, coverage: numeric(row.coverage) }, r.department).toEqual({
        ...want,
        id: undefined,
        coverage: numeric(want.coverage),
      });
    }
    expect(numeric((await stored(get().db, "部分读取局")).coverage)).not.toBe("100");
    expect(numeric((await stored(get().db, "烟台市大数据局")).coverage)).toBe("100");
  });

  test("each unread note is a row, with the PDF page resolved from its line", async () => {
    const { id } = await stored(get().db, "部分读取局");
    const notes = await get()
      .db.select()
      .from(s.unreadNotes)
      .where(eq(s.unreadNotes.reportId, id))
      .orderBy(asc(s.unreadNotes.ord));
    expect(notes.map((n) => [n.ord, n.part, n.place, n.sourceLine, n.page])).toEqual([
      [1, "table", "公开02表 收入决算表", 210, 5],
      [2, "statement", "三、收入决算情况说明", 305, 7],
      [3, "section", "十一、国有资产占用情况说明", 396, 8],
    ]);
    expect(notes[0].text).toBe("公开02表 收入决算表的原文……");
  });

  test("the migration's backfill of reports loaded before coverage gives the same figures and notes", async () => {
    const db = get().db;
    const before = await db
      .select({ id: s.reports.id, ...COVERAGE_COLUMNS })
      .from(s.reports)
      .orderBy(asc(s.reports.id));
    const notesBefore = await db
      .select()
      .from(s.unreadNotes)
      .orderBy(asc(s.unreadNotes.reportId), asc(s.unreadNotes.ord));
    const migration = readFileSync(
      path.resolve(import.meta.dirname, "../../db/migrations/0002_reading_coverage.sql"),
      "utf8",
    ).split("--> statement-breakpoint");
    const backfill = migration.slice(migration.findIndex((m) => m.includes('INSERT INTO "unread_notes"')));
    expect(backfill).toHaveLength(3);
    try {
      await db.execute(sql`delete from unread_notes`);
      await db.execute(
        sql`update reports set coverage = null, tables_read = 0, cells_placed = 0, cells_open = 0, statements_read = 0, statements_unread = 0, unread_count = 0, extra_tables = 0`,
      );
      // as the migrator runs it: in one transaction (the backfill sets jit off for itself only)
      await db.transaction(async (tx) => {
        for (const statement of backfill) await tx.execute(sql.raw(statement));
      });
      const after = await db
        .select({ id: s.reports.id, ...COVERAGE_COLUMNS })
        .from(s.reports)
        .orderBy(asc(s.reports.id));
      expect(after.map((r) => ({ ...r, coverage: numeric(r.coverage) }))).toEqual(
        before.map((r) => ({ ...r, coverage: numeric(r.coverage) })),
      );
      const notesAfter = await db
        .select()
        .from(s.unreadNotes)
        .orderBy(asc(s.unreadNotes.reportId), asc(s.unreadNotes.ord));
      // the backfill copies the notes as the report holds them: the page only where the note gives one
      expect(notesAfter.map((n) => ({ ...n, page: null }))).toEqual(notesBefore.map((n) => ({ ...n, page: null })));
    } finally {
      // the rest of this file reads the notes as the load wrote them
      await db.execute(sql`delete from unread_notes`);
      for (const n of notesBefore) await db.insert(s.unreadNotes).values(n);
    }
  });

  test("/quality ranks the reports not read whole, least read first, each with its first notes", async () => {
    const f = { synthetic: true, year: 2023 };
    const ranking = await getCoverageRanking(f, 50, 0, 2);
    const order = ["附件未读局", "部分读取局", "少量未读局"];
    // (8/9 × 106/107 + 36/38) / 2 … each computed by computeCoverage
    const expected = order.map(
      (d) => computeCoverage([partialPdf, oneStatement, noAppendix].find((r) => r.department === d)!).percent,
    );
    expect(expected.map(Number)).toEqual([...expected.map(Number)].sort((a, b) => a - b));
    expect(ranking.map((r) => [r.department, numeric(r.coverage)])).toEqual(
      order.map((d, i) => [d, numeric(expected[i])]),
    );
    const pdf = ranking.find((r) => r.department === "部分读取局")!;
    expect(pdf).toMatchObject({
      tablesRead: 8,
      cellsOpen: 1,
      unreadCount: 3,
      extraTables: 1,
      layout: "pdf",
      sourceFile: "部分读取.pdf",
    });
    expect(pdf.notes).toEqual([
      {
        part: "table",
        place: "公开02表 收入决算表",
        sourceLine: 210,
        page: 5,
        text: "公开02表 收入决算表的原文……",
        message: "无法读取",
      },
      {
        part: "statement",
        place: "三、收入决算情况说明",
        sourceLine: 305,
        page: 7,
        text: "三、收入决算情况说明的原文……",
        message: "无法读取",
      },
    ]);
    // paging
    expect((await getCoverageRanking(f, 2, 2)).map((r) => r.department)).toEqual(["少量未读局"]);
    // real documents only: the two seeds are read whole
    expect(await getCoverageRanking({ synthetic: false, year: 2023 }, 50)).toEqual([]);
  });

  test("the summary counts the reports not read whole and their notes by part", async () => {
    expect(await getCoverageSummary({ synthetic: true, year: 2023 })).toEqual({
      reports: 6,
      partial: 3,
      notes: 12,
      cellsOpen: 1,
      extraTables: 1,
      byPart: { table: 1, statement: 8, section: 1, cover: 1, appendix: 1 },
    });
    expect(await getCoverageSummary({ synthetic: false, year: 2023 })).toMatchObject({
      reports: 2,
      partial: 0,
      notes: 0,
    });
  });

  test("the datasets: one row per report not read whole, and one per unread note", async () => {
    const cov = await runDataset("coverage", { year: "2023", synthetic: "1" });
    expect(cov?.rows.map((r: Record<string, unknown>) => r.department)).toEqual([
      "附件未读局",
      "部分读取局",
      "少量未读局",
    ]);
    expect(cov?.rows[1].notes).toBe(
      "第5页 表格·公开02表 收入决算表：无法读取；第7页 语句·三、收入决算情况说明：无法读取；第8页 段落·十一、国有资产占用情况说明：无法读取",
    );
    const notes = await runDataset("unread-notes", { year: "2023", synthetic: "1" });
    expect(notes?.rows).toHaveLength(12);
    expect(notes?.rows.find((r: Record<string, unknown>) => r.department === "少量未读局")).toMatchObject({
      part: "语句",
      place: "九、机关运行经费支出情况说明",
      sourceLine: 380,
      page: null,
    });
    expect((await getUnreadNotes({ synthetic: false, year: 2023 })).length).toBe(0);
  });
});
