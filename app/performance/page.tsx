import { Suspense } from "react";
import { resolveYear } from "@/db/queries/figures";
import { parseParams, type RawParams } from "@/lib/filters";
import { SectionSkeleton } from "../_components/section-skeleton";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { NoReports, PageHeader, YearPicker } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";
import { FilterBar } from "./filter-bar";
import { ProjectPage } from "./project-page";
import { ProjectsSection } from "./projects-section";
import { RateChart } from "./rate-chart";
import { SummaryCards } from "./summary-cards";
import { loadProjects, pageParamsSchema, performanceSummary, performanceView, type PerformanceView } from "./view";

export const dynamic = "force-dynamic";
export const metadata = { title: "绩效" };

function Header(props: { v: PerformanceView; years: number[]; title: string; subtitle: string }) {
  const { v } = props;
  return (
    <PageHeader title={props.title} subtitle={props.subtitle}>
      <YearPicker years={props.years} current={v.year} path="/performance" params={{ ...v.keep, year: undefined }} />
      <SyntheticToggle path="/performance" synthetic={v.sp.synthetic} params={{ ...v.keep, synthetic: undefined }} />
    </PageHeader>
  );
}

export default async function PerformancePage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(pageParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  if (year === undefined) {
    return <NoReports title="绩效" purpose="分析绩效自评" synthetic={sp.synthetic} path="/performance" />;
  }
  const v = performanceView(sp, year);
  if (sp.project !== undefined) {
    return (
      <div>
        <Header
          v={v}
          years={years}
          title={`${year} 年度绩效自评 · 项目`}
          subtitle="一个项目的自评表：资金执行与自评得分，以及逐项指标（自评表原文）。"
        />
        <ProjectPage v={v} id={sp.project} />
      </div>
    );
  }
  return (
    <div>
      <Header
        v={v}
        years={years}
        title={`${year} 年度绩效自评`}
        subtitle="每个公开了绩效自评表的项目：资金执行率与自评得分是否相称，以及逐项指标。"
      />
      {/* the sections stream in as their statements return; the summary and the list share one read of each */}
      <Suspense fallback={null}>
        <DeptFilter v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="执行率与自评等级" />}>
        <Summary v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="项目明细" />}>
        <Projects v={v} />
      </Suspense>
    </div>
  );
}

/** The filter bar names the department from the list it narrows (a department without sheets says so). */
async function DeptFilter({ v }: { v: PerformanceView }) {
  const d = v.sp.dept !== undefined ? await loadProjects(v) : undefined;
  return <FilterBar v={v} deptName={d?.shown[0]?.department} />;
}

async function Summary({ v }: { v: PerformanceView }) {
  const summary = await performanceSummary(v);
  return (
    <>
      <SummaryCards summary={summary} maxRate={v.sp.maxRate} />
      <RateChart summary={summary} maxRate={v.sp.maxRate} year={v.year} dept={v.sp.dept} />
    </>
  );
}

async function Projects({ v }: { v: PerformanceView }) {
  return <ProjectsSection v={v} d={await loadProjects(v)} />;
}
