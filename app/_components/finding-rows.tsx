"use client";

import { SeverityBadge } from "./ui";

/**
 * A finding as data: the page's React payload carries these few strings once, and the markup is built here, instead
 * of the payload repeating the server's markup beside the HTML (a pack of 40 findings was ~190 KB of page that way).
 */
export type FindingRow = {
  severity: string;
  rule: string;
  /** which figure is likelier wrong and why, in plain Chinese (lib/audit/explain), when it can be told */
  why?: string;
  message: string;
  expected: string | null;
  found: string | null;
  places: FindingPlace[];
  /** on a list across reports: whose finding it is (its pack at the findings) */
  department?: { id: number; name: string; year: number; synthetic: boolean };
};
/** A place the finding compares: its label, the tables page at that table, and its place in the original. */
export type FindingPlace = { label: string; table?: string; source?: { text: string; href?: string } };
/** per rule id: its name and what it checks (the tooltip), once for all rows */
export type RuleTexts = Record<string, { name: string; meaning: string }>;

export function FindingRows({ rows, rules }: { rows: FindingRow[]; rules: RuleTexts }) {
  const byDept = rows.some((f) => f.department);
  return (
    <div className="overflow-x-auto">
      {/* on a phone the severity rides in the 说明 cell, so the finding itself is what shows beside the department */}
      <table
        className={`w-full min-w-[600px] table-fixed border-collapse text-sm sm:min-w-[760px] [&_a:hover]:underline [&_a]:text-blue-700 [&_td]:p-1.5 [&_td]:align-top [&_tbody_tr]:border-b [&_tbody_tr]:border-gray-100 ${byDept ? "sticky-first" : ""}`}
      >
        <colgroup>
          {byDept ? <col className="w-[12%]" /> : null}
          <col className="hidden w-[7%] sm:table-column" />
          <col className="w-[38%]" />
          <col className="w-[10%]" />
          <col className="w-[10%]" />
          <col />
        </colgroup>
        <thead>
          <tr className="border-b bg-gray-100 text-left">
            {byDept ? <th className="p-1.5">部门</th> : null}
            <th className="hidden p-1.5 sm:table-cell">级别</th>
            <th className="p-1.5">说明</th>
            <th className="num p-1.5">应为</th>
            <th className="num p-1.5">文件所列</th>
            <th className="p-1.5">位置（两处来源）</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f, i) => (
            <tr key={i}>
              {f.department ? (
                <td>
                  <a href={`/departments/${f.department.id}?year=${f.department.year}#findings`}>{f.department.name}</a>
                  {f.department.synthetic ? (
                    <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800">合成示例</span>
                  ) : null}
                </td>
              ) : null}
              <td className="hidden sm:table-cell">
                <SeverityBadge severity={f.severity} />
              </td>
              <td className="break-words">
                <span className="sm:hidden">
                  <SeverityBadge severity={f.severity} />
                </span>
                <div className="text-xs text-gray-500" title={rules[f.rule]?.meaning}>
                  {rules[f.rule]?.name}
                </div>
                {f.why ? (
                  <>
                    <div>{f.why}</div>
                    <div className="mt-0.5 text-xs text-gray-500">核对：{f.message}</div>
                  </>
                ) : (
                  f.message
                )}
              </td>
              <Compared v={f.expected} />
              <Compared v={f.found} />
              <td className="break-words text-xs text-gray-600">
                {f.places.map((p, k) => (
                  <div key={k}>
                    {p.table ? <a href={p.table}>{p.label}</a> : p.label}
                    {p.source ? (
                      <>
                        （
                        {p.source.href ? (
                          <a href={p.source.href} title="在原文中查看">
                            {p.source.text}
                          </a>
                        ) : (
                          p.source.text
                        )}
                        ）
                      </>
                    ) : null}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A compared value: a figure right-aligned as figures are; a name or a wording (two project names) as text that wraps. */
function Compared({ v }: { v: string | null }) {
  if (v === null || v === "") return <td className="num">—</td>;
  return /^-?[\d,]+(\.\d+)?%?$/.test(v) ? (
    <td className="num break-all">{v}</td>
  ) : (
    <td className="whitespace-normal break-words text-xs">{v}</td>
  );
}
