import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { assignUnit, findDepartment, mergeDepartments, OrgOverrideError } from "@/db/organisations";
import type { Db } from "@/db/types";
import { BASIC_CHALLENGE, adminConfig, authenticate, isSameOrigin, verifyCsrfToken } from "../../_lib/auth";
import { CSRF_HEADER } from "../../_lib/limits";
import { MAX_ORG_BODY_BYTES, parseCorrection } from "../org-api";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

function reply(status: number, body: Record<string, unknown>, headers?: Record<string, string>) {
  return NextResponse.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * A user's correction of how documents match organisations (JSON): merge two departments, or put a unit under a 部门.
 * The same gate as the upload, in the same order: configured (else 404), Basic credentials (401), a same-origin
 * browser request (403), the page's CSRF token (403). The correction is kept with who made it and applied to every
 * later load (db/organisations.ts).
 */
export async function POST(req: NextRequest) {
  const cfg = adminConfig();
  if (!cfg) return reply(404, { error: "上传功能未启用" });
  const user = authenticate(req.headers.get("authorization"), cfg);
  if (!user) return reply(401, { error: "需要管理员用户名和密码" }, { "WWW-Authenticate": BASIC_CHALLENGE });
  if (!isSameOrigin(req.headers)) return reply(403, { error: "拒绝来自其他网站的请求" });
  if (!verifyCsrfToken(cfg, user, req.headers.get(CSRF_HEADER)))
    return reply(403, { error: "表单令牌缺失或已过期，请刷新页面后重试" });
  if (!/^application\/json\s*(;|$)/i.test(req.headers.get("content-type") ?? ""))
    return reply(415, { error: "请求须为 JSON" });

  const text = await req.text();
  if (text.length > MAX_ORG_BODY_BYTES) return reply(413, { error: "请求过大" });
  let correction;
  try {
    correction = parseCorrection(JSON.parse(text));
  } catch {
    correction = null;
  }
  if (!correction) return reply(400, { error: "无法识别的更正（应为合并两个部门，或指定单位所属部门）" });

  let db: Db;
  try {
    db = await getDb();
  } catch {
    return reply(503, { error: "数据库暂时不可用，更正未保存，请稍后重试" });
  }
  try {
    const entry =
      correction.action === "merge"
        ? await mergeDepartments(
            db,
            await findDepartment(db, correction.from),
            await findDepartment(db, correction.to),
            user,
          )
        : await assignUnit(db, correction.unit, await findDepartment(db, correction.parent), user);
    return reply(200, { outcome: entry.outcome });
  } catch (e) {
    if (e instanceof OrgOverrideError) return reply(409, { error: e.message });
    throw e;
  }
}

function notPost() {
  return adminConfig()
    ? reply(405, { error: "只接受 POST" }, { Allow: "POST" })
    : reply(404, { error: "上传功能未启用" });
}
export const GET = notPost;
export const PUT = notPost;
export const PATCH = notPost;
export const DELETE = notPost;
