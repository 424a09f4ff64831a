import "server-only";
import { LRUCache } from "lru-cache";
import type { NextRequest } from "next/server";
import { getDb, getReadDb } from "@/db/client";
import { readVersionAndBatch } from "@/db/data-version";
import { DEMO_CITY_COOKIE } from "../_components/demo-city-cookie";
import { RENDER_THROUGH_HEADER } from "./rendered-paths";

/*
 * The rendered-page cache: a dashboard page's finished HTML, kept in this process and keyed by its URL, the reader's
 * demo-city cookie and the store's data version (db/data-version.ts), which every committed load moves — whether the
 * CLI, another app server or this server's import page made it. The version is read from the database on every
 * request (one indexed statement), so a load made anywhere is seen at the next request, and while a batch of loads
 * runs the version this process last settled on stays in use: the pages change once per batch. Old versions' entries
 * are never asked for again and age out of the LRU. The statement cache (db/queries/cache.ts) stays as the second
 * layer, under a page that has to be rendered.
 *
 * Why not Next's cache components ('use cache' + cacheTag): they keep component output, not the page — the HTML is
 * rendered from it again on every request — and a tag revalidated in one process is unknown to the others and to
 * the CLI; every page here also reads searchParams and a cookie, so each would have to be split around them.
 *
 * A miss renders the page by requesting it from this same server (proxy.ts lets the request with
 * RENDER_THROUGH_HEADER through to the page), once for all the readers that asked for it at the same time.
 */

/** The heading of app/error.tsx: a page that failed after it began streaming answers 200 with it. Never kept. */
const ERROR_PAGE_MARKER = Buffer.from("页面暂时无法显示");
/**
 * Bytes kept (pages' HTML and the dataset routes' answers). Kept as rendered, not compressed: Next does not let a route set Content-Encoding, and it
 * compresses every answer itself (compression stays on).
 */
const MAX_BYTES = 96 * 2 ** 20;
/** The response headers a kept page is answered with; Next adds Vary and the security headers of next.config.js again. */
const KEPT_HEADERS = ["content-type", "cache-control", "link", "location"];

/**
 * The headers of a client-side navigation or prefetch, which asks for a React payload shaped by the client's router
 * state. Those are passed through to the page and never kept: an error inside a payload cannot be told from a good
 * one without reading React's wire format.
 */
const FLIGHT_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
];

type Rendered = { status: number; headers: [string, string][]; body: Buffer };

const cache = new LRUCache<string, Rendered>({ maxSize: MAX_BYTES, sizeCalculation: (r) => r.body.length + 256 });
const rendering = new Map<string, Promise<Rendered>>();
/** The data version this process serves while a batch of loads runs. */
let settled: string | undefined;

async function readVersion(): Promise<string> {
  const [read, primary] = await Promise.all([getReadDb(), getDb()]);
  const { version, batchRunning } = await readVersionAndBatch(read, primary);
  if (batchRunning && settled !== undefined) return settled;
  settled = version;
  return version;
}

/** A version read not started yet: every request that arrives before it starts shares it. */
let queued: Promise<string> | undefined;

/**
 * The version to serve, read after this request arrived — so a load committed before it is seen — and shared by
 * the requests arriving meanwhile: under load one read serves many requests instead of one each.
 */
function currentVersion(): Promise<string> {
  if (!queued) {
    const next = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      queued = undefined;
      return readVersion();
    });
    queued = next;
  }
  return queued;
}

/** This server's own address, as `next start` (or `next dev`) recorded it when it began listening. */
function ownOrigin(): string {
  return process.env.__NEXT_PRIVATE_ORIGIN || `http://127.0.0.1:${process.env.PORT || 3000}`;
}

/**
 * Renders `path` (with its query) by requesting it from this server with nothing of the reader's request but the
 * demo-city cookie — which is all a cached page may depend on — and keeps the result when it is a good page.
 */
async function render(
  path: string,
  demoCity: string | undefined,
  flight: [string, string][] = [],
): Promise<{ page: Rendered; keep: boolean }> {
  const headers: Record<string, string> = {
    [RENDER_THROUGH_HEADER]: "1",
    "accept-encoding": "identity",
    accept: "text/html",
    ...Object.fromEntries(flight),
  };
  if (demoCity !== undefined) headers.cookie = `${DEMO_CITY_COOKIE}=${encodeURIComponent(demoCity)}`;
  const init: RequestInit = { headers, redirect: "manual", cache: "no-store" };
  // A GET for a page is safe to send again: under a burst of readers the request to this same server has been seen
  // to lose its socket (a 500 for one reader of 1,893 in the 50-client load test), which one retry rides over.
  const res = await fetch(ownOrigin() + path, init).catch(() => fetch(ownOrigin() + path, init));
  const raw = Buffer.from(await res.arrayBuffer());
  const kept: [string, string][] = [];
  for (const h of KEPT_HEADERS) {
    const v = res.headers.get(h);
    if (v !== null) kept.push([h, v]);
  }
  const keep =
    flight.length === 0 &&
    res.status === 200 &&
    (res.headers.get("content-type") ?? "").startsWith("text/html") &&
    !res.headers.has("set-cookie") &&
    !raw.includes(ERROR_PAGE_MARKER);
  return { page: { status: res.status, headers: kept, body: raw }, keep };
}

function answer(page: Rendered, state: "hit" | "miss" | "through"): Response {
  const headers = new Headers(page.headers);
  headers.set("x-rendered-cache", state);
  return new Response(page.body as Uint8Array<ArrayBuffer>, { status: page.status, headers });
}

/** The page at `pathname` (a dashboard page, see ./rendered-paths.ts) for this request: kept, or rendered now and kept. */
export async function renderedPage(req: NextRequest, pathname: string): Promise<Response> {
  const path = pathname + req.nextUrl.search;
  const demoCity = req.cookies.get(DEMO_CITY_COOKIE)?.value;
  const flight = FLIGHT_HEADERS.flatMap((h): [string, string][] => {
    const v = req.headers.get(h);
    return v === null ? [] : [[h, v]];
  });
  if (flight.length) return answer((await render(path, demoCity, flight)).page, "through");
  let version: string;
  try {
    version = await currentVersion();
  } catch {
    // the store cannot be read: the page itself says so, as it would without this cache
    return answer((await render(path, demoCity)).page, "through");
  }
  return keptOnce(`page\u0000${version}\u0000${demoCity ?? ""}\u0000${path}`, async () => {
    const { page, keep } = await render(path, demoCity);
    return { kept: page, keep };
  });
}

/**
 * The answer kept under `key`, or made now — once for every request that asks for it meanwhile — and kept when
 * `make` says it may be.
 */
async function keptOnce(key: string, make: () => Promise<{ kept: Rendered; keep: boolean }>): Promise<Response> {
  const hit = cache.get(key);
  if (hit) return answer(hit, "hit");
  let pending = rendering.get(key);
  if (!pending) {
    pending = make().then(({ kept, keep }) => {
      if (keep) cache.set(key, kept);
      return kept;
    });
    rendering.set(key, pending);
    void pending.finally(() => rendering.delete(key)).catch(() => {});
  }
  return answer(await pending, "miss");
}

/**
 * A dataset route's answer (the CSV downloads and the JSON API), kept like a page: per URL and data version. Their
 * larger answers (a year's 20,000 reports) took 200–300 ms of the server's one thread each, which every page request
 * queued behind. The origin is part of the key: the CSVs carry absolute evidence links. Only 200s are kept.
 */
export async function keptRoute(req: NextRequest, build: () => Promise<Response>): Promise<Response> {
  if (process.env.NODE_ENV !== "production" || process.env.RENDERED_CACHE === "off") return build();
  let version: string;
  try {
    version = await currentVersion();
  } catch {
    return build();
  }
  const { origin, pathname, search } = req.nextUrl;
  return keptOnce(`route\u0000${version}\u0000${origin}${pathname}${search}`, async () => {
    const res = await build();
    const kept = { status: res.status, headers: [...res.headers], body: Buffer.from(await res.arrayBuffer()) };
    return { kept, keep: res.status === 200 };
  });
}
