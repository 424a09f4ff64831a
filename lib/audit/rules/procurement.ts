import { D, printedScale } from "@/lib/money/decimal";
import type { Report } from "@/lib/report/schema";
import { notGreater, ratioRoundsTo, sumsEqual } from "../exact";
import { checkPrinted, checkSum, compact, finding } from "../compare";
import { narrativeLoc } from "../labels";
import { dv, type Side } from "../report-access";
import { halfUnit, judgeAmount, percentOf, sumTolerance } from "../tolerance";
import type { Rule } from "../rule";
import type { Finding } from "../types";

const PROCUREMENT_SUM = "PROCUREMENT_SUM";
const PROCUREMENT_SME_ORDER = "PROCUREMENT_SME_ORDER";
const PROCUREMENT_SHARE = "PROCUREMENT_SHARE";
const PROCUREMENT_CATEGORY_SME = "PROCUREMENT_CATEGORY_SME";

type Procurement = NonNullable<Report["narrative"]["procurement"]>;

function side(p: Procurement, value: string | undefined, what: string): Side {
  return { value, label: `情况说明 ${what}`, locs: [narrativeLoc("procurement", what, p.sourceLine)] };
}

function sum(report: Report): Finding[] {
  const p = report.narrative.procurement;
  if (!p || (p.goods === undefined && p.works === undefined && p.services === undefined)) return [];
  return compact([
    checkSum(
      PROCUREMENT_SUM,
      side(p, p.total, "政府采购支出总额"),
      [side(p, p.goods, "货物支出"), side(p, p.works, "工程支出"), side(p, p.services, "服务支出")],
      "货物、工程、服务支出之和",
    ),
  ]);
}

/**
 * 小微企业 are a subset of 中小企业, which are a subset of all awards. Each figure was rounded on its own, so a part
 * over its whole by no more than their two half units is a rounding note. An SME amount that is just the parts
 * (预留项目 + 其他项目, as the 2024 wording gives it and the reader adds up) is left to PROCUREMENT_PARTS_OVER_TOTAL,
 * which names the parts.
 */
function order(report: Report): Finding[] {
  const p = report.narrative.procurement;
  if (!p) return [];
  const out: Finding[] = [];
  const smeIsParts =
    p.sme !== undefined &&
    p.smeWonReserved !== undefined &&
    p.smeWonOther !== undefined &&
    sumsEqual([p.sme], [p.smeWonReserved, p.smeWonOther]);
  const pairs: [string | undefined, string, string | undefined, string][] = [
    [p.smallMicro, "授予小微企业合同金额", p.sme, "授予中小企业合同金额"],
    ...(smeIsParts
      ? []
      : [
          [p.sme, "授予中小企业合同金额", p.total, "政府采购支出总额"] as [
            string | undefined,
            string,
            string | undefined,
            string,
          ],
        ]),
  ];
  for (const [part, partName, whole, wholeName] of pairs) {
    if (part === undefined || whole === undefined || notGreater(part, whole)) continue;
    const v = judgeAmount(new D(part), new D(whole), sumTolerance([part, whole]));
    const tail =
      v.severity === "rounding"
        ? `（相差 ${v.diff.toFixed()}，在尾数误差 ±${v.tolerance.toFixed()} 以内）`
        : "：部分不可能大于整体";
    out.push(
      finding(
        PROCUREMENT_SME_ORDER,
        v.severity ?? "error",
        `情况说明 ${partName} ${part} 大于${wholeName} ${whole}${tail}`,
        [...side(p, part, partName).locs, ...side(p, whole, wholeName).locs],
        whole,
        part,
      ),
    );
  }
  return out;
}

function shares(report: Report): Finding[] {
  const p = report.narrative.procurement;
  if (!p) return [];
  const out: (Finding | null)[] = [];
  for (const [amount, share, name] of [
    [p.sme, p.smeShare, "授予中小企业合同金额占比"],
    [p.smallMicro, p.smallMicroShare, "授予小微企业合同金额占比"],
  ] as const) {
    if (amount === undefined || share === undefined) continue;
    if (ratioRoundsTo(share, amount, p.total)) continue;
    const loc = narrativeLoc("procurement", name, p.sourceLine);
    const pct = percentOf(new D(amount), dv(p.total));
    if (pct === undefined) {
      out.push(
        finding(
          PROCUREMENT_SHARE,
          "error",
          `情况说明 政府采购支出总额为 0，却给出${name} ${share}%`,
          [loc],
          undefined,
          share,
        ),
      );
      continue;
    }
    out.push(
      checkPrinted(PROCUREMENT_SHARE, { value: share, label: `情况说明 ${name}`, locs: [loc] }, [pct], {
        label: `${amount} / 政府采购支出总额 ${p.total}`,
        locs: [],
      }),
    );
  }
  return compact(out);
}

/**
 * The per-category SME shares imply SME amounts (货物 × 货物占比 + …) that must add up to the SME total. Each share
 * printed with p decimals may be off by half a unit, scaled by its category amount, and each amount by its own
 * half unit; that is the tolerance. Checked only when every category with spending states its share.
 */
function categorySme(report: Report): Finding[] {
  const p = report.narrative.procurement;
  if (!p || p.sme === undefined) return [];
  const cats = [
    [p.goods, p.goodsSmeShare, "货物"],
    [p.works, p.worksSmeShare, "工程"],
    [p.services, p.servicesSmeShare, "服务"],
  ] as const;
  if (cats.every(([, share]) => share === undefined)) return [];
  if (cats.some(([amount, share]) => !dv(amount).isZero() && share === undefined)) return [];
  let implied = new D(0);
  let tolerance = halfUnit(p.sme);
  const parts: string[] = [];
  for (const [amount, share, name] of cats) {
    if (amount === undefined || share === undefined) continue;
    const a = new D(amount);
    const s = new D(share);
    implied = implied.plus(a.times(s).div(100));
    tolerance = tolerance
      .plus(
        a
          .abs()
          .times(new D(5).times(new D(10).pow(-(printedScale(share) + 1))))
          .div(100),
      )
      .plus(halfUnit(amount).times(s.abs()).div(100));
    parts.push(`${name} ${amount} × ${share}%`);
  }
  const v = judgeAmount(new D(p.sme), implied, tolerance);
  if (!v.severity) return [];
  const expected = implied.toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);
  let message = `情况说明 授予中小企业合同金额 ${p.sme} 与按分类占比推算的 ${expected}（${parts.join(" + ")}）不符（相差 ${v.diff.abs().toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2)}${v.severity === "rounding" ? "，在尾数误差以内" : ""}）`;
  if (
    v.severity !== "rounding" &&
    p.smallMicro !== undefined &&
    judgeAmount(new D(p.smallMicro), implied, tolerance.plus(halfUnit(p.smallMicro))).severity !== "error"
  ) {
    message += `；推算结果与授予小微企业合同金额 ${p.smallMicro} 相符，分类占比疑按小微企业口径计算`;
  }
  return [
    finding(
      PROCUREMENT_CATEGORY_SME,
      v.severity,
      message,
      [
        narrativeLoc("procurement", "授予中小企业合同金额", p.sourceLine),
        narrativeLoc("procurement", "分类授予中小企业合同金额占比", p.sourceLine),
      ],
      expected,
      p.sme,
    ),
  ];
}

export const procurementRules: Rule[] = [
  { id: PROCUREMENT_SUM, title: "政府采购 货物 + 工程 + 服务 = 总额", run: sum },
  { id: PROCUREMENT_SME_ORDER, title: "政府采购 小微企业 ≤ 中小企业 ≤ 总额", run: order },
  { id: PROCUREMENT_SHARE, title: "政府采购 中小企业、小微企业占比 = 金额 / 总额", run: shares },
  {
    id: PROCUREMENT_CATEGORY_SME,
    title: "政府采购 分类中小企业占比推算的金额 = 授予中小企业合同金额",
    run: categorySme,
  },
];
