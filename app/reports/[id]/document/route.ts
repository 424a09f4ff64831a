import { getOriginalFile } from "@/db/queries/source";
import { originalFileResponse } from "../../../_lib/original-file";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The original file of a report, as loaded. */
export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  if (!/^\d{1,9}$/.test(id)) return new Response("没有这份报告", { status: 404 });
  return originalFileResponse(request, await getOriginalFile(Number(id)), "这份报告的原文件未保存在库中");
}
