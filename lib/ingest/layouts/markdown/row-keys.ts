import { compact } from "./cells";

/**
 * 支出功能分类 类 names → codes. The summary tables (01, 04) list expenditure by 类 name only; the code is what
 * ties those rows to tables 02/03/05. Older wordings of the same 类 are listed after the current one.
 */
const CLASS_NAMES: [code: string, names: string[]][] = [
  ["201", ["一般公共服务"]],
  ["202", ["外交"]],
  ["203", ["国防"]],
  ["204", ["公共安全"]],
  ["205", ["教育"]],
  ["206", ["科学技术"]],
  ["207", ["文化旅游体育与传媒", "文化体育与传媒"]],
  ["208", ["社会保障和就业"]],
  ["210", ["卫生健康", "医疗卫生与计划生育", "医疗卫生"]],
  ["211", ["节能环保"]],
  ["212", ["城乡社区"]],
  ["213", ["农林水"]],
  ["214", ["交通运输"]],
  ["215", ["资源勘探工业信息等", "资源勘探信息等", "资源勘探电力信息等"]],
  ["216", ["商业服务业等"]],
  ["217", ["金融"]],
  ["219", ["援助其他地区"]],
  ["220", ["自然资源海洋气象等", "国土海洋气象等"]],
  ["221", ["住房保障"]],
  ["222", ["粮油物资储备"]],
  ["223", ["国有资本经营预算"]],
  ["224", ["灾害防治及应急管理"]],
  ["229", ["其他"]],
  ["231", ["债务还本"]],
  ["232", ["债务付息"]],
  ["233", ["债务发行费用"]],
  ["234", ["抗疫特别国债安排"]],
];

const CLASS_BY_NAME = new Map(CLASS_NAMES.flatMap(([code, names]) => names.map((n) => [n, code] as [string, string])));

/** "一、一般公共服务支出" → "一般公共服务支出": the template numbers its rows, the meaning is in the words. */
export function stripOrdinal(name: string): string {
  return compact(name)
    .replace(/^(?:[一二三四五六七八九十]+|\d+)[、.．]/, "")
    .replace(/^[（(](?:[一二三四五六七八九十]+|\d+)[）)]/, "")
    .replace(/^其中[：:]/, "");
}

export function classCodeOf(name: string): string | undefined {
  const bare = stripOrdinal(name).replace(/[（(]类[）)]$/, "").replace(/支出$/, "").replace(/的$/, "");
  return CLASS_BY_NAME.get(bare);
}

const FUND_KEYS: [RegExp, "Gpb" | "GovFund" | "Soe"][] = [
  [/^一般公共预算财政拨款(收入)?$/, "Gpb"],
  [/^政府性基金预算财政拨款(收入)?$/, "GovFund"],
  [/^国有资本经营预算财政拨款(收入)?$/, "Soe"],
];

const INCOME_KEYS: [RegExp, string][] = [
  [/^上级补助收入$/, "superior"],
  [/^事业收入$/, "business"],
  [/^经营收入$/, "operating"],
  [/^附属单位上缴收入$/, "affiliated"],
  [/^其他收入$/, "other"],
  [/^本年收入合计$/, "incomeTotal"],
  [/^使用非财政拨款结余/, "useNonFiscalBalance"],
  [/^年初(?:财政拨款)?结转和结余$/, "carryBegin"],
  [/^总计$/, "grandTotal"],
];

const EXPENDITURE_KEYS: [RegExp, string][] = [
  [/^本年支出合计$/, "expenditureTotal"],
  [/^结余分配$/, "balanceDistribution"],
  [/^年末(?:财政拨款)?结转和结余$/, "carryEnd"],
  [/^总计$/, "grandTotal"],
];

/**
 * The role of a summary-table row from its printed name. Fund names (一般公共预算财政拨款 …) mean the fund's
 * income until a 年初/年末结转和结余 row has been seen; after it they are that balance split by fund.
 */
export function summaryRowKey(
  section: "income" | "expenditure",
  name: string,
  afterCarry: boolean,
): { key: string; code?: string } | undefined {
  const bare = stripOrdinal(name);
  for (const [re, suffix] of FUND_KEYS) {
    if (!re.test(bare)) continue;
    if (afterCarry) return { key: (section === "income" ? "carryBegin" : "carryEnd") + suffix };
    if (section === "income") return { key: suffix.charAt(0).toLowerCase() + suffix.slice(1) };
  }
  const table = section === "income" ? INCOME_KEYS : EXPENDITURE_KEYS;
  const hit = table.find(([re]) => re.test(bare));
  if (hit) return { key: hit[1] };
  if (section === "expenditure") {
    const code = classCodeOf(name);
    if (code) return { key: "class", code };
  }
  return undefined;
}
