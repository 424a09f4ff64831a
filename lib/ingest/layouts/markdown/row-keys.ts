import { classCodeOfBareName } from "@/lib/report/class-codes";
import { compact } from "./cells";

/** "一、一般公共服务支出" → "一般公共服务支出": the template numbers its rows, the meaning is in the words. */
function stripOrdinal(name: string): string {
  return compact(name)
    .replace(/^(?:[一二三四五六七八九十]+|\d+)[、.．]/, "")
    .replace(/^[（(](?:[一二三四五六七八九十]+|\d+)[）)]/, "")
    .replace(/^其中[：:]/, "");
}

function classCodeOf(name: string): string | undefined {
  const bare = stripOrdinal(name)
    .replace(/[（(]类[）)]$/, "")
    .replace(/支出$/, "")
    .replace(/的$/, "");
  return classCodeOfBareName(bare);
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
