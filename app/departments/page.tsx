import Link from "next/link";
import { getDepartmentPage } from "@/db/queries/department";
import { DEPARTMENT_SORTS, departmentListParamsSchema, parseParams, type RawParams } from "@/lib/filters";
import { departmentListColumns } from "@/lib/views/departments";
import { DataTable } from "../_components/data-table";
import { Pager } from "../_components/pager";
import { CsvLink, Empty, PageHeader, Section, SyntheticBadge, hrefWith } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";
import { SyntheticToggle } from "../_components/synthetic-toggle";

export const dynamic = "force-dynamic";
export const metadata = { title: "部门" };

const PAGE_SIZE = 50;

export default async function DepartmentsPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(departmentListParamsSchema, await withDemoChoice(await props.searchParams));
  const synthetic = sp.synthetic ? "1" : undefined;
  const first = await getDepartmentPage({
    synthetic: sp.synthetic,
    q: sp.q,
    sort: sp.sort,
    offset: ((sp.page ?? 1) - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  // a page past the end shows the last page
  const pages = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
  const page = Math.min(sp.page ?? 1, pages);
  const list =
    page === (sp.page ?? 1)
      ? first
      : await getDepartmentPage({
          synthetic: sp.synthetic,
          q: sp.q,
          sort: sp.sort,
          offset: (page - 1) * PAGE_SIZE,
          limit: PAGE_SIZE,
        });
  const keep = { q: sp.q, sort: sp.sort === "expenditure" ? undefined : sp.sort, synthetic };
  return (
    <div>
      <PageHeader title="部门" subtitle="每个部门的审查材料：九张表、情况说明中的原因、绩效、审核发现。">
        <SyntheticToggle path="/departments" synthetic={sp.synthetic} params={{ ...keep, synthetic: undefined }} />
      </PageHeader>
      <Section
        title={sp.q ? `名称含“${sp.q}”的部门：${list.total} 个` : `共 ${list.total} 个部门`}
        actions={<CsvLink dataset="departments" params={{ synthetic }} />}
        note="排序依据各部门最新年度的报告；真实公开文件在前，合成示例在后。CSV 包含全部部门。"
      >
        <form
          action="/departments"
          method="get"
          className="no-print mb-3 flex flex-wrap items-center gap-2 text-sm"
          role="search"
        >
          <label className="flex items-center gap-1">
            <span className="text-gray-600">部门名称</span>
            <input
              name="q"
              type="search"
              defaultValue={sp.q ?? ""}
              maxLength={50}
              placeholder="输入名称中的字词"
              className="rounded border border-gray-300 px-2 py-1"
            />
          </label>
          <label className="flex items-center gap-1">
            <span className="text-gray-600">排序</span>
            <select name="sort" defaultValue={sp.sort} className="rounded border border-gray-300 px-2 py-1">
              {Object.entries(DEPARTMENT_SORTS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {synthetic ? <input type="hidden" name="synthetic" value={synthetic} /> : null}
          <button type="submit" className="rounded bg-blue-600 px-3 py-1 text-white">
            查找
          </button>
          {sp.q ? (
            <Link className="text-blue-700 hover:underline" href={hrefWith("/departments", { ...keep, q: undefined })}>
              清除搜索
            </Link>
          ) : null}
        </form>
        {list.rows.length === 0 ? (
          <Empty>{sp.q ? `没有名称含“${sp.q}”的部门。` : "库中还没有部门。"}</Empty>
        ) : (
          <>
            <DataTable
              columns={departmentListColumns}
              rows={list.rows.map((d) => ({ ...d, years: d.years.join("、") }))}
              rowKey={(d) => d.departmentId}
              sortable={false}
              cells={{
                department: (d) => (
                  <>
                    <Link className="text-blue-700 hover:underline" href={`/departments/${d.departmentId}`}>
                      {d.department}
                    </Link>
                    <SyntheticBadge synthetic={d.synthetic} />
                  </>
                ),
                errors: (d) => (d.errors ? <span className="text-rose-700">{d.errors}</span> : undefined),
              }}
            />
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={list.total}
              href={(n) => hrefWith("/departments", { ...keep, page: n > 1 ? n : undefined })}
            />
          </>
        )}
      </Section>
    </div>
  );
}
