import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseDocument } from "@/lib/ingest/parse";
import { figureRanges } from "@/lib/report/cite";
import { CITED_FIGURES, evidenceHref, figurePlace, otherYearOf, projectPlace } from "@/lib/report/evidence";
import { extractFigures } from "@/lib/report/figures";

const SAMPLES = path.resolve(__dirname, "../../../data/samples");
/** lines below a cited one the source view looks for the figure on (app/reports/[id]/source/views.tsx WRAP) */
const WRAP = 8;

describe.each(["000_de383ccec50b5c0e.txt", "004_fcc6ab7362c41973.txt"])(
  "the place each headline figure of %s is printed",
  (file) => {
    const bytes = readFileSync(path.join(SAMPLES, file));
    const report = parseDocument(file, new Uint8Array(bytes));
    const lines = new TextDecoder().decode(bytes).split("\n");
    const figures = extractFigures(report);
    const cited = CITED_FIGURES.filter((k) => figures[k] !== undefined);

    test("the document's headline figures have a place", () => {
      // the amounts every 决算 prints in its tables, and the rate the overview flags
      for (const k of ["incomeTotal", "expenditureTotal", "gpbExpenditure"]) expect(cited, k).toContain(k);
      expect(cited.filter((k) => figurePlace(report, k)).length).toBeGreaterThanOrEqual(cited.length - 2);
    });

    test.each(CITED_FIGURES)(
      "%s: the cited line (or the few after it) prints the figure the dashboards show",
      (key) => {
        const place = figurePlace(report, key);
        if (figures[key] === undefined || !place) return;
        expect(place.place).toMatch(/[\u4e00-\u9fff]/);
        // a computed figure cites one it is computed from, and says so
        if (place.computed) expect(place.computed).toMatch(/链接到/);
        else expect(place.figure).toBe(figures[key]);
        const near = lines.slice(place.line - 1, place.line - 1 + WRAP + 1);
        expect(
          near.some((l) => figureRanges(l, place.figure!).length > 0),
          `${key} ${place.figure} near line ${place.line}`,
        ).toBe(true);
      },
    );
  },
);

test("a 绩效自评表 is cited at its sheet, with its execution figure", () => {
  const file = "000_de383ccec50b5c0e.txt";
  const bytes = readFileSync(path.join(SAMPLES, file));
  const report = parseDocument(file, new Uint8Array(bytes));
  const sheets = report.appendix.performanceSheets;
  expect(sheets.length).toBeGreaterThan(0);
  const p = projectPlace(report, 1)!;
  expect(p.line).toBe(sheets[0].sourceLine);
  expect(p.place).toContain(sheets[0].name);
  expect(projectPlace(report, sheets.length + 1)).toBeUndefined();
  expect(projectPlace(report, 0)).toBeUndefined();
});

test("a cross-year place names the other report's year; the report's own never does", () => {
  expect(otherYearOf("2022 年度部门决算 公开01表 本年收入合计", 2023)).toBe(2022);
  expect(otherYearOf("2023 年度部门决算情况说明 收入", 2023)).toBeUndefined();
  expect(otherYearOf("公开05表 合计 小计", 2023)).toBeUndefined();
});

test("evidence links say what they open", () => {
  expect(evidenceHref(7, { figure: "expenditureTotal" })).toBe("/reports/7/evidence?figure=expenditureTotal");
  expect(evidenceHref(7, { finding: 12, at: 1 })).toBe("/reports/7/evidence?finding=12&at=1");
  expect(evidenceHref(7, { project: 3 })).toBe("/reports/7/evidence?project=3");
});
