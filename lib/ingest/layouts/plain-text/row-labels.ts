import { classCodeOfBareName } from "@/lib/report/class-codes";
import { compact, toHalfWidth } from "./line-tokens";

/** "十四、资源勘探工业信息等支出" → "资源勘探工业信息等支出": ordinals and spacing are layout, not identity. */
function bareLabel(name: string): string {
  return toHalfWidth(compact(name))
    .replace(/^[一二三四五六七八九十]+[、.]/, "")
    .replace(/^[(（][一二三四五六七八九十\d]+[)）]/, "")
    .replace(/^\d+[、.](?!\d)/, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）");
}

function classCode(name: string): string | undefined {
  const b = bareLabel(name);
  if (!b.endsWith("支出")) return undefined;
  return classCodeOfBareName(b.slice(0, -2));
}

export type Side = "income" | "expenditure";
export type LabelRole = { key: string; code?: string };

const INCOME_LABELS: [RegExp, string][] = [
  [/^一般公共预算财政拨款(收入)?$/, "gpb"],
  [/^政府性基金预算财政拨款(收入)?$/, "govFund"],
  [/^国有资本经营预算财政拨款(收入)?$/, "soe"],
  [/^上级补助收入$/, "superior"],
  [/^事业收入$/, "business"],
  [/^经营收入$/, "operating"],
  [/^附属单位上缴收入$/, "affiliated"],
  [/^其他收入$/, "other"],
  [/^本年收入合计$/, "incomeTotal"],
  [/^(使用非财政拨款结余|用事业基金弥补收支差额)/, "useNonFiscalBalance"],
  [/^年初(财政拨款)?结转和结余$/, "carryBegin"],
  [/^(收入)?总计$/, "grandTotal"],
];

const EXPENDITURE_LABELS: [RegExp, string][] = [
  [/^本年支出合计$/, "expenditureTotal"],
  [/^结余分配$/, "balanceDistribution"],
  [/^年末(财政拨款)?结转和结余$/, "carryEnd"],
  [/^(支出)?总计$/, "grandTotal"],
];

/** The sub-rows that split 年初/年末结转和结余 by fund in table 04. */
const FUND_SUFFIX: Record<string, string> = { gpb: "Gpb", govFund: "GovFund", soe: "Soe" };

/**
 * The role of a printed t01/t04 label. `after` is the key of the last keyed row on the same side: in table 04 the
 * rows 一般公共预算财政拨款 … printed under 年初/年末结转和结余 are its split by fund, not the year's income.
 */
export function labelRole(side: Side, name: string, after?: string): LabelRole | undefined {
  const b = bareLabel(name);
  if (b === "") return undefined;
  if (side === "income") {
    for (const [re, key] of INCOME_LABELS) {
      if (!re.test(b)) continue;
      if (FUND_SUFFIX[key] && after && /^carryBegin/.test(after)) return { key: `carryBegin${FUND_SUFFIX[key]}` };
      return { key };
    }
    return undefined;
  }
  for (const [re, key] of EXPENDITURE_LABELS) if (re.test(b)) return { key };
  const fund = INCOME_LABELS.slice(0, 3).find(([re]) => re.test(b));
  if (fund && after && /^carryEnd/.test(after)) return { key: `carryEnd${FUND_SUFFIX[fund[1]]}` };
  if (b.endsWith("支出")) return { key: "class", code: classCode(b) };
  return undefined;
}

/** Labels of the fund split rows, in template order, for rows printed without a name. */
export const FUND_SPLIT = [
  { suffix: "Gpb", name: "一般公共预算财政拨款" },
  { suffix: "GovFund", name: "政府性基金预算财政拨款" },
  { suffix: "Soe", name: "国有资本经营预算财政拨款" },
] as const;
