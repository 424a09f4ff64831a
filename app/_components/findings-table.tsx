import Link from "next/link";
import type { Location } from "@/lib/audit/types";
import { placeOfLine, type Report } from "@/lib/report/schema";
import { ruleTitle } from "@/lib/audit/run";
import { SeverityBadge } from "./ui";

export type FindingView = {
  rule: string;
  severity: string;
  message: string;
  expected: string | null;
  found: string | null;
  locations: Location[];
  department?: { id: number; name: string; year: number; synthetic: boolean };
};

function Where({ locations, linkTables, source }: { locations: Location[]; linkTables: boolean; source?: Report["source"] }) {
  return (
    <>
      {locations.map((l, i) => (
        <div key={i}>
          {linkTables && l.table && /^t0\d$/.test(l.table) ? (
            <a className="text-blue-700 hover:underline" href={`#${l.table}`}>
              {l.label}
            </a>
          ) : (
            l.label
          )}
          {l.sourceLine ? `（原文${source ? placeOfLine({ source }, l.sourceLine) : `第 ${l.sourceLine} 行`}）` : ""}
        </div>
      ))}
    </>
  );
}

/** Findings with both places they compare; rounding notes fold away so errors come first. */
/** `source`: the one report all findings come from (its PDF pages name the places); absent on cross-report lists. */
export function FindingsTable({ findings, linkTables = false, source }: { findings: FindingView[]; linkTables?: boolean; source?: Report["source"] }) {
  const main = findings.filter((f) => f.severity !== "rounding");
  const rounding = findings.filter((f) => f.severity === "rounding");
  const table = (list: FindingView[]) => (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[760px] table-fixed border-collapse text-sm">
        <colgroup>
          {list.some((f) => f.department) ? <col className="w-[12%]" /> : null}
          <col className="w-[7%]" />
          <col className="w-[38%]" />
          <col className="w-[10%]" />
          <col className="w-[10%]" />
          <col />
        </colgroup>
        <thead>
          <tr className="border-b bg-gray-100 text-left">
            {list.some((f) => f.department) ? <th className="p-1.5">部门</th> : null}
            <th className="p-1.5">级别</th>
            <th className="p-1.5">说明</th>
            <th className="num p-1.5">应为</th>
            <th className="num p-1.5">文件所列</th>
            <th className="p-1.5">位置（两处来源）</th>
          </tr>
        </thead>
        <tbody>
          {list.map((f, i) => (
            <tr key={i} className="border-b border-gray-100 align-top">
              {f.department ? (
                <td className="p-1.5">
                  <Link className="text-blue-700 hover:underline" href={`/departments/${f.department.id}?year=${f.department.year}#findings`}>
                    {f.department.name}
                  </Link>
                  {f.department.synthetic ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800">合成示例</span> : null}
                </td>
              ) : null}
              <td className="p-1.5">
                <SeverityBadge severity={f.severity} />
              </td>
              <td className="break-words p-1.5">
                <div className="text-xs text-gray-500" title={f.rule}>
                  {ruleTitle(f.rule) ?? f.rule}
                </div>
                {f.message}
              </td>
              <td className="num break-all p-1.5">{f.expected ?? "—"}</td>
              <td className="num break-all p-1.5">{f.found ?? "—"}</td>
              <td className="break-words p-1.5 text-xs text-gray-600">
                <Where locations={f.locations} linkTables={linkTables} source={source} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <div className="space-y-3">
      {main.length ? table(main) : <p className="text-sm text-gray-600">没有错误或警告。</p>}
      {rounding.length ? (
        <details className="print:open">
          <summary className="cursor-pointer text-sm text-gray-700">尾数差异 {rounding.length} 项（在文件声明的尾数误差范围内，不视为错误；点击展开）</summary>
          <div className="mt-2">{table(rounding)}</div>
        </details>
      ) : null}
    </div>
  );
}
