import Link from "next/link";
import { notFound } from "next/navigation";
import { getDepartmentName, getDepartmentReport } from "@/db/queries/department";
import { getReportProjects } from "@/db/queries/performance";
import { computeCompleteness } from "@/lib/audit/completeness";
import { departmentParamsSchema, parseParams, type RawParams } from "@/lib/filters";
import { PROJECT_RATE_FLOOR } from "@/lib/metrics/policy";
import { computeCoverage, unreadNotes } from "@/lib/report/coverage";
import { UnreadNotesTable } from "../../_components/reading-coverage";
import { Empty, Section } from "../../_components/ui";
import { BudgetOnly } from "./budget-only";
import { BudgetSummary } from "./budget-summary";
import { dashboardHref } from "./dashboard-links";
import { ExecutionSection } from "./execution-section";
import { FactsSection } from "./facts-section";
import { Glossary } from "./glossary";
import { IndicatorCards } from "./indicator-cards";
import { PackFindings } from "./pack-findings";
import { PackHeader } from "./pack-header";
import { PerformanceSection } from "./performance-section";
import { PrintFooter } from "./print-footer";
import { ReviewSummary } from "./review-summary";
import { tablesHref, unreadTablesOf } from "./tables-nav";
import { YoySection } from "./yoy-section";

export const dynamic = "force-dynamic";

export async function generateMetadata(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const name = /^\d{1,9}$/.test(id) ? await getDepartmentName(Number(id)) : null;
  // the title is the printed pack's file name and the browser's print header
  return { title: name ? `${name} 审查材料` : `部门 ${id}` };
}

export default async function DepartmentPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<RawParams>;
}) {
  const { id } = await props.params;
  const sp = parseParams(departmentParamsSchema, await props.searchParams);
  const deptId = /^\d{1,9}$/.test(id) ? Number(id) : NaN;
  if (!Number.isFinite(deptId)) notFound();
  const data = await getDepartmentReport(deptId, sp.year, sp.revision);
  if (!data) {
    // a department known only by its budgets (linked from /budget-review and the search) has no 决算 to review yet
    const name = await getDepartmentName(deptId);
    if (name === null) notFound();
    return <BudgetOnly departmentId={deptId} name={name} />;
  }
  const projects = await getReportProjects(data.reportId, PROJECT_RATE_FLOOR);

  const { report } = data;
  const notes = unreadNotes(report);
  // the nine tables are on a page of their own (./tables), the printed pack's appendix
  const tables = tablesHref(deptId, data.year, sp.revision);
  const footerLabel = `${data.department} ${data.year} 年度${data.scope}审查材料`;

  return (
    <article className="pack space-y-6">
      <PrintFooter page="pack" label={footerLabel} dataVersion={data.dataVersion} />
      <PackHeader data={data} revision={sp.revision} tables={tables} />
      <IndicatorCards data={data} />
      <ReviewSummary
        data={data}
        completeness={computeCompleteness(report)}
        coverage={computeCoverage(report)}
        unreadTables={unreadTablesOf(report, notes)}
      />

      {notes.length ? (
        <Section
          title={`未能读取的部分（${notes.length} 处）`}
          id="unread"
          note="这些部分没有读入本报告：上面的数字、下面的表格和审核都不包括它们。请对照原文（页码为 PDF 页，行号为提取文本的行）。"
        >
          <UnreadNotesTable notes={notes} />
        </Section>
      ) : null}

      <YoySection report={report} priorFigures={data.priorFigures} />
      <BudgetSummary departmentId={deptId} year={report.year} />
      <ExecutionSection report={report} />
      <FactsSection report={report} />
      <PerformanceSection
        report={report}
        projects={projects}
        performanceHref={dashboardHref("/performance", deptId, data.year, data.synthetic)}
      />

      <PackFindings data={data} revision={sp.revision} />

      <Section
        title="附录：九张决算公开表"
        id="tables"
        note="九张表和文件中未识别的其他表格在单独一页，是审查材料的附录：打印时请打开该页另行打印。"
      >
        <p className="text-sm">
          <Link className="text-blue-700 hover:underline" href={tables}>
            {`查看九张决算公开表${report.extraTables.length ? `及其他 ${report.extraTables.length} 张表格` : ""}${report.ambiguities.length ? `（另有 ${report.ambiguities.length} 个待人工确认的单元格）` : ""} →`}
          </Link>
          <span className="hidden print:inline">{` ${tables}`}</span>
        </p>
      </Section>

      <Section title="名词解释（文件第四部分）" id="glossary">
        {report.glossary.length === 0 ? (
          <Empty>文件没有名词解释。</Empty>
        ) : (
          <Glossary terms={report.glossary.map((g) => [g.term, g.definition])} />
        )}
      </Section>
    </article>
  );
}
