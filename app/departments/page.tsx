import { formatScore } from "@/lib/money/format";
import Link from "next/link";
import { getDepartmentList } from "@/db/queries/department";
import { parseParams, overviewParamsSchema, type RawParams } from "@/lib/filters";
import { CsvLink, PageHeader, Section, SyntheticBadge, Wan, hrefWith } from "../_components/ui";

export const dynamic = "force-dynamic";
export const metadata = { title: "部门" };

export default async function DepartmentsPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(overviewParamsSchema, await props.searchParams);
  const list = await getDepartmentList(sp.synthetic);
  return (
    <div>
      <PageHeader title="部门" subtitle="每个部门的审查材料：九张表、情况说明中的原因、绩效、审核发现。">
        <Link className="text-sm text-blue-700 hover:underline" href={hrefWith("/departments", { synthetic: sp.synthetic ? "0" : undefined })}>
          {sp.synthetic ? "只看真实公开文件" : "包括合成示例"}
        </Link>
      </PageHeader>
      <Section title={`共 ${list.length} 个部门`} actions={<CsvLink dataset="departments" params={{ synthetic: sp.synthetic ? undefined : "0" }} />}>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="border-b bg-gray-100 text-left">
                <th className="p-2">部门</th>
                <th className="p-2">已载入年度</th>
                <th className="num p-2">最新年度本年支出合计（万元）</th>
                <th className="num p-2">审核错误</th>
                <th className="num p-2">信息完整度</th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.departmentId} className="border-b border-gray-100">
                  <td className="p-2">
                    <Link className="text-blue-700 hover:underline" href={`/departments/${d.departmentId}`}>
                      {d.department}
                    </Link>
                    <SyntheticBadge synthetic={d.synthetic} />
                  </td>
                  <td className="p-2">{d.years.join("、")}</td>
                  <td className="num p-2">
                    <Wan v={d.expenditureTotal} />
                  </td>
                  <td className={`num p-2 ${d.errors ? "text-rose-700" : ""}`}>{d.errors}</td>
                  <td className="num p-2">{formatScore(d.completeness)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </div>
  );
}
