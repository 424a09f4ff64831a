import { NextResponse, type NextRequest } from "next/server";
import { BASIC_CHALLENGE, adminConfig, authenticate } from "./app/admin/_lib/auth";

/**
 * HTTP Basic auth in front of the staff pages. It has to live here: a page cannot answer 401 with a
 * WWW-Authenticate header, and without that header no browser asks for the password.
 * The upload endpoint is left out of the matcher on purpose: it checks the same credentials itself, and a request
 * passing through a proxy has its body buffered and cut at 10 MB, which a full 20-file upload exceeds.
 * While ADMIN_USER / ADMIN_PASSWORD are unset the page is let through to say the upload is switched off.
 */
export function proxy(req: NextRequest) {
  const cfg = adminConfig();
  if (!cfg || authenticate(req.headers.get("authorization"), cfg)) return NextResponse.next();
  return new NextResponse("需要管理员用户名和密码。", {
    status: 401,
    headers: { "WWW-Authenticate": BASIC_CHALLENGE, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export const config = { matcher: ["/admin", "/admin/((?!import/upload).*)"] };
