import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ingestBytes } from "../../db/ingest-bytes";
import { getFlags, getLargestReports, getOverviewTotals } from "../../db/queries/overview-flags";
import { getPerformancePage } from "../../db/queries/performance";
import { getFindings } from "../../db/queries/quality";
import { getEvidenceReport, getReportFinding, getSourcesOf } from "../../db/queries/source";
import { figurePlace, projectPlace } from "../../lib/report/evidence";
import { forEachDb, type TestDb } from "../helpers/test-db";

/*
 * The evidence behind the overview, /quality and /performance on the two real 2023 documents as `ingest` loads them
 * (originals kept): each link names a report and a place that the report's own document has.
 */
const DOCS = path.resolve(import.meta.dirname, "../fixtures/documents");
const FILES = ["000_de383ccec50b5c0e.txt", "004_fcc6ab7362c41973.txt"];
const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<unknown> };

const params = (href: string) => {
  const m = /^\/reports\/(\d+)\/evidence\?(.+)$/.exec(href);
  expect(m, href).not.toBeNull();
  return { reportId: Number(m![1]), q: new URLSearchParams(m![2]) };
};

forEachDb("evidence links on the real documents", (get) => {
  beforeAll(async () => {
    const t: TestDb = get();
    g.__fiscalLensStore = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {}, where: t.label });
    for (const f of FILES) {
      const o = await ingestBytes(t.db, f, new Uint8Array(fs.readFileSync(path.join(DOCS, f))), { user: "测试" });
      expect(o.ok, f).toBe(true);
    }
  }, 300_000);
  afterAll(() => {
    g.__fiscalLensStore = undefined;
  });

  test("every flag of a kept document links to a place its report prints", async () => {
    const flags = await getFlags(2023, false);
    expect(flags.length).toBeGreaterThan(3);
    for (const f of flags) {
      expect(f.evidence, `${f.kind} ${f.department}`).toBeDefined();
      expect(f.evidence!.title).toMatch(/[\u4e00-\u9fff]/);
      const { reportId, q } = params(f.evidence!.href);
      const r = (await getEvidenceReport(reportId))!;
      expect(r.departmentId).toBe(f.departmentId);
      if (q.has("figure")) expect(figurePlace(r.report, q.get("figure")!), f.text).toBeDefined();
      if (q.has("project"))
        expect(projectPlace(r.report, Number(q.get("project")))?.place).toContain(/^“(.+?)”/.exec(f.text)![1]);
      if (q.has("finding")) {
        const finding = (await getReportFinding(reportId, Number(q.get("finding"))))!;
        expect(finding.severity === "error" || finding.rule === "RESTATED_PRIOR_YEAR").toBe(true);
        // the first error that cites a line, so the link opens at a figure
        expect(finding.locations.some((l) => l.sourceLine)).toBe(true);
      }
    }
    expect(new Set(flags.map((f) => f.kind))).toEqual(new Set(["auditError", "lowProject", "lowSme"]));
  });

  test("a finding id of another report finds nothing", async () => {
    const [a, b] = (await getLargestReports(2023, false, 0, 10)).map((r) => r.reportId);
    const theirs = (await getFindings({ year: 2023, synthetic: false }, 500)).find((f) => f.reportId === b)!;
    expect(await getReportFinding(b, theirs.id)).toBeDefined();
    expect(await getReportFinding(a, theirs.id)).toBeUndefined();
  });

  test("the table and the cards: kept originals; two reports make a sum no document prints", async () => {
    const rows = await getLargestReports(2023, false, 0, 10);
    expect(rows.map((r) => r.hasDocument)).toEqual([true, true]);
    const totals = await getOverviewTotals(2023, false);
    expect(totals.reports).toBe(2);
    expect(totals.only).toBeUndefined();
    const sources = await getSourcesOf(rows.map((r) => r.reportId));
    for (const r of rows) {
      expect(sources.get(r.reportId)?.hasDocument).toBe(true);
      // text documents: places are lines, there are no PDF pages
      expect(sources.get(r.reportId)?.source.pageStarts).toBeUndefined();
    }
  });

  test("/performance: each project names its report and its sheet, and the sheet is that project's", async () => {
    const page = await getPerformancePage({ year: 2023, synthetic: false, maxRate: 50 }, { offset: 0, limit: 100 });
    expect(page.length).toBeGreaterThan(10);
    for (const p of page) {
      const r = (await getEvidenceReport(p.reportId))!;
      expect(r.departmentId).toBe(p.departmentId);
      const place = projectPlace(r.report, p.sheet)!;
      expect(place.line).toBe(p.sourceLine);
      expect(place.place).toBe(`绩效自评表 ${p.name}`);
    }
  });
});
