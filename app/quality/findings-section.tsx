import Link from "next/link";
import { getFindings, getFindingsOfReports, type QualityFilters } from "@/db/queries/quality";
import { getSourcesOf } from "@/db/queries/source";
import { ruleName } from "@/lib/audit/rule-names";
import { SEVERITIES } from "@/lib/filters";
import { FindingsTable } from "../_components/findings-table";
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
          <FindingsTable
            findings={findings.map((x) => ({
              ...x,
              department: { id: x.departmentId, name: x.department, year: x.year, synthetic: x.synthetic },
              others: ofReports.get(x.reportId),
              places: findingPlaces(x, sources),
            }))}
          />
          <Pager page={page} pageSize={pageSize} total={props.total} href={props.href} unit="项" />
        </>
      )}
    </Section>
  );
}
