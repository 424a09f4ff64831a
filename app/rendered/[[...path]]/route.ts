import type { NextRequest } from "next/server";
import { renderedPage } from "../../_lib/rendered-cache";
import { isCachedPage } from "../../_lib/rendered-paths";

export const dynamic = "force-dynamic";

/**
 * Where proxy.ts sends a browser's request for a dashboard page: /rendered/structure?… answers /structure?… from the
 * rendered-page cache (app/_lib/rendered-cache.ts). Anything that is not a dashboard page is not found here.
 *
 * The page is named by the route's own segments: a request rewritten by the proxy keeps its original URL in
 * `req.nextUrl` (so cutting the prefix off that pathname named the wrong page: /sangong became /).
 */
export async function GET(req: NextRequest, ctx: { params: Promise<{ path?: string[] }> }) {
  const { path } = await ctx.params;
  const pathname = `/${(path ?? []).join("/")}`;
  if (!isCachedPage(pathname))
    return new Response("没有找到这个页面。", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return renderedPage(req, pathname);
}
