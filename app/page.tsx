import { formatScore } from "@/lib/money/format";
import Link from "next/link";
import { resolveYear } from "@/db/queries/figures";
import { FLAG_TITLES, getOverview, type FlagKind } from "@/db/queries/overview-flags";
import { overviewParamsSchema, parseParams, type RawParams } from "@/lib/filters";
import { Bars } from "./_components/charts/charts";
import { SyntheticToggle } from "./_components/synthetic-toggle";
import { CsvLink, Empty, PageHeader, Pct, Section, SyntheticBadge, Wan, YearPicker } from "./_components/ui";

export const dynamic = "force-dynamic";

const FLAG_ORDER: FlagKind[] = ["auditError", "execution", "lowProject", "sangongUp", "lowSme", "restated"];

export default async function OverviewPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(overviewParamsSchema, await props.searchParams);
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  const keep = { synthetic: sp.synthetic ? undefined : "0" };
  if (year === undefined) {
    return (
      <div>
        <PageHeader title="总览" />
        <Empty>库中还没有决算报告。运行 <code>npm run cli -- ingest &lt;文件或目录&gt;</code> 载入。</Empty>
      </div>
    );
  }
  const o = await getOverview(year, sp.synthetic);
  const top = [...o.reports]
    .filter((r) => r.figures.expenditureTotal !== undefined)
    .sort((a, b) => Number(b.figures.expenditureTotal) - Number(a.figures.expenditureTotal))
    .slice(0, 15);

  return (
    <div>
      <PageHeader title={`${year} 年度总览`} subtitle="先看需要关注的情况，每一条都链接到证据。">
        <YearPicker years={years} current={year} path="/" params={keep} />
        <SyntheticToggle path="/" synthetic={sp.synthetic} params={{ year }} />
      </PageHeader>

      <section className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-5">
        {[
          ["已载入报告", `${o.totals.reports} 份`],
          ["本年支出合计", o.totals.expenditure],
          ["“三公”经费决算", o.totals.sangong],
          ["政府采购支出", o.totals.procurement],
          ["审核错误", `${o.totals.errors} 项`],
        ].map(([label, v]) => (
          <div key={label} className="rounded-lg border border-gray-200 bg-white p-3 shadow-sm">
            <div className="text-xs text-gray-500">{label}</div>
            <div className="mt-1 text-lg font-semibold tabular-nums">{/^-?\d/.test(v) && !v.endsWith("份") && !v.endsWith("项") ? <><Wan v={v} /><span className="ml-1 text-xs font-normal text-gray-500">万元</span></> : v}</div>
          </div>
        ))}
      </section>

      <Section title={`需要关注（${o.flags.length}）`} actions={<CsvLink dataset="flags" params={{ year, ...keep }} />} note="阈值：年初预算执行率低于 80% 或高于 120%；项目执行率低于 50%；中小企业份额低于 40%；“三公”经费决算高于上年。">
        {o.flags.length === 0 ? (
          <Empty>本年度没有触发任何提示。</Empty>
        ) : (
          <div className="grid gap-4 md:grid-cols-2">
            {FLAG_ORDER.filter((k) => o.flags.some((f) => f.kind === k)).map((k) => {
              const list = o.flags.filter((f) => f.kind === k);
              return (
                <div key={k}>
                  <h3 className="mb-1 text-sm font-semibold text-gray-800">
                    {FLAG_TITLES[k]}（{list.length}）
                  </h3>
                  <ul className="space-y-1 text-sm">
                    {list.slice(0, 8).map((f, i) => (
                      <li key={i}>
                        <Link href={f.href} className="text-blue-700 hover:underline">
                          {f.department}
                        </Link>
                        <SyntheticBadge synthetic={f.synthetic} />：<span className="text-gray-700">{f.text}</span>
                      </li>
                    ))}
                    {list.length > 8 ? <li className="text-xs text-gray-500">另有 {list.length - 8} 条，见 CSV。</li> : null}
                  </ul>
                </div>
              );
            })}
          </div>
        )}
      </Section>

      <Section title="本年支出合计（前 15 个部门）" note="来源：各部门公开01表“本年支出合计”。">
        {top.length ? (
          <Bars
            data={top.map((r) => ({ 部门: r.department, 基本支出: Number(r.figures.basicExpenditure ?? 0), 项目支出: Number(r.figures.projectExpenditure ?? 0) }))}
            index="部门"
            categories={["基本支出", "项目支出"]}
            stack
            layout="vertical"
            height="h-[34rem]"
          />
        ) : (
          <Empty>没有可比较的支出数字。</Empty>
        )}
      </Section>

      <Section title="各部门主要数字" actions={<CsvLink dataset="overview" params={{ year, ...keep }} />}>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[860px] border-collapse text-sm">
            <thead>
              <tr className="border-b bg-gray-100 text-left">
                <th className="p-2">部门</th>
                <th className="num p-2">本年收入合计</th>
                <th className="num p-2">本年支出合计</th>
                <th className="num p-2" title="一般公共预算财政拨款支出 ÷ 年初预算">年初预算执行率</th>
                <th className="num p-2">“三公”经费决算</th>
                <th className="num p-2">中小企业份额</th>
                <th className="num p-2">完整度</th>
              </tr>
            </thead>
            <tbody>
              {o.reports.map((r) => (
                <tr key={r.reportId} className="border-b border-gray-100">
                  <td className="p-2">
                    <Link className="text-blue-700 hover:underline" href={`/departments/${r.departmentId}?year=${year}`}>
                      {r.department}
                    </Link>
                    <SyntheticBadge synthetic={r.synthetic} />
                    {r.scope === "单位决算" ? <span className="ml-1 text-xs text-gray-500">单位决算</span> : null}
                  </td>
                  <td className="num p-2"><Wan v={r.figures.incomeTotal} /></td>
                  <td className="num p-2"><Wan v={r.figures.expenditureTotal} /></td>
                  <td className="num p-2"><Pct v={r.figures.gpbExecutionRate} /></td>
                  <td className="num p-2"><Wan v={r.figures.sangongFinal} /></td>
                  <td className="num p-2"><Pct v={r.figures.procurementSmeShare} /></td>
                  <td className="num p-2">{formatScore(r.completeness)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-2 text-xs text-gray-500">金额单位：万元。“—”表示文件未披露或无法计算，不等于零。</p>
      </Section>
    </div>
  );
}
