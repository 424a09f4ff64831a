import { Suspense } from "react";
import Link from "next/link";
import { resolveYear } from "@/db/queries/figures";
import { getSangongCategories, getSangongDepartment } from "@/db/queries/sangong";
import { parseParams, sangongParamsSchema, type RawParams } from "@/lib/filters";
import { SectionSkeleton } from "../_components/section-skeleton";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { NoReports, PageHeader, YearPicker } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";
import { CategoriesSection } from "./categories-section";
import { DepartmentsSections } from "./departments-section";
import { SummaryCards } from "./summary-cards";
import { TrendSection } from "./trend-section";
import { sangongView } from "./view";

export const dynamic = "force-dynamic";
export const metadata = { title: "三公经费" };

export default async function SangongPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(sangongParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  if (year === undefined)
    return <NoReports title="“三公”经费" purpose="分析“三公”经费" synthetic={sp.synthetic} path="/sangong" />;
  const v = sangongView(sp, year);
  const [cats, pinned] = await Promise.all([
    getSangongCategories(v.f),
    sp.dept ? getSangongDepartment(v.f, sp.dept) : Promise.resolve(undefined),
  ]);
  const scope = sp.dept ? (pinned?.department ?? `部门 ${sp.dept}`) : `全部 ${cats.reports} 个部门`;
  return (
    <div>
      <PageHeader
        title={`${year} 年度“三公”经费`}
        subtitle="因公出国（境）费、公务用车购置及运行维护费、公务接待费：预算与决算、历年走势、单位成本与部门对比。"
      >
        <YearPicker years={years} current={year} path="/sangong" params={{ ...v.keep, year: undefined }} />
        <SyntheticToggle path="/sangong" synthetic={sp.synthetic} params={{ ...v.keep, synthetic: undefined }} />
      </PageHeader>
      {sp.dept ? (
        <p className="mb-4 rounded border border-blue-200 bg-blue-50 p-2 text-sm text-blue-900">
          只看：<b>{scope}</b>
          {pinned ? null : `（${year} 年度没有该部门的报告）`} ·{" "}
          <Link className="text-blue-700 underline" href={v.href({ dept: undefined })}>
            看全部部门
          </Link>{" "}
          ·{" "}
          <Link className="text-blue-700 underline" href={`/departments/${sp.dept}?year=${year}`}>
            部门页
          </Link>
        </p>
      ) : null}
      <Suspense fallback={<div className="mb-6 h-20 animate-pulse rounded-lg bg-gray-100" />}>
        <SummaryCards v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="分类：预算与决算" />}>
        <CategoriesSection v={v} scope={scope} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="历年走势" />}>
        <TrendSection v={v} scope={scope} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="各部门对比" />}>
        <DepartmentsSections v={v} />
      </Suspense>
    </div>
  );
}
