import Link from "next/link";
import type { TableId } from "@/lib/report/schema";
import { tablesHref } from "../tables-nav";

export const tabName = (g: TableId[]) =>
  g.length === 1 ? `公开${g[0].slice(1)}表` : `公开${g[0].slice(1)}–${g[g.length - 1].slice(1)}表`;

const tabClass = (on: boolean) =>
  `rounded px-2 py-0.5 ${on ? "bg-blue-600 text-white" : "border border-gray-300 hover:bg-gray-50"}`;

/** The tabs the tables are split into (so no page grows past ~200 KB), plus the unrecognised tables' own tab. */
export function TableTabs(props: {
  deptId: number;
  year: number;
  revision: number | undefined;
  tabs: TableId[][];
  shown: TableId[];
  extraCount: number;
  extra: boolean;
}) {
  const { deptId, year, revision, tabs, shown, extraCount } = props;
  if (tabs.length <= 1 && !extraCount) return null;
  return (
    <nav aria-label="表格分页" className="no-print flex flex-wrap gap-2 text-sm">
      {tabs.map((g) => (
        <Link
          key={g[0]}
          className={tabClass(g === shown)}
          href={tablesHref(deptId, year, revision, g[0]).replace(/#.*/, "")}
        >
          {tabName(g)}
        </Link>
      ))}
      {extraCount ? (
        <Link className={tabClass(props.extra)} href={tablesHref(deptId, year, revision, "extra").replace(/#.*/, "")}>
          其他表格（{extraCount} 张）
        </Link>
      ) : null}
    </nav>
  );
}
