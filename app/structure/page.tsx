import { Suspense } from "react";
import Link from "next/link";
import { resolveYear } from "@/db/queries/figures";
import { getDepartmentYears } from "@/db/queries/structure";
import { parseParams, structureParamsSchema, type RawParams } from "@/lib/filters";
import { SectionSkeleton } from "../_components/section-skeleton";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { NoReports, PageHeader, YearPicker } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";
import { DepartmentsSection } from "./departments-section";
import { EconomicSection } from "./economic-section";
import { HistorySection } from "./history-section";
import { SubjectsSection } from "./subjects-section";
import { structureView } from "./view";

export const dynamic = "force-dynamic";
export const metadata = { title: "支出结构" };

export default async function StructurePage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(structureParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  if (year === undefined)
    return <NoReports title="支出结构" purpose="分析支出结构" synthetic={sp.synthetic} path="/structure" />;
  const v = structureView(sp, year);
  const history = sp.dept ? await getDepartmentYears({ synthetic: sp.synthetic, dept: sp.dept }) : undefined;
  return (
    <div>
      <PageHeader
        title={`${year} 年度支出结构`}
        subtitle="钱花在哪里：支出功能分类（类 → 款 → 项）、基本支出与项目支出、人员经费与公用经费、经济分类。"
      >
        <YearPicker years={years} current={year} path="/structure" params={{ ...v.keep, year: undefined }} />
        <SyntheticToggle path="/structure" synthetic={sp.synthetic} params={{ ...v.keep, synthetic: undefined }} />
      </PageHeader>
      {sp.dept ? (
        <p className="mb-4 rounded border border-blue-200 bg-blue-50 p-2 text-sm text-blue-900">
          只看：<b>{history?.department ?? `部门 ${sp.dept}`}</b>
          {history?.years.some((y) => y.year === year) ? null : `（${year} 年度没有该部门的报告）`} ·{" "}
          <Link className="text-blue-700 underline" href={v.href({ dept: undefined })}>
            看全部部门
          </Link>{" "}
          ·{" "}
          <Link className="text-blue-700 underline" href={`/departments/${sp.dept}?year=${year}`}>
            部门页
          </Link>
        </p>
      ) : null}
      <Suspense fallback={<SectionSkeleton title="支出功能分类构成" />}>
        <SubjectsSection v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="部门对比（占比）" />}>
        <DepartmentsSection v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="人员经费、公用经费与经济分类" />}>
        <EconomicSection v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="一个部门的历年结构" />}>
        <HistorySection v={v} />
      </Suspense>
    </div>
  );
}
