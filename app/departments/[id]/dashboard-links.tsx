import Link from "next/link";
import { hrefWith } from "../../_components/ui";

/** The dashboards that take `dept=<id>` (lib/filters.ts), in the order the navigation lists them. */
const PACK_DASHBOARDS = [
  ["/structure", "支出结构"],
  ["/execution", "预算执行"],
  ["/procurement", "政府采购"],
  ["/sangong", "三公经费"],
  ["/performance", "绩效"],
  ["/benchmark", "对标"],
] as const;

/** Each dashboard showing this department in the pack's year (and with the demo city when the department is one of it). */
export function dashboardHref(path: string, deptId: number, year: number, synthetic: boolean): string {
  return hrefWith(path, { year, synthetic: synthetic ? "1" : undefined, dept: deptId });
}

export function DashboardLinks({ deptId, year, synthetic }: { deptId: number; year: number; synthetic: boolean }) {
  return (
    <nav
      aria-label="在各看板中查看本部门"
      className="no-print flex flex-wrap items-center gap-x-1 text-sm text-gray-600"
    >
      <span>在各看板中查看本部门：</span>
      {PACK_DASHBOARDS.map(([path, label], i) => (
        <span key={path}>
          {i > 0 ? <span className="mx-1 text-gray-400">·</span> : null}
          <Link className="text-blue-700 hover:underline" href={dashboardHref(path, deptId, year, synthetic)}>
            {label}
          </Link>
        </span>
      ))}
    </nav>
  );
}
