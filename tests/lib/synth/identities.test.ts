import { describe, expect, test } from "vitest";
import { D } from "@/lib/money/decimal";
import type { Report } from "@/lib/report/schema";
import { generateCity } from "@/lib/synth/city";
import { checks, priorYearViolations } from "./identities";

const YEARS = [2019, 2020, 2021, 2022, 2023];
const { reports } = generateCity({ departments: 40, years: YEARS, seed: 7 });
const pairs: [Report, Report][] = reports
  .slice(1)
  .flatMap((r, i) => (reports[i].department === r.department ? [[reports[i], r] as [Report, Report]] : []));

describe("a clean 40 × 5 city obeys every identity exactly", () => {
  test.each(Object.keys(checks))("%s", (name) => {
    const violations = reports.flatMap((r) => checks[name](r).map((m) => `${r.department} ${r.year}: ${m}`));
    expect(violations).toEqual([]);
  });
});

describe("consecutive years", () => {
  test("every stated change implies exactly the figure last year's report printed", () => {
    expect(pairs).toHaveLength(160);
    expect(pairs.flatMap(([prev, cur]) => priorYearViolations(prev, cur))).toEqual([]);
  });

  test("this year's 年初结转和结余 is last year's 年末结转和结余 (t01 and per fund in t04)", () => {
    const amount = (r: Report, id: string, key: string, section: string, col = "amount") =>
      new D(
        r.tables.find((t) => t.id === id)!.rows.find((x) => x.key === key && x.section === section)!.values[col] ?? 0,
      );
    for (const [prev, cur] of pairs) {
      expect(amount(cur, "t01", "carryBegin", "income").eq(amount(prev, "t01", "carryEnd", "expenditure"))).toBe(true);
      expect(
        amount(cur, "t04", "carryBeginGpb", "income").eq(amount(prev, "t04", "carryEnd", "expenditure", "gpb")),
      ).toBe(true);
      expect(
        amount(cur, "t04", "carryBeginGovFund", "income").eq(amount(prev, "t04", "carryEnd", "expenditure", "govFund")),
      ).toBe(true);
    }
  });

  test("changes are stated for every year, with 与上年决算数一致 where both years are zero", () => {
    for (const r of reports) {
      expect(r.narrative.changes.map((c) => c.key)).toContain("gpbExpenditure");
      const upstream = r.narrative.changes.find((c) => c.key === "expenditure.upstream")!;
      expect(upstream).toMatchObject({ current: "0.00", unchanged: true });
      expect(upstream.change).toBeUndefined();
    }
  });
});

describe("the identity checks themselves catch a broken report", () => {
  // Guards against checks that pass vacuously: one hand-made edit per family must be seen.
  const base = reports[12];
  const edit = (f: (r: Report) => void) => {
    const r = structuredClone(base);
    f(r);
    return r;
  };
  test.each([
    [
      "t01Totals",
      (r: Report): void => {
        r.tables[0].rows.find((x) => x.key === "carryBegin")!.values.amount = "999999.99";
      },
    ],
    [
      "t03Hierarchy",
      (r: Report): void => {
        r.tables[2].rows.find((x) => x.code?.length === 7)!.values.total = "0.01";
      },
    ],
    [
      "t04",
      (r: Report): void => {
        r.tables[3].rows.find((x) => x.key === "gpb")!.values.amount = "1.00";
      },
    ],
    [
      "t06",
      (r: Report): void => {
        r.tables[5].rows.find((x) => x.code === "30101")!.values.amount = "0.01";
      },
    ],
    [
      "shares",
      (r: Report): void => {
        r.narrative.shares[0].pct = "1.00";
      },
    ],
    [
      "performanceSheets",
      (r: Report): void => {
        r.appendix.performanceSheets[0].indicators[0].score = "0";
      },
    ],
  ] as const)("%s", (name, mutate) => {
    expect(checks[name](base)).toEqual([]);
    expect(checks[name](edit(mutate)).length).toBeGreaterThan(0);
  });
});
