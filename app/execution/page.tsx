import { Suspense } from "react";
import Link from "next/link";
import { resolveYear } from "@/db/queries/figures";
import { executionParamsSchema, parseParams, type RawParams } from "@/lib/filters";
import { EXECUTION_RATE } from "@/lib/metrics/policy";
import { SectionSkeleton } from "../_components/section-skeleton";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { NoReports, PageHeader, YearPicker } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";
import { BudgetDocumentExecution } from "./budget-documents";
import { DepartmentsSection } from "./departments-section";
import { DistributionSection } from "./distribution-section";
import { ItemsSection } from "./items-section";
import { ProjectsSection } from "./projects-section";
import { SummaryCards } from "./summary-cards";
import { executionView } from "./view";

export const dynamic = "force-dynamic";
export const metadata = { title: "预算执行" };

const PRESETS: [number, number][] = [
  [80, 120],
  [90, 110],
  [95, 105],
  [50, 150],
];

export default async function ExecutionPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(executionParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  if (year === undefined)
    return <NoReports title="预算执行" purpose="比较年初预算与决算" synthetic={sp.synthetic} path="/execution" />;
  const v = executionView(sp, year);
  const preset = (l: number, h: number) =>
    l === EXECUTION_RATE.low && h === EXECUTION_RATE.high ? undefined : { l, h };
  return (
    <div>
      <PageHeader
        title={`${year} 年度预算执行`}
        subtitle="一般公共预算财政拨款：年初预算与决算之比，各部门说明的原因，以及绩效项目的执行情况。"
      >
        <YearPicker years={years} current={year} path="/execution" params={{ ...v.keep, year: undefined }} />
        <SyntheticToggle path="/execution" synthetic={sp.synthetic} params={{ ...v.keep, synthetic: undefined }} />
      </PageHeader>
      <div className="no-print mb-4 flex flex-wrap items-center gap-1 text-sm">
        <span className="text-gray-500">合理区间</span>
        {PRESETS.map(([l, h]) => (
          <Link
            key={`${l}-${h}`}
            href={v.href({ low: preset(l, h)?.l, high: preset(l, h)?.h })}
            className={`rounded px-2 py-0.5 ${l === sp.low && h === sp.high ? "bg-blue-600 text-white" : "border border-gray-300 text-gray-700 hover:bg-gray-50"}`}
          >
            {l}%–{h}%
          </Link>
        ))}
        <span className="text-xs text-gray-500">（也可在网址中设置 low、high）</span>
      </div>
      <Suspense fallback={<div className="mb-6 h-20 animate-pulse rounded-lg bg-gray-100" />}>
        <SummaryCards v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="各部门：年初预算与决算" />}>
        <DepartmentsSection v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="执行率分布" />}>
        <DistributionSection v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="各科目年初预算与决算" />}>
        <ItemsSection v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="绩效项目：执行率与自评得分" />}>
        <ProjectsSection v={v} />
      </Suspense>
      <BudgetDocumentExecution year={year} low={sp.low} high={sp.high} />
    </div>
  );
}
