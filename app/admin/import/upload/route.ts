import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { withLoadBatch } from "@/db/data-version";
import { ingestBytes, loadedReportDetails } from "@/db/ingest-bytes";
import type { Db } from "@/db/types";
import { BASIC_CHALLENGE, adminConfig, authenticate, isSameOrigin, verifyCsrfToken } from "../../_lib/auth";
import { CSRF_HEADER, TOO_MANY_FILES, type UploadResult } from "../../_lib/limits";
import { MAX_BODY_BYTES, MAX_FILES, TOO_LARGE_BODY, isAcceptedName, maxBytesFor, tooLarge, wrongType } from "../limits";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

function error(status: number, message: string, headers?: Record<string, string>) {
  return NextResponse.json({ error: message }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** Reads at most `limit` bytes; null when the body is longer (the rest is not read). */
async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** What a browser sends as the file name, reduced to a plain base name fit for the log and the page. */
function cleanName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const plain = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (plain || "未命名文件").slice(0, 200);
}

async function resultOf(db: Db, fileName: string, bytes: Uint8Array, user: string): Promise<UploadResult> {
  const o = await ingestBytes(db, fileName, bytes, { user });
  if (!o.ok) return { fileName: o.fileName, status: "failed", sha256: o.sha256, message: o.reason, line: o.line };
  const r = o.report;
  const base: UploadResult = {
    fileName: o.fileName,
    status: o.status,
    sha256: o.sha256,
    department: r.department,
    year: r.year,
    scope: r.scope,
    revision: o.result.revision,
    reportId: o.result.reportId,
    message: o.logError,
  };
  if (r.kind === "budget") return base;
  // the document is loaded by now; failing to read back its findings must not turn that into an error
  const details = await loadedReportDetails(db, o.result.reportId).catch(() => null);
  if (!details) return base;
  const counts = { error: 0, warning: 0, rounding: 0 };
  for (const f of details.findings) counts[f.severity]++;
  const errors = details.findings
    .filter((f) => f.severity === "error")
    .map(({ rule, message, expected, found }) => ({ rule, message, expected, found }));
  return { ...base, departmentId: details.departmentId, counts, errors };
}

/**
 * Loads uploaded documents (multipart field `file`, one or more). Checks, in order: the upload is configured (else
 * 404), Basic credentials (401), a same-origin browser request (403), the page's CSRF token (403), then size,
 * count and type (413/415: a PDF up to 50 MiB, other files up to 5 MiB) before a single document is read. Each
 * document loads in its own transaction; a PDF is read in a worker thread with time and memory limits
 * (lib/ingest/pdf/read-pdf.ts), so a hostile one ends as that file's 失败 and the rest of the batch goes on.
 */
export async function POST(req: NextRequest) {
  const cfg = adminConfig();
  if (!cfg) return error(404, "上传功能未启用");
  const user = authenticate(req.headers.get("authorization"), cfg);
  if (!user) return error(401, "需要管理员用户名和密码", { "WWW-Authenticate": BASIC_CHALLENGE });
  if (!isSameOrigin(req.headers)) return error(403, "拒绝来自其他网站的上传请求");
  if (!verifyCsrfToken(cfg, user, req.headers.get(CSRF_HEADER)))
    return error(403, "表单令牌缺失或已过期，请刷新上传页面后重试");

  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && declared.length < 16 && Number(declared) > MAX_BODY_BYTES) {
    return error(413, TOO_LARGE_BODY);
  }
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType))
    return error(415, "上传须为 multipart/form-data 表单（字段名 file）");

  const body = await readLimited(req.body, MAX_BODY_BYTES);
  if (body === null) return error(413, TOO_LARGE_BODY);
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": contentType } }).formData();
  } catch {
    return error(400, "无法解析上传的表单内容");
  }
  const files = form.getAll("file").filter((v): v is File => typeof v !== "string");
  if (files.length === 0) return error(400, "没有收到文件（表单字段名应为 file）");
  if (files.length > MAX_FILES) return error(413, TOO_MANY_FILES);
  for (const f of files) if (!isAcceptedName(f.name)) return error(415, wrongType(cleanName(f.name)));
  for (const f of files) if (f.size > maxBytesFor(f.name)) return error(413, tooLarge(cleanName(f.name)));

  let db: Db;
  try {
    db = await getDb();
  } catch {
    return error(503, "数据库暂时不可用，文件未载入，请稍后重试");
  }
  // the files are one batch: the rendered pages change once, when the last is loaded (db/data-version.ts)
  const results = await withLoadBatch(db, async () => {
    const out: UploadResult[] = [];
    for (const f of files) out.push(await resultOf(db, cleanName(f.name), new Uint8Array(await f.arrayBuffer()), user));
    return out;
  });
  return NextResponse.json({ results }, { headers: { "cache-control": "no-store" } });
}

/** Only POST loads; other methods get 405 — or 404 like everything else while the upload is switched off. */
function notPost() {
  return adminConfig() ? error(405, "只接受 POST 上传", { Allow: "POST" }) : error(404, "上传功能未启用");
}
export const GET = notPost;
export const PUT = notPost;
export const PATCH = notPost;
export const DELETE = notPost;
