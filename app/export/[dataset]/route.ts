import { NextResponse, type NextRequest } from "next/server";
import { runDataset } from "@/db/queries/datasets";
import { printedCell, toCsv } from "@/lib/csv";
import { csvHeader } from "@/lib/views/columns";
import { keptRoute } from "../../_lib/rendered-cache";
import { dataUnavailable } from "../../_lib/unavailable";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, ctx: { params: Promise<{ dataset: string }> }) {
  const { dataset } = await ctx.params;
  return keptRoute(req, () => csvOf(req, dataset));
}

async function csvOf(req: NextRequest, dataset: string): Promise<Response> {
  let result;
  try {
    result = await runDataset(dataset, Object.fromEntries(req.nextUrl.searchParams.entries()));
  } catch (e) {
    return dataUnavailable(`/export/${dataset}`, e);
  }
  if (!result) return NextResponse.json({ error: "没有这个数据集" }, { status: 404 });
  const csv = toCsv(
    result.columns.map(csvHeader),
    result.rows.map((r: Record<string, unknown>) =>
      result.columns.map((c) => {
        const v = r[c.key];
        if (typeof v === "boolean") return v ? "是" : "否";
        if (v === null || v === undefined) return null;
        return typeof v === "object"
          ? JSON.stringify(v)
          : printedCell(v as string | number, req.nextUrl.origin, c.format);
      }),
    ),
  );
  const file = `${result.title}.csv`;
  return new NextResponse(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${dataset}.csv"; filename*=UTF-8''${encodeURIComponent(file)}`,
    },
  });
}
