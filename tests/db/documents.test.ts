import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { ingestBytes } from "../../db/ingest-bytes";
import * as s from "../../db/schema";
import { forEachDb } from "../helpers/test-db";
import { makeReport } from "./fixtures";

const SAMPLES = path.resolve(import.meta.dirname, "../../data/samples");
const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(SAMPLES, f)));
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

forEachDb("original files kept in the store", (get) => {
  const stored = async (hash: string) =>
    (await get().db.select().from(s.documents).where(eq(s.documents.sha256, hash)))[0];

  test("a text document is kept byte for byte with its official address, once however often it is loaded", async () => {
    const { db } = get();
    const bytes = read("000_de383ccec50b5c0e.txt");
    const o = await ingestBytes(db, "000_de383ccec50b5c0e.txt", bytes, {
      user: "测试",
      sourceUrl: "https://www.yantai.gov.cn/a.html",
    });
    expect(o.ok && o.status).toBe("created");
    const doc = await stored(sha(bytes));
    expect(Buffer.from(doc.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(doc.byteLength).toBe(bytes.byteLength);
    expect(doc.sourceUrl).toBe("https://www.yantai.gov.cn/a.html");
    // the report names its file by the same hash the documents table is keyed by
    const [r] = await db
      .select({ sha: s.reports.contentSha256 })
      .from(s.reports)
      .where(eq(s.reports.id, o.ok ? o.result.reportId : -1));
    expect(r.sha).toBe(sha(bytes));

    const again = await ingestBytes(db, "renamed.txt", bytes, {
      user: "测试",
      sourceUrl: "https://www.yantai.gov.cn/b.html",
    });
    expect(again.ok && again.status).toBe("unchanged");
    const [{ n }] = await db
      .select({ n: count() })
      .from(s.documents)
      .where(eq(s.documents.sha256, sha(bytes)));
    expect(n).toBe(1);
    // a later load may give the address; the first name stays
    expect((await stored(sha(bytes))).sourceUrl).toBe("https://www.yantai.gov.cn/b.html");
    expect((await stored(sha(bytes))).fileName).toBe("000_de383ccec50b5c0e.txt");
  });

  test("the published PDF of a 决算 and of a 预算 are kept whole", async () => {
    const { db } = get();
    for (const f of ["上海市普陀区财政局2024年度部门决算.pdf", "上海市普陀区人民政府办公室2025年单位预算.pdf"]) {
      const bytes = read(f);
      const o = await ingestBytes(db, f, bytes, { user: "测试" });
      expect(o.ok, o.ok ? "" : o.reason).toBe(true);
      const doc = await stored(sha(bytes));
      expect(doc.fileName).toBe(f);
      expect(doc.sourceUrl).toBeNull();
      expect(sha(new Uint8Array(doc.bytes))).toBe(sha(bytes));
    }
  }, 120_000);

  test("canonical JSON is not a published document: nothing is kept for it", async () => {
    const { db } = get();
    const bytes = new TextEncoder().encode(JSON.stringify(makeReport({ department: "原文测试局" })));
    const o = await ingestBytes(db, "r.json", bytes, { user: "测试" });
    expect(o.ok).toBe(true);
    expect(await stored(sha(bytes))).toBeUndefined();
  });
});
