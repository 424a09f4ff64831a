import fs from "node:fs";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ingestBytes } from "../../db/ingest-bytes";
import { loadReport } from "../../db/load";
import { getDocumentExecution } from "../../db/queries/budget-execution";
import { getBudgetFlags } from "../../db/queries/budget-flags";
import { getBudgetMovers, getBudgetReview, getDepartmentBudgets } from "../../db/queries/budget-review";
import { searchEverything } from "../../db/queries/compare";
import { clearQueryCache } from "../../db/queries/cache";
import { runDataset } from "../../db/queries/datasets";
import * as s from "../../db/schema";
import { parseDocument } from "../../lib/ingest/parse";
import { readPdfText } from "../../lib/ingest/pdf/read-pdf";
import { pdfToSourceDoc } from "../../lib/ingest/pdf/to-source-doc";
import { csvHeader } from "../../lib/views/columns";
import { forEachDb } from "../helpers/test-db";

/*
 * The four corpus budgets load beside 决算. 万里街道 has its 2024 and 2025 budgets, so its spring review has a prior
 * year. No 决算 of the corpus belongs to a budgeted department, so one is made: seed 004 (a 2023 部门决算 of 烟台市
 * 财政局) renamed to 上海市普陀区人民政府办公室 for 2024, whose 一般公共预算财政拨款支出决算表 codes then meet the office's
 * 2025 budget's b05 rows where they share codes — enough to show that the review joins 决算 N−1 to 预算 N−1 and N.
 */
const BUDGETS = path.resolve(import.meta.dirname, "../fixtures/pdf/budgets");
const DOCS = path.resolve(import.meta.dirname, "../fixtures/documents");
const OFFICE = "上海市普陀区人民政府办公室";
const WANLI = "上海市普陀区人民政府万里街道办事处";
const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<unknown> };

/** The office's 2025 budget as tab text, relabelled as its 2024 budget with one subject raised: a prior budget year. */
async function office2024Budget(): Promise<Uint8Array> {
  const file = path.join(BUDGETS, `${OFFICE}2025年部门预算.pdf`);
  const bytes = new Uint8Array(fs.readFileSync(file));
  const text = pdfToSourceDoc("x.pdf", bytes, await readPdfText("x.pdf", bytes)).doc.text;
  return new TextEncoder().encode(text.replace(/2025年/g, "2024年").replace(/2024年预算/g, "2023年预算"));
}

forEachDb("budgets beside final accounts", (get) => {
  beforeAll(async () => {
    const t = get();
    g.__fiscalLensStore = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {}, where: t.label });
    for (const f of fs.readdirSync(BUDGETS).sort()) {
      const o = await ingestBytes(t.db, f, new Uint8Array(fs.readFileSync(path.join(BUDGETS, f))), { user: "测试" });
      expect(o.ok, o.ok ? "" : o.reason).toBe(true);
    }
    const seed = parseDocument("004.txt", new Uint8Array(fs.readFileSync(path.join(DOCS, "004_fcc6ab7362c41973.txt"))));
    await loadReport(
      t.db,
      { ...seed, department: OFFICE, year: 2024, source: { ...seed.source, sha256: "f".repeat(64) } },
      { findings: [] },
    );
    clearQueryCache();
  });
  afterAll(() => {
    g.__fiscalLensStore = undefined;
  });

  test("each budget is one latest row with its exact figures, its coded cells stored as lines, logged as loaded", async () => {
    const { db } = get();
    const list = await db
      .select({ year: s.budgets.year, scope: s.budgets.scope, figures: s.budgets.figures, id: s.budgets.id })
      .from(s.budgets)
      .where(eq(s.budgets.isLatest, true));
    expect(list.map((b) => `${b.year} ${b.scope}`).sort()).toEqual([
      "2024 部门预算",
      "2025 单位预算",
      "2025 部门预算",
      "2025 部门预算",
    ]);
    const wanli2024 = list.find((b) => b.year === 2024)!;
    expect(wanli2024.figures).toMatchObject({
      incomeTotal: "15621.1123",
      sangongBudget: "47.91",
      procurementBudget: "1662.44",
    });
    const [line] = await db
      .select()
      .from(s.budgetLines)
      .where(
        and(
          eq(s.budgetLines.budgetId, wanli2024.id),
          eq(s.budgetLines.code, "2210201"),
          eq(s.budgetLines.tableId, "b05"),
          eq(s.budgetLines.column, "total"),
        ),
      );
    expect(line).toMatchObject({ name: "住房公积金", value: "350.349900" }); // 3,503,499 元
    const cells = await db
      .select({ value: s.budgetLines.value })
      .from(s.budgetLines)
      .where(eq(s.budgetLines.budgetId, wanli2024.id));
    expect(cells.length).toBeGreaterThan(200);
    const [log] = await db.select({ n: count() }).from(s.importLog).where(eq(s.importLog.status, "created"));
    expect(log.n).toBe(4);
    // the office's 部门预算 and 单位预算 are one organisation: one department row
    const depts = await db.select({ name: s.departments.name }).from(s.departments);
    expect(depts.map((d) => d.name).sort()).toEqual([WANLI, OFFICE].sort());
  });

  test("the same bytes again change nothing; other bytes become revision 2", async () => {
    const { db } = get();
    const file = `${WANLI}2025年部门预算.pdf`;
    const bytes = new Uint8Array(fs.readFileSync(path.join(BUDGETS, file)));
    const again = await ingestBytes(db, file, bytes, { user: "测试" });
    expect(again.ok && again.status).toBe("unchanged");
    const edited = await office2024Budget();
    const first = await ingestBytes(db, "office2024.txt", edited, { user: "测试" });
    expect(first.ok && first.status).toBe("created");
    const revised = await ingestBytes(
      db,
      "office2024.txt",
      new TextEncoder().encode(new TextDecoder().decode(edited).replaceAll("46,140,000.00", "40,140,000.00")),
      { user: "测试" },
    );
    expect(revised.ok && [revised.status, revised.result.revision]).toEqual(["revised", 2]);
    clearQueryCache();
  });

  test("spring review: budget N beside budget N−1, with the change per subject and the department's reasons", async () => {
    const { db } = get();
    const [wanli] = await db.select({ id: s.departments.id }).from(s.departments).where(eq(s.departments.name, WANLI));
    const r = (await getBudgetReview(wanli.id, 2025))!;
    expect([r.budget?.year, r.priorBudget?.year, r.priorFinal]).toEqual([2025, 2024, null]);
    // 2120101 行政运行: 16,603,248 元 in 2024 (the text rounds it to 1660.32), exact in 万元 on both sides
    const admin = r.lines.find((l) => l.code === "2120101")!;
    expect(admin.priorBudget).toBe("1660.3248");
    expect(admin.sourcePage).toBe(23); // 2120101 in the 2025 一般公共预算支出功能分类预算表, page 23 of the PDF
    expect([admin.budget, admin.growth, admin.growthPct]).toEqual(["1788.7739", "128.4491", "7.74"]);
    expect(r.lines.every((l) => l.flagged === false)).toBe(true); // no 决算 of 2024 is loaded: no execution to judge
    // the 2024 budget's own finding, placed on its PDF page
    const r2024 = (await getBudgetReview(wanli.id, 2024))!;
    const restated = r2024.findings.find((f) => f.rule === "B_N_SUBJECT_RESTATED")!;
    expect(restated.places.every((p) => p.endsWith("（第 9 页）"))).toBe(true);
    // 经济分类: 30102 津贴补贴, printed 3012 in 2024, meets its 2025 line
    const allowance = r.economic.find((l) => l.code === "30102")!;
    expect([allowance.name, allowance.priorBudget]).toEqual(["津贴补贴", "1662.381"]);
    expect(r.economic.some((l) => l.code === "3012")).toBe(false);
    expect(r.trend.map((t) => [t.year, t.sangongBudget, t.operatingCostBudget])).toEqual([
      [2024, "47.91", "443.18"],
      [2025, "37.91", "464.64"],
    ]);
  });

  test("with last year's 决算 loaded, the review shows last year's execution and puts growing, under-spent lines first", async () => {
    const { db } = get();
    const [office] = await db
      .select({ id: s.departments.id })
      .from(s.departments)
      .where(eq(s.departments.name, OFFICE));
    const r = (await getBudgetReview(office.id, 2025))!;
    expect(r.budget?.scope).toBe("部门预算");
    expect(r.priorBudget?.year).toBe(2024);
    expect(r.priorFinal?.year).toBe(2024);
    const withFinal = r.lines.filter((l) => l.priorFinal !== null && l.priorBudget !== null);
    expect(withFinal.length).toBeGreaterThan(0);
    for (const l of withFinal) {
      expect(l.priorExecution).toBe(((Number(l.priorFinal) / Number(l.priorBudget)) * 100).toFixed(2));
    }
    // 2010302: 4014 (revision 2 of the 2024 budget) → 4614 in 2025: +14.95%
    const line = r.lines.find((l) => l.code === "2010302")!;
    expect([line.priorBudget, line.budget, line.growth, line.growthPct]).toEqual(["4014", "4614", "600", "14.95"]);
    const firstUnflagged = r.lines.findIndex((l) => !l.flagged);
    expect(r.lines.slice(firstUnflagged).some((l) => l.flagged)).toBe(false);
  });

  test("city movers: every budgeted department of the year, biggest change first", async () => {
    const movers = await getBudgetMovers(2025);
    expect(movers.map((m) => m.department)).toContain(WANLI);
    const wanli = movers.find((m) => m.department === WANLI && m.scope === "部门预算")!;
    expect([wanli.budget, wanli.priorBudget, wanli.change]).toEqual(["18976.7551", "15621.1123", "3355.6428"]);
  });

  test("budget-season flags: growth on an under-spent line, 三公 up, a budget that does not add up", async () => {
    const f2024 = await getBudgetFlags(2024);
    // 万里街道 2024 says its 三公 budget rises by 25 万元 (no 2023 budget is loaded), and its 住房公积金 paragraph states two budgets
    expect(f2024.filter((f) => f.kind === "sangongUp").map((f) => [f.department, f.value, f.detail])).toEqual([
      [WANLI, "25", "据预算说明"],
    ]);
    // … and the office's made-up 2024 budget, one subject cut by 600 万元 without its totals, no longer adds up
    const errors = f2024.filter((f) => f.kind === "budgetError");
    expect(errors.find((f) => f.department === WANLI)?.value).toBe("1");
    expect(Number(errors.find((f) => f.department === OFFICE)?.value)).toBeGreaterThan(0);
    expect(errors).toHaveLength(2);
    const f2025 = await getBudgetFlags(2025);
    // 万里街道 2025: 37.91 against 47.91 — down, not flagged
    expect(f2025.some((f) => f.kind === "sangongUp" && f.department === WANLI)).toBe(false);
    const growth = f2025.filter((f) => f.kind === "growthLowExecution");
    const review = (await getBudgetReview(
      (
        await get().db.select({ id: s.departments.id }).from(s.departments).where(eq(s.departments.name, OFFICE))
      )[0].id,
      2025,
    ))!;
    expect(growth.length).toBeGreaterThan(0);
    // exactly the lines the review marks
    expect(growth.map((f) => f.code).sort()).toEqual(
      review.lines
        .filter((l) => l.flagged)
        .map((l) => l.code)
        .sort(),
    );
    for (const f of growth) {
      const line = review.lines.find((l) => l.code === f.code)!;
      expect([f.value, f.detail]).toEqual([line.growthPct, line.priorExecution]);
    }
  });

  test("CSV/JSON: the review and the movers come from the same queries as the page", async () => {
    const [office] = await get()
      .db.select({ id: s.departments.id })
      .from(s.departments)
      .where(eq(s.departments.name, OFFICE));
    const review = await runDataset("budget-review", { dept: String(office.id), year: "2025" });
    expect(review?.rows).toEqual((await getBudgetReview(office.id, 2025))!.lines);
    // the JSON names each column's format; the CSV header carries the unit
    expect(review?.columns.find((c) => c.key === "priorExecution")).toMatchObject({
      label: "上年执行率",
      format: "pct",
    });
    expect(review?.columns.map(csvHeader)).toContain("上年执行率（%）");
    const movers = await runDataset("budget-movers", { year: "2025" });
    expect(movers?.rows).toEqual(await getBudgetMovers(2025));
    expect(await runDataset("budget-review", { dept: "x" })).toMatchObject({ rows: [] });
  });

  test("a 部门预算's 部门机构设置 links its units to the department (its own 本部 left out)", async () => {
    const [wanli] = await get()
      .db.select({ id: s.departments.id })
      .from(s.departments)
      .where(eq(s.departments.name, WANLI));
    const links = await get()
      .db.select({ unit: s.departmentUnits.unitName })
      .from(s.departmentUnits)
      .where(eq(s.departmentUnits.parentId, wanli.id));
    expect(links.map((l) => l.unit).sort()).toEqual(
      [
        "上海市普陀区万里街道社区事务受理服务中心",
        "上海市普陀区万里街道社区党群服务中心",
        "上海市普陀区万里街道城市运行管理中心",
        "上海市普陀区万里街道经济发展服务中心",
        "上海市普陀区万里街道综合行政执法队",
      ].sort(),
    );
  });

  test("execution at full granularity: a 决算 and a budget of the same department and year, subject by subject", async () => {
    const { db } = get();
    const seed = parseDocument("004.txt", new Uint8Array(fs.readFileSync(path.join(DOCS, "004_fcc6ab7362c41973.txt"))));
    await loadReport(
      db,
      { ...seed, department: OFFICE, year: 2025, source: { ...seed.source, sha256: "e".repeat(64) } },
      { findings: [] },
    );
    clearQueryCache();
    const [office] = await db
      .select({ id: s.departments.id })
      .from(s.departments)
      .where(eq(s.departments.name, OFFICE));
    const list = await getDocumentExecution(2025);
    expect(list.map((d) => d.department)).toEqual([OFFICE]);
    const row = list[0];
    expect([row.budgetScope, row.finalScope, row.budget, row.subjects]).toEqual([
      "部门预算",
      "单位决算",
      "9101.677535",
      12,
    ]);
    // the 决算 side: the seed's t05 类 rows for the budget's four 类, as stored
    const t05 = seed.tables.find((t) => t.id === "t05")!;
    const final = ["201", "208", "210", "221"].reduce(
      (a, c) => a + Number(t05.rows.find((r) => r.code === c)?.values.total ?? 0),
      0,
    );
    expect(Number(row.final)).toBeCloseTo(final, 6);
    expect(row.rate).toBe(((final / 9101.677535) * 100).toFixed(2));
    // the department's review now carries this year's execution per subject
    const review = (await getBudgetReview(office.id, 2025))!;
    expect(review.final?.year).toBe(2025);
    const admin = review.lines.find((l) => l.code === "2010301")!;
    const finalAdmin = t05.rows.find((r) => r.code === "2010301")?.values.total ?? null;
    expect(admin.final).toBe(finalAdmin);
    expect(admin.execution).toBe(finalAdmin === null ? null : ((Number(finalAdmin) / 1202.950184) * 100).toFixed(2));
    // 三公 by category: the budget document's 867.50 against the 决算's t09
    const t09 = seed.tables.find((t) => t.id === "t09")!.rows[0].values;
    const total = review.categories.find((c) => c.label === "“三公”经费合计")!;
    expect([total.budget, total.final, total.finalBudget]).toEqual([
      "867.50",
      t09.finalTotal ?? null,
      t09.budgetTotal ?? null,
    ]);
    // the department page's budget section: each budget, with the execution its 决算 of the same year shows
    const budgets = await getDepartmentBudgets(office.id);
    expect(budgets.map((b) => [b.year, b.scope])).toEqual([
      [2025, "单位预算"],
      [2025, "部门预算"],
      [2024, "部门预算"],
    ]);
    const t05total = t05.rows.find((r) => r.key === "total")!.values.total!;
    expect(budgets[1].execution).toBe(((Number(t05total) / 9101.677535) * 100).toFixed(2));
    expect(total.rate).toBe(t09.finalTotal === undefined ? null : ((Number(t09.finalTotal) / 867.5) * 100).toFixed(2));
  });

  test("search finds a department known only by its budgets, and a department with both documents once", async () => {
    const wanli = (await searchEverything("万里街道", false)).filter((h) => h.kind === "department");
    expect(wanli.map((h) => [h.department, h.year])).toEqual([[WANLI, 2025]]);
    const office = (await searchEverything("人民政府办公室", false)).filter((h) => h.kind === "department");
    expect(office.map((h) => h.department)).toEqual([OFFICE]);
  });
});
