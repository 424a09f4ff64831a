import { D, type Dec } from "@/lib/money/decimal";
import type { Report } from "@/lib/report/schema";
import { checkPrinted, checkSum, compact, finding } from "../compare";
import { ratioRoundsTo } from "../exact";
import { narrativeLoc } from "../labels";
import { showSum, sumValues, type Side } from "../report-access";
import { judgeAmount, percentOf, sumTolerance } from "../tolerance";
import { familyRules, type Rule } from "../rule";
import type { Finding } from "../types";

const PROCUREMENT_PARTS_OVER_TOTAL = "PROCUREMENT_PARTS_OVER_TOTAL";
const PROCUREMENT_RESERVED_OVER_TOTAL = "PROCUREMENT_RESERVED_OVER_TOTAL";
const PROCUREMENT_SME_PARTS = "PROCUREMENT_SME_PARTS";
const PROCUREMENT_SME_PARTS_SHARE = "PROCUREMENT_SME_PARTS_SHARE";

type Procurement = NonNullable<Report["narrative"]["procurement"]>;

const NAMES = {
  total: "政府采购支出总额",
  reservedSme: "面向中小企业预留项目预算金额",
  reservedSmallMicro: "面向小微企业预留项目预算金额",
  smeWonReserved: "预留项目中由中小企业中标（成交）的采购金额",
  smallMicroWonReserved: "小微企业预留项目中由小微企业中标（成交）的采购金额",
  smeWonOther: "其他项目中由中小企业中标（成交）的采购金额",
  sme: "授予中小企业合同金额",
  smeShare: "授予中小企业合同金额占比",
} as const;

function side(p: Procurement, key: keyof typeof NAMES): Side {
  const value = p[key];
  return { value, label: `情况说明 ${NAMES[key]}`, locs: [narrativeLoc("procurement", NAMES[key], p.sourceLine)] };
}

/**
 * What SMEs won in the projects reserved for them and what they won in the others are two disjoint parts of what
 * the department bought: together they cannot exceed the procurement total. Beyond the rounding of the three printed
 * figures it is an error; within it a rounding note (seed: 上海市普陀区财政局 2024, 246.47 + 4.79 against 251.25).
 */
function partsOverTotal(p: Procurement): Finding | null {
  if (p.smeWonReserved === undefined || p.smeWonOther === undefined) return null;
  const parts = [p.smeWonReserved, p.smeWonOther];
  const sum = sumValues(parts);
  const total = new D(p.total);
  if (sum.lte(total)) return null;
  const v = judgeAmount(sum, total, sumTolerance([...parts, p.total]));
  const shown = showSum(sum, parts);
  const diff = sum
    .minus(total)
    .toFixed(Math.max(...[shown, p.total].map((x) => (x.includes(".") ? x.length - x.indexOf(".") - 1 : 0))));
  const tail =
    v.severity === "rounding"
      ? `，只多 ${diff} 万元，在尾数误差 ±${v.tolerance.toFixed()} 万元以内`
      : `，多出 ${diff} 万元：部分不可能大于整体`;
  return finding(
    PROCUREMENT_PARTS_OVER_TOTAL,
    v.severity ?? "error",
    `情况说明 中小企业在预留项目中中标 ${p.smeWonReserved} 万元与在其他项目中中标 ${p.smeWonOther} 万元合计 ${shown} 万元，大于政府采购支出总额 ${p.total} 万元${tail}`,
    [...side(p, "smeWonReserved").locs, ...side(p, "smeWonOther").locs, ...side(p, "total").locs],
    p.total,
    shown,
  );
}

/**
 * A reserved amount is a project budget, the total is contracts signed: a reservation larger than everything the
 * department bought is possible only when reserved projects failed or came in far under budget, so it is a warning.
 */
function reservedOverTotal(p: Procurement): Finding[] {
  const out: Finding[] = [];
  for (const key of ["reservedSme", "reservedSmallMicro"] as const) {
    const value = p[key];
    if (value === undefined) continue;
    const v = judgeAmount(new D(value), new D(p.total), sumTolerance([value, p.total]), "warning");
    if (!v.severity || v.diff.lte(0) || v.severity === "rounding") continue;
    out.push(
      finding(
        PROCUREMENT_RESERVED_OVER_TOTAL,
        "warning",
        `情况说明 ${NAMES[key]} ${value} 万元大于全年政府采购支出总额 ${p.total} 万元：预留给中小企业的项目预算比全部采购合同还多，需说明预留项目是否未成交或大幅节约`,
        [...side(p, key).locs, ...side(p, "total").locs],
        p.total,
        value,
      ),
    );
  }
  return out;
}

/**
 * Where a template splits the SME award into its parts, the stated SME amount must be their sum. Whether the
 * projects reserved for 小微企业 are counted inside the SME-reserved ones differs between templates, so both sums
 * are accepted: 预留中小 + 其他, or 预留中小 + 预留小微 + 其他.
 */
function partSums(p: Procurement): { value: string; label: string; terms: Side[] }[] {
  if (p.smeWonReserved === undefined || p.smeWonOther === undefined) return [];
  const two = [side(p, "smeWonReserved"), side(p, "smeWonOther")];
  const sums = [{ terms: two, label: "预留项目与其他项目中小企业中标金额之和" }];
  if (p.smallMicroWonReserved !== undefined && !new D(p.smallMicroWonReserved).isZero()) {
    sums.push({
      terms: [two[0], side(p, "smallMicroWonReserved"), two[1]],
      label: "中小企业预留、小微企业预留与其他项目中标金额之和",
    });
  }
  return sums.map((s) => {
    const values = s.terms.map((t) => t.value);
    return { value: showSum(sumValues(values), values), label: s.label, terms: s.terms };
  });
}

function smeParts(p: Procurement): Finding | null {
  if (p.sme === undefined) return null;
  const sums = partSums(p);
  if (sums.length === 0) return null;
  const results = sums.map((s) => checkSum(PROCUREMENT_SME_PARTS, side(p, "sme"), s.terms, s.label));
  if (results.some((r) => r === null)) return null;
  // the closer reading stands
  return results.reduce((a, b) =>
    new D(a!.expected!).minus(p.sme!).abs().lte(new D(b!.expected!).minus(p.sme!).abs()) ? a : b,
  );
}

/** The SME share recomputed from the parts, when the text states a share but no SME amount to check it by. */
function sharesFromParts(p: Procurement): Finding | null {
  if (p.smeShare === undefined || p.sme !== undefined) return null;
  const sums = partSums(p);
  if (sums.length === 0) return null;
  if (sums.some((s) => ratioRoundsTo(p.smeShare!, s.value, p.total))) return null;
  const loc = narrativeLoc("procurement", NAMES.smeShare, p.sourceLine);
  const pcts = sums.map((s) => percentOf(new D(s.value), new D(p.total))).filter((x): x is Dec => x !== undefined);
  if (pcts.length === 0) {
    return finding(
      PROCUREMENT_SME_PARTS_SHARE,
      "error",
      `情况说明 政府采购支出总额为 0，却给出${NAMES.smeShare} ${p.smeShare}%`,
      [loc, ...side(p, "total").locs],
      undefined,
      p.smeShare,
    );
  }
  const basis = sums.map((s) => `${s.label} ${s.value}`).join("（或 ") + (sums.length > 1 ? "）" : "");
  return checkPrinted(
    PROCUREMENT_SME_PARTS_SHARE,
    { value: p.smeShare, label: `情况说明 ${NAMES.smeShare}`, locs: [loc] },
    pcts,
    {
      label: `${basis} / 政府采购支出总额 ${p.total}`,
      locs: [...side(p, "smeWonReserved").locs, ...side(p, "total").locs],
    },
  );
}

function parts(report: Report): Finding[] {
  const p = report.narrative.procurement;
  if (!p) return [];
  return compact([partsOverTotal(p), ...reservedOverTotal(p), smeParts(p), sharesFromParts(p)]);
}

export const procurementPartRules: Rule[] = familyRules(parts, [
  { id: PROCUREMENT_PARTS_OVER_TOTAL, title: "政府采购 中小企业在预留项目与其他项目中标金额之和 ≤ 采购总额" },
  { id: PROCUREMENT_RESERVED_OVER_TOTAL, title: "政府采购 面向中小企业（小微企业）预留金额 ≤ 采购总额" },
  { id: PROCUREMENT_SME_PARTS, title: "政府采购 授予中小企业合同金额 = 预留项目与其他项目中标金额之和" },
  { id: PROCUREMENT_SME_PARTS_SHARE, title: "政府采购 中小企业占比 = 各部分中标金额之和 / 采购总额" },
]);
