import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { csrfToken } from "../../app/admin/_lib/auth";
import { POST } from "../../app/admin/import/organisations/route";
import { loadReport } from "../../db/load";
import { latestOverrides } from "../../db/organisations";
import * as s from "../../db/schema";
import type { Report } from "../../lib/report/schema";
import { makeReport, mutate } from "../helpers/factories";
import { forEachDb } from "../helpers/test-db";

// The correction endpoint called as Next calls it, on a real database: the same gate as the upload, then the merge
// or the assignment, kept with the user's name.
const USER = "审核员";
const ENV = { ADMIN_USER: USER, ADMIN_PASSWORD: "pw-组织", ADMIN_SECRET: "org-test-secret" };
const HOST = "fiscal.example";
const basic = (u: string, p: string) => "Basic " + Buffer.from(`${u}:${p}`, "utf8").toString("base64");

function factory(department: string, year: number, tag: string): Report {
  return mutate(makeReport({ department, year }), (r) => {
    r.synthetic = false;
    r.source.sha256 = tag.padEnd(64, "0").slice(0, 64);
  });
}

const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<unknown> };
const saved: Record<string, string | undefined> = {};

function post(body: unknown, headers: Record<string, string> = {}) {
  const token = csrfToken(
    { user: USER, password: ENV.ADMIN_PASSWORD, secret: Buffer.from(ENV.ADMIN_SECRET, "utf8") },
    USER,
  );
  return POST(
    new NextRequest(`http://${HOST}/admin/import/organisations`, {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers: {
        host: HOST,
        origin: `http://${HOST}`,
        authorization: basic(USER, ENV.ADMIN_PASSWORD),
        "content-type": "application/json",
        "x-csrf-token": token,
        ...headers,
      },
    }),
  );
}

forEachDb("organisation corrections through /admin/import/organisations", (get) => {
  beforeAll(async () => {
    for (const [k, v] of Object.entries(ENV)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    const t = get();
    g.__fiscalLensStore = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {}, where: t.label });
    for (const r of [factory("示例市丙局", 2021, "p2021"), factory("示例市丙局机关", 2020, "p2020")])
      await loadReport(t.db, r, { findings: [], completeness: "90" });
  });
  afterAll(() => {
    g.__fiscalLensStore = undefined;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  test.each([
    ["a wrong password", { authorization: basic(USER, "wrong") }, 401, /用户名和密码/],
    ["another site's page", { origin: "http://evil.example" }, 403, /其他网站/],
    ["no token", { "x-csrf-token": "" }, 403, /令牌/],
    ["a form post", { "content-type": "application/x-www-form-urlencoded" }, 415, /JSON/],
  ])("%s is refused (%i) and nothing changes", async (_name, headers, status, message) => {
    const res = await post({ action: "merge", from: "示例市丙局机关", to: "示例市丙局" }, headers);
    expect(res.status).toBe(status);
    expect((await res.json()).error).toMatch(message);
    expect(await latestOverrides(get().db)).toEqual([]);
  });

  test("a payload that is neither correction is 400", async () => {
    expect((await post({ action: "split", from: "示例市丙局" })).status).toBe(400);
    expect((await post("{not json")).status).toBe(400);
  });

  test("a department that does not exist is 409 with its name", async () => {
    const res = await post({ action: "unit", unit: "示例市丙局信息中心", parent: "示例市戊局" });
    expect(res.status).toBe(409);
    expect((await res.json()).error).toBe("没有名为“示例市戊局”的部门");
  });

  test("a merge by name moves the reports and is logged with the user", async () => {
    const res = await post({ action: "merge", from: "示例市丙局机关", to: "示例市丙局" });
    expect(res.status).toBe(200);
    expect((await res.json()).outcome).toBe("1 份报告并入“示例市丙局”；此后名为“示例市丙局机关”的文件载入该部门");
    const names = (await get().db.select({ name: s.departments.name }).from(s.departments)).map((d) => d.name);
    expect(names).toEqual(["示例市丙局"]);
    const [dept] = await get().db.select().from(s.departments).where(eq(s.departments.name, "示例市丙局"));
    expect(
      (await get().db.select().from(s.reports).where(eq(s.reports.departmentId, dept.id))).map((r) => r.year).sort(),
    ).toEqual([2020, 2021]);
    expect(await latestOverrides(get().db)).toMatchObject([
      { kind: "merge", userName: USER, fromName: "示例市丙局机关", toName: "示例市丙局" },
    ]);
  });

  test("a unit is assigned by name, the 部门 found by any printing of its name", async () => {
    const res = await post({ action: "unit", unit: "示例市丙局信息中心", parent: "示例市丙局（本级）" });
    expect(res.status).toBe(200);
    expect((await res.json()).outcome).toBe("“示例市丙局信息中心”尚未载入；载入后按此归属");
  });
});
