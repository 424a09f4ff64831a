import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../helpers/pg-cluster";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const root = path.resolve(import.meta.dirname, "../..");

let builtThisRun = false;

export type RunningApp = { url: string; stop: () => Promise<void>; dataDir: string };

/**
 * Builds (once per run, when .next is missing or E2E_REBUILD is set), prepares a fresh PGlite store with the
 * bundled samples, and serves it with `next start` on a free loopback port — the same path `npm start` takes.
 */
export async function startApp(extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "fiscal-lens-e2e-"));
  const env = { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: "", ...extraEnv, NEXT_TELEMETRY_DISABLED: "1" };
  delete (env as Record<string, string | undefined>).DATABASE_URL;
  if (extraEnv.DATABASE_URL) env.DATABASE_URL = extraEnv.DATABASE_URL;

  const prep = spawnSync("npx", ["tsx", "scripts/prepare-store.ts"], { cwd: root, env, encoding: "utf8" });
  if (prep.status !== 0) throw new Error(`prepare-store failed: ${prep.stderr || prep.stdout}`);
  // Settings such as ADMIN_USER are read at request time, so one build serves every app a test file starts.
  if (!existsSync(path.join(root, ".next/BUILD_ID")) || (process.env.E2E_REBUILD && !builtThisRun)) {
    const build = spawnSync("npx", ["next", "build"], { cwd: root, env, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`next build failed: ${build.stdout}\n${build.stderr}`);
    builtThisRun = true;
  }
  const port = await freePort();
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env,
    stdio: "pipe",
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const r = await fetch(url + "/");
      if (r.status < 500) break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error(`next start exited: ${log}`);
    if (Date.now() > deadline) throw new Error(`next start did not answer in 120 s: ${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    dataDir,
    stop: async () => {
      if (child.pid) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          /* already gone */
        }
      }
      await new Promise((r) => setTimeout(r, 500));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
