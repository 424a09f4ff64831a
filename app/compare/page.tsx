import Link from "next/link";
import { COMPARE_KEYS, getComparison, type CompareKey } from "@/db/queries/compare";
import { compareParamsSchema } from "@/lib/compare-params";
import { parseParams, type RawParams } from "@/lib/filters";
import { Empty, PageHeader, Pct, Section, SyntheticBadge, Wan } from "../_components/ui";

export const dynamic = "force-dynamic";
export const metadata = { title: "并排比较" };

const LABELS: Record<CompareKey, [string, "wan" | "pct"]> = {
  expenditureTotal: ["本年支出合计（万元）", "wan"],
  basicExpenditure: ["基本支出（万元）", "wan"],
  projectExpenditure: ["项目支出（万元）", "wan"],
  gpbExecutionRate: ["一般公共预算执行率", "pct"],
  sangongFinal: ["“三公”经费决算（万元）", "wan"],
  procurementSmeShare: ["政府采购授予中小企业份额", "pct"],
  operatingCost: ["机关运行经费（万元）", "wan"],
};

export default async function ComparePage(props: { searchParams: Promise<RawParams> }) {
  const raw = await props.searchParams;
  // the search page's checkboxes send id=…&id=…; a shared link says ids=a,b,c
  const ids = raw.ids ?? (Array.isArray(raw.id) ? raw.id.join(",") : raw.id);
  const sp = parseParams(compareParamsSchema, { ...raw, ids });
  const list = await getComparison(sp.ids);
  const years = [...new Set(list.flatMap((d) => d.years.map((y) => y.year)))].sort();
  return (
    <div>
      <PageHeader
        title="并排比较"
        subtitle="2–4 个部门逐年并列：支出、执行率、“三公”经费、中小企业份额。先在页首搜索部门，勾选后比较。"
      />
      {list.length < 2 ? (
        <Empty>请选择 2–4 个部门（在页首搜索框查找部门并勾选，或在地址中写 ?ids=1,2,3）。</Empty>
      ) : (
        COMPARE_KEYS.map((key) => {
          const [label, kind] = LABELS[key];
          return (
            <Section key={key} title={label}>
              <div className="overflow-x-auto">
                <table className="w-full border-collapse text-sm">
                  <thead>
                    <tr className="border-b bg-gray-100 text-left">
                      <th className="sticky left-0 bg-gray-100 p-2">部门</th>
                      {years.map((y) => (
                        <th key={y} className="num p-2">
                          {y}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((d) => (
                      <tr key={d.departmentId} className="border-b border-gray-100">
                        <td className="sticky left-0 bg-white p-2">
                          <Link className="text-blue-700 hover:underline" href={`/departments/${d.departmentId}`}>
                            {d.department}
                          </Link>
                          <SyntheticBadge synthetic={d.synthetic} />
                        </td>
                        {years.map((y) => {
                          const v = d.years.find((x) => x.year === y)?.figures[key];
                          return (
                            <td key={y} className="num p-2">
                              {kind === "pct" ? <Pct v={v} /> : <Wan v={v} />}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Section>
          );
        })
      )}
    </div>
  );
}
