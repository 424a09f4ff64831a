/**
 * The HTTP benches (issues 5 and 6):
 *
 *   npm run bench -- pages [--url http://127.0.0.1:3000] [--clients 8] [--seconds 30]
 *     every dashboard page under a closed loop, p50 / p95 / p99 beside the page's floor (its own queries run
 *     directly against the store, one at a time) and the ratio of the two. Targets: p95 ≤ 300 ms, p50 ≤ 2 × floor.
 *   npm run bench -- load [--url …] [--clients 50] [--seconds 60]
 *     the bounded load test: every page, p50 / p99 and errors; exits 1 when any request failed.
 *
 * Without --url the bench serves the current store itself with `next start` (DATABASE_URL or PGLITE_DIR, as
 * `npm start` would; it needs a production build, `npm run build`, and does not build) on a free loopback port,
 * and reports the server's memory. With --url and a PGlite store that the server holds, the floors run on a copy
 * of the PGlite directory (PGlite opens a directory from one process only).
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { count, eq } from "drizzle-orm";
import { closeDb, getStore, pgliteDir } from "../../db/client";
import { LOCK_FILE, StoreLockedError } from "../../db/pglite-lock";
import { reports } from "../../db/schema";
import { arg, intArg, runHeader, UsageError } from "./cli-args";
import { loadTable, runClosedLoop, soloPass, warmUp, type LoadResult } from "./load";
import { benchPages, departmentIdFromApp, departmentIdFromStore, type BenchPage } from "./pages";
import { benchPaths } from "./paths";
import { startNext, type BenchServer } from "./server";
import { fmtMs, summarize, type Summary } from "./stats";
import { clearQueryCache } from "../../db/queries/cache";

export type CmdResult = { text: string; code: number };

const P95_TARGET_MS = 300;
const RATIO_TARGET = 2;

const progress = (s: string) => process.stderr.write(`${s}\n`);

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

function storeLabel(): string {
  return process.env.DATABASE_URL ? `PostgreSQL ${redact(process.env.DATABASE_URL)}` : `PGlite ${pgliteDir()}`;
}

/** Opens this process's store for the floors; a PGlite directory held by a running server is copied first. */
async function openFloorStore(allowCopy: boolean): Promise<{ note?: string; close: () => Promise<void> }> {
  try {
    await getStore();
    return { close: closeDb };
  } catch (e) {
    if (!(e instanceof StoreLockedError) || !allowCopy) throw e;
    const src = pgliteDir();
    const tmp = mkdtempSync(path.join(os.tmpdir(), "fl-bench-floor-"));
    cpSync(src, tmp, { recursive: true, filter: (f) => path.basename(f) !== LOCK_FILE });
    const previous = process.env.PGLITE_DIR;
    process.env.PGLITE_DIR = tmp;
    const restore = () => {
      if (previous === undefined) delete process.env.PGLITE_DIR;
      else process.env.PGLITE_DIR = previous;
    };
    try {
      await getStore();
    } catch (err) {
      restore();
      rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
    return {
      note: `floors measured on a copy of ${src} (the server at --url holds it; PGlite opens a directory from one process only)`,
      close: async () => {
        await closeDb();
        restore();
        rmSync(tmp, { recursive: true, force: true });
      },
    };
  }
}

async function latestReportCount(): Promise<number> {
  const { db } = await getStore();
  const [{ n }] = await db.select({ n: count() }).from(reports).where(eq(reports.isLatest, true));
  return Number(n);
}

/** Each page's queries, one call at a time, never from the query cache: `warm` untimed calls, then `runs` timed ones. */
async function measureFloors(pages: BenchPage[], runs = 15, warm = 3): Promise<Map<string, Summary>> {
  const out = new Map<string, Summary>();
  for (const p of pages) {
    for (let i = 0; i < warm; i++) {
      clearQueryCache();
      await p.floor();
    }
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      clearQueryCache();
      const t0 = performance.now();
      await p.floor();
      ms.push(performance.now() - t0);
    }
    out.set(p.path, summarize(ms));
  }
  return out;
}

/** Runs the closed loop, sampling the server's memory (when the bench started it) twice a second. */
async function loadWithMemory(server: BenchServer | undefined, opts: Parameters<typeof runClosedLoop>[0]) {
  const rss: number[] = [];
  const sample = () => {
    const m = server?.rssMiB();
    if (m !== undefined) rss.push(m);
  };
  sample();
  const timer = setInterval(sample, 500);
  try {
    const result = await runClosedLoop(opts);
    sample();
    return { result, rss };
  } finally {
    clearInterval(timer);
  }
}

function summaryLines(r: LoadResult, rss: number[]): string[] {
  const lines = [
    `Overall: ${r.requests} requests in ${(r.elapsedMs / 1000).toFixed(1)} s, **${r.throughput.toFixed(1)} requests/s**; ` +
      `p50 ${fmtMs(r.overall.p50)} ms, p95 ${fmtMs(r.overall.p95)} ms, p99 ${fmtMs(r.overall.p99)} ms, max ${fmtMs(r.overall.max)} ms; **${r.errors} errors**.`,
  ];
  if (rss.length) {
    lines.push(
      `Server memory (RSS of next start and its children): ${rss[0].toFixed(0)} MiB before, peak ${Math.max(...rss).toFixed(0)} MiB, ${rss[rss.length - 1].toFixed(0)} MiB after.`,
    );
  }
  const failing = r.paths.filter((p) => p.errors > 0);
  for (const p of failing)
    lines.push(`- errors on ${p.path}: ${p.errors} of ${p.requests} (${p.errorSamples.join("; ")})`);
  return lines;
}

type Target = { url: string; server?: BenchServer; departmentId: number };

function stopOnSignal(server: BenchServer | undefined) {
  if (!server) return;
  const onSignal = () => {
    void server.stop().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
}

async function httpTarget(url: string | undefined, port: number | undefined): Promise<Target> {
  let server: BenchServer | undefined;
  if (!url) {
    progress(`starting next start on ${storeLabel()} …`);
    server = await startNext(port);
    stopOnSignal(server);
    url = server.url;
  }
  const departmentId = await departmentIdFromApp(url);
  if (departmentId === undefined) {
    await server?.stop();
    throw new UsageError(`${url} 的库中没有任何部门：先载入决算（npm run db:seed 或 npm run cli -- ingest）。`);
  }
  return { url, server, departmentId };
}

async function warm(url: string, paths: string[], rounds: number) {
  progress(`warming up: ${rounds} × ${paths.length} paths …`);
  for (const w of await warmUp(url, paths, rounds)) progress(`  warm-up: ${w.path} → ${w.why}`);
}

/**
 * Each page's floor alone, without a server: the database work of the first view after a load (every statement
 * cold in the query cache; PostgreSQL's own buffers warm after the warm-ups). What the per-report summaries move.
 */
export async function benchFloorsCmd(args: string[]): Promise<CmdResult> {
  const runs = intArg(args, "floor-runs", 5);
  const label = storeLabel();
  await getStore();
  try {
    const departmentId = await departmentIdFromStore();
    if (departmentId === undefined) throw new UsageError(`${label} 中没有任何部门。`);
    const reportCount = await latestReportCount();
    progress(`floors: ${runs} runs per page on ${label} (${reportCount} latest reports) …`);
    const floors = await measureFloors(benchPages(departmentId), runs, 1);
    const lines = [
      `Floors on ${label}, ${reportCount} latest reports: each page's statements run directly, cold in the query cache (${runs} runs after 1 warm-up).`,
      "",
      "| page | floor p50 (ms) | max |",
      "|---|---|---|",
      ...[...floors].map(([p, s]) => `| ${p} | ${fmtMs(s.p50)} | ${fmtMs(s.max)} |`),
    ];
    return { text: `${lines.join("\n")}\n`, code: 0 };
  } finally {
    await closeDb();
  }
}

export async function benchPagesCmd(args: string[]): Promise<CmdResult> {
  const url = arg(args, "url");
  const clients = intArg(args, "clients", 8);
  const seconds = intArg(args, "seconds", 30);
  const runs = intArg(args, "floor-runs", 15);
  const port = arg(args, "port") ? intArg(args, "port", 3000) : undefined;
  const notes: string[] = [];
  const label = storeLabel(); // before openFloorStore may point PGLITE_DIR at a copy

  // Floors first: without --url the bench's own server will need the PGlite directory next.
  const floorStore = await openFloorStore(url !== undefined);
  let floors: Map<string, Summary>;
  let departmentId: number | undefined;
  let reportCount: number;
  try {
    if (floorStore.note) notes.push(floorStore.note);
    departmentId = await departmentIdFromStore();
    if (departmentId === undefined)
      throw new UsageError(`${label} 中没有任何部门：先载入决算（npm run db:seed 或 npm run cli -- ingest）。`);
    reportCount = await latestReportCount();
    progress(`floors: ${runs} runs per page on ${label} (${reportCount} latest reports) …`);
    floors = await measureFloors(benchPages(departmentId), runs);
  } finally {
    await floorStore.close();
  }

  const target = await httpTarget(url, port);
  try {
    if (target.departmentId !== departmentId) {
      throw new UsageError(
        `${target.url} 与本进程的库（${label}）不是同一份数据（首个部门编号 ${target.departmentId} ≠ ${departmentId}）：` +
          `请用与服务相同的 DATABASE_URL / PGLITE_DIR 运行，楼层（floor）才有意义。`,
      );
    }
    const paths = benchPaths(departmentId);
    await warm(target.url, paths, intArg(args, "warmup", 2));
    const soloRounds = intArg(args, "solo-rounds", 5);
    progress(`alone: ${soloRounds} × ${paths.length} paths, one request at a time …`);
    const solo = await soloPass(target.url, paths, soloRounds);
    progress(`closed loop: ${clients} clients × ${seconds} s …`);
    const { result, rss } = await loadWithMemory(target.server, {
      baseUrl: target.url,
      paths,
      clients,
      durationMs: seconds * 1000,
    });

    const out = runHeader(["pages", ...args]);
    out.push(`#### Dashboard pages, closed loop of ${clients} clients × ${seconds} s`);
    out.push(
      `Store: ${label}, ${reportCount} latest reports. Server: ${target.server ? "`next start` (production build) started by the bench" : target.url}. ` +
        `Latencies are to the last byte of the body, successful requests only. Alone = the page requested with nothing else in flight ` +
        `(p50 of ${soloRounds}); floor = the page's own queries run directly in the bench's process (p50 of ${runs} runs after 3 warm-ups); ` +
        `ratio = page p50 under load ÷ floor p50. Targets: p95 ≤ ${P95_TARGET_MS} ms, ratio ≤ ${RATIO_TARGET}.`,
    );
    for (const n of notes) out.push(`Note: ${n}.`);
    out.push("");
    out.push(
      "| page | requests | p50 (ms) | p95 | p99 | alone p50 | floor p50 | ratio | alone ÷ floor | errors | targets |",
      "|---|---|---|---|---|---|---|---|---|---|---|",
    );
    const x = (a: number, b: number) => (Number.isFinite(a / b) ? (a / b).toFixed(1) : "—");
    for (const p of result.paths) {
      const floor = floors.get(p.path)!;
      const alone = solo.get(p.path)!;
      const errors = p.errors + alone.errors;
      const misses = [
        p.p95 > P95_TARGET_MS ? "p95" : "",
        p.p50 / floor.p50 > RATIO_TARGET ? "ratio" : "",
        errors ? "errors" : "",
      ].filter(Boolean);
      out.push(
        `| ${p.path} | ${p.requests} | ${fmtMs(p.p50)} | ${fmtMs(p.p95)} | ${fmtMs(p.p99)} | ${fmtMs(alone.p50)} | ${fmtMs(floor.p50)} | ${x(p.p50, floor.p50)} | ${x(alone.p50, floor.p50)} | ${errors} | ${misses.length ? `missed: ${misses.join(", ")}` : "met"} |`,
      );
    }
    out.push("", ...summaryLines(result, rss), "");
    return { text: out.join("\n") + "\n", code: 0 };
  } finally {
    await target.server?.stop();
  }
}

/**
 * `--paths a,b` replaces the bench's paths (`{dept}` stands for the department the bench picked); `--each` runs one
 * closed loop per path, alone, and prints each path's throughput and p99 (one line per page, as the issue's tables).
 */
function pathsOption(args: string[], departmentId: number): string[] {
  const raw = arg(args, "paths");
  if (raw === undefined) return benchPaths(departmentId);
  const paths = raw
    .split(",")
    .map((p) => p.trim().replace("{dept}", String(departmentId)))
    .filter(Boolean);
  if (!paths.length || paths.some((p) => !p.startsWith("/")))
    throw new UsageError(`--paths 应为以逗号分隔、以 / 开头的路径，实为 “${raw}”`);
  return paths;
}

async function eachPathAlone(
  target: Target,
  paths: string[],
  clients: number,
  seconds: number,
  args: string[],
): Promise<CmdResult> {
  await warm(target.url, paths, intArg(args, "warmup", 1));
  const out = runHeader(["load", ...args]);
  out.push(`#### Each path alone, closed loop of ${clients} clients × ${seconds} s on loopback`);
  out.push(
    `Server: ${target.server ? `\`next start\` (production build) started by the bench on ${storeLabel()}` : target.url}. Latencies to the last byte, successful requests only; body bytes as the client read them (decompressed).`,
    "",
  );
  out.push(
    "| path | requests | req/s | p50 (ms) | p99 | max | body bytes | errors |",
    "|---|---|---|---|---|---|---|---|",
  );
  let errors = 0;
  for (const p of paths) {
    progress(`closed loop on ${p}: ${clients} clients × ${seconds} s …`);
    const r = await runClosedLoop({ baseUrl: target.url, paths: [p], clients, durationMs: seconds * 1000 });
    const x = r.paths[0];
    errors += r.errors;
    out.push(
      `| ${p} | ${x.requests} | ${r.throughput.toFixed(1)} | ${fmtMs(x.p50)} | ${fmtMs(x.p99)} | ${fmtMs(x.max)} | ${x.count ? Math.round(x.bytes / x.count) : "—"} | ${x.errors} |`,
    );
  }
  out.push("");
  return { text: out.join("\n") + "\n", code: errors > 0 ? 1 : 0 };
}

export async function benchLoadCmd(args: string[]): Promise<CmdResult> {
  const url = arg(args, "url");
  const clients = intArg(args, "clients", 50);
  const seconds = intArg(args, "seconds", 60);
  const port = arg(args, "port") ? intArg(args, "port", 3000) : undefined;
  const target = await httpTarget(url, port);
  try {
    const paths = pathsOption(args, target.departmentId);
    if (args.includes("--each")) return await eachPathAlone(target, paths, clients, seconds, args);
    await warm(target.url, paths, intArg(args, "warmup", 1));
    progress(`closed loop: ${clients} clients × ${seconds} s …`);
    const { result, rss } = await loadWithMemory(target.server, {
      baseUrl: target.url,
      paths,
      clients,
      durationMs: seconds * 1000,
    });

    const out = runHeader(["load", ...args]);
    out.push(`#### Load test, closed loop of ${clients} clients × ${seconds} s on loopback`);
    out.push(
      `Server: ${target.server ? `\`next start\` (production build) started by the bench on ${storeLabel()}` : target.url}. ` +
        `Every dashboard page, one review pack, one CSV and one JSON dataset; latencies to the last byte, successful requests only.`,
    );
    out.push("");
    out.push(...loadTable(result));
    out.push("", ...summaryLines(result, rss), "");
    return { text: out.join("\n") + "\n", code: result.errors > 0 ? 1 : 0 };
  } finally {
    await target.server?.stop();
  }
}
