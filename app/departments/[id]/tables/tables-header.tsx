import Link from "next/link";
import type { getDepartmentReport } from "@/db/queries/department";
import { PrintButton } from "../../../_components/print-button";
import { SyntheticBadge } from "../../../_components/ui";
import { tablesHref } from "../tables-nav";

type Data = NonNullable<Awaited<ReturnType<typeof getDepartmentReport>>>;

/** The appendix's title and source line, with the other years' tables, the way back to the pack and the print button. */
export function TablesHeader({ data, deptId, pack }: { data: Data; deptId: number; pack: string }) {
  const { report } = data;
  return (
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
  );
}
