import { ruleName } from "@/lib/audit/rule-names";
import { ruleMeaning } from "@/lib/audit/run";
import type { RuleTexts } from "./finding-rows";

/**
 * Each rule's name and what it checks, once per rule for a list of findings: the name in plain Chinese, the id only
 * in the tooltip, for whoever reads the JSON or CSV beside the page.
 */
export function ruleTextsOf(findings: readonly { rule: string }[]): RuleTexts {
  const out: RuleTexts = {};
  for (const { rule } of findings)
    out[rule] ??= { name: ruleName(rule) ?? "其他核对", meaning: `${ruleMeaning(rule) ?? ""}（规则编号 ${rule}）` };
  return out;
}
