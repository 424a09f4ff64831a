import { getOriginalBudgetFile } from "@/db/queries/source";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The original file of a budget, as loaded: its source view's PDF renderer reads it, and a reader may download it. */
export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  if (!/^\d{1,9}$/.test(id)) return new Response("没有这份预算", { status: 404 });
  const file = await getOriginalBudgetFile(Number(id));
  if (!file) return new Response("这份预算的原文件未保存在库中", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const etag = `"${file.sha256}"`;
  // a budget id always names the same bytes; the hash tells a rebuilt store's reuse of an id apart
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: { etag } });
  const pdf = /\.pdf$/i.test(file.fileName);
  const download = new URL(request.url).searchParams.has("download");
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      // text may be GBK or UTF-16 as published: sent as bytes, not relabelled as UTF-8
      "content-type": pdf ? "application/pdf" : "application/octet-stream",
      "content-disposition": `${download || !pdf ? "attachment" : "inline"}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "content-length": String(file.bytes.byteLength),
      "cache-control": "private, max-age=3600",
      etag,
    },
  });
}
