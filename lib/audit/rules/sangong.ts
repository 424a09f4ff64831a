import { D } from "@/lib/money/decimal";
import type { Report } from "@/lib/report/schema";
import { ratioRoundsTo } from "../exact";
import { checkEqual, checkPrinted, checkSum, compact, finding } from "../compare";
import { narrativeLoc } from "../labels";
import { cell, dataTable, dv, type Side } from "../report-access";
import { judgePrinted, percentOf } from "../tolerance";
import { familyRules, type Rule } from "../rule";
import type { Finding } from "../types";
import { sangongRow } from "./t09-totals";

const SANGONG_VS_T09 = "SANGONG_VS_T09";
const SANGONG_VS_T06 = "SANGONG_VS_T06";
const SANGONG_RECEPTION_PARTS = "SANGONG_RECEPTION_PARTS";
const SANGONG_RATE = "SANGONG_RATE";
const SANGONG_RATE_ZERO_BASE = "SANGONG_RATE_ZERO_BASE";
const SANGONG_RATE_BASE = "SANGONG_RATE_BASE";
const SANGONG_VEHICLES_KEPT = "SANGONG_VEHICLES_KEPT";
const SANGONG_PURCHASE_COUNT = "SANGONG_PURCHASE_COUNT";

const CATEGORIES = [
  ["total", "Total", "“三公”经费"],
  ["abroad", "Abroad", "因公出国（境）费"],
  ["vehicle", "Vehicle", "公务用车购置及运行维护费"],
  ["reception", "Reception", "公务接待费"],
] as const;

function side(value: string | undefined, what: string, sourceLine?: number): Side {
  return { value, label: `情况说明 ${what}`, locs: [narrativeLoc("sangong", what, sourceLine)] };
}

function vsT09(report: Report): Finding[] {
  const s = report.narrative.sangong;
  const row = sangongRow(report);
  if (!s || !row) return [];
  const out: (Finding | null)[] = [];
  for (const [key, col, name] of CATEGORIES) {
    const c = s[key];
    if (!c) continue;
    if (c.budget !== undefined)
      out.push(
        checkEqual(
          SANGONG_VS_T09,
          side(c.budget, `${name}全年预算`, c.sourceLine ?? s.sourceLine),
          cell("t09", row, `budget${col}`),
        ),
      );
    if (c.final !== undefined)
      out.push(
        checkEqual(
          SANGONG_VS_T09,
          side(c.final, `${name}支出决算`, c.sourceLine ?? s.sourceLine),
          cell("t09", row, `final${col}`),
        ),
      );
  }
  if (s.vehiclePurchase !== undefined)
    out.push(
      checkEqual(
        SANGONG_VS_T09,
        side(s.vehiclePurchase, "公务用车购置费", s.sourceLine),
        cell("t09", row, "finalVehiclePurchase"),
      ),
    );
  if (s.vehicleOperation !== undefined)
    out.push(
      checkEqual(
        SANGONG_VS_T09,
        side(s.vehicleOperation, "公务用车运行维护费", s.sourceLine),
        cell("t09", row, "finalVehicleOperation"),
      ),
    );
  return compact(out);
}

/**
 * t06 holds only 一般公共预算 basic spending, t09 all 财政拨款 spending including projects; the two agree when the
 * expense is paid from basic funds alone. A difference is worth a reviewer's look but is not by itself wrong.
 */
function vsT06(report: Report): Finding[] {
  const t06 = dataTable(report, "t06");
  if (!t06) return [];
  const row = sangongRow(report);
  const s = report.narrative.sangong;
  const pairs = [
    ["30231", "finalVehicleOperation", s?.vehicleOperation, "公务用车运行维护费"],
    ["30217", "finalReception", s?.reception?.final, "公务接待费"],
  ] as const;
  const out: (Finding | null)[] = [];
  for (const [code, col, stated, name] of pairs) {
    const sg = row
      ? cell("t09", row, col)
      : stated !== undefined
        ? side(stated, `${name}支出决算`, s?.sourceLine)
        : undefined;
    if (!sg) continue;
    const t06Row = t06.rows.find((r) => r.code === code);
    const f = checkEqual(SANGONG_VS_T06, cell("t06", t06Row, "amount", `${code} ${name}`), sg, "warning");
    if (f && f.severity === "warning")
      f.message += "；公开06表只含一般公共预算基本支出，差额应来自项目支出或其他财政拨款，需核实";
    out.push(f);
  }
  return compact(out);
}

function receptionParts(report: Report): Finding[] {
  const s = report.narrative.sangong;
  if (!s || (s.receptionDomestic?.amount === undefined && s.receptionForeign?.amount === undefined)) return [];
  const row = sangongRow(report);
  const total =
    s.reception?.final !== undefined
      ? side(s.reception.final, "公务接待费支出决算", s.reception.sourceLine ?? s.sourceLine)
      : row
        ? cell("t09", row, "finalReception")
        : undefined;
  if (!total) return [];
  return compact([
    checkSum(
      SANGONG_RECEPTION_PARTS,
      total,
      [
        side(s.receptionDomestic?.amount, "国内接待费", s.sourceLine),
        side(s.receptionForeign?.amount, "国（境）外接待费", s.sourceLine),
      ],
      "国内接待费与国（境）外接待费之和",
    ),
  ]);
}

/**
 * 完成全年预算的 X% must be 决算 / 全年预算, and t09's 预算数 is the full-year (adjusted) budget. When the narrative
 * states a different budget (its 年初 figure) and the rate matches that instead, the base is wrong: a warning.
 */
function rates(report: Report): Finding[] {
  const s = report.narrative.sangong;
  if (!s) return [];
  const row = sangongRow(report);
  const out: (Finding | null)[] = [];
  for (const [key, col, name] of CATEGORIES) {
    const c = s[key];
    if (!c || c.rate === undefined) continue;
    const loc = narrativeLoc("sangong", `${name}完成全年预算的比例`, c.sourceLine ?? s.sourceLine);
    const t09Budget = row?.values[`budget${col}`];
    const budget = t09Budget ?? c.budget;
    const final = c.final ?? row?.values[`final${col}`];
    if (budget === undefined || final === undefined || new D(budget).isZero()) {
      // "0% of no budget" with nothing spent is a loose way of saying nothing was spent: worth a note, not an error
      const nothingSpent = (final === undefined || new D(final).isZero()) && new D(c.rate).isZero();
      out.push(
        finding(
          SANGONG_RATE_ZERO_BASE,
          nothingSpent ? "warning" : "error",
          `情况说明 ${name}全年预算为 ${budget ?? "（空）"}，却给出完成全年预算的 ${c.rate}%${nothingSpent ? "（既无预算也无支出，完成率无从谈起）" : ""}`,
          [loc],
          undefined,
          c.rate,
        ),
      );
      continue;
    }
    if (ratioRoundsTo(c.rate, final, budget)) continue;
    const stated = { value: c.rate, label: `情况说明 ${name}完成全年预算的`, locs: [loc] };
    const basisLocs = row && t09Budget !== undefined ? cell("t09", row, `budget${col}`).locs : [];
    const main = checkPrinted(SANGONG_RATE, stated, [percentOf(new D(final), new D(budget))!], {
      label: `决算 ${final} / 全年预算 ${budget}`,
      locs: basisLocs,
    });
    if (
      main?.severity === "error" &&
      c.budget !== undefined &&
      t09Budget !== undefined &&
      !dv(c.budget).eq(dv(t09Budget)) &&
      !dv(c.budget).isZero()
    ) {
      const alt = percentOf(new D(final), new D(c.budget))!;
      if (judgePrinted(c.rate, [alt]).severity !== "error") {
        out.push(
          finding(
            SANGONG_RATE_BASE,
            "warning",
            `情况说明 ${name}完成率 ${c.rate}% 是以所述预算 ${c.budget}（非全年预算）为基数计算的；按公开09表全年预算 ${t09Budget} 应为 ${main.expected}%`,
            [loc, ...basisLocs],
            main.expected,
            c.rate,
          ),
        );
        continue;
      }
    }
    out.push(main);
  }
  return compact(out);
}

/** Vehicles kept on fiscal funds cannot outnumber the vehicles the department owns. */
function vehiclesKept(report: Report): Finding[] {
  const kept = report.narrative.sangong?.vehiclesKept;
  const owned = report.narrative.assets?.vehicles;
  if (kept === undefined || owned === undefined || kept <= owned) return [];
  return [
    finding(
      SANGONG_VEHICLES_KEPT,
      "warning",
      `情况说明 公务用车保有量 ${kept} 辆 多于国有资产中的车辆总数 ${owned} 辆`,
      [
        narrativeLoc("sangong", "公务用车保有量", report.narrative.sangong?.sourceLine),
        narrativeLoc("assets", "车辆总数", report.narrative.assets?.sourceLine),
      ],
      String(owned),
      String(kept),
    ),
  ];
}

/** Bought vehicles without purchase spending, or purchase spending without vehicles, needs explaining. */
function purchaseCount(report: Report): Finding[] {
  const s = report.narrative.sangong;
  if (!s || s.vehiclesPurchased === undefined) return [];
  const row = sangongRow(report);
  const amount = s.vehiclePurchase ?? row?.values.finalVehiclePurchase;
  const spent = !dv(amount).isZero();
  if (spent === s.vehiclesPurchased > 0) return [];
  return [
    finding(
      SANGONG_PURCHASE_COUNT,
      "warning",
      `情况说明 购置公务用车 ${s.vehiclesPurchased} 辆，但公务用车购置费为 ${amount ?? "（空）"}`,
      [
        narrativeLoc("sangong", "购置公务用车", s.sourceLine),
        ...(row ? cell("t09", row, "finalVehiclePurchase").locs : []),
      ],
      undefined,
      String(s.vehiclesPurchased),
    ),
  ];
}

export const sangongRules: Rule[] = [
  { id: SANGONG_VS_T09, title: "情况说明 “三公”经费各项预算数、决算数 = 公开09表", run: vsT09 },
  { id: SANGONG_VS_T06, title: "公开09表 公务用车运行维护费、公务接待费 与 公开06表 30231、30217 一致", run: vsT06 },
  { id: SANGONG_RECEPTION_PARTS, title: "情况说明 公务接待费 = 国内接待费 + 国（境）外接待费", run: receptionParts },
  ...familyRules(rates, [
    { id: SANGONG_RATE, title: "情况说明 “三公”经费完成全年预算的比例 = 决算 / 全年预算" },
    { id: SANGONG_RATE_ZERO_BASE, title: "情况说明 全年预算为 0 时不应给出“三公”经费完成率" },
    { id: SANGONG_RATE_BASE, title: "情况说明 “三公”经费完成率以全年预算为基数" },
  ]),
  { id: SANGONG_VEHICLES_KEPT, title: "公务用车保有量 ≤ 车辆总数", run: vehiclesKept },
  { id: SANGONG_PURCHASE_COUNT, title: "购置公务用车辆数与购置费一致", run: purchaseCount },
];
