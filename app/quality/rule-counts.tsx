import Link from "next/link";
import type { getRuleCounts } from "@/db/queries/quality";
import { ruleName } from "@/lib/audit/rule-names";
import { ruleMeaning } from "@/lib/audit/run";
import { Empty, Section, SeverityBadge, hrefWith } from "../_components/ui";

/**
 * Findings by rule: the rule's Chinese name first (its id only in the tooltip), then severity and counts, then what
 * the rule means — on a phone the name and the counts show without scrolling.
 */
export function RuleCounts({
  counts,
  keep,
  rule,
}: {
  counts: Awaited<ReturnType<typeof getRuleCounts>>;
  keep: Record<string, string | number | undefined>;
  rule?: string;
}) {
  return (
    <Section title="按规则统计" note="点击规则或级别筛选下方明细；尾数差异在文件声明的尾数误差范围内，不视为错误。">
      {counts.length === 0 ? (
        <Empty>本年度没有审核发现。</Empty>
      ) : (
        <div className="overflow-x-auto">
          <table className="sticky-first w-full min-w-[600px] border-collapse text-sm">
            <thead>
              <tr className="border-b bg-gray-100 text-left">
                <th className="p-1.5">规则</th>
                <th className="p-1.5">级别</th>
                <th className="num p-1.5">发现数</th>
                <th className="num p-1.5">涉及报告</th>
                <th className="p-1.5">含义</th>
              </tr>
            </thead>
            <tbody>
              {counts.map((c) => (
                <tr
                  key={`${c.rule}-${c.severity}`}
                  className={`border-b border-gray-100 ${rule === c.rule ? "bg-blue-50" : ""}`}
                >
                  <td className="p-1.5">
                    <Link
                      className="text-blue-700 hover:underline"
                      href={hrefWith("/quality", { ...keep, rule: c.rule })}
                      title={`规则编号 ${c.rule}`}
                    >
                      {ruleName(c.rule) ?? "其他核对"}
                    </Link>
                  </td>
                  <td className="p-1.5">
                    <Link href={hrefWith("/quality", { ...keep, severity: c.severity })}>
                      <SeverityBadge severity={c.severity} />
                    </Link>
                  </td>
                  <td className="num p-1.5">{c.count}</td>
                  <td className="num p-1.5">{c.reports}</td>
                  <td className="p-1.5 text-gray-700">{ruleMeaning(c.rule) ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
