import { explainFinding, type FindingFacts } from "@/lib/audit/explain";
import { ruleName } from "@/lib/audit/rule-names";
import { ruleMeaning } from "@/lib/audit/run";

/**
 * A finding in plain Chinese: the rule's name (its id only in the tooltip, for whoever reads the JSON or CSV beside
 * the page), which of the two figures is probably wrong and why, then the check as the audit computed it.
 */
export function FindingText({ finding, others }: { finding: FindingFacts; others: readonly FindingFacts[] }) {
  const why = explainFinding(finding, others);
  return (
    <>
      <div className="text-xs text-gray-500" title={`${ruleMeaning(finding.rule) ?? ""}（规则编号 ${finding.rule}）`}>
        {ruleName(finding.rule) ?? "其他核对"}
      </div>
      {why ? (
        <>
          <div>{why.text}</div>
          <div className="mt-0.5 text-xs text-gray-500">核对：{finding.message}</div>
        </>
      ) : (
        finding.message
      )}
    </>
  );
}
