/**
 * The bench's closed-loop driver and its statistics, against a tiny local HTTP server whose answers are known:
 * what counts as an error, that every client cycles through the paths from its own offset, that no more than
 * `clients` requests are ever in flight (and that all of them are), and that a response is timed to its last byte.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_PAGE_MARKER, runClosedLoop, soloPass, warmUp } from "../../scripts/bench/load";
import { percentile, summarize } from "../../scripts/bench/stats";

describe("stats", () => {
  it("takes nearest-rank percentiles", () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(summarize(xs)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.51)).toBe(3);
    expect(percentile([1, 2, 3], 0)).toBe(1);
  });
  it("has no percentile of nothing", () => {
    const s = summarize([]);
    expect(s.count).toBe(0);
    expect(Number.isNaN(s.p50) && Number.isNaN(s.max)).toBe(true);
  });
});

type Log = { path: string }[];

describe("runClosedLoop", () => {
  let server: Server;
  let base: string;
  const log: Log = [];
  let inFlight = 0;
  let maxInFlight = 0;
  /** /gate answers only once `gateSize` requests wait there (or after 2 s, so that a lone straggler ends). */
  let gateSize = 0;
  let waiting: ServerResponse[] = [];
  let gateOpenedFull = 0;
  /** /meet/a and /meet/b answer in pairs: a request waits until one arrives at the other (or 2 s pass: "alone"). */
  const meeting: Record<string, ServerResponse[]> = { a: [], b: [] };
  let meetings: ("met" | "alone")[] = [];
  const meet = (side: "a" | "b") => (_q: IncomingMessage, res: ServerResponse) => {
    const other = side === "a" ? "b" : "a";
    const partner = meeting[other].shift();
    if (partner) {
      meetings.push("met");
      partner.end("met");
      res.end("met");
      return;
    }
    meeting[side].push(res);
    setTimeout(() => {
      const i = meeting[side].indexOf(res);
      if (i >= 0) {
        meeting[side].splice(i, 1);
        meetings.push("alone");
        res.end("alone");
      }
    }, 2000);
  };

  const handlers: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    "/ok": (_q, res) => res.end("fine"),
    "/csv": (_q, res) => {
      res.setHeader("content-type", "text/csv; charset=utf-8");
      res.end("\ufeff部门,金额\r\n甲,1.00\r\n");
    },
    "/500": (_q, res) => {
      res.statusCode = 500;
      res.end("boom");
    },
    "/404": (_q, res) => {
      res.statusCode = 404;
      res.end("nope");
    },
    "/redirect": (_q, res) => {
      res.statusCode = 307;
      res.setHeader("location", "/ok");
      res.end();
    },
    "/error-page": (_q, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(`<html><body><h1>${ERROR_PAGE_MARKER}</h1></body></html>`);
    },
    "/drop": (req) => req.socket.destroy(),
    "/late-body": (_q, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("head ");
      setTimeout(() => res.end("tail"), 150);
    },
    "/meet/a": meet("a"),
    "/meet/b": meet("b"),
    "/gate": (_q, res) => {
      waiting.push(res);
      const release = () => {
        const all = waiting;
        waiting = [];
        for (const r of all) r.end("gate");
      };
      if (waiting.length === gateSize) {
        gateOpenedFull++;
        release();
      } else if (waiting.length === 1) {
        setTimeout(() => waiting.includes(res) && release(), 2000);
      }
    },
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = (req.url ?? "/").split("?")[0];
      log.push({ path });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let done = false;
      const finish = () => {
        if (!done) {
          done = true;
          inFlight--;
        }
      };
      res.on("close", finish); // also when the connection is destroyed under it
      (handlers[path] ?? handlers["/404"])(req, res);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const reset = () => {
    log.length = 0;
    inFlight = 0;
    maxInFlight = 0;
  };

  it("counts network failures, non-2xx (redirects included) and the error page as errors, and nothing else", async () => {
    reset();
    const paths = ["/ok", "/csv", "/500", "/redirect", "/error-page", "/drop", "/missing"];
    // as many clients as paths: each client's first request goes to its own path, so every path is requested
    const r = await runClosedLoop({ baseUrl: base + "/", paths, clients: paths.length, durationMs: 400 });
    const by = Object.fromEntries(r.paths.map((p) => [p.path, p]));
    for (const p of paths) expect(by[p].requests, p).toBeGreaterThan(0);
    expect(by["/ok"].errors).toBe(0);
    expect(by["/ok"].count).toBe(by["/ok"].requests);
    expect(by["/csv"].errors).toBe(0);
    expect(by["/csv"].bytes).toBe(by["/csv"].count * Buffer.byteLength("\ufeff部门,金额\r\n甲,1.00\r\n"));
    for (const p of ["/500", "/redirect", "/error-page", "/drop", "/missing"]) {
      expect(by[p].errors, p).toBe(by[p].requests);
      expect(by[p].count, p).toBe(0); // failed requests stay out of the latencies
    }
    expect(by["/500"].errorSamples).toEqual(["HTTP 500"]);
    expect(by["/redirect"].errorSamples).toEqual(["HTTP 307"]);
    expect(by["/missing"].errorSamples).toEqual(["HTTP 404"]);
    expect(by["/error-page"].errorSamples).toEqual(["error page (HTTP 200)"]);
    expect(by["/drop"].errorSamples[0]).toMatch(/^network: /);
    expect(r.requests).toBe(r.paths.reduce((s, p) => s + p.requests, 0));
    expect(r.errors).toBe(
      ["/500", "/redirect", "/error-page", "/drop", "/missing"].reduce((s, p) => s + by[p].requests, 0),
    );
    expect(r.overall.count).toBe(by["/ok"].count + by["/csv"].count);
    // the server saw exactly what the driver says it sent (no retries behind its back; redirects not followed)
    expect(log.length).toBe(r.requests);
    expect(log.filter((l) => l.path === "/ok").length).toBe(by["/ok"].requests);
  });

  it("one client cycles through the paths in order, one request at a time", async () => {
    reset();
    const paths = ["/ok", "/csv", "/late-body"];
    const r = await runClosedLoop({ baseUrl: base, paths, clients: 1, durationMs: 500 });
    expect(maxInFlight).toBe(1);
    expect(log.length).toBe(r.requests);
    expect(log.map((l) => l.path)).toEqual(log.map((_, i) => paths[i % 3]));
    expect(r.errors).toBe(0);
  });

  it("keeps exactly `clients` requests in flight, never more", async () => {
    reset();
    gateSize = 4;
    gateOpenedFull = 0;
    // The gate opens only when four requests wait there at once, which a closed loop of four clients reaches
    // (a driver running its clients one after another would hang there until the 2 s fallback).
    const r = await runClosedLoop({
      baseUrl: base,
      paths: ["/gate", "/ok", "/ok", "/ok"],
      clients: 4,
      durationMs: 600,
    });
    expect(gateOpenedFull).toBeGreaterThanOrEqual(1);
    expect(maxInFlight).toBe(4);
    expect(r.errors).toBe(0);
  });

  it("starts each client at its own offset in the path list", async () => {
    reset();
    meetings = [];
    // Client 0 starts at /meet/a and client 1 at /meet/b, so their first requests meet; two clients starting at the
    // same path would both wait at /meet/a and be answered alone. (At the end one client may see the deadline pass
    // a moment before the other and leave it alone at its last request.)
    const r = await runClosedLoop({ baseUrl: base, paths: ["/meet/a", "/meet/b"], clients: 2, durationMs: 300 });
    expect(meetings[0]).toBe("met");
    expect(meetings.filter((m) => m === "alone").length).toBeLessThanOrEqual(1);
    expect(r.requests).toBe(meetings.reduce((n, m) => n + (m === "met" ? 2 : 1), 0));
    expect(r.errors).toBe(0);
  });

  it("times a response to its last byte, not its headers", async () => {
    reset();
    const r = await runClosedLoop({ baseUrl: base, paths: ["/late-body"], clients: 2, durationMs: 200 });
    // the server holds the body's end for 150 ms after sending the headers: no measurement can be shorter
    expect(r.paths[0].count).toBeGreaterThan(0);
    expect(r.paths[0].p50).toBeGreaterThanOrEqual(145);
    expect(r.paths[0].bytes).toBe(r.paths[0].count * "head tail".length);
  });

  it("aborts a request that outlives its timeout and counts it", async () => {
    reset();
    gateSize = 99; // never fills: the gate answers after 2 s
    const r = await runClosedLoop({ baseUrl: base, paths: ["/gate"], clients: 1, durationMs: 50, timeoutMs: 300 });
    expect(r.requests).toBe(1);
    expect(r.paths[0].errorSamples).toEqual(["timeout after 300 ms"]);
  });

  it("the alone pass requests each path `rounds` times, one at a time", async () => {
    reset();
    const solo = await soloPass(base, ["/ok", "/500", "/late-body"], 3);
    expect(maxInFlight).toBe(1);
    expect(log.map((l) => l.path)).toEqual([
      "/ok",
      "/500",
      "/late-body",
      "/ok",
      "/500",
      "/late-body",
      "/ok",
      "/500",
      "/late-body",
    ]);
    expect([solo.get("/ok")!.count, solo.get("/ok")!.errors]).toEqual([3, 0]);
    expect([solo.get("/500")!.count, solo.get("/500")!.errors]).toEqual([0, 3]);
    expect(solo.get("/late-body")!.p50).toBeGreaterThanOrEqual(145);
  });

  it("warm-up reports the paths that fail", async () => {
    expect(await warmUp(base, ["/ok", "/500", "/error-page"], 1)).toEqual([
      { path: "/500", why: "HTTP 500" },
      { path: "/error-page", why: "error page" },
    ]);
  });
});
