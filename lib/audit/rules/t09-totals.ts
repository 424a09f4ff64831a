import type { Report } from "@/lib/report/schema";
import { checkSum, compact } from "../compare";
import { cell, dataTable, keyRow } from "../report-access";
import type { Rule } from "../rule";
import type { Finding } from "../types";

const T09_TOTAL_SUM = "T09_TOTAL_SUM";
export const T09_VEHICLE_SUM = "T09_VEHICLE_SUM";

const HALVES = [
  ["budget", "预算数"],
  ["final", "决算数"],
] as const;

/** t09 is one printed line; a parser that could not key it still leaves one row. */
function sangongRow(report: Report) {
  const t = dataTable(report, "t09");
  return t ? (keyRow(t, "sangong") ?? (t.rows.length === 1 ? t.rows[0] : undefined)) : undefined;
}

function totalSum(report: Report): Finding[] {
  const row = sangongRow(report);
  if (!row) return [];
  return compact(
    HALVES.map(([h, name]) =>
      checkSum(T09_TOTAL_SUM, cell("t09", row, `${h}Total`), ["Abroad", "Vehicle", "Reception"].map((c) => cell("t09", row, `${h}${c}`)), `${name}三项之和`),
    ),
  );
}

function vehicleSum(report: Report): Finding[] {
  const row = sangongRow(report);
  if (!row) return [];
  return compact(
    HALVES.map(([h, name]) =>
      checkSum(
        T09_VEHICLE_SUM,
        cell("t09", row, `${h}Vehicle`),
        [cell("t09", row, `${h}VehiclePurchase`), cell("t09", row, `${h}VehicleOperation`)],
        `${name}公务用车购置费与运行维护费之和`,
      ),
    ),
  );
}

export { sangongRow };

export const t09Rules: Rule[] = [
  { id: T09_TOTAL_SUM, title: "公开09表 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费（预算数、决算数）", run: totalSum },
  { id: T09_VEHICLE_SUM, title: "公开09表 公务用车购置及运行维护费 = 购置费 + 运行维护费（预算数、决算数）", run: vehicleSum },
];
