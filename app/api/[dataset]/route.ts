import { NextResponse, type NextRequest } from "next/server";
import { DATASETS, runDataset } from "@/db/queries/datasets";
import { keptRoute } from "../../_lib/rendered-cache";
import { dataUnavailable } from "../../_lib/unavailable";

export const dynamic = "force-dynamic";

/** Read-only JSON of every table the dashboards show; `/api` lists them. */
export async function GET(req: NextRequest, ctx: { params: Promise<{ dataset: string }> }) {
  const { dataset } = await ctx.params;
  return keptRoute(req, () => jsonOf(req, dataset));
}

async function jsonOf(req: NextRequest, dataset: string): Promise<Response> {
  const raw = Object.fromEntries(req.nextUrl.searchParams.entries());
  let result;
  try {
    result = await runDataset(dataset, raw);
  } catch (e) {
    return dataUnavailable(`/api/${dataset}`, e);
  }
  if (!result) {
    return NextResponse.json(
      { error: `没有名为“${dataset.slice(0, 40)}”的数据集`, datasets: Object.keys(DATASETS) },
      { status: 404 },
    );
  }
  return NextResponse.json(result);
}
