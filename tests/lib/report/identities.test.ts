import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test, vi } from "vitest";
import { RULES, auditReport } from "@/lib/audit/run";
import { docFromText } from "@/lib/ingest/document";
import { parsePlainTextTables } from "@/lib/ingest/layouts/plain-text/tables";
import { rowIdentities } from "@/lib/ingest/layouts/plain-text/table-constraints";
import { parseDocument } from "@/lib/ingest/parse";
import { ColumnSolver, type Constraint } from "@/lib/ingest/resolve-columns";
import { IDENTITIES, tablesOf } from "@/lib/report/identities";
import { TABLE_COLUMNS, TABLE_IDS } from "@/lib/report/schema";
import { renderPlainText } from "@/lib/render/plain-text";
import { generateCity } from "@/lib/synth/city";

// lib/report/identities.ts is read by two sides: the audit (one rule per identity) and the plain-text parser's column
// solver (one constraint per identity and table row). These tests hold both to the one declaration.

const seed000 = readFileSync(
  path.resolve(import.meta.dirname, "../../fixtures/documents/000_de383ccec50b5c0e.txt"),
  "utf8",
);
const enc = new TextEncoder();

/** The solvers the parser builds while `run` runs, with the constraints each was given. */
function solversDuring(run: () => void): { solvers: ColumnSolver[]; constraints: Constraint[] } {
  const given = new Map<ColumnSolver, Constraint[]>();
  const add = ColumnSolver.prototype.add;
  const spy = vi.spyOn(ColumnSolver.prototype, "add").mockImplementation(function (this: ColumnSolver, c: Constraint) {
    (given.get(this) ?? given.set(this, []).get(this)!).push(c);
    return add.call(this, c);
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return { solvers: [...given.keys()], constraints: [...given.values()].flat() };
}

/** The identities whose constraints the solver set aside or had to widen: where the document's arithmetic fails. */
const failedIn = (solvers: ColumnSolver[]) =>
  solvers.flatMap((s) => [...s.rejected, ...s.relaxed.map((r) => r.constraint)]);

/** A document holding only these tables, each as title, 公开 number, header lines and data lines. */
function tablesDoc(...tables: { title: string; no: number; header: string[]; lines: string[] }[]) {
  const out = ["2023 年度测试局部门决算", "", " 第 二 部 分", ""];
  for (const t of tables)
    out.push(
      ` ${t.title}`,
      "",
      "部门：测试局",
      `公开 ${String(t.no).padStart(2, "0")}表`,
      "",
      "金额单位：万元",
      "",
      ...t.header,
      "",
      ...t.lines,
      "",
    );
  out.push(" 第 三 部 分", "", "2023 年度测试局部门决算情况说明");
  return docFromText("mini.txt", out.join("\n"));
}

// What neither seed 000 nor the generated city prints: table 04's 年末 split into fund rows (the Shanghai template),
// for T04_CARRY_SPLIT's 年末 form, and a table 08 with data.
const SPLIT_T04 = tablesDoc({
  title: "财政拨款收入支出决算总表",
  no: 4,
  header: ["收 入 支 出", "项目 行 次 金额 项目 合计 一般公共预 算财政拨款"],
  lines: [
    "一、一般公共预算财政拨款 1 10.00 一、一般公共服务支出 33 10.00 10.00",
    "本年收入合计 27 10.00 本年支出合计 59 10.00 10.00",
    "年初财政拨款结转和结余 28 1.00 年末财政拨款结转和结余 60 1.00 1.00",
    "一般公共预算财政拨款 29 1.00 61 1.00 1.00",
    "政府性基金预算财政拨款 30 62",
    "国有资本经营预算财政拨款 31 63",
    "总计 32 11.00 总计 64 11.00 11.00",
  ],
});
const T08 = tablesDoc({
  title: "国有资本经营预算财政拨款支出决算表",
  no: 8,
  header: ["项 目 本年支出", "科目编码 科目名称 小 计 基本支出 项目支出", "栏 次 1 2 3"],
  lines: ["合 计 5.00 5.00", "223 国有资本经营预算支出 5.00 5.00", "22301 国有资本经营预算支出 5.00 5.00"],
});

describe("one declaration, two readers", () => {
  test("ids are unique, and every identity names a reader", () => {
    const ids = IDENTITIES.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const i of IDENTITIES) expect(i.checkedBy.length, i.id).toBeGreaterThan(0);
  });

  test("the audit has one rule for each identity it reads, with the declared title, and none for the others", () => {
    const rules = new Map(RULES.map((r) => [r.id, r.title]));
    for (const i of IDENTITIES) {
      if (i.checkedBy.includes("audit")) expect(rules.get(i.id), i.id).toBe(i.title);
      else expect(rules.has(i.id), i.id).toBe(false);
    }
    // and no table rule is left outside the declaration
    const declared = new Set(IDENTITIES.map((i) => i.id));
    expect(RULES.map((r) => r.id).filter((id) => /^T0\d_/.test(id) && !declared.has(id))).toEqual([]);
  });

  test("the parser's row identities are the declared ones (a 三公 half keeps those within it)", () => {
    for (const t of TABLE_IDS) {
      const declared = IDENTITIES.filter(
        (i) => i.kind === "row" && i.table === t && i.checkedBy.includes("parser"),
      ).map((i) => i.id);
      expect(new Set(rowIdentities(t, TABLE_COLUMNS[t]).map((r) => r.identity)), t).toEqual(new Set(declared));
    }
    const budgetHalf = TABLE_COLUMNS.t09.filter((c) => c.startsWith("budget"));
    expect(rowIdentities("t09", budgetHalf).map((r) => [r.identity, budgetHalf[r.lhs]])).toEqual([
      ["T09_TOTAL_SUM", "budgetTotal"],
      ["T09_VEHICLE_SUM", "budgetVehicle"],
    ]);
  });

  test("every identity the parser reads becomes solver constraints on real and generated documents", () => {
    const city = generateCity({ departments: 12, years: [2023], seed: 7 }).reports;
    const { constraints } = solversDuring(() => {
      parseDocument("000.txt", enc.encode(seed000));
      for (const r of city) parseDocument("city.txt", enc.encode(renderPlainText(r)));
      for (const doc of [SPLIT_T04, T08]) expect(parsePlainTextTables(doc).failed).toEqual([]);
    });
    const used = new Set<string | undefined>(constraints.map((c) => c.identity));
    for (const t of TABLE_IDS) for (const r of rowIdentities(t, TABLE_COLUMNS[t])) used.add(r.identity);
    const parserIds = IDENTITIES.filter((i) => i.checkedBy.includes("parser")).map((i) => i.id);
    expect(parserIds.filter((id) => !used.has(id))).toEqual([]);
    // A constraint stands for a declared identity, or for a figure the narrative states.
    const declared = new Set(IDENTITIES.map((i) => i.id));
    for (const c of constraints) {
      if (c.identity === undefined) expect(c.label).toMatch(/说明中的/);
      else expect(declared.has(c.identity), c.identity).toBe(true);
    }
  });

  test("within-table identities name one table; the others name the tables they tie", () => {
    const byId = new Map(IDENTITIES.map((i) => [i.id, tablesOf(i)]));
    expect(byId.get("T05_HIERARCHY")).toEqual(["t05"]);
    expect(byId.get("T04_CARRY_SPLIT")).toEqual(["t04"]);
    expect(byId.get("T06_VS_T05")).toEqual(["t05", "t06"]);
    expect(byId.get("T04_VS_T07_T08")).toEqual(["t04", "t07", "t08"]);
  });
});

describe("one slip in seed 000, named by the same identity on both sides", () => {
  const replaceOnce = (text: string, from: string, to: string) => {
    expect(text.split(from).length, from).toBe(2);
    return text.replace(from, to);
  };

  test.each([
    [
      "t06 人员经费合计 no longer adds up with table 05's 基本支出",
      "人员经费合计 1,266.86",
      "人员经费合计 1,276.86",
      "T06_VS_T05",
    ],
    [
      "t01 本年收入合计 no longer equals table 02's 合计",
      "本年收入合计 27 8,979.28",
      "本年收入合计 27 8,989.28",
      "T02_VS_T01",
    ],
  ])("%s → %s", (_what, from, to, id) => {
    const text = replaceOnce(seed000, from, to);
    let findings: string[] = [];
    const { solvers } = solversDuring(() => {
      findings = auditReport(parseDocument("m.txt", enc.encode(text))).map((f) => f.rule);
    });
    expect(failedIn(solvers).map((c) => c.identity)).toContain(id);
    expect(findings).toContain(id);
  });

  test("the unmodified seed: the solver sets nothing aside that the audit does not report", () => {
    let findings = new Set<string>();
    const { solvers } = solversDuring(() => {
      findings = new Set(auditReport(parseDocument("000.txt", enc.encode(seed000))).map((f) => f.rule));
    });
    for (const c of failedIn(solvers)) if (c.identity) expect(findings, c.label).toContain(c.identity);
  });
});
