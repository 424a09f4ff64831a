import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { closeDb, getDb, openPglite } from "../../db/client";
import { LOCK_FILE, StoreLockedError } from "../../db/pglite-lock";

// PGlite only: the lock exists because an embedded directory cannot be shared; Postgres needs none.
describe("PGlite directory lock", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fiscal-lens-lock-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("a second process opening the same directory gets a Chinese error naming the directory and the holder's pid", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("tests/db/hold-store.ts"), dir], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    const exited = new Promise<number | null>((r) => child.once("exit", r));
    try {
      const pid = await new Promise<number>((resolve, reject) => {
        child.stdout.on("data", (b: Buffer) => {
          const m = /ready (\d+)/.exec(b.toString());
          if (m) resolve(Number(m[1]));
        });
        exited.then((code) => reject(new Error(`holder exited early (${code})`)));
      });
      expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8").trim()).toBe(String(pid));
      const err = await openPglite(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreLockedError);
      expect((err as Error).message).toContain(`数据目录 ${dir} 正被进程 ${pid} 使用`);
      expect((err as Error).message).toContain(path.join(dir, LOCK_FILE));
    } finally {
      child.stdin.end();
      await exited;
    }
    // the holder released the lock on close; now this process can open it
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const store = await openPglite(dir);
    await store.close();
  });

  test("a second open inside the same process is refused too, and close releases the lock", async () => {
    const store = await openPglite(dir);
    await expect(openPglite(dir)).rejects.toThrow(`正被进程 ${process.pid} 使用`);
    await store.close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = await openPglite(dir);
    await again.close();
  });

  test("a stale lock left by a dead process is taken over", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    fs.writeFileSync(path.join(dir, LOCK_FILE), `${dead}\n`);
    const store = await openPglite(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8").trim()).toBe(String(process.pid));
    await store.close();
  });

  test("getDb opens PGLITE_DIR once per process; closeDb releases it", async () => {
    const saved = { dir: process.env.PGLITE_DIR, url: process.env.DATABASE_URL };
    process.env.PGLITE_DIR = path.join(dir, "nested", "store");
    delete process.env.DATABASE_URL;
    try {
      const [a, b] = await Promise.all([getDb(), getDb()]);
      expect(a).toBe(b);
      expect(fs.existsSync(path.join(dir, "nested", "store", LOCK_FILE))).toBe(true);
      await closeDb();
      expect(fs.existsSync(path.join(dir, "nested", "store", LOCK_FILE))).toBe(false);
    } finally {
      await closeDb();
      if (saved.dir === undefined) delete process.env.PGLITE_DIR;
      else process.env.PGLITE_DIR = saved.dir;
      if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    }
  });
});
