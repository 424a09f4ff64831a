/**
 * Starts `next start` on the current store (DATABASE_URL or PGLITE_DIR, as `npm start` would) for the HTTP benches,
 * and samples its memory. Needs a production build in .next (`npm run build`); it does not build.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { UsageError } from "./cli-args";

const root = path.resolve(import.meta.dirname, "../..");

export type BenchServer = {
  url: string;
  pid: number;
  stop: () => Promise<void>;
  rssMiB: () => number | undefined;
  log: () => string;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export async function startNext(port?: number): Promise<BenchServer> {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    throw new UsageError(
      "没有找到生产构建（.next/BUILD_ID）：先运行 npm run build，或用 --url 指向一个正在运行的服务。",
    );
  }
  const p = port ?? (await freePort());
  const bin = path.join(root, "node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [bin, "start", "-p", String(p), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "pipe",
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${p}`;
  let stopped = false;
  const stop = async () => {
    if (stopped || !child.pid) return;
    stopped = true;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return; // already gone
    }
    const deadline = Date.now() + 10_000;
    while (child.exitCode === null && child.signalCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start 退出（代码 ${child.exitCode}）：\n${log}`);
    try {
      const r = await fetch(url + "/api", { signal: AbortSignal.timeout(5_000) });
      await r.arrayBuffer();
      if (r.status < 500) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start 在 120 秒内没有响应：\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url, pid: child.pid!, stop, rssMiB: () => treeRssMiB(child.pid!), log: () => log };
}

/** Resident memory of a process and its descendants (Linux /proc), in MiB; undefined where /proc is missing. */
function treeRssMiB(pid: number): number | undefined {
  let kib = 0;
  const stack = [pid];
  const seen = new Set<number>();
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      kib += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      for (const t of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${t}/children`, "utf8").trim();
        if (kids) stack.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      if (p === pid) return undefined; // no /proc, or the server is gone
      // a descendant that exited meanwhile
    }
  }
  return kib / 1024;
}
