import type { Report } from "@/lib/report/schema";
import { finding } from "../compare";
import { COMPLETENESS_KEYS, completenessRuleId, computeCompleteness } from "../completeness";
import type { Rule } from "../rule";
import type { Finding } from "../types";

function locationOf(key: string) {
  if (/^t0\d$/.test(key)) return { table: key };
  if (key.startsWith("performance")) return { table: "appendix" };
  if (key === "glossary") return { section: "第四部分 名词解释" };
  return { table: "narrative" };
}

function missing(report: Report, key: string): Finding[] {
  const item = computeCompleteness(report).items.find((i) => i.key === key);
  if (!item || item.present) return [];
  return [
    finding(completenessRuleId(key), "warning", `公开内容缺失：${item.label}`, [
      { ...locationOf(key), label: item.label },
    ]),
  ];
}

/** One rule per part of a complete disclosure (COMPLETENESS_T01 … COMPLETENESS_PERFORMANCE_SHEETS). */
export const completenessRules: Rule[] = COMPLETENESS_KEYS.map(({ key, label }) => ({
  id: completenessRuleId(key),
  title: `公开内容完整：${label}`,
  run: (r: Report) => missing(r, key),
}));
