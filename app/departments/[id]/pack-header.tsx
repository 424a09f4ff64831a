import Link from "next/link";
import type { DepartmentReport } from "@/db/queries/department";
import { PrintButton } from "../../_components/print-button";
import { SyntheticBadge, hrefWith } from "../../_components/ui";
import { DashboardLinks } from "./dashboard-links";

const LAYOUT_TEXT: Record<string, string> = {
  "plain-text": "PDF 提取文本",
  markdown: "Markdown 表格",
  json: "规范 JSON",
  pdf: "PDF 原件",
};

/** The pack's title, its document, and the ways out: other years, the nine tables, the CSV, print, the dashboards. */
export function PackHeader({ data, revision, tables }: { data: DepartmentReport; revision?: number; tables: string }) {
  const { report, departmentId: deptId } = data;
  const src = report.source;
  const csv = hrefWith("/export/department-pack", {
    id: deptId,
    year: data.year,
    revision,
    synthetic: data.synthetic ? "1" : undefined,
  });
  return (
    <header className="space-y-2">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">
            {data.department}
            <SyntheticBadge synthetic={data.synthetic} />
          </h1>
          <p className="mt-1 text-sm text-gray-600">
            {`${data.year} 年度${data.scope}${report.entity ? `（${report.entity}）` : ""} · 第 ${data.revision} 版`}
            {data.revisions.length > 1 ? `（共 ${data.revisions.length} 版）` : ""}
            {` · 来源文件 ${src.fileName}（${LAYOUT_TEXT[src.layout]}${src.pages ? `，${src.pages} 页` : ""}，SHA-256 ${src.sha256.slice(0, 12)}…）`}
            {data.hasDocument ? (
              <span className="no-print">
                {" · "}
                <Link className="text-blue-700 hover:underline" href={`/reports/${data.reportId}/source`}>
                  查看原文
                </Link>
              </span>
            ) : null}
            <span className="hidden print:inline">{` · 数据版本 ${data.dataVersion}`}</span>
          </p>
        </div>
        <div className="no-print flex flex-wrap items-center gap-2 text-sm">
          {data.years.map((y) => (
            <Link
              key={y}
              href={hrefWith(`/departments/${deptId}`, { year: y })}
              className={`rounded px-2 py-0.5 ${y === data.year ? "bg-blue-600 text-white" : "border border-gray-300 hover:bg-gray-50"}`}
            >
              {y}
            </Link>
          ))}
          <Link className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-50" href={tables}>
            九张表
          </Link>
          <a
            className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-50"
            href={csv}
            download
            title="审查材料的全部数字，一行一个，注明出处"
          >
            下载审查材料 CSV
          </a>
          <PrintButton />
        </div>
      </div>
      <DashboardLinks deptId={deptId} year={data.year} synthetic={data.synthetic} />
      {data.revisions.length > 1 ? (
        <p className="no-print text-sm text-gray-600">
          版本：
          {data.revisions.map((r) => (
            <Link
              key={r.revision}
              className={`ml-2 ${r.revision === data.revision ? "font-semibold" : "text-blue-700 hover:underline"}`}
              href={hrefWith(`/departments/${deptId}`, { year: data.year, revision: r.revision })}
            >
              {`第 ${r.revision} 版${r.isLatest ? "（最新）" : ""}，${r.loadedAt.slice(0, 10)}`}
            </Link>
          ))}
        </p>
      ) : null}
    </header>
  );
}
