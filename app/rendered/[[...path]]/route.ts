import type { NextRequest } from "next/server";
import { renderedPage } from "../../_lib/rendered-cache";
import { isCachedPage, RENDERED_PREFIX } from "../../_lib/rendered-paths";

export const dynamic = "force-dynamic";

/**
 * Where proxy.ts sends a browser's request for a dashboard page: /rendered/structure?… answers /structure?… from the
 * rendered-page cache (app/_lib/rendered-cache.ts). Anything that is not a dashboard page is not found here.
 */
export async function GET(req: NextRequest) {
  const pathname = req.nextUrl.pathname.slice(RENDERED_PREFIX.length) || "/";
  if (!isCachedPage(pathname)) return new Response("没有找到这个页面。", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return renderedPage(req, pathname);
}
