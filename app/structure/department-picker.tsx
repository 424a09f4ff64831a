import Link from "next/link";
import type { DepartmentsSideBySide } from "@/db/queries/structure";
import type { StructureView } from "./view";

/** Chips that add or remove a department from the side-by-side, with a name search for the ones not listed. */
export function DepartmentPicker({ v, side }: { v: StructureView; side: DepartmentsSideBySide }) {
  const { sp, keep, href } = v;
  const selectedIds = side.selected.map((d) => d.departmentId);
  const toggle = (id: number) => {
    const base = side.defaulted ? [] : selectedIds;
    const next = base.includes(id) ? base.filter((x) => x !== id) : [...base, id];
    return href({ depts: next.join(",") || undefined });
  };
  const listed = sp.q ? side.found : side.all;
  return (
    <div className="mb-3 text-sm">
      <p className="mb-1 text-gray-600">
        {side.defaulted ? "默认显示本年支出最大的 10 个部门；" : `已选 ${side.selected.length} 个部门；`}
        点击部门名加入或移出对比
        {side.defaulted ? null : (
          <>
            {" "}
            ·{" "}
            <Link className="text-blue-700 hover:underline" href={href({ depts: undefined })}>
              恢复默认
            </Link>
          </>
        )}
      </p>
      <form method="get" action="/structure" className="no-print mb-2 flex flex-wrap items-center gap-2">
        {Object.entries({ ...keep, q: undefined }).map(([k, val]) =>
          val === undefined || val === "" ? null : <input key={k} type="hidden" name={k} value={String(val)} />,
        )}
        <label className="text-gray-600" htmlFor="structure-q">
          按名称查找部门
        </label>
        <input
          id="structure-q"
          name="q"
          defaultValue={sp.q ?? ""}
          className="rounded border border-gray-300 px-2 py-0.5"
          placeholder="部门名称中的字"
        />
        <button type="submit" className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-50">
          查找
        </button>
        {sp.q ? (
          <Link className="text-blue-700 hover:underline" href={href({ q: undefined })}>
            清除
          </Link>
        ) : null}
      </form>
      {sp.q ? (
        <p className="mb-1 text-xs text-gray-500">
          名称含“{sp.q}”的部门：
          {side.found.length === 0
            ? "没有。"
            : `${side.found.length === 20 ? "前 20 个（按支出由大到小）" : `${side.found.length} 个`}，点击加入或移出对比。`}
        </p>
      ) : (
        <p className="mb-1 text-xs text-gray-500">
          本年支出最大的 {side.all.length} 个部门（共 {side.count} 个；其他部门请按名称查找）：
        </p>
      )}
      <div className="flex max-h-40 flex-wrap gap-1 overflow-y-auto">
        {[...listed, ...side.selected.filter((s) => !listed.some((d) => d.departmentId === s.departmentId))].map(
          (d) => {
            const on = selectedIds.includes(d.departmentId);
            return (
              <Link
                key={d.departmentId}
                href={toggle(d.departmentId)}
                className={`rounded px-2 py-0.5 text-xs ${on ? "bg-blue-600 text-white" : "border border-gray-300 text-gray-700 hover:bg-gray-50"}`}
                title={on ? "移出对比" : "加入对比"}
              >
                {d.department}
              </Link>
            );
          },
        )}
      </div>
    </div>
  );
}
