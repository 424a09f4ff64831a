/**
 * A closed-loop HTTP load driver with no dependencies: `clients` concurrent clients, each sending its next request
 * only when the previous one has been read to its last byte, cycling through `paths` from its own starting offset,
 * until `durationMs` has passed (requests in flight then are finished and counted). Node's fetch keeps connections
 * alive, so each client reuses its socket.
 *
 * An error is a network failure or timeout, a status outside 2xx (redirects are not followed), or a 2xx body that
 * is the app's error page (its heading 页面暂时无法显示 — Next answers 200 when a page fails after streaming began).
 * Latency percentiles are over the successful requests only, so a fast failure cannot flatter them.
 */
import { performance } from "node:perf_hooks";
import { fmtMs, summarize, type Summary } from "./stats";

/** The heading of app/error.tsx. */
export const ERROR_PAGE_MARKER = "页面暂时无法显示";

export type LoadOptions = {
  baseUrl: string;
  paths: readonly string[];
  clients: number;
  durationMs: number;
  /** per request; a request taking longer is aborted and counted as an error (default 30 s) */
  timeoutMs?: number;
  /** a body containing this counts as an error (default ERROR_PAGE_MARKER) */
  errorMarker?: string;
};

type PathResult = Summary & {
  path: string;
  /** every request sent to this path, failed ones included (Summary.count is the successful ones) */
  requests: number;
  errors: number;
  /** up to three distinct error descriptions */
  errorSamples: string[];
  /** bytes of body received (as sent, before any decoding), successful requests */
  bytes: number;
};

export type LoadResult = {
  clients: number;
  durationMs: number;
  /** from the first request sent to the last one finished */
  elapsedMs: number;
  requests: number;
  errors: number;
  /** completed requests (failed ones included) per second of elapsed time */
  throughput: number;
  overall: Summary;
  paths: PathResult[];
};

type Timed = { ok: true; ms: number; bytes: number } | { ok: false; why: string };

/** One GET, read to the last byte and judged as the header comment says. */
async function timedRequest(url: string, timeoutMs: number, marker = ERROR_PAGE_MARKER): Promise<Timed> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    const body = Buffer.from(await res.arrayBuffer());
    const ms = performance.now() - t0;
    if (res.status < 200 || res.status > 299) return { ok: false, why: `HTTP ${res.status}` };
    if (marker && body.includes(marker)) return { ok: false, why: `error page (HTTP ${res.status})` };
    return { ok: true, ms, bytes: body.length };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    return {
      ok: false,
      why:
        err.name === "TimeoutError"
          ? `timeout after ${timeoutMs} ms`
          : `network: ${err.cause?.code ?? err.cause?.message ?? err.message}`,
    };
  }
}

type Acc = { ms: number[]; requests: number; errors: number; samples: Set<string>; bytes: number };

export async function runClosedLoop(opts: LoadOptions): Promise<LoadResult> {
  const { paths, clients, durationMs } = opts;
  if (paths.length === 0) throw new Error("runClosedLoop: no paths");
  if (!(clients >= 1)) throw new Error("runClosedLoop: clients must be ≥ 1");
  const base = opts.baseUrl.replace(/\/+$/, "");
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const marker = opts.errorMarker ?? ERROR_PAGE_MARKER;
  const acc = new Map<string, Acc>(
    paths.map((p) => [p, { ms: [], requests: 0, errors: 0, samples: new Set(), bytes: 0 }]),
  );

  const fail = (a: Acc, why: string) => {
    a.errors++;
    if (a.samples.size < 3) a.samples.add(why);
  };

  async function one(path: string) {
    const a = acc.get(path)!;
    a.requests++;
    const r = await timedRequest(base + path, timeoutMs, marker);
    if (r.ok) {
      a.ms.push(r.ms);
      a.bytes += r.bytes;
    } else fail(a, r.why);
  }

  const started = performance.now();
  const deadline = started + durationMs;
  async function client(i: number) {
    let k = i % paths.length;
    while (performance.now() < deadline) {
      const p = paths[k];
      k = (k + 1) % paths.length;
      await one(p);
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  const elapsedMs = performance.now() - started;

  const results: PathResult[] = paths.map((path) => {
    const a = acc.get(path)!;
    return {
      path,
      ...summarize(a.ms),
      requests: a.requests,
      errors: a.errors,
      errorSamples: [...a.samples],
      bytes: a.bytes,
    };
  });
  const requests = results.reduce((s, r) => s + r.requests, 0);
  const errors = results.reduce((s, r) => s + r.errors, 0);
  return {
    clients,
    durationMs,
    elapsedMs,
    requests,
    errors,
    throughput: requests / (elapsedMs / 1000),
    overall: summarize([...acc.values()].flatMap((a) => a.ms)),
    paths: results,
  };
}

/**
 * Requests every path `rounds` times, one at a time, so that the server has loaded each route's code before the
 * measured run. Returns the paths that did not answer 2xx, with the reason.
 */
export async function warmUp(
  baseUrl: string,
  paths: readonly string[],
  rounds = 2,
): Promise<{ path: string; why: string }[]> {
  const base = baseUrl.replace(/\/+$/, "");
  const bad = new Map<string, string>();
  for (let r = 0; r < rounds; r++) {
    for (const p of paths) {
      const t = await timedRequest(base + p, 120_000);
      if (t.ok) bad.delete(p);
      else bad.set(p, t.why.replace(/ \(HTTP 200\)$/, ""));
    }
  }
  return [...bad].map(([path, why]) => ({ path, why }));
}

/** Each path requested `rounds` times with nothing else in flight: what one user alone waits, per path. */
export async function soloPass(
  baseUrl: string,
  paths: readonly string[],
  rounds = 5,
  timeoutMs = 30_000,
): Promise<Map<string, Summary & { errors: number }>> {
  const base = baseUrl.replace(/\/+$/, "");
  const ms = new Map<string, number[]>(paths.map((p) => [p, []]));
  const errors = new Map<string, number>(paths.map((p) => [p, 0]));
  for (let r = 0; r < rounds; r++) {
    for (const p of paths) {
      const t = await timedRequest(base + p, timeoutMs);
      if (t.ok) ms.get(p)!.push(t.ms);
      else errors.set(p, errors.get(p)! + 1);
    }
  }
  return new Map(paths.map((p) => [p, { ...summarize(ms.get(p)!), errors: errors.get(p)! }]));
}

/** The load test's Markdown table: page, requests, p50, p99, max, errors. */
export function loadTable(r: LoadResult): string[] {
  return [
    "| page | requests | p50 (ms) | p99 | max | errors |",
    "|---|---|---|---|---|---|",
    ...r.paths.map(
      (p) => `| ${p.path} | ${p.requests} | ${fmtMs(p.p50)} | ${fmtMs(p.p99)} | ${fmtMs(p.max)} | ${p.errors} |`,
    ),
  ];
}
