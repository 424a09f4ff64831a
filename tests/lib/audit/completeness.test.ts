import { describe, expect, test } from "vitest";
import { completenessRuleId, computeCompleteness } from "@/lib/audit/completeness";
import type { Report } from "@/lib/report/schema";
import { makeReport, mutate, removeTable } from "../../helpers/factories";
import { auditSummary } from "./helpers";

const base = makeReport();

describe("computeCompleteness", () => {
  test("the factory report is complete: 15 parts, score 100", () => {
    const c = computeCompleteness(base);
    expect(c.score).toBe("100");
    expect(c.items.map((i) => i.key)).toEqual([
      "t01",
      "t02",
      "t03",
      "t04",
      "t05",
      "t06",
      "t07",
      "t08",
      "t09",
      "sangongQuantities",
      "procurementSme",
      "glossary",
      "budgetExecution",
      "performanceSummary",
      "performanceSheets",
    ]);
    expect(c.items.every((i) => i.present)).toBe(true);
  });

  test("a table declared empty counts as present", () => {
    expect(base.tables.find((t) => t.id === "t07")!.status).toBe("empty");
    expect(computeCompleteness(base).items.find((i) => i.key === "t07")!.present).toBe(true);
  });

  test.each<[string, (r: Report) => Report, string[], string]>([
    ["t07 removed", (r) => removeTable(r, "t07"), ["t07"], "93.33"],
    ["t02 and t03 removed", (r) => removeTable(removeTable(r, "t02"), "t03"), ["t02", "t03"], "86.67"],
    [
      "no 三公 groups abroad stated",
      (r) =>
        mutate(r, (x) => {
          delete x.narrative.sangong!.abroadGroups;
        }),
      ["sangongQuantities"],
      "93.33",
    ],
    [
      "no reception persons stated",
      (r) =>
        mutate(r, (x) => {
          delete x.narrative.sangong!.receptionDomestic!.persons;
        }),
      ["sangongQuantities"],
      "93.33",
    ],
    [
      "no SME amounts",
      (r) =>
        mutate(r, (x) => {
          delete x.narrative.procurement!.sme;
        }),
      ["procurementSme"],
      "93.33",
    ],
    [
      "no procurement section",
      (r) =>
        mutate(r, (x) => {
          delete x.narrative.procurement;
        }),
      ["procurementSme"],
      "93.33",
    ],
    [
      "empty glossary",
      (r) =>
        mutate(r, (x) => {
          x.glossary = [];
        }),
      ["glossary"],
      "93.33",
    ],
    [
      "no budget execution items",
      (r) =>
        mutate(r, (x) => {
          x.narrative.budgetExecution!.items = [];
        }),
      ["budgetExecution"],
      "93.33",
    ],
    [
      "no 绩效 appendix at all",
      (r) =>
        mutate(r, (x) => {
          x.appendix = { performanceSheets: [] };
        }),
      ["performanceSummary", "performanceSheets"],
      "86.67",
    ],
    [
      "nothing but the header",
      (r) =>
        mutate(r, (x) => {
          x.tables = [];
          x.narrative = { changes: [], shares: [] };
          x.glossary = [];
          x.appendix = { performanceSheets: [] };
        }),
      [
        "t01",
        "t02",
        "t03",
        "t04",
        "t05",
        "t06",
        "t07",
        "t08",
        "t09",
        "sangongQuantities",
        "procurementSme",
        "glossary",
        "budgetExecution",
        "performanceSummary",
        "performanceSheets",
      ],
      "0",
    ],
  ])("%s", (_name, change, missing, score) => {
    const c = computeCompleteness(change(base));
    expect(c.items.filter((i) => !i.present).map((i) => i.key)).toEqual(missing);
    expect(c.score).toBe(score);
  });

  test("a department that bought nothing owes no SME figures", () => {
    const r = mutate(base, (x) => {
      x.narrative.procurement = { total: "0" };
    });
    expect(computeCompleteness(r).items.find((i) => i.key === "procurementSme")!.present).toBe(true);
  });
});

describe("completeness findings", () => {
  test.each([
    ["t01", "COMPLETENESS_T01"],
    ["sangongQuantities", "COMPLETENESS_SANGONG_QUANTITIES"],
    ["performanceSheets", "COMPLETENESS_PERFORMANCE_SHEETS"],
  ])("rule id of %s is %s", (key, id) => expect(completenessRuleId(key)).toBe(id));

  test("each missing part is one warning naming it in Chinese", () => {
    const r = mutate(base, (x) => {
      x.glossary = [];
    });
    expect(auditSummary(r)).toEqual({ COMPLETENESS_GLOSSARY: ["warning"] });
  });
});
