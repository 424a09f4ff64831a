import Link from "next/link";
import type { DepartmentReport } from "@/db/queries/department";
import { explainFinding } from "@/lib/audit/explain";
import { citedFigure } from "@/lib/report/cite";
import { placeOfLine } from "@/lib/report/schema";
import { sourceHref } from "../../_components/source-link";
import { Empty, Section } from "../../_components/ui";
import { type FindingRow, FindingRows } from "../../_components/finding-rows";
import { ruleTextsOf } from "../../_components/finding-texts";
import { tablesHref } from "./tables-nav";

/**
 * Errors and warnings the pack shows itself, most severe first; the rest (and every rounding note) are on the
 * department's findings page, one link away, so a long list does not make the pack a page too heavy to open.
 */
const PACK_FINDINGS = 12;
const RANK = { error: 0, warning: 1, rounding: 2 } as const;

/** The findings of one report as compact rows: each place with its table and its place in the original. */
export function findingRows(data: DepartmentReport, revision: number | undefined, list = data.findings) {
  const { report, findings } = data;
  const cite = data.hasDocument ? { reportId: data.reportId, source: report.source } : undefined;
  const rows = list.map((f): FindingRow => {
    const why = explainFinding(f, findings)?.text;
    return {
      severity: f.severity,
      rule: f.rule,
      ...(why ? { why } : {}),
      message: f.message,
      expected: f.expected,
      found: f.found,
      places: f.locations.map((l) => {
        const c = l.sourceLine ? citedFigure(report.tables, l, f) : undefined;
        return {
          label: l.label,
          ...(l.table && /^t0\d$/.test(l.table)
            ? { table: tablesHref(data.departmentId, data.year, revision, l.table) }
            : {}),
          ...(l.sourceLine
            ? {
                source: {
                  text: `原文${placeOfLine(report, l.sourceLine)}`,
                  href: sourceHref(cite, l.sourceLine, c?.figure, c?.context),
                },
              }
            : {}),
        };
      }),
    };
  });
  return { rows, rules: ruleTextsOf(list) };
}

/** The pack's 审核发现: counts by severity, the most severe findings, and the link to all of them. */
export function PackFindings({ data, revision }: { data: DepartmentReport; revision: number | undefined }) {
  const all = data.findings;
  const serious = all
    .filter((f) => f.severity !== "rounding")
    .sort((a, b) => (RANK[a.severity] ?? 1) - (RANK[b.severity] ?? 1));
  const shown = serious.slice(0, PACK_FINDINGS);
  const count = (s: string) => all.filter((f) => f.severity === s).length;
  const rest = all.length - shown.length;
  const href = findingsHref(data.departmentId, data.year, revision);
  const { rows, rules } = findingRows(data, revision, shown);
  return (
    <Section
      title="审核发现"
      id="findings"
      note="每条发现给出两处来源（表与行，或情况说明的段落与原文行号），以及应为值与文件所列值。"
    >
      {all.length === 0 ? (
        <Empty>没有发现不一致之处。</Empty>
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-gray-700">
            {`共 ${all.length} 项：错误 ${count("error")} 项，警告 ${count("warning")} 项，尾数差异 ${count("rounding")} 项（在文件声明的尾数误差范围内，不视为错误）。`}
            {shown.length < serious.length ? `下表列出最严重的 ${shown.length} 项。` : ""}
          </p>
          {rows.length ? (
            <FindingRows rows={rows} rules={rules} />
          ) : (
            <p className="text-sm text-gray-600">没有错误或警告。</p>
          )}
          {rest > 0 ? (
            <p className="text-sm">
              <Link className="text-blue-700 hover:underline" href={href}>
                {`查看全部 ${all.length} 项发现${shown.length < serious.length ? `（另有错误和警告 ${serious.length - shown.length} 项）` : ""}${count("rounding") ? `，含尾数差异 ${count("rounding")} 项` : ""} →`}
              </Link>
              <span className="hidden print:inline">{` ${href}`}</span>
            </p>
          ) : null}
        </div>
      )}
    </Section>
  );
}

/** The department's page of all findings of the year's report. */
function findingsHref(deptId: number, year: number, revision: number | undefined): string {
  const q = new URLSearchParams({ year: String(year) });
  if (revision !== undefined) q.set("revision", String(revision));
  return `/departments/${deptId}/findings?${q}`;
}
