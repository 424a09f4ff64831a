import Link from "next/link";
import { getFindings, getFindingsOfReports, type QualityFilters, type QualityFinding } from "@/db/queries/quality";
import { getSourcesOf } from "@/db/queries/source";
import { explainFinding, type FindingFacts } from "@/lib/audit/explain";
import { ruleName } from "@/lib/audit/rule-names";
import type { Report } from "@/lib/report/schema";
import { SEVERITIES } from "@/lib/filters";
import { type FindingRow, FindingRows } from "../_components/finding-rows";
import { ruleTextsOf } from "../_components/finding-texts";
import { Pager } from "../_components/pager";
import { CsvLink, Empty, Section, hrefWith } from "../_components/ui";
import { findingPlaces, placeReports } from "./finding-places";

const SEV_TEXT = { error: "错误", warning: "警告", rounding: "尾数差异" } as const;

type Keep = { year?: number; rule?: string; severity?: keyof typeof SEV_TEXT; synthetic?: string };

/** 审核发现明细: the filtered findings a page at a time, with the severity filter and the download. */
export async function FindingsSection(props: {
  f: QualityFilters;
  keep: Keep;
  page: number;
  pageSize: number;
  total: number;
  href: (n: number) => string;
}) {
  const { keep, page, pageSize } = props;
  const findings = await getFindings(props.f, pageSize, (page - 1) * pageSize);
  // each finding is worded from its whole report's findings, not only those the filter and the page keep
  const [ofReports, sources] = await Promise.all([
    getFindingsOfReports(findings.map((x) => x.reportId)),
    getSourcesOf(placeReports(findings)),
  ]);
  return (
    <Section
      id="findings"
      title={`审核发现明细${keep.rule ? ` · ${ruleName(keep.rule) ?? "其他核对"}` : ""}${keep.severity ? ` · ${SEV_TEXT[keep.severity]}` : ""}`}
      actions={
        <>
          {SEVERITIES.map((s) => (
            <Link
              key={s}
              href={hrefWith("/quality", { ...keep, severity: s })}
              className={`rounded px-2 py-0.5 text-xs ${keep.severity === s ? "bg-blue-600 text-white" : "border border-gray-300"}`}
            >
              {SEV_TEXT[s]}
            </Link>
          ))}
          {keep.rule || keep.severity ? (
            <Link
              href={hrefWith("/quality", { year: keep.year, synthetic: keep.synthetic })}
              className="text-xs text-blue-700"
            >
              清除筛选
            </Link>
          ) : null}
          <CsvLink dataset="findings" params={keep} />
        </>
      }
    >
      {findings.length === 0 ? (
        <Empty>没有符合条件的发现。</Empty>
      ) : (
        <>
          <QualityFindings findings={findings} ofReports={ofReports} sources={sources} />
          <Pager page={page} pageSize={pageSize} total={props.total} href={props.href} unit="项" />
        </>
      )}
    </Section>
  );
}

/**
 * The page's findings as compact rows, each worded from its whole report's findings, each place opening the
 * original; rounding notes fold away so errors come first.
 */
function QualityFindings(props: {
  findings: QualityFinding[];
  ofReports: ReadonlyMap<number, FindingFacts[]>;
  sources: ReadonlyMap<number, { source: Report["source"]; hasDocument: boolean }>;
}) {
  const row = (x: QualityFinding): FindingRow => {
    const why = explainFinding(x, props.ofReports.get(x.reportId) ?? props.findings)?.text;
    const places = findingPlaces(x, props.sources);
    return {
      severity: x.severity,
      rule: x.rule,
      ...(why ? { why } : {}),
      message: x.message,
      expected: x.expected,
      found: x.found,
      department: { id: x.departmentId, name: x.department, year: x.year, synthetic: x.synthetic },
      places: x.locations.map((l, i) => ({ label: l.label, ...(places[i] ? { source: places[i] } : {}) })),
    };
  };
  const main = props.findings.filter((f) => f.severity !== "rounding");
  const rounding = props.findings.filter((f) => f.severity === "rounding");
  const rules = ruleTextsOf(props.findings);
  return (
    <div className="space-y-3">
      {main.length ? (
        <FindingRows rows={main.map(row)} rules={rules} />
      ) : (
        <p className="text-sm text-gray-600">没有错误或警告。</p>
      )}
      {rounding.length ? (
        <details className="print:open">
          <summary className="cursor-pointer text-sm text-gray-700">
            尾数差异 {rounding.length} 项（在文件声明的尾数误差范围内，不视为错误；点击展开）
          </summary>
          <div className="mt-2">
            <FindingRows rows={rounding.map(row)} rules={rules} />
          </div>
        </details>
      ) : null}
    </div>
  );
}
