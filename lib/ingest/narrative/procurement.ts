import type { Narrative } from "@/lib/report/schema";
import { AMT, PCT, amountOf, find, lineOf, pctOf, type Section } from "./text";

type Procurement = NonNullable<Narrative["procurement"]>;

/**
 * 十一: "政府采购支出总额 8,281.83 万元，其中：政府采购货物支出 14.43 万元、…工程…、…服务…。授予中小企业合同金额
 * 1,839.9 万元，占政府采购支出总额的 22.22%，其中：授予小微企业合同金额 492.19 万元，占…的 5.94%。
 * 货物采购授予中小企业合同金额占货物支出金额的 100%，…"
 */
export function parseProcurement(sec: Section): Narrative["procurement"] {
  const total = find(sec, `政府采购(?:支出)?总额(?:为|共计)?${AMT("a")}`);
  if (!total) return undefined;
  const out: Procurement = { total: amountOf(sec, total, "a"), sourceLine: lineOf(sec, total.start("a")) };
  const kinds = [
    ["goods", "货物"],
    ["works", "工程"],
    ["services", "服务"],
  ] as const;
  for (const [key, word] of kinds) {
    const hit = find(sec, `(?:政府采购)?${word}(?:采购)?(?:支出|合同)(?:金额)?(?:为)?${AMT("a")}`, total.end);
    if (hit) out[key] = amountOf(sec, hit, "a");
    const share = find(sec, `${word}(?:采购)?授予中小企业(?:的)?合同金额占${word}(?:采购)?(?:支出)?(?:金额|总额)?的?${PCT("p")}`);
    if (share) out[`${key}SmeShare`] = pctOf(sec, share, "p");
  }
  const smeShare = `(?:[，,]?占(?:政府采购支出)?(?:总额|总金额)?的?${PCT("p")})?`;
  const sme = find(sec, `授予中小企业(?:的)?合同(?:金额|总额)(?:为|共计)?${AMT("a")}${smeShare}`);
  if (sme) {
    out.sme = amountOf(sec, sme, "a");
    if (sme.group("p") !== undefined) out.smeShare = pctOf(sec, sme, "p");
  }
  const small = find(sec, `授予小微企业(?:的)?合同(?:金额|总额)(?:为|共计)?${AMT("a")}${smeShare}`);
  if (small) {
    out.smallMicro = amountOf(sec, small, "a");
    if (small.group("p") !== undefined) out.smallMicroShare = pctOf(sec, small, "p");
  }
  return out;
}
