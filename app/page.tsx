import Link from "next/link";
import { getStoreSummary } from "@/db/queries/overview";
import { formatWanyuan } from "@/lib/money/format";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const rows = await getStoreSummary();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">总览</h1>
      {rows.length === 0 ? (
        <p className="text-gray-600">库中还没有决算报告。用 <code>npm run cli -- ingest &lt;文件&gt;</code> 载入。</p>
      ) : (
        <table className="w-full border-collapse bg-white text-sm shadow-sm">
          <thead>
            <tr className="border-b bg-gray-100 text-left">
              <th className="p-2">部门</th>
              <th className="p-2">年度</th>
              <th className="p-2">类型</th>
              <th className="num p-2">本年收入合计（万元）</th>
              <th className="num p-2">本年支出合计（万元）</th>
              <th className="num p-2">收支总计（万元）</th>
              <th className="num p-2">审核错误</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.departmentId}-${r.year}-${r.scope}`} className="border-b">
                <td className="p-2">
                  <Link className="text-blue-700 hover:underline" href={`/departments/${r.departmentId}?year=${r.year}`}>
                    {r.department}
                  </Link>
                  {r.synthetic ? <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-800">合成示例</span> : null}
                </td>
                <td className="p-2">{r.year}</td>
                <td className="p-2">{r.scope}</td>
                <td className="num p-2">{formatWanyuan(r.incomeTotal)}</td>
                <td className="num p-2">{formatWanyuan(r.expenditureTotal)}</td>
                <td className="num p-2">{formatWanyuan(r.grandTotal)}</td>
                <td className="num p-2">{r.errors}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
