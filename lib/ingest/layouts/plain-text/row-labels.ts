import { compact, toHalfWidth } from "./line-tokens";

/** 支出功能分类 类 names (current and older template wording) → code. */
const CLASS_CODES: [string, string][] = [
  ["一般公共服务", "201"],
  ["外交", "202"],
  ["国防", "203"],
  ["公共安全", "204"],
  ["教育", "205"],
  ["科学技术", "206"],
  ["文化旅游体育与传媒", "207"],
  ["文化体育与传媒", "207"],
  ["社会保障和就业", "208"],
  ["社会保险基金", "209"],
  ["卫生健康", "210"],
  ["医疗卫生与计划生育", "210"],
  ["节能环保", "211"],
  ["城乡社区", "212"],
  ["农林水", "213"],
  ["交通运输", "214"],
  ["资源勘探工业信息等", "215"],
  ["资源勘探信息等", "215"],
  ["商业服务业等", "216"],
  ["金融", "217"],
  ["援助其他地区", "219"],
  ["自然资源海洋气象等", "220"],
  ["国土海洋气象等", "220"],
  ["住房保障", "221"],
  ["粮油物资储备", "222"],
  ["国有资本经营预算", "223"],
  ["灾害防治及应急管理", "224"],
  ["其他", "229"],
  ["转移性", "230"],
  ["债务还本", "231"],
  ["债务付息", "232"],
  ["债务发行费用", "233"],
  ["抗疫特别国债安排的", "234"],
];
const CLASS_BY_NAME = new Map(CLASS_CODES);

/** "十四、资源勘探工业信息等支出" → "资源勘探工业信息等支出": ordinals and spacing are layout, not identity. */
export function bareLabel(name: string): string {
  return toHalfWidth(compact(name))
    .replace(/^[一二三四五六七八九十]+[、.]/, "")
    .replace(/^[(（][一二三四五六七八九十\d]+[)）]/, "")
    .replace(/^\d+[、.](?!\d)/, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）");
}

export function classCode(name: string): string | undefined {
  const b = bareLabel(name);
  if (!b.endsWith("支出")) return undefined;
  return CLASS_BY_NAME.get(b.slice(0, -2));
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
