import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { auditReport } from "@/lib/audit/run";
import { parseDocument } from "@/lib/ingest/parse";

// Each case edits the real published text the way a clerk's slip would, and checks that the audit names it.
const dir = path.resolve(import.meta.dirname, "../../fixtures/documents");
const seed004 = readFileSync(path.join(dir, "004_fcc6ab7362c41973.txt"), "utf8");
const seed000 = readFileSync(path.join(dir, "000_de383ccec50b5c0e.txt"), "utf8");

function audit(name: string, text: string) {
  return auditReport(parseDocument(name, new TextEncoder().encode(text)));
}
const errorsOf = (text: string, name = "m.txt") =>
  new Set(
    audit(name, text)
      .filter((f) => f.severity === "error")
      .map((f) => f.rule),
  );

function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0) throw new Error(`mutation anchor must occur exactly once: ${from}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

describe("mutated copies of seed 004 (markdown): one slip, one named finding", () => {
  const baseline = errorsOf(seed004);

  test("the unmodified seed has only its own two real errors", () => {
    expect(baseline).toEqual(new Set(["PERF_NARRATIVE_VS_SHEET", "PROCUREMENT_CATEGORY_SME"]));
  });

  test.each([
    [
      "one cell changed: t01 本年收入合计",
      "本年收入合计\t27\t8,253.51",
      "本年收入合计\t27\t8,263.51",
      "T01_INCOME_SUM",
    ],
    [
      "one cell changed: t03 合计 基本支出",
      "合 计\t\t8,252.29\t3,762.38\t4,489.91",
      "合 计\t\t8,252.29\t3,772.38\t4,489.91",
      "T03_ROW_SUM",
    ],
    [
      "two columns swapped: t03 行政运行 basic ↔ project",
      "2010301\t行政运行\t3,459.35\t3,459.35\t\t\t\t",
      "2010301\t行政运行\t3,459.35\t\t3,459.35\t\t\t",
      "T03_HIERARCHY",
    ],
    ["a row dropped: t05 一般行政管理事务", "2010302\t一般行政管理事务\t3,254.51\t\t3,254.51\n", "", "T05_HIERARCHY"],
    [
      "t09 subtotal changed",
      "136.54\t40.66\t21.49\t\t21.49\t74.39\t136.54",
      "136.54\t40.66\t22.49\t\t21.49\t74.39\t136.54",
      "T09_VEHICLE_SUM",
    ],
    [
      "narrative figure differs from its table: 三公 接待 final",
      "3、公务接待费全年预算为 74.39 万元，支出决算为 74.39 万元",
      "3、公务接待费全年预算为 74.39 万元，支出决算为 75.39 万元",
      "SANGONG_VS_T09",
    ],
    [
      "a stated percentage wrong",
      "财政拨款收入 8,251.79 万元，占 99.98%",
      "财政拨款收入 8,251.79 万元，占 89.98%",
      "PCT_SHARE",
    ],
  ])("%s → %s", (_name, from, to, rule) => {
    // The 一般行政管理事务 row is printed identically in t03 and t05; the last one is t05's.
    const i = to === "" ? seed004.lastIndexOf(from) : -1;
    const mutated = i >= 0 ? seed004.slice(0, i) + seed004.slice(i + from.length) : replaceOnce(seed004, from, to);
    const rules = new Set(
      audit("m.txt", mutated)
        .filter((f) => f.severity !== "rounding")
        .map((f) => f.rule),
    );
    expect([...rules]).toContain(rule);
  });
});

describe("mutated copies of seed 000 (plain text, empty cells leave no trace)", () => {
  test("changing t01 本年支出合计 is caught as a t01 identity error", () => {
    const mutated = replaceOnce(
      seed000,
      "本年收入合计 27 8,979.28 本年支出合计 58 8,979.11",
      "本年收入合计 27 8,979.28 本年支出合计 58 8,989.11",
    );
    expect(errorsOf(mutated)).toContain("T01_EXPENDITURE_SUM");
  });

  test("changing the narrative's 项目支出 is caught against table 03", () => {
    const mutated = replaceOnce(seed000, "2、项目支出 7,545.55 万元。", "2、项目支出 7,555.55 万元。");
    const rules = new Set(audit("m.txt", mutated).map((f) => f.rule));
    expect([...rules].some((r) => /PROJECT|EXPENDITURE|NARRATIVE/.test(r))).toBe(true);
  });
});
