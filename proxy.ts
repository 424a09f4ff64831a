import { NextResponse, type NextRequest } from "next/server";
import { BASIC_CHALLENGE, adminConfig, authenticate } from "./app/admin/_lib/auth";
import { isCacheableRequest, RENDERED_PREFIX } from "./app/_lib/rendered-paths";

/**
 * The dashboard pages go to the rendered-page cache (below). For the staff pages: HTTP Basic auth in front of them. It has to live here: a page cannot answer 401 with a
 * WWW-Authenticate header, and without that header no browser asks for the password.
 * The upload endpoint is left out of the matcher on purpose: it checks the same credentials itself, and a request
 * passing through a proxy has its body buffered and cut at 10 MB, which a full 20-file upload exceeds.
 * While ADMIN_USER / ADMIN_PASSWORD are unset the page is let through to say the upload is switched off.
 */
export function proxy(req: NextRequest) {
  const { pathname } = req.nextUrl;
  if (pathname !== "/admin" && !pathname.startsWith("/admin/")) return rendered(req);
  const cfg = adminConfig();
  if (!cfg || authenticate(req.headers.get("authorization"), cfg)) return NextResponse.next();
  return new NextResponse("需要管理员用户名和密码。", {
    status: 401,
    headers: {
      "WWW-Authenticate": BASIC_CHALLENGE,
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
    },
  });
}

/**
 * A browser's request for a dashboard page goes to the rendered-page cache (app/_lib/rendered-cache.ts, served at
 * RENDERED_PREFIX), which answers a page already rendered for the current data without rendering it again. Off in
 * development (pages change with the code there) and when RENDERED_CACHE=off.
 */
function rendered(req: NextRequest) {
  if (process.env.NODE_ENV !== "production" || process.env.RENDERED_CACHE === "off") return NextResponse.next();
  if (!isCacheableRequest(req.method, req.nextUrl.pathname, req.headers)) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = RENDERED_PREFIX + (req.nextUrl.pathname === "/" ? "" : req.nextUrl.pathname);
  return NextResponse.rewrite(url);
}

// The dashboard pages (kept in step with ./app/_lib/rendered-paths.ts) and the staff pages.
export const config = {
  matcher: [
    "/admin",
    "/admin/((?!import/upload).*)",
    "/",
    "/departments/:path*",
    "/structure",
    "/execution",
    "/procurement",
    "/sangong",
    "/performance",
    "/benchmark",
    "/quality",
    "/budget-review",
  ],
};
