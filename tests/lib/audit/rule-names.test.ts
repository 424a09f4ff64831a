import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { RESTATED_PRIOR_YEAR } from "@/db/cross-year";
import { ruleName } from "@/lib/audit/rule-names";
import { auditReport, ruleMeaning, RULES } from "@/lib/audit/run";
import { BUDGET_TABLE_IDS } from "@/lib/budget/schema";
import { generateCity } from "@/lib/synth/city";

/**
 * Every id the budget audit can emit, read from its module: the quoted ids, and each template expanded over what
 * it is built from (the budget tables; the 三公 items the narrative check pairs). A template of another shape fails
 * the test, so a new one cannot slip by unnamed.
 */
function budgetRuleIds(): string[] {
  const src = readFileSync(path.resolve(__dirname, "../../../lib/budget/audit.ts"), "utf8");
  const ids = new Set([...src.matchAll(/"(B_[A-Z0-9_]+)"/g)].map((m) => m[1]));
  const pairs = /const pairs[^=]*= \[([\s\S]*?)\];/.exec(src)?.[1] ?? "";
  const sangongKeys = [...pairs.matchAll(/\["(\w+)", "\w+", "[^"]+"\]/g)].map((m) => m[1].toUpperCase());
  expect(sangongKeys.length).toBeGreaterThan(0);
  for (const [, template] of src.matchAll(/`(B_[^`]*\$\{[^`]*)`/g)) {
    const table = /^B_\$\{t\.id\.toUpperCase\(\)\}_([A-Z_]+)$/.exec(template);
    const sangong = /^B_N_SANGONG_\$\{String\(k\)\.toUpperCase\(\)\}$/.exec(template);
    if (table) for (const t of BUDGET_TABLE_IDS) ids.add(`B_${t.toUpperCase()}_${table[1]}`);
    else if (sangong) for (const k of sangongKeys) ids.add(`B_N_SANGONG_${k}`);
    else throw new Error(`a rule id template the test cannot expand: ${template}`);
  }
  return [...ids];
}

const DECISION_IDS = [...RULES.map((r) => r.id), RESTATED_PRIOR_YEAR];

describe("every rule has a Chinese name and a one-sentence 含义", () => {
  const all = [...DECISION_IDS, ...budgetRuleIds()];

  test("the lists are what the modules emit", () => {
    expect(RULES.length).toBeGreaterThan(100);
    const budget = budgetRuleIds();
    expect(budget).toContain("B_B05_HIERARCHY");
    expect(budget).toContain("B_N_SANGONG_RECEPTION");
    expect(budget).toContain("B_N_SMALL_MICRO_OVER_SME");
    // and what an audit actually emits is among them (the demo city carries injected anomalies of every kind)
    const { reports } = generateCity({ departments: 40, years: [2022, 2023], seed: 7, anomalies: "some" });
    const emitted = new Set(reports.flatMap((r) => auditReport(r).map((f) => f.rule)));
    expect(emitted.size).toBeGreaterThan(5);
    for (const id of emitted) expect(all).toContain(id);
  });

  test.each(all)("%s", (id) => {
    const name = ruleName(id);
    const meaning = ruleMeaning(id);
    expect(name, id).toMatch(/[\u4e00-\u9fff]/);
    expect(meaning, id).toMatch(/[\u4e00-\u9fff]/);
    // no id, no English in what a reader sees
    for (const text of [name!, meaning!]) expect(text).not.toMatch(/[A-Z]{2,}_|[a-z]{3,}/);
    // one sentence: at most one full stop, and only at the end
    expect(meaning!.replace(/。$/, "")).not.toContain("。");
  });

  test("names tell rules apart", () => {
    const seen = new Map<string, string>();
    for (const id of all) {
      const name = ruleName(id)!;
      expect(seen.get(name), `${id} is named like ${seen.get(name)}`).toBeUndefined();
      seen.set(name, id);
    }
  });

  test("RESTATED_PRIOR_YEAR says what a restatement is", () => {
    expect(ruleName(RESTATED_PRIOR_YEAR)).toBe("上年数与上年决算不符");
    expect(ruleMeaning(RESTATED_PRIOR_YEAR)).toContain("上年决算");
  });

  test("an id no rule emits has no name (the page says 其他核对, never the id)", () => {
    expect(ruleName("NO_SUCH_RULE")).toBeUndefined();
    expect(ruleName("B_B10_ROW_SUM")).toBeUndefined();
  });
});
