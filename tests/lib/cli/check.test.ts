import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseDocument } from "../../../lib/ingest/parse";

const root = path.resolve(import.meta.dirname, "../../..");
const seed000 = path.join(root, "tests/fixtures/documents/000_de383ccec50b5c0e.txt");
const seed004 = path.join(root, "tests/fixtures/documents/004_fcc6ab7362c41973.txt");

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** GB18030 encoder built from the platform decoder (Node has no encoder): maps each character by searching the 2-byte space once. */
function encodeGb18030(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder("gb18030");
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), "fl-check-"));
function file(name: string, content: string | Uint8Array) {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
}

describe("cli check --json on the seeds", () => {
  test("one file gives one object with the documented figures", () => {
    const r = cli("check", seed000, "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ department: "烟台市大数据局", year: 2023, scope: "部门决算" });
    expect(out.figures).toMatchObject({
      incomeTotal: "8979.28",
      expenditureTotal: "8979.11",
      grandTotal: "8979.95",
      basicExpenditure: "1433.56",
      projectExpenditure: "7545.55",
      personnelCost: "1266.86",
      publicCost: "166.70",
      sangongBudget: "5.35",
      sangongFinal: "5.35",
      procurementTotal: "8281.83",
      procurementSme: "1839.9",
      procurementSmeShare: "22.22",
      operatingCost: "117.47",
      initialBudgetGpb: "8291.49",
      performanceProjectsDisclosed: 9,
    });
    // read whole: nine tables, every cell placed, every statement recognised, nothing unread
    expect(out.coverage).toMatchObject({
      percent: "100",
      fullyRead: true,
      tables: { read: 9, expected: 9 },
      cells: { placed: 190, open: 0 },
      statements: { unread: 0 },
    });
    expect(out.unread).toEqual([]);
    for (const f of out.findings) {
      expect(Object.keys(f).sort()).toEqual(["expected", "found", "locations", "message", "rule", "severity"]);
      expect(["rounding", "warning", "error"]).toContain(f.severity);
    }
  });

  test("several files give an array, in order", () => {
    const r = cli("check", seed000, seed004, "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.map((o: { department: string; scope: string }) => [o.department, o.scope])).toEqual([
      ["烟台市大数据局", "部门决算"],
      ["烟台市人民政府办公室", "单位决算"],
    ]);
    expect(out[1].figures).toMatchObject({
      incomeTotal: "8253.51",
      expenditureTotal: "8252.29",
      sangongFinal: "136.54",
      procurementSmeShare: "97.23",
      initialBudgetGpb: "7958.4",
    });
  });

  test("human output: a summary, then findings grouped by severity, in Chinese", () => {
    const r = cli("check", seed004);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("烟台市人民政府办公室");
    expect(r.stdout).toMatch(/审核结果：错误 \d+ 项，警告 \d+ 项，尾数差异 \d+ 项/);
    const err = r.stdout.indexOf("【错误】");
    const warn = r.stdout.indexOf("【警告】");
    expect(err).toBeGreaterThan(0);
    expect(warn).toBeGreaterThan(err);
    expect(r.stdout).toMatch(
      /读取覆盖 100%：决算表 9\/9 张；单元格 已定位 244 个，待定 0 个；情况说明 已识别 \d+ 条，未读 0 处/,
    );
    expect(r.stdout).not.toContain("【未能读取的部分】");
  });
});

describe("cli check on a PDF as published (上海市普陀区财政局 2024 部门决算)", () => {
  const pdf = path.join(root, "tests/fixtures/pdf/上海市普陀区财政局2024年度部门决算.pdf");

  test("--json gives the same figures keys as for text, read from the PDF, and the whole document read", () => {
    const r = cli("check", pdf, "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ department: "上海市普陀区财政局", year: 2024, scope: "部门决算", layout: "pdf" });
    expect(out.figures).toMatchObject({
      incomeTotal: "2946.25",
      expenditureTotal: "2940.05",
      grandTotal: "2995.39",
      basicExpenditure: "2336.91",
      projectExpenditure: "603.14",
      personnelCost: "2152.26",
      publicCost: "184.65",
      sangongBudget: "0.95",
      procurementTotal: "251.25",
      operatingCost: "184.65",
      initialBudgetGpb: "2993.92",
      gpbExpenditure: "2940.05",
      fiscalIncome: "2940.05",
    });
    expect(out.unread).toEqual([]);
    expect(out.coverage.tables.read).toBe(9);
    const contradiction = out.findings.find(
      (f: { found: string | null; expected: string | null }) => f.found === "0.3" && f.expected === "2961.68",
    );
    expect(contradiction?.severity).toBe("error");
  });

  test("the text names PDF pages, not line numbers", () => {
    const r = cli("check", pdf);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("版式：pdf");
    expect(r.stdout).toMatch(/情况说明 财政拨款收入支出总计（第 21 页）/);
  });
});

describe("cli check on a partly read document", () => {
  // A canonical report as the PDF reader leaves it: one table and two statements unread, one table kept raw.
  const report = parseDocument("000.txt", readFileSync(seed000));
  const partial = {
    ...report,
    source: {
      ...report.source,
      fileName: "partial.pdf",
      layout: "pdf",
      pages: 40,
      pageStarts: Array.from({ length: 40 }, (_, i) => 1 + i * 30),
    },
    tables: report.tables.filter((t) => t.id !== "t02"),
    unread: [
      {
        part: "table",
        where: "公开02表 收入决算表",
        sourceLine: 250,
        text: "收入决算表 … 合 计 8,979.28 8,979.10",
        message: "表头无法与模板的列对应",
      },
      {
        part: "statement",
        where: "三、收入决算情况说明",
        sourceLine: 95,
        page: 4,
        text: "本年收入合计 8,979.28 万元，其中……",
        message: "句中的数字无法与任何项目对应",
      },
      {
        part: "section",
        where: "十一、国有资产占用情况说明",
        sourceLine: 1000,
        text: "截至2023年12月31日……",
        message: "段落格式不同于模板",
      },
    ],
    extraTables: [
      {
        title: "项目支出决算表",
        sourceLine: 700,
        rows: [
          ["项目", "金额"],
          ["数字烟台建设", "100.00"],
        ],
      },
    ],
  };
  const json = file("partial.json", JSON.stringify(partial));

  test("the summary gives the coverage, and each unread part its page", () => {
    const r = cli("check", json);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/读取覆盖 \d+(\.\d+)?%：决算表 8\/9 张（1 张未能读取，另有 1 张未识别的表按原样保留）/);
    expect(r.stdout).toMatch(/情况说明 已识别 \d+ 条，未读 2 处/);
    expect(r.stdout).toContain("【未能读取的部分】");
    expect(r.stdout).toContain("第 9 页 表格·公开02表 收入决算表：表头无法与模板的列对应");
    expect(r.stdout).toContain("第 4 页 语句·三、收入决算情况说明");
    expect(r.stdout).toContain("第 34 页 段落·十一、国有资产占用情况说明");
    expect(r.stdout).toContain("原文：截至2023年12月31日……");
    expect(r.stdout).toContain("【未识别的表，按原样保留】");
    expect(r.stdout).toContain("第 24 页 项目支出决算表（2 行）");
  });

  test("--json carries the coverage object and the notes with their pages", () => {
    const r = cli("check", json, "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.coverage.tables).toMatchObject({ found: 9, read: 8, unread: 1 });
    expect(out.coverage.fullyRead).toBe(false);
    expect(Number(out.coverage.percent)).toBeLessThan(100);
    expect(out.coverage.extraTables).toEqual({ count: 1, titles: ["项目支出决算表"] });
    expect(out.unread.map((u: { page: number; part: string }) => [u.part, u.page])).toEqual([
      ["table", 9],
      ["statement", 4],
      ["section", 34],
    ]);
  });
});

describe("cli check on other encodings", () => {
  test("a GB18030/GBK copy of a seed reads exactly like the UTF-8 original", () => {
    const utf8 = cli("check", seed004, "--json");
    const gbk = cli("check", file("004-gbk.txt", encodeGb18030(readFileSync(seed004, "utf8"))), "--json");
    expect(gbk.code).toBe(0);
    const a = JSON.parse(utf8.stdout);
    const b = JSON.parse(gbk.stdout);
    expect(b.figures).toEqual(a.figures);
    expect(b.findings.map((f: { rule: string }) => f.rule)).toEqual(a.findings.map((f: { rule: string }) => f.rule));
  });

  test("UTF-16 with a BOM reads too", () => {
    const text = readFileSync(seed004, "utf8");
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const r = cli("check", file("004-utf16.txt", buf), "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).figures.expenditureTotal).toBe("8252.29");
  });
});

describe("cli check on broken input: a located message and a non-zero exit, never a stack trace", () => {
  const seed = readFileSync(seed000, "utf8");
  const lines = seed.split("\n");
  const cases: [string, () => string, RegExp][] = [
    ["empty", () => file("empty.txt", ""), /文件为空/],
    [
      "binary",
      () => file("binary.bin", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0xff, 0xfe, 0])),
      /二进制|UTF-8/,
    ],
    [
      "GBK text that is not a disclosure",
      () => file("gbk.txt", new Uint8Array([0xb2, 0xbf, 0xc3, 0xc5, 0xbe, 0xf6, 0xcb, 0xe3, 0x0a])),
      /封面|部门|年度/,
    ],
    ["a missing file", () => path.join(tmp, "does-not-exist.txt"), /文件不存在/],
  ];

  test.each(cases)("%s", (_name, make, message) => {
    const r = cli("check", make());
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(r.stdout).toBe("");
  });

  test("with --json a broken file is an object with a located error, and the exit code is 1", () => {
    const r = cli("check", file("notreport.txt", "这是一份会议纪要。\n与会人员讨论了明年的工作安排。\n"), "--json");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.error.message).toContain("notreport.txt");
  });

  // A real disclosure with a part that cannot be read loads the rest: the part is an unread note with its line.
  const partial: [string, () => string, RegExp, string][] = [
    [
      "truncated in table 03",
      () => file("truncated.txt", lines.slice(0, lines.findIndex((l) => l.includes("公开 03表")) + 8).join("\n")),
      /支出决算表/,
      "t02",
    ],
    [
      "table 05 removed",
      () => {
        const start = lines.findIndex(
          (l, i) => i > 400 && l.includes("一般公共预算财政拨款支出决算表") && !l.includes("基本"),
        );
        const end = lines.findIndex((l, i) => i > start && l.includes("一般公共预算财政拨款基本支出决算明细表"));
        return file("no05.txt", [...lines.slice(0, start), ...lines.slice(end)].join("\n"));
      },
      /一般公共预算财政拨款支出决算表/,
      "t06",
    ],
    [
      "an unreadable number",
      () => file("badnum.txt", seed.replace("合 计 8,979.11 1,433.56 7,545.55", "合 计 8,979.11 1,4x3.56 7,545.55")),
      /第 \d+ 行.*1,4x3\.56|1,4x3\.56/,
      "t01",
    ],
  ];

  test.each(partial)(
    "%s: the rest loads and the unread part is named with its place",
    (_name, make, unread, stillRead) => {
      const r = cli("check", make(), "--json");
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.error).toBeUndefined();
      expect(out.unread.length).toBeGreaterThan(0);
      expect(
        out.unread
          .map((u: { where: string; text: string; message: string }) => `${u.where} ${u.text} ${u.message}`)
          .join("\n"),
      ).toMatch(unread);
      expect(out.coverage.tables.found).toBeGreaterThan(0);
      expect(JSON.stringify(out.coverage)).toContain(stillRead);
      const human = cli("check", make());
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(unread);
      expect(human.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    },
  );

  test("no file named is a usage error (exit 2)", () => {
    expect(cli("check").code).toBe(2);
  });
});

describe("cli check on a budget", () => {
  test("a budget read whole exits 0 and reports on stdout, like a 决算", () => {
    const budget = path.join(root, "tests/fixtures/pdf/budgets/上海市普陀区人民政府办公室2025年部门预算.pdf");
    const r = cli("check", budget);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("预算表 9/9 张");
    expect(r.stderr).toBe("");
  });
});
