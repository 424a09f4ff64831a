import { D, printedScale } from "@/lib/money/decimal";
import type { Narrative } from "@/lib/report/schema";
import { AMT, PCT, amountOf, attempt, find, lineOf, pctOf, type Notes, type Section } from "./text";

type Procurement = NonNullable<Narrative["procurement"]>;

// The total: "政府采购支出总额 8,281.83 万元" (Shandong), "政府采购金额（以合同签订为准）为 251.25 万元" (Shanghai).
const TOTAL = `政府采购(?:支出|合同)?(?:总额|总金额|金额)(?:[（(][^（()）]{0,20}[)）])?(?:为|共计|合计)?${AMT("a")}`;

// What SMEs were given, in the two wordings of the national template:
// - 2019–2023: "授予中小企业合同金额 X 万元，占政府采购支出总额的 P%，其中：授予小微企业合同金额 …"
// - 2024 (财库〔2022〕19号 reservation): "面向中小企业预留政府采购项目预算金额 A 万元，面向小微企业预留…B 万元。在面向中小企业
//   预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额 C 万元；在面向小微企业预留政府采购项目中，由小微企业
//   供应商中标或成交的，采购金额 D 万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 E 万元"
const RESERVED = (who: string) =>
  `面向${who}预留(?:的)?(?:政府采购)?(?:项目)?(?:预算)?(?:金额)?(?:为|共计)?${AMT("a")}`;
const WON = (where: string, who: string) =>
  `${where}[^。；;]{0,16}?项目中[，,]?由${who}(?:供应商)?中标(?:或|和|、)?成交(?:的)?[，,]?(?:采购|合同)?(?:金额)?(?:为|共计)?${AMT("a")}`;

/**
 * 十一 (Shandong) / 十一（二） (Shanghai): the total, goods / works / services, and what SMEs and small and micro
 * enterprises were given. Without a stated SME total, sme = won in the projects reserved for SMEs + won in the others.
 */
export function parseProcurement(sec: Section, notes: Notes = []): Narrative["procurement"] {
  const total = find(sec, TOTAL);
  if (!total) return undefined;
  const amount = attempt(notes, sec, () => amountOf(sec, total, "a"), "section");
  if (amount === undefined) return undefined;
  const out: Procurement = { total: amount, sourceLine: lineOf(sec, total.start("a")) };
  const kinds = [
    ["goods", "货物"],
    ["works", "工程"],
    ["services", "服务"],
  ] as const;
  for (const [key, word] of kinds) {
    attempt(notes, sec, () => {
      // "政府采购货物支出 14.43 万元" (Shandong), "货物采购金额 4.79 万元" (Shanghai)
      const hit = find(sec, `(?:政府采购)?${word}(?:采购)?(?:支出|合同)?(?:金额)?(?:为)?${AMT("a")}`, total.end);
      if (hit) out[key] = amountOf(sec, hit, "a");
    });
    attempt(notes, sec, () => {
      const share = find(
        sec,
        `${word}(?:采购)?授予中小企业(?:的)?合同金额占${word}(?:采购)?(?:支出)?(?:金额|总额)?的?${PCT("p")}`,
      );
      if (share) out[`${key}SmeShare`] = pctOf(sec, share, "p");
    });
  }
  const smeShare = `(?:[，,]?占(?:政府采购支出)?(?:总额|总金额)?的?${PCT("p")})?`;
  attempt(notes, sec, () => {
    const sme = find(sec, `授予中小企业(?:的)?合同(?:金额|总额)(?:为|共计)?${AMT("a")}${smeShare}`);
    if (sme) {
      out.sme = amountOf(sec, sme, "a");
      if (sme.group("p") !== undefined) out.smeShare = pctOf(sec, sme, "p");
    }
  });
  attempt(notes, sec, () => {
    const small = find(sec, `授予小微企业(?:的)?合同(?:金额|总额)(?:为|共计)?${AMT("a")}${smeShare}`);
    if (small) {
      out.smallMicro = amountOf(sec, small, "a");
      if (small.group("p") !== undefined) out.smallMicroShare = pctOf(sec, small, "p");
    }
  });

  const reads: [keyof Procurement, string][] = [
    ["reservedSme", RESERVED("中小企业")],
    ["reservedSmallMicro", RESERVED("小微企业")],
    ["smeWonReserved", WON("面向中小企业预留", "中小企业")],
    ["smallMicroWonReserved", WON("面向小微企业预留", "小微企业")],
    ["smeWonOther", WON("其他(?:政府采购)?", "中小企业")],
  ];
  for (const [key, pattern] of reads) {
    attempt(notes, sec, () => {
      const hit = find(sec, pattern);
      if (hit) (out as Record<string, unknown>)[key] = amountOf(sec, hit, "a");
    });
  }
  if (out.sme === undefined && out.smeWonReserved !== undefined && out.smeWonOther !== undefined) {
    const scale = Math.max(printedScale(out.smeWonReserved), printedScale(out.smeWonOther));
    out.sme = new D(out.smeWonReserved).plus(out.smeWonOther).toFixed(scale);
  }
  return out;
}
