import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadReport } from "../../db/load";
import { clearQueryCache } from "../../db/queries/cache";
import { getComparison, searchEverything } from "../../db/queries/compare";
import * as s from "../../db/schema";
import { compareParamsSchema } from "../../lib/compare-params";
import { parseDocument } from "../../lib/ingest/parse";
import { extractFigures } from "../../lib/report/figures";
import { forEachDb } from "../helpers/test-db";

const DOCS = path.resolve(import.meta.dirname, "../fixtures/documents");
const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<unknown> };
const seed = (f: string) => parseDocument(f, new Uint8Array(fs.readFileSync(path.join(DOCS, f))));

forEachDb("compare and find", (get) => {
  const bigData = seed("000_de383ccec50b5c0e.txt");
  const office = seed("004_fcc6ab7362c41973.txt");
  beforeAll(async () => {
    const t = get();
    g.__fiscalLensStore = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {}, where: t.label });
    await loadReport(t.db, bigData, { findings: [] });
    await loadReport(t.db, office, { findings: [] });
    // the same department a year earlier: a second column
    await loadReport(
      t.db,
      { ...bigData, year: 2022, source: { ...bigData.source, sha256: "a".repeat(64) } },
      { findings: [] },
    );
    clearQueryCache();
  });
  afterAll(() => {
    g.__fiscalLensStore = undefined;
  });

  test("two departments side by side, each year's figures as loaded, in the order asked", async () => {
    const ids = Object.fromEntries((await get().db.select().from(s.departments)).map((d) => [d.name, d.id]));
    const list = await getComparison([ids[office.department], ids[bigData.department]]);
    expect(list.map((d) => d.department)).toEqual([office.department, bigData.department]);
    expect(list[1].years.map((y) => y.year)).toEqual([2022, 2023]);
    const expected = extractFigures(bigData);
    const y2023 = list[1].years.find((y) => y.year === 2023)!;
    expect(Number(y2023.figures.expenditureTotal)).toBe(Number(expected.expenditureTotal));
    expect(Number(y2023.figures.sangongFinal)).toBe(Number(expected.sangongFinal));
    expect(await getComparison([])).toEqual([]);
  });

  test("the ids parameter: 2–4 numbers, duplicates and junk dropped", () => {
    expect(compareParamsSchema.parse({ ids: "3,7，7 x 12,99,100" }).ids).toEqual([3, 7, 12, 99]);
    expect(compareParamsSchema.parse({ ids: ["1"] }).ids).toEqual([]);
    expect(compareParamsSchema.parse({}).ids).toEqual([]);
  });

  test("search finds departments and 绩效 projects by the words typed, and takes % literally", async () => {
    const hits = await searchEverything("大数据", false);
    expect(hits.filter((h) => h.kind === "department").map((h) => h.department)).toEqual([bigData.department]);
    const project = bigData.appendix.performanceSheets[0].name;
    const found = await searchEverything(project.slice(0, 6), false);
    expect(
      found.some(
        (h) => h.kind === "project" && h.name.includes(project.slice(0, 6)) && h.department === bigData.department,
      ),
    ).toBe(true);
    expect(await searchEverything("%", false)).toEqual([]);
  });
});
