import Link from "next/link";
import type { Location } from "@/lib/audit/types";
import { citedFigure } from "@/lib/report/cite";
import { placeOfLine, type Report, type Table } from "@/lib/report/schema";
import type { FindingFacts } from "@/lib/audit/explain";
import { FindingText } from "./finding-text";
import { SeverityBadge } from "./ui";
import { SourceLink, sourceHref, type SourceRef } from "./source-link";

/** The report the findings come from, when the store keeps its file: each place links to it in the original. */
export type FindingsSource = SourceRef & { tables: Table[] };

export type FindingView = {
  rule: string;
  severity: string;
  message: string;
  expected: string | null;
  found: string | null;
  locations: Location[];
  department?: { id: number; name: string; year: number; synthetic: boolean };
  /** the same report's findings, from which the page tells the likelier wrong figure; default: the table's own list */
  others?: FindingFacts[];
  /** per location, its place in the original and the link there, when a cross-report list worked them out */
  places?: (PlaceLink | undefined)[];
};

/** A place in the original as the reader finds it (原文第 N 页 / 第 N 行) and the link that opens it there. */
export type PlaceLink = { text: string; href?: string };

/** `linkTables`: where a table of the report is shown (true: on this page, at the anchor of its id). */
function Where({
  finding,
  linkTables,
  source,
  cite,
}: {
  finding: FindingView;
  linkTables: boolean | ((table: string) => string);
  source?: Report["source"];
  cite?: FindingsSource;
}) {
  const locations = finding.locations;
  return (
    <>
      {locations.map((l, i) => (
        <div key={i}>
          {linkTables && l.table && /^t0\d$/.test(l.table) ? (
            <a
              className="text-blue-700 hover:underline"
              href={typeof linkTables === "function" ? linkTables(l.table) : `#${l.table}`}
            >
              {l.label}
            </a>
          ) : (
            l.label
          )}
          {finding.places?.[i] ? (
            <>
              （<SourceLink href={finding.places[i].href}>{finding.places[i].text}</SourceLink>）
            </>
          ) : l.sourceLine ? (
            <>
              （
              <SourceLink href={cite ? sourceHref(cite, l.sourceLine, ...figureAndRow(cite, l, finding)) : undefined}>
                原文{source ? placeOfLine({ source }, l.sourceLine) : `第 ${l.sourceLine} 行`}
              </SourceLink>
              ）
            </>
          ) : (
            ""
          )}
        </div>
      ))}
    </>
  );
}

function figureAndRow(cite: FindingsSource, l: Location, f: FindingView): [string | undefined, string | undefined] {
  const c = citedFigure(cite.tables, l, f);
  return [c.figure, c.context];
}

/** A compared value: a figure right-aligned as figures are; a name or a wording (two project names) as text that wraps. */
function Compared({ v }: { v: string | null }) {
  if (v === null || v === "") return <td className="num p-1.5">—</td>;
  return /^-?[\d,]+(\.\d+)?%?$/.test(v) ? (
    <td className="num break-all p-1.5">{v}</td>
  ) : (
    <td className="whitespace-normal break-words p-1.5 text-xs">{v}</td>
  );
}

/** Findings with both places they compare; rounding notes fold away so errors come first. */
/** `source`: the one report all findings come from (its PDF pages name the places); absent on cross-report lists. */
/** `cite`: the same report when its original file is kept; each place then opens the original there. */
export function FindingsTable({
  findings,
  linkTables = false,
  source,
  cite,
}: {
  findings: FindingView[];
  linkTables?: boolean | ((table: string) => string);
  source?: Report["source"];
  cite?: FindingsSource;
}) {
  const main = findings.filter((f) => f.severity !== "rounding");
  const rounding = findings.filter((f) => f.severity === "rounding");
  const table = (list: FindingView[]) => (
    <div className="overflow-x-auto">
      {/* on a phone the severity rides in the 说明 cell, so the finding itself is what shows beside the department */}
      <table
        className={`w-full min-w-[600px] table-fixed border-collapse text-sm sm:min-w-[760px] ${list.some((f) => f.department) ? "sticky-first" : ""}`}
      >
        <colgroup>
          {list.some((f) => f.department) ? <col className="w-[12%]" /> : null}
          <col className="hidden w-[7%] sm:table-column" />
          <col className="w-[38%]" />
          <col className="w-[10%]" />
          <col className="w-[10%]" />
          <col />
        </colgroup>
        <thead>
          <tr className="border-b bg-gray-100 text-left">
            {list.some((f) => f.department) ? <th className="p-1.5">部门</th> : null}
            <th className="hidden p-1.5 sm:table-cell">级别</th>
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
                  <Link
                    className="text-blue-700 hover:underline"
                    href={`/departments/${f.department.id}?year=${f.department.year}#findings`}
                  >
                    {f.department.name}
                  </Link>
                  {f.department.synthetic ? (
                    <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800">合成示例</span>
                  ) : null}
                </td>
              ) : null}
              <td className="hidden p-1.5 sm:table-cell">
                <SeverityBadge severity={f.severity} />
              </td>
              <td className="break-words p-1.5">
                <span className="sm:hidden">
                  <SeverityBadge severity={f.severity} />
                </span>
                <FindingText finding={f} others={f.others ?? findings} />
              </td>
              <Compared v={f.expected} />
              <Compared v={f.found} />
              <td className="break-words p-1.5 text-xs text-gray-600">
                <Where finding={f} linkTables={linkTables} source={source} cite={cite} />
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
          <summary className="cursor-pointer text-sm text-gray-700">
            尾数差异 {rounding.length} 项（在文件声明的尾数误差范围内，不视为错误；点击展开）
          </summary>
          <div className="mt-2">{table(rounding)}</div>
        </details>
      ) : null}
    </div>
  );
}
