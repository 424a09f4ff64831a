import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { D } from "@/lib/money/decimal";
import { reportSchema, type Report } from "@/lib/report/schema";
import { normalizeOrgName } from "@/lib/org/names";
import { generateCity } from "@/lib/synth/city";
import { allViolations } from "./identities";

const YEARS = [2019, 2020, 2021, 2022, 2023];
const city = generateCity({ departments: 40, years: YEARS, seed: 1 });
const t03Total = (r: Report) =>
  new D(r.tables.find((t) => t.id === "t03")!.rows.find((x) => x.key === "total")!.values.total!);

function csv(file: string): Map<string, string> {
  const text = readFileSync(path.resolve(__dirname, "../../../db/reference", file), "utf8");
  return new Map(
    text
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(","))
      .filter((cols) => !/LEGACY|CONFLICT/.test(cols.join(",")))
      .map((cols) => [cols[0], cols[2]]),
  );
}

describe("determinism", () => {
  test("the same options give byte-identical JSON", () => {
    const again = generateCity({ departments: 40, years: YEARS, seed: 1 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(city));
  });

  test("another seed gives another city", () => {
    const other = generateCity({ departments: 40, years: YEARS, seed: 2 });
    expect(JSON.stringify(other.reports[0].tables)).not.toBe(JSON.stringify(city.reports[0].tables));
  });

  test("asking for more years or departments leaves the shared reports unchanged", () => {
    const small = generateCity({ departments: 3, years: [2019, 2020, 2021], seed: 1 });
    const shared = city.reports.filter((r, i) => Math.floor(i / YEARS.length) < 3 && r.year <= 2021);
    expect(JSON.stringify(small.reports)).toBe(JSON.stringify(shared));
  });

  test("bad options are refused in Chinese", () => {
    expect(() => generateCity({ departments: 0, years: YEARS, seed: 1 })).toThrow(/部门数/);
    expect(() => generateCity({ departments: 2, years: [], seed: 1 })).toThrow(/年度/);
    expect(() => generateCity({ departments: 2, years: [2023], seed: 1.5 })).toThrow(/随机种子/);
  });
});

describe("shape", () => {
  test("200 reports, one per department and year, ordered by department then year", () => {
    expect(city.reports).toHaveLength(200);
    expect(city.reports.slice(0, 5).map((r) => r.year)).toEqual(YEARS);
    expect(new Set(city.reports.map((r) => r.department)).size).toBe(40);
    expect(city.anomalies).toEqual([]);
  });

  test("every report passes reportSchema.parse unchanged", () => {
    for (const r of city.reports) expect(reportSchema.parse(r)).toEqual(r);
  });

  test("synthetic, 部门决算, json source named after department and year, sha256 of the JSON without source", () => {
    for (const r of city.reports) {
      const { source, ...rest } = r;
      expect(r.synthetic).toBe(true);
      expect(r.scope).toBe("部门决算");
      expect(r.sourceUnit).toBe("万元");
      expect(source).toEqual({
        fileName: `synthetic/${r.department}-${r.year}.json`,
        sha256: createHash("sha256").update(JSON.stringify(rest)).digest("hex"),
        layout: "json",
        lines: 0,
      });
    }
  });

  test("department names are those of a plausible city, default 示例市", () => {
    const names = new Set(city.reports.map((r) => r.department));
    for (const n of [
      "示例市教育局（示例）",
      "示例市卫生健康委员会（示例）",
      "示例市公安局（示例）",
      "示例市财政局（示例）",
      "示例市统计局（示例）",
      "示例市审计局（示例）",
    ])
      expect(names).toContain(n);
    expect([...names].every((n) => n.includes("示例市") && n.endsWith("（示例）"))).toBe(true);
    const named = generateCity({ departments: 2, years: [2023], seed: 1, cityName: "样本市" });
    expect(named.reports.map((r) => r.department)).toEqual(["样本市教育局（示例）", "样本市卫生健康委员会（示例）"]);
  });

  test("no demo organisation shares a name with a real one, not even once the city is taken off", () => {
    // the departments of the bundled real documents (data/samples), which the demo city is shown beside
    const real = [
      "烟台市大数据局",
      "烟台市人民政府办公室",
      "上海市普陀区财政局",
      "上海市普陀区人民政府办公室",
      "上海市普陀区人民政府万里街道办事处",
    ];
    const withoutCity = (n: string) => n.replace(/^.*?[市区县]/u, "");
    const demo = city.reports.flatMap((r) => [r.department, ...r.overview.units]);
    expect(demo.length).toBeGreaterThan(40);
    for (const n of demo) {
      expect(n).toMatch(/（示例）(本级)?$/u);
      for (const r of real) {
        expect(normalizeOrgName(n)).not.toBe(normalizeOrgName(r));
        expect(withoutCity(normalizeOrgName(n))).not.toBe(withoutCity(normalizeOrgName(r)));
      }
    }
    // the mark is part of the organisation key: the demo 大数据局 is not the real one's namesake under any city
    expect(withoutCity(normalizeOrgName("示例市大数据局（示例）"))).toBe("大数据局(示例)");
  });

  test("beyond the catalogue, district departments carry the district's name", () => {
    const big = generateCity({ departments: 45, years: [2023], seed: 1 });
    expect(new Set(big.reports.map((r) => r.department)).size).toBe(45);
    expect(big.reports[44].department).toMatch(/^示例市东城区/);
  });

  test("amounts are decimal strings with two places; empty cells are absent, never 0", () => {
    for (const r of city.reports.slice(0, 20)) {
      for (const t of r.tables)
        for (const row of t.rows)
          for (const x of Object.values(row.values)) {
            expect(x).toMatch(/^-?\d+\.\d{2}$/);
            expect(new D(x).isZero()).toBe(false);
          }
    }
  });
});

describe("realism", () => {
  test("total expenditure spans more than two orders of magnitude, from about 100 to about 100,000 万元", () => {
    const totals = city.reports.map(t03Total);
    const min = D.min(...totals);
    const max = D.max(...totals);
    expect(max.div(min).gte(100)).toBe(true);
    expect(min.lt(300)).toBe(true);
    expect(max.gt(50000)).toBe(true);
  });

  test("year-over-year totals drift within a band around −15 % … +20 %", () => {
    for (let i = 1; i < city.reports.length; i++) {
      if (city.reports[i].department !== city.reports[i - 1].department) continue;
      const ratio = t03Total(city.reports[i]).div(t03Total(city.reports[i - 1]));
      expect(ratio.gte("0.7") && ratio.lte("1.4")).toBe(true);
    }
  });

  test("subject codes and names are the real ones wherever the reference lists know them", () => {
    const fn = csv("expenditure_function_codes_partial.csv");
    const econ = csv("expenditure_economic_dept_codes_partial.csv");
    let checked = 0;
    for (const r of city.reports) {
      for (const t of r.tables) {
        for (const row of t.rows) {
          const ref =
            t.id === "t06"
              ? econ.get(row.code ?? "")
              : ["t02", "t03", "t05", "t07", "t08"].includes(t.id)
                ? fn.get(row.code ?? "")
                : undefined;
          if (ref === undefined) continue;
          checked++;
          expect(`${row.code} ${row.name}`).toBe(`${row.code} ${ref}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  test("everyone pays pensions (2080505/2080506) and medical insurance (21011)", () => {
    for (const r of city.reports) {
      const codes = r.tables.find((t) => t.id === "t05")!.rows.map((x) => x.code);
      expect(codes).toContain("2080505");
      expect(codes).toContain("2080506");
      expect(codes.some((c) => c === "2101101" || c === "2101102")).toBe(true);
    }
  });

  test("三公 is small: vehicles kept 0–30, most departments spend under 100 万元", () => {
    const finals = city.reports.map((r) => new D(r.narrative.sangong!.total!.final!));
    for (const r of city.reports) expect(r.narrative.sangong!.vehiclesKept).toBeLessThanOrEqual(30);
    expect(finals.filter((f) => f.lt(100)).length / finals.length).toBeGreaterThan(0.8);
    // Overseas trips stopped during 2020–2022.
    for (const r of city.reports.filter((x) => x.year >= 2020 && x.year <= 2022))
      expect(r.narrative.sangong!.abroad!.final).toBe("0.00");
  });

  test("SME share of procurement is mostly 60–100 %, small-micro never above SME", () => {
    const shares = city.reports.map((r) => new D(r.narrative.procurement!.smeShare!));
    expect(shares.filter((s) => s.gte(60) && s.lte(100)).length / shares.length).toBeGreaterThan(0.75);
    for (const r of city.reports)
      expect(new D(r.narrative.procurement!.smallMicro!).lte(r.narrative.procurement!.sme!)).toBe(true);
  });

  test("3–12 绩效自评表 per report with 8–10 indicators plus the funds line; some low-execution projects still score 优", () => {
    let lowButExcellent = 0;
    for (const r of city.reports) {
      const sheets = r.appendix.performanceSheets;
      expect(sheets.length).toBeGreaterThanOrEqual(3);
      expect(sheets.length).toBeLessThanOrEqual(12);
      for (const s of sheets) {
        expect(s.indicators.length).toBeGreaterThanOrEqual(8);
        expect(s.indicators.length).toBeLessThanOrEqual(10);
        if (new D(s.funds.total.rate!).lt(50) && new D(s.totalScore!).gte(90)) lowButExcellent++;
      }
    }
    expect(lowButExcellent).toBeGreaterThan(0);
  });

  test("公开07/08表 are usually declared empty with the usual note, and carry data where funds exist", () => {
    const t07 = city.reports.map((r) => r.tables.find((t) => t.id === "t07")!);
    const t08 = city.reports.map((r) => r.tables.find((t) => t.id === "t08")!);
    expect(t07.filter((t) => t.status === "empty").length).toBeGreaterThan(150);
    expect(t07.some((t) => t.status === "data")).toBe(true);
    expect(t08.some((t) => t.status === "data")).toBe(true);
    for (const t of [...t07, ...t08].filter((x) => x.status === "empty")) expect(t.note).toMatch(/故本表无数据/);
  });

  test("some items were unbudgeted at the start of the year (年初无预算)", () => {
    const items = city.reports.flatMap((r) => r.narrative.budgetExecution!.items);
    expect(items.some((i) => i.noInitialBudget)).toBe(true);
    expect(items.filter((i) => i.noInitialBudget).length / items.length).toBeLessThan(0.2);
  });
});

describe("the scale cities of build-store", () => {
  // City 267 of `npm run build-store` (seed 1266) once stopped a 100,000-report build: a department whose 公用经费
  // hit its 60 % cap got a cap with three decimals, so 公开06表 no longer added up to 公开05表's 基本支出.
  test("city 267 (seed 1266) generates, and every report's identities hold", () => {
    const { reports } = generateCity({
      departments: 40,
      years: [2019, 2020, 2021, 2022, 2023],
      seed: 1266,
      anomalies: "none",
      cityName: "合成267市",
    });
    expect(reports).toHaveLength(200);
    for (const r of reports) expect(allViolations(r)).toEqual([]);
  });
});
