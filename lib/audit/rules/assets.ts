import type { Report } from "@/lib/report/schema";
import { finding } from "../compare";
import { narrativeLoc } from "../labels";
import type { Rule } from "../rule";
import type { Finding } from "../types";

const ASSETS_VEHICLES_SUM = "ASSETS_VEHICLES_SUM";

/** 共有车辆 N 辆，其中 … : the vehicles by use are the whole fleet, counted exactly. */
function vehiclesSum(report: Report): Finding[] {
  const a = report.narrative.assets;
  if (!a || a.vehicles === undefined) return [];
  const uses = Object.entries(a.vehiclesByUse);
  if (uses.length === 0) return [];
  const sum = uses.reduce((acc, [, n]) => acc + n, 0);
  if (sum === a.vehicles) return [];
  const loc = narrativeLoc("assets", "车辆总数", a.sourceLine);
  return [
    finding(
      ASSETS_VEHICLES_SUM,
      "error",
      `情况说明 共有车辆 ${a.vehicles} 辆 与按用途分列的车辆之和 ${sum} 辆（${uses.map(([k, n]) => `${k} ${n}`).join("、")}）不符`,
      [loc, narrativeLoc("assets", "按用途分列的车辆", a.sourceLine)],
      String(sum),
      String(a.vehicles),
    ),
  ];
}

export const assetRules: Rule[] = [
  { id: ASSETS_VEHICLES_SUM, title: "国有资产 车辆总数 = 按用途分列的车辆之和", run: vehiclesSum },
];
