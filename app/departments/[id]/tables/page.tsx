import Link from "next/link";
import { notFound } from "next/navigation";
import { getDepartmentReport } from "@/db/queries/department";
import { PrintFooter } from "../print-footer";
import { departmentParamsSchema, parseParams, type RawParams } from "@/lib/filters";
import { locationText, unreadNotes } from "@/lib/report/coverage";
import type { TableId } from "@/lib/report/schema";
import { PrintButton } from "../../../_components/print-button";
import { RawGrid, UnreadNotesTable } from "../../../_components/reading-coverage";
import { ReportTables } from "../../../_components/report-tables";
import { Section, SyntheticBadge, hrefWith } from "../../../_components/ui";
import { tableTabs, tablesHref, unreadTablesOf } from "../tables-nav";

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
  const tabName = (g: TableId[]) =>
    g.length === 1 ? `公开${g[0].slice(1)}表` : `公开${g[0].slice(1)}–${g[g.length - 1].slice(1)}表`;
  const tabClass = (on: boolean) =>
    `rounded px-2 py-0.5 ${on ? "bg-blue-600 text-white" : "border border-gray-300 hover:bg-gray-50"}`;

  return (
    <article className="pack-appendix space-y-6">
      <PrintFooter
        page="pack-appendix"
        label={`${data.department} ${data.year} 年度${data.scope}审查材料附录：九张决算公开表`}
        dataVersion={data.dataVersion}
      />
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">
            {data.department} · 九张决算公开表
            <SyntheticBadge synthetic={data.synthetic} />
          </h1>
          <p className="mt-1 text-sm text-gray-600">
            {data.year} 年度{data.scope}
            {report.entity ? `（${report.entity}）` : ""} · 第 {data.revision} 版 · 来源文件 {report.source.fileName}
          </p>
        </div>
        <div className="no-print flex flex-wrap items-center gap-2 text-sm">
          {data.years.map((y) => (
            <Link
              key={y}
              href={tablesHref(deptId, y, undefined)}
              className={`rounded px-2 py-0.5 ${y === data.year ? "bg-blue-600 text-white" : "border border-gray-300 hover:bg-gray-50"}`}
            >
              {y}
            </Link>
          ))}
          <Link className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-50" href={pack}>
            ← 审查材料
          </Link>
          <PrintButton />
        </div>
      </header>

      {tabs.length > 1 || report.extraTables.length ? (
        <nav aria-label="表格分页" className="no-print flex flex-wrap gap-2 text-sm">
          {tabs.map((g) => (
            <Link
              key={g[0]}
              className={tabClass(g === shown)}
              href={tablesHref(deptId, data.year, sp.revision, g[0]).replace(/#.*/, "")}
            >
              {tabName(g)}
            </Link>
          ))}
          {report.extraTables.length ? (
            <Link
              className={tabClass(extra)}
              href={tablesHref(deptId, data.year, sp.revision, "extra").replace(/#.*/, "")}
            >
              其他表格（{report.extraTables.length} 张）
            </Link>
          ) : null}
        </nav>
      ) : null}

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

      {extra ? (
        <Section
          title={`其他表格（${report.extraTables.length} 张，未识别）`}
          id="extra-tables"
          note="文件中的这些表不在九张决算公开表之列（如项目支出决算表、国有资产占用情况表），本产品不认识其结构，照原文保留单元格，不参与核对与指标。"
        >
          <div className="space-y-6">
            {report.extraTables.map((t, i) => (
              <RawGrid key={i} title={t.title} where={locationText(report, t)} rows={t.rows} />
            ))}
          </div>
        </Section>
      ) : null}

      {report.ambiguities.length && shown.length ? (
        <Section
          title="待人工确认的单元格"
          note="PDF 提取的文本中空白单元格不留痕迹；以下单元格无法仅凭表内和表间关系唯一确定所属列。"
        >
          <ul className="list-disc pl-5 text-sm">
            {report.ambiguities.map((a, i) => (
              <li key={i}>
                {a.table}
                {a.sourceLine ? ` ${locationText(report, a)}` : ""}：{a.message}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </article>
  );
}
