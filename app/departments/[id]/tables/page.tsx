import { notFound } from "next/navigation";
import { getDepartmentReport } from "@/db/queries/department";
import { PrintFooter } from "../print-footer";
import { departmentParamsSchema, parseParams, type RawParams } from "@/lib/filters";
import { unreadNotes } from "@/lib/report/coverage";
import type { TableId } from "@/lib/report/schema";
import { UnreadNotesTable } from "../../../_components/reading-coverage";
import { ReportTables } from "../../../_components/report-tables";
import { Section, hrefWith } from "../../../_components/ui";
import { tableTabs, unreadTablesOf } from "../tables-nav";
import { Ambiguities, ExtraTables } from "./extra-sections";
import { TableTabs, tabName } from "./table-tabs";
import { TablesHeader } from "./tables-header";

export const dynamic = "force-dynamic";

export async function generateMetadata(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  return { title: `部门 ${id} · 九张决算公开表` };
}

/**
 * The review pack's nine tables (and the tables the reader did not recognise), on a page of their own: they are most
 * of a pack's weight, and the pack (../page.tsx) links here. Printed on its own, after the pack.
 */
export default async function DepartmentTablesPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<RawParams>;
}) {
  const { id } = await props.params;
  const raw = await props.searchParams;
  const sp = parseParams(departmentParamsSchema, raw);
  const deptId = /^\d{1,9}$/.test(id) ? Number(id) : NaN;
  if (!Number.isFinite(deptId)) notFound();
  const data = await getDepartmentReport(deptId, sp.year, sp.revision);
  if (!data) notFound();
  const { report } = data;
  const notes = unreadNotes(report);
  const tableNotes = notes.filter((u) => u.part === "table");
  const cite = data.hasDocument ? { reportId: data.reportId, source: report.source } : undefined;
  const pack = hrefWith(`/departments/${deptId}`, { year: data.year, revision: sp.revision });
  // the tables in tabs, so that no page grows past ~200 KB; `t` names a table (or "extra") and opens its tab
  const tabs = tableTabs(report);
  const t = typeof raw.t === "string" ? raw.t : undefined;
  const extra = t === "extra" && report.extraTables.length > 0;
  const shown = extra ? [] : (tabs.find((g) => g.includes(t as TableId)) ?? tabs[0]);

  return (
    <article className="pack-appendix space-y-6">
      <PrintFooter
        page="pack-appendix"
        label={`${data.department} ${data.year} 年度${data.scope}审查材料附录：九张决算公开表`}
        dataVersion={data.dataVersion}
      />
      <TablesHeader data={data} deptId={deptId} pack={pack} />
      <TableTabs
        deptId={deptId}
        year={data.year}
        revision={sp.revision}
        tabs={tabs}
        shown={shown}
        extraCount={report.extraTables.length}
        extra={extra}
      />

      {shown.length ? (
        <Section
          title={tabs.length > 1 ? `九张决算公开表：${tabName(shown)}` : "九张决算公开表"}
          id="tables"
          note={`与原文一致：空白单元格保持空白（未披露不等于零），金额单位万元。${tabs.length > 1 ? "表格较多，分页显示；打印时请逐页打印。" : ""}`}
        >
          <ReportTables
            tables={report.tables}
            ids={shown}
            unread={unreadTablesOf(report, notes)}
            source={report.source}
            cite={cite}
          />
        </Section>
      ) : null}

      {tableNotes.length ? (
        <Section
          title={`表格中未能读取的部分（${tableNotes.length} 处）`}
          id="unread"
          note="这些部分没有读入本报告：上面的表格和审核都不包括它们。请对照原文。"
        >
          <UnreadNotesTable notes={tableNotes} />
        </Section>
      ) : null}

      {extra ? <ExtraTables report={report} /> : null}
      {report.ambiguities.length && shown.length ? <Ambiguities report={report} /> : null}
    </article>
  );
}
