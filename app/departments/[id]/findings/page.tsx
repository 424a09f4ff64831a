import Link from "next/link";
import { notFound } from "next/navigation";
import { getDepartmentReport } from "@/db/queries/department";
import { departmentParamsSchema, parseParams, type RawParams } from "@/lib/filters";
import { PrintButton } from "../../../_components/print-button";
import { CsvLink, Empty, Section, SyntheticBadge, hrefWith } from "../../../_components/ui";
import { FindingRows } from "../../../_components/finding-rows";
import { findingRows } from "../pack-findings";
import { PrintFooter } from "../print-footer";

export const dynamic = "force-dynamic";

export async function generateMetadata(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  return { title: `部门 ${id} · 全部审核发现` };
}

const RANK: Record<string, number> = { error: 0, warning: 1, rounding: 2 };

/**
 * Every finding of a department's report, errors first, the rounding notes last: the pack (../page.tsx) shows the
 * most severe and links here, so that no finding is lost to a lighter pack.
 */
export default async function DepartmentFindingsPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<RawParams>;
}) {
  const { id } = await props.params;
  const sp = parseParams(departmentParamsSchema, await props.searchParams);
  const deptId = /^\d{1,9}$/.test(id) ? Number(id) : NaN;
  if (!Number.isFinite(deptId)) notFound();
  const data = await getDepartmentReport(deptId, sp.year, sp.revision);
  if (!data) notFound();
  const pack = hrefWith(`/departments/${deptId}`, { year: data.year, revision: sp.revision });
  const sorted = [...data.findings].sort((a, b) => (RANK[a.severity] ?? 1) - (RANK[b.severity] ?? 1));
  const serious = findingRows(
    data,
    sp.revision,
    sorted.filter((f) => f.severity !== "rounding"),
  );
  const rounding = findingRows(
    data,
    sp.revision,
    sorted.filter((f) => f.severity === "rounding"),
  );

  return (
    <article className="pack space-y-6">
      <PrintFooter
        page="pack"
        label={`${data.department} ${data.year} 年度${data.scope}审查材料：全部审核发现`}
        dataVersion={data.dataVersion}
      />
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">
            {data.department} · 全部审核发现
            <SyntheticBadge synthetic={data.synthetic} />
          </h1>
          <p className="mt-1 text-sm text-gray-600">
            {data.year} 年度{data.scope} · 第 {data.revision} 版 · 来源文件 {data.report.source.fileName}
          </p>
        </div>
        <div className="no-print flex flex-wrap items-center gap-2 text-sm">
          <Link className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-50" href={`${pack}#findings`}>
            ← 审查材料
          </Link>
          <CsvLink dataset="department-findings" params={{ id: deptId, year: data.year, revision: sp.revision }} />
          <PrintButton />
        </div>
      </header>
      <Section
        title={`错误与警告（${serious.rows.length} 项）`}
        id="findings"
        note="每条发现给出两处来源（表与行，或情况说明的段落与原文行号），以及应为值与文件所列值。"
      >
        {serious.rows.length ? (
          <FindingRows rows={serious.rows} rules={serious.rules} />
        ) : (
          <Empty>没有错误或警告。</Empty>
        )}
      </Section>
      {rounding.rows.length ? (
        <Section
          title={`尾数差异（${rounding.rows.length} 项）`}
          id="rounding"
          note="在文件声明的尾数误差范围内，不视为错误。"
        >
          <FindingRows rows={rounding.rows} rules={rounding.rules} />
        </Section>
      ) : null}
    </article>
  );
}
