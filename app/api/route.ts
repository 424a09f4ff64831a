import { NextResponse } from "next/server";
import { DATASETS } from "@/db/queries/datasets";

export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({
    description:
      "决算透视只读数据接口：每个数据集为 GET /api/<名称>（JSON）与 /export/<名称>（CSV，UTF-8 BOM），参数与对应页面的网址参数相同。",
    datasets: Object.entries(DATASETS).map(([name, d]) => ({
      name,
      title: d.title,
      columns: d.columns,
      json: `/api/${name}`,
      csv: `/export/${name}`,
    })),
  });
}
