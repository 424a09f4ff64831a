import { resolveYear } from "@/db/queries/figures";
import { parseParams, type RawParams } from "@/lib/filters";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { NoReports, PageHeader, YearPicker } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";
import { FilterBar } from "./filter-bar";
import { ProjectPage } from "./project-page";
import { ProjectsSection } from "./projects-section";
import { RateChart } from "./rate-chart";
import { SummaryCards } from "./summary-cards";
import { loadProjects, pageParamsSchema, performanceView, type PerformanceView } from "./view";

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
  const d = await loadProjects(v);
  return (
    <div>
      <Header
        v={v}
        years={years}
        title={`${year} 年度绩效自评`}
        subtitle="每个公开了绩效自评表的项目：资金执行率与自评得分是否相称，以及逐项指标。"
      />
      <FilterBar v={v} deptName={sp.dept ? d.shown[0]?.department : undefined} />
      <SummaryCards summary={d.summary} maxRate={sp.maxRate} />
      <RateChart summary={d.summary} maxRate={sp.maxRate} year={year} dept={sp.dept} />
      <ProjectsSection v={v} d={d} />
    </div>
  );
}
