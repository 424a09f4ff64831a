import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { count, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { adminConfig, authenticate, csrfToken, isSameOrigin, verifyCsrfToken } from "../../app/admin/_lib/auth";
import { ingestBytes, loadedReportDetails, readReport } from "../../db/ingest-bytes";
import { latestImports, recordImport } from "../../db/import-log";
import * as s from "../../db/schema";
import { runIngest } from "../../scripts/cli/ingest";
import { forEachDb } from "../helpers/test-db";
import { makeReport, revise } from "./fixtures";

const DOCS = path.resolve("tests/fixtures/documents");
const BIG_DATA = "000_de383ccec50b5c0e.txt"; // 烟台市大数据局 2023 部门决算, plain text
const GOV_OFFICE = "004_fcc6ab7362c41973.txt"; // 烟台市人民政府办公室（本级）2023 单位决算, markdown
const bytesOf = (name: string) => new Uint8Array(fs.readFileSync(path.join(DOCS, name)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

const seed000 = fs.readFileSync(path.join(DOCS, BIG_DATA), "utf8");
// line 344 of seed 000 is the 合计 row of table 03 (支出决算表): "合 计 8,979.11 1,433.56 7,545.55"
// A document that is not a 决算 at all is refused whole (a table that cannot be read only becomes an unread note):
// the seed turned into a budget's wording.
const BROKEN = utf8(seed000.replace(/决(\s*)算/g, "预$1算"));
// the cover wraps its title (烟台市大数据局部门决 / 算): the message points at the line where 部门预算 begins
const BROKEN_LINE = seed000.split("\n").findIndex((l) => /部门决$/.test(l.trim())) + 1;
// a wording change in 部门职责 (line 85): same department, year and scope, different bytes
const EDITED = utf8(seed000.replace("落实国家和省", "落实国家和山东省"));

class Capture extends Writable {
  text = "";
  isTTY = false;
  _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

test("the mutations used below hit the lines they are meant to", () => {
  const lines = seed000.split("\n");
  expect(lines[343]).toBe("合 计 8,979.11 1,433.56 7,545.55");
  expect(lines[84]).toContain("落实国家和省");
  expect(seed000.split("落实国家和省").length).toBe(2);
});

forEachDb("shared ingest path and import log", (get) => {
  const reportCount = async (department: string) =>
    (
      await get()
        .db.select({ n: count() })
        .from(s.reports)
        .innerJoin(s.departments, eq(s.departments.id, s.reports.departmentId))
        .where(eq(s.departments.name, department))
    )[0].n;
  const lastLog = async () => (await get().db.select().from(s.importLog).orderBy(desc(s.importLog.id)).limit(1))[0];

  test.each([
    [BIG_DATA, "烟台市大数据局", "部门决算"],
    [GOV_OFFICE, "烟台市人民政府办公室", "单位决算"],
  ])(
    "seed %s loads as %s 2023 %s, revision 1, and is logged with the uploader's name",
    async (file, department, scope) => {
      const bytes = bytesOf(file);
      const o = await ingestBytes(get().db, file, bytes, { user: "张三" });
      expect(o.ok).toBe(true);
      if (!o.ok) return;
      expect(o.status).toBe("created");
      expect(o.report.department).toBe(department);
      expect(o.report.year).toBe(2023);
      expect(o.report.scope).toBe(scope);
      expect(o.result.revision).toBe(1);
      expect(o.sha256).toBe(sha(bytes));
      expect(o.logError).toBeUndefined();

      const log = await lastLog();
      expect(log).toMatchObject({
        userName: "张三",
        fileName: file,
        sha256: sha(bytes),
        department,
        year: 2023,
        scope,
        status: "created",
        revision: 1,
        reportId: o.result.reportId,
      });
      expect(log.at).toBeInstanceOf(Date);
      expect(Math.abs(log.at.getTime() - Date.now())).toBeLessThan(60_000);
    },
  );

  test("the stored findings and the department come back for the result page", async () => {
    const [r] = await get()
      .db.select({ id: s.reports.id, departmentId: s.reports.departmentId })
      .from(s.reports)
      .innerJoin(s.departments, eq(s.departments.id, s.reports.departmentId))
      .where(eq(s.departments.name, "烟台市大数据局"));
    const details = await loadedReportDetails(get().db, r.id);
    expect(details?.departmentId).toBe(r.departmentId);
    const [{ n }] = await get().db.select({ n: count() }).from(s.findings).where(eq(s.findings.reportId, r.id));
    expect(details?.findings.length).toBe(n);
    for (const f of details?.findings ?? []) expect(["error", "warning", "rounding"]).toContain(f.severity);
    expect(await loadedReportDetails(get().db, 99_999_999)).toBeNull();
  });

  test("the same bytes again are unchanged: no new revision, but the attempt is logged", async () => {
    const before = await reportCount("烟台市大数据局");
    const o = await ingestBytes(get().db, BIG_DATA, bytesOf(BIG_DATA), { user: "李四" });
    expect(o.status).toBe("unchanged");
    expect(await reportCount("烟台市大数据局")).toBe(before);
    expect(await lastLog()).toMatchObject({
      userName: "李四",
      status: "unchanged",
      revision: 1,
      department: "烟台市大数据局",
    });
  });

  test("a document that is not a 决算 fails with its line, loads nothing, and the log keeps the located message", async () => {
    const before = await reportCount("烟台市大数据局");
    const o = await ingestBytes(get().db, "broken.txt", BROKEN, { user: "王五" });
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.status).toBe("failed");
    expect(o.line).toBe(BROKEN_LINE);
    expect(o.reason).toContain("文件 broken.txt");
    expect(o.reason).toContain(`第 ${BROKEN_LINE} 行`);
    expect(o.reason).toContain("部门预算");
    expect(await reportCount("烟台市大数据局")).toBe(before);
    const log = await lastLog();
    expect(log).toMatchObject({
      userName: "王五",
      fileName: "broken.txt",
      sha256: sha(BROKEN),
      status: "failed",
      department: null,
      year: null,
      scope: null,
      revision: null,
      reportId: null,
    });
    expect(log.message).toBe(o.reason);
  });

  test("an edited seed becomes revision 2, the first revision is kept", async () => {
    const o = await ingestBytes(get().db, "000_edited.txt", EDITED, { user: "张三" });
    expect(o.status).toBe("revised");
    if (!o.ok) return;
    expect(o.result.revision).toBe(2);
    expect(await reportCount("烟台市大数据局")).toBe(2);
    expect(await lastLog()).toMatchObject({
      status: "revised",
      revision: 2,
      reportId: o.result.reportId,
      fileName: "000_edited.txt",
    });
  });

  test("a failure inside the load transaction (too many decimals for the store) loads nothing and is logged", async () => {
    const tooFine = revise(
      makeReport({ department: "上传戊局" }),
      (r) => (r.tables[2].rows[0].values.basic = "60.6800001"),
      "fine",
    );
    const bytes = utf8(JSON.stringify(tooFine));
    const o = await ingestBytes(get().db, "e.json", bytes, { user: "张三" });
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.reason).toMatch(/文件 e\.json：.*60\.6800001 有 7 位小数/);
    expect(await reportCount("上传戊局")).toBe(0);
    expect((await get().db.select().from(s.departments).where(eq(s.departments.name, "上传戊局"))).length).toBe(0);
    expect(await lastLog()).toMatchObject({ status: "failed", fileName: "e.json" });
  });

  test("a canonical JSON report (what export writes) loads through the same path; a path in the name is dropped", async () => {
    const bytes = utf8(JSON.stringify(makeReport({ department: "上传甲局" })));
    const o = await ingestBytes(get().db, "some/dir/a.json", bytes, { user: "张三" });
    expect(o.status).toBe("created");
    expect(o.fileName).toBe("a.json");
    expect((await readReport("a.json", bytes)).department).toBe("上传甲局");
  });

  test("latestImports: newest first, with the department of the loaded report for links, failures without", async () => {
    const entries = await latestImports(get().db, 100);
    const [{ n }] = await get().db.select({ n: count() }).from(s.importLog);
    expect(entries.length).toBe(n);
    expect(entries[0].fileName).toBe("a.json");
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const revised = entries.find((e) => e.status === "revised");
    const [dept] = await get().db.select().from(s.departments).where(eq(s.departments.name, "烟台市大数据局"));
    expect(revised?.departmentId).toBe(dept.id);
    expect(entries.find((e) => e.fileName === "broken.txt")?.departmentId).toBeNull();
    expect((await latestImports(get().db, 2)).map((e) => e.id)).toEqual(ids.slice(0, 2));
  });

  test("the CLI logs its loads under the OS user", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fiscal-lens-admin-"));
    try {
      const file = path.join(dir, "cli.json");
      fs.writeFileSync(file, JSON.stringify(makeReport({ department: "命令行乙局" })));
      expect(await runIngest([file], { db: get().db, stdout: new Capture(), stderr: new Capture() })).toBe(0);
      expect(await lastLog()).toMatchObject({
        userName: os.userInfo().username,
        fileName: "cli.json",
        status: "created",
        department: "命令行乙局",
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a folder's PDFs are picked up by the CLI; a hostile one fails alone, its Chinese reason in the log", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fiscal-lens-admin-pdf-"));
    try {
      fs.copyFileSync(path.resolve("tests/fixtures/pdf/encrypted-user-password.pdf"), path.join(dir, "1-locked.pdf"));
      fs.writeFileSync(path.join(dir, "2-junk.pdf"), `%PDF-1.4\n${"garbage ".repeat(500)}`);
      fs.writeFileSync(path.join(dir, "3-good.json"), JSON.stringify(makeReport({ department: "命令行丙局" })));
      const stdout = new Capture();
      expect(await runIngest([dir], { db: get().db, stdout, stderr: new Capture() })).toBe(1);
      expect(stdout.text).toContain("已载入 1 份，未变化 0 份，新修订 0 份，失败 2 份");
      expect(await reportCount("命令行丙局")).toBe(1);
      const log = await latestImports(get().db, 3);
      expect(log.map((e) => [e.fileName, e.status, e.status === "failed" ? e.message : "—"])).toEqual([
        ["3-good.json", "created", "—"],
        ["2-junk.pdf", "failed", "文件 2-junk.pdf：PDF 文件已损坏或不是有效的 PDF（无法读出文件结构）"],
        ["1-locked.pdf", "failed", "文件 1-locked.pdf：PDF 文件已加密（需要密码才能打开）"],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the database refuses a status outside created|unchanged|revised|failed", async () => {
    await expect(
      recordImport(get().db, { userName: "x", fileName: "x", sha256: "0", status: "deleted" as "failed" }),
    ).rejects.toThrow();
    const [{ n }] = await get()
      .db.select({ n: count() })
      .from(s.importLog)
      .where(sql`${s.importLog.status} = 'deleted'`);
    expect(n).toBe(0);
  });
});

describe("staff credentials, CSRF token and same-origin check", () => {
  const env = { ADMIN_USER: "审核员", ADMIN_PASSWORD: "s3cret:with:colons", ADMIN_SECRET: "k" };
  const cfg = adminConfig(env)!;
  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;

  test.each([
    [{}, "nothing set"],
    [{ ADMIN_USER: "a" }, "no password"],
    [{ ADMIN_PASSWORD: "b" }, "no user"],
    [{ ADMIN_USER: "", ADMIN_PASSWORD: "b" }, "empty user"],
  ])("no configuration when %j (%s): the upload is off, there is no default password", (e, _why) => {
    expect(adminConfig(e)).toBeNull();
  });

  test.each([
    [basic("审核员", "s3cret:with:colons"), "审核员"],
    [basic("审核员", "s3cret:with:colon"), null],
    [basic("审核员", "s3cret:with:colons "), null],
    [basic("审核", "s3cret:with:colons"), null],
    [basic("", ""), null],
    ["Bearer abc", null],
    ["Basic !!!", null],
    [`Basic ${Buffer.from("no-colon").toString("base64")}`, null],
    [null, null],
  ])("Authorization %s → %s", (header, user) => {
    expect(authenticate(header, cfg)).toBe(user);
  });

  test("the token is bound to user and day; yesterday's still works, older or another user's does not", () => {
    const now = new Date("2024-03-10T12:00:00Z");
    const t = csrfToken(cfg, "审核员", now);
    expect(verifyCsrfToken(cfg, "审核员", t, now)).toBe(true);
    expect(verifyCsrfToken(cfg, "审核员", t, new Date("2024-03-11T23:59:00Z"))).toBe(true);
    expect(verifyCsrfToken(cfg, "审核员", t, new Date("2024-03-12T00:01:00Z"))).toBe(false);
    expect(verifyCsrfToken(cfg, "别人", t, now)).toBe(false);
    expect(verifyCsrfToken(adminConfig({ ...env, ADMIN_SECRET: "other" })!, "审核员", t, now)).toBe(false);
    expect(verifyCsrfToken(cfg, "审核员", "", now)).toBe(false);
    expect(verifyCsrfToken(cfg, "审核员", null, now)).toBe(false);
  });

  test("without ADMIN_SECRET the process makes one secret and keeps it", () => {
    const a = adminConfig({ ADMIN_USER: "u", ADMIN_PASSWORD: "p" })!;
    const b = adminConfig({ ADMIN_USER: "u", ADMIN_PASSWORD: "p" })!;
    expect(a.secret.length).toBe(32);
    expect(csrfToken(a, "u")).toBe(csrfToken(b, "u"));
  });

  test.each([
    [{ host: "app.example:3000", origin: "http://app.example:3000" }, true],
    [{ host: "app.example:3000", origin: "https://evil.example" }, false],
    [{ host: "app.example:3000", origin: "http://app.example:3001" }, false],
    [{ host: "app.example", origin: "null" }, false],
    [{ host: "app.example", origin: "not a url" }, false],
    [{ host: "127.0.0.1:3000", "x-forwarded-host": "fiscal.example.cn", origin: "https://fiscal.example.cn" }, true],
    [{ host: "app.example", "sec-fetch-site": "same-origin" }, true],
    [{ host: "app.example", "sec-fetch-site": "cross-site" }, false],
    [{ host: "app.example" }, false],
  ])("same origin %j → %s", (h, expected) => {
    expect(isSameOrigin(new Headers(h as Record<string, string>))).toBe(expected);
  });
});
