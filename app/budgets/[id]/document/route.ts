import { getOriginalBudgetFile } from "@/db/queries/source";
import { originalFileResponse } from "../../../_lib/original-file";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The original file of a budget, as loaded. */
export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  if (!/^\d{1,9}$/.test(id)) return new Response("没有这份预算", { status: 404 });
  return originalFileResponse(request, await getOriginalBudgetFile(Number(id)), "这份预算的原文件未保存在库中");
}
