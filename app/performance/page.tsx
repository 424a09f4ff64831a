import Link from "next/link";
import { resolveYear } from "@/db/queries/figures";
import { getPerformanceProjects, type PerformanceProject } from "@/db/queries/performance";
import { D } from "@/lib/money/decimal";
import { parseParams, performanceParamsSchema, type RawParams } from "@/lib/filters";
import { Scatter } from "../_components/charts/charts";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { CsvLink, Empty, PageHeader, Pct, Section, SyntheticBadge, Wan, YearPicker, hrefWith } from "../_components/ui";

export const dynamic = "force-dynamic";
export const metadata = { title: "绩效" };

const PRESETS = [20, 50, 80];

export default async function PerformancePage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(performanceParamsSchema, await props.searchParams);
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  const synthetic = sp.synthetic ? undefined : "0";
  if (year === undefined) {
    return (
      <div>
        <PageHeader title="绩效" />
        <Empty>库中还没有{sp.synthetic ? "" : "真实公开的"}决算报告，无法分析绩效自评。</Empty>
      </div>
    );
  }
  const { projects, summaryOnly } = await getPerformanceProjects({ year, synthetic: sp.synthetic, dept: sp.dept, maxRate: sp.maxRate });

  const keep = { year, synthetic, maxRate: sp.maxRate === 50 ? undefined : sp.maxRate, dept: sp.dept };
  const href = (over: Partial<Record<keyof typeof keep, string | number | undefined>>) => hrefWith("/performance", { ...keep, ...over });
  const flagged = projects.filter((p) => p.flagged);
  const low = projects.filter((p) => p.lowRate && !p.flagged);
  const plotted = projects.filter((p) => p.rate !== undefined && p.score !== undefined);
  const FLAG = `评为优但执行率低于 ${sp.maxRate}%`;
  const LOW = `执行率低于 ${sp.maxRate}%`;
  const REST = "其他项目";
  const categoryOf = (p: PerformanceProject) => (p.flagged ? FLAG : p.lowRate ? LOW : REST);
  // Tremor colours categories in order of first appearance, so the red category must come first when present.
  const order = [FLAG, LOW, REST].filter((c) => plotted.some((p) => categoryOf(p) === c));
  const colorOf = { [FLAG]: "rose", [LOW]: "amber", [REST]: "emerald" } as Record<string, string>;
  const scatter = order.flatMap((c) =>
    plotted.filter((p) => categoryOf(p) === c).map((p) => ({ 执行率: Number(p.rate), 自评得分: Number(p.score), 类别: c, 项目: `${p.department}：${p.name}` })),
  );
  const deptName = sp.dept ? projects[0]?.department : undefined;
  // A city has hundreds of projects and thousands of indicators; inline them all only for a small list.
  const showIndicators = (p: PerformanceProject) => Boolean(sp.dept) || projects.length <= 60 || p.flagged || p.lowRate;

  return (
    <div>
      <PageHeader title={`${year} 年度绩效自评`} subtitle="每个公开了绩效自评表的项目：资金执行率与自评得分是否相称，以及逐项指标。">
        <YearPicker years={years} current={year} path="/performance" params={{ ...keep, year: undefined }} />
        <SyntheticToggle path="/performance" synthetic={sp.synthetic} params={{ ...keep, synthetic: undefined }} />
      </PageHeader>

      <div className="no-print mb-4 flex flex-wrap items-center gap-1 text-sm">
        <span className="text-gray-500">执行率低于</span>
        {PRESETS.map((r) => (
          <Link
            key={r}
            href={href({ maxRate: r === 50 ? undefined : r })}
            className={`rounded px-2 py-0.5 ${r === sp.maxRate ? "bg-blue-600 text-white" : "border border-gray-300 text-gray-700 hover:bg-gray-50"}`}
          >
            {r}%
          </Link>
        ))}
        {PRESETS.includes(sp.maxRate) ? null : <span className="rounded bg-blue-600 px-2 py-0.5 text-white">{sp.maxRate}%</span>}
        <span className="text-gray-500">视为执行率低</span>
        <span className="text-xs text-gray-500">（可在网址中设置 maxRate）</span>
      </div>

      {sp.dept ? (
        <p className="mb-4 rounded border border-blue-200 bg-blue-50 p-2 text-sm text-blue-900">
          只看：<b>{deptName ?? `部门 ${sp.dept}`}</b>
          {deptName ? null : `（${year} 年度该部门没有公开绩效自评表）`} · <Link className="text-blue-700 underline" href={href({ dept: undefined })}>看全部部门</Link> ·{" "}
          <Link className="text-blue-700 underline" href={`/departments/${sp.dept}?year=${year}#performance`}>部门页</Link>
        </p>
      ) : null}

      <section className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Card label="公开自评表的项目" value={`${projects.length} 个`} sub={summaryOnly ? `另有 ${summaryOnly} 个只在汇总表中列出` : undefined} />
        <Card label={FLAG} value={`${flagged.length} 个`} tone={flagged.length ? "bad" : undefined} />
        <Card label={`其他${LOW}`} value={`${low.length} 个`} />
        <Card label="无法比较" value={`${projects.length - plotted.length} 个`} sub="缺执行率或得分" />
      </section>

      <Section
        title="执行率与自评得分"
        note={`横轴：执行率 = 全年执行数（B）÷ 全年预算数（A）× 100，取自评表所列，未列时复算；纵轴：自评总分。红点为评为“优”（汇总表等级，未列时 90 分及以上）而执行率低于 ${sp.maxRate}% 的项目。${projects.length - plotted.length ? `${projects.length - plotted.length} 个项目缺执行率或得分，未画出。` : ""}`}
      >
        {plotted.length === 0 ? (
          <Empty>{projects.length ? "没有项目同时列出执行率和自评得分。" : `${year} 年度${sp.dept ? "该部门" : "各部门"}没有公开绩效自评表。`}</Empty>
        ) : (
          <Scatter data={scatter} x="执行率" y="自评得分" category="类别" colors={order.map((c) => colorOf[c])} nameKey="项目" xAxisLabel="执行率（%）" yAxisLabel="自评得分" />
        )}
      </Section>

      <Section
        title={`项目明细（${projects.length}）`}
        actions={
          <>
            <CsvLink dataset="performance-projects" params={keep} />
            <a className="rounded border border-gray-300 px-2 py-1 text-xs text-gray-700 hover:bg-gray-50" href={hrefWith("/export/performance-indicators", keep)} download>
              指标 CSV
            </a>
          </>
        }
        note="排序：评为优而执行率低的项目在前（红），然后按执行率由低到高。点项目名展开指标（一级 / 二级 / 三级、年度指标值、实际完成值、分值、得分、偏差原因），均为自评表原文。"
      >
        {projects.length === 0 ? (
          <Empty>{year} 年度{sp.dept ? "该部门" : "各部门"}没有公开绩效自评表。</Empty>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[900px] border-collapse text-sm">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  {sp.dept ? null : <th className="min-w-[9rem] p-1.5">部门</th>}
                  <th className="p-1.5">项目</th>
                  <th className="num p-1.5">全年预算数（A）</th>
                  <th className="num p-1.5">执行数（B）</th>
                  <th className="num p-1.5">执行率</th>
                  <th className="num p-1.5">自评得分</th>
                  <th className="p-1.5">等级</th>
                </tr>
              </thead>
              <tbody>
                {projects.map((p) => (
                  <tr key={p.id} className={`border-b border-gray-100 align-top ${p.flagged ? "bg-rose-50" : ""}`}>
                    {sp.dept ? null : (
                      <td className="p-1.5">
                        <Link className="text-blue-700 hover:underline" href={href({ dept: p.departmentId })}>{p.department}</Link>
                        <SyntheticBadge synthetic={p.synthetic} />
                      </td>
                    )}
                    <td className="p-1.5">
                      <details>
                        <summary className={`cursor-pointer ${p.flagged ? "font-semibold text-rose-800" : ""}`}>
                          {p.name}
                          {p.sourceLine ? <span className="ml-1 text-xs font-normal text-gray-400">（第 {p.sourceLine} 行）</span> : null}
                        </summary>
                        {showIndicators(p) ? (
                          <Indicators p={p} />
                        ) : (
                          <p className="mt-2 text-xs text-gray-600">
                            共 {p.indicators.length} 个指标。
                            <Link className="text-blue-700 hover:underline" href={href({ dept: p.departmentId })}>只看{p.department}</Link>
                            即可逐项展开（全市项目很多时，只直接展开标红和执行率低的项目，页面才不致过大）。
                          </p>
                        )}
                      </details>
                    </td>
                    <td className="num p-1.5"><Wan v={p.annual} digits={scale(p.annual)} /></td>
                    <td className="num p-1.5"><Wan v={p.executed} digits={scale(p.executed)} /></td>
                    <td className={`num p-1.5 ${p.flagged ? "font-semibold text-rose-700" : p.lowRate ? "text-amber-700" : ""}`}>
                      <Pct v={p.rate} />
                      {p.rate !== undefined && !p.rateStated ? <span className="ml-1 text-xs font-normal text-gray-500">复算</span> : null}
                    </td>
                    <td className="num p-1.5">{p.score ?? <span className="text-gray-400">—</span>}</td>
                    <td className={`p-1.5 ${p.flagged ? "font-semibold text-rose-700" : ""}`}>
                      {p.grade ?? <span className="text-gray-400">—</span>}
                      {p.gradeDerived ? <span className="ml-1 text-xs font-normal text-gray-500" title="汇总表未列等级，按得分推定">推定</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-1 text-xs text-gray-500">金额单位：万元（附件表列到四位小数的照录）。“—”表示未披露。</p>
          </div>
        )}
      </Section>
    </div>
  );
}

// 附件 tables print some amounts to four decimals (604.6242); show them as printed rather than rounding to two.
const scale = (v: string | undefined) => (v && v.includes(".") ? Math.max(2, Math.min(4, v.length - v.indexOf(".") - 1)) : 2);

function Indicators({ p }: { p: PerformanceProject }) {
  if (p.indicators.length === 0) return <p className="mt-2 text-xs text-gray-500">自评表未列出指标。</p>;
  return (
    <div className="mt-2 overflow-x-auto">
      <table className="w-full min-w-[640px] text-xs">
        <thead>
          <tr className="text-left text-gray-500">
            <th className="p-1">一级</th><th className="p-1">二级</th><th className="p-1">三级指标</th><th className="p-1">年度指标值</th><th className="p-1">实际完成值</th>
            <th className="p-1 text-right">分值</th><th className="p-1 text-right">得分</th><th className="p-1">偏差原因</th>
          </tr>
        </thead>
        <tbody>
          {p.indicators.map((i, k) => (
            <tr key={k} className="border-t border-gray-100">
              <td className="p-1">{i.level1}</td>
              <td className="p-1">{i.level2 ?? ""}</td>
              <td className="p-1">{i.level3 ?? ""}</td>
              <td className="p-1">{i.target ?? ""}</td>
              <td className="p-1">{i.actual ?? ""}</td>
              <td className="p-1 text-right">{i.weight ?? ""}</td>
              <td className={`p-1 text-right ${i.weight !== undefined && i.score !== undefined && new D(i.score).lt(i.weight) ? "text-amber-700" : ""}`}>{i.score ?? ""}</td>
              <td className="p-1">{i.deviation ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Card({ label, value, sub, tone }: { label: string; value: React.ReactNode; sub?: string; tone?: "bad" }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white p-3 shadow-sm">
      <div className="text-xs text-gray-500">{label}</div>
      <div className={`mt-1 text-lg font-semibold tabular-nums ${tone === "bad" ? "text-rose-700" : ""}`}>{value}</div>
      {sub ? <div className="mt-0.5 text-xs text-gray-500">{sub}</div> : null}
    </div>
  );
}
