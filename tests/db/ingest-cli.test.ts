import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import * as s from "../../db/schema";
import { runExport } from "../../scripts/cli/export";
import { runIngest } from "../../scripts/cli/ingest";
import { forEachDb } from "../helpers/test-db";
import { makeReport, revise } from "./fixtures";

class Capture extends Writable {
  text = "";
  isTTY = false;
  _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fiscal-lens-ingest-"));
  const write = (name: string, data: unknown) =>
    fs.writeFileSync(path.join(dir, name), typeof data === "string" ? data : JSON.stringify(data, null, 2));
  write("a-good.json", makeReport({ department: "批量甲局" }));
  const broken = JSON.parse(JSON.stringify(makeReport({ department: "批量乙局" })));
  broken.tables[1].rows[0].values.total = "100,6x";
  write("b-broken-field.json", broken);
  write("c-good.json", makeReport({ department: "批量丙局" }));
  write("d-broken-syntax.json", '{\n  "schemaVersion": 1,\n  "department": "批量丁局",\n  "year": 2023,,\n}');
  // valid against the schema, but finer than the store can hold exactly: fails inside the load transaction
  write(
    "e-too-fine.json",
    revise(makeReport({ department: "批量戊局" }), (r) => (r.tables[2].rows[0].values.basic = "60.6800001"), "fine"),
  );
  write(".hidden.json", "not even json");
  write("notes.pdf", "%PDF-1.4");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

forEachDb("ingest CLI", (get) => {
  const departmentCount = async (name: string) =>
    (await get().db.select({ n: count() }).from(s.departments).where(eq(s.departments.name, name)))[0].n;

  test("a batch with broken documents loads the others, loads nothing of the broken ones, and exits 1", async () => {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runIngest([dir], { db: get().db, stdout, stderr });
    expect(code).toBe(1);
    expect(await departmentCount("批量甲局")).toBe(1);
    expect(await departmentCount("批量丙局")).toBe(1);
    for (const name of ["批量乙局", "批量丁局", "批量戊局"]) expect(await departmentCount(name), name).toBe(0);

    const out = stdout.text;
    expect(out).toContain("已载入 2 份，未变化 0 份，新修订 0 份，失败 4 份");
    expect(out).toContain("已载入  批量甲局 2023 年度部门决算（第 1 版）  ← a-good.json");
    expect(out).toMatch(
      /文件 b-broken-field\.json，字段 tables\[1\]\.rows\[0\]\.values\.total：不符合规范报告格式：金额必须是十进制数字字符串.*实为："100,6x"/,
    );
    expect(out).toContain(
      '文件 d-broken-syntax.json，JSON，第 4 行：JSON 语法错误（应为：合法的 JSON；实为："year": 2023,,）',
    );
    expect(out).toMatch(/文件 e-too-fine\.json：支出决算表 第 1 行（合计）basic 列 的数值 60\.6800001 有 7 位小数/);
    // a PDF in the folder is read too (this one is only a header: a located corrupt-PDF message, nothing loaded)
    expect(out).toMatch(/文件 notes\.pdf.*PDF 文件已损坏/);
    // hidden files and non-document extensions in a folder are not picked up
    expect(out).not.toContain("hidden");
    // progress on stderr: one line per document when stderr is not a terminal
    expect(stderr.text.trim().split("\n")).toEqual([
      "[1/6] a-good.json",
      "[2/6] b-broken-field.json",
      "[3/6] c-good.json",
      "[4/6] d-broken-syntax.json",
      "[5/6] e-too-fine.json",
      "[6/6] notes.pdf",
    ]);
  });

  test("running the same batch of good files again changes nothing", async () => {
    const stdout = new Capture();
    const code = await runIngest([path.join(dir, "a-good.json"), path.join(dir, "c-good.json")], {
      db: get().db,
      stdout,
      stderr: new Capture(),
    });
    expect(code).toBe(0);
    expect(stdout.text).toContain("已载入 0 份，未变化 2 份，新修订 0 份，失败 0 份");
  });

  test("a missing path is a failure, the rest still loads", async () => {
    const stdout = new Capture();
    const code = await runIngest([path.join(dir, "nope.txt"), path.join(dir, "a-good.json")], {
      db: get().db,
      stdout,
      stderr: new Capture(),
    });
    expect(code).toBe(1);
    expect(stdout.text).toContain(`失败    文件或目录不存在：${path.join(dir, "nope.txt")}`);
    expect(stdout.text).toContain("未变化 1 份");
  });

  test("export writes the canonical JSON that ingest reads back as unchanged", async () => {
    const out = path.join(dir, "exported.json");
    const stderr = new Capture();
    expect(await runExport(["批量甲局", "2023", "--scope", "部门决算", "--out", out], { db: get().db, stderr })).toBe(
      0,
    );
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).toEqual(makeReport({ department: "批量甲局" }));
    const stdout = new Capture();
    expect(await runIngest([out], { db: get().db, stdout, stderr: new Capture() })).toBe(0);
    expect(stdout.text).toContain("未变化 1 份");
    fs.rmSync(out);
  });

  test.each([
    [["批量甲局"], 2, "需要两个参数"],
    [["批量甲局", "23"], 2, "年度应为四位数字"],
    [["批量甲局", "2023", "--scope", "部门"], 2, "--scope 应为 部门决算 或 单位决算"],
    [["没有这个局", "2023"], 1, "库中没有 没有这个局 2023 年度的决算"],
  ])("export %j exits %i with a Chinese message", async (args, code, message) => {
    const stderr = new Capture();
    expect(await runExport(args, { db: get().db, stdout: new Capture(), stderr })).toBe(code);
    expect(stderr.text).toContain(message);
  });
});
