import Link from "next/link";
import { getExecutionDepartmentsPage, getExecutionItemsPage, getExecutionSummary, getProjectExecutionCounts, getProjectExecutionPage } from "@/db/queries/execution";
import { resolveYear } from "@/db/queries/figures";
import { executionParamsSchema, parseParams, type RawParams } from "@/lib/filters";
import { EXECUTION_RATE, EXECUTION_TARGET, PEER_GROUP, PROJECT_RATE_FLOOR } from "@/lib/metrics/policy";
import { Bars, ReferenceBars } from "../_components/charts/charts";
import { Pager } from "../_components/pager";
import { BudgetDocumentExecution } from "./budget-documents";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { CsvLink, Empty, PageHeader, Pct, Section, SyntheticBadge, Wan, YearPicker, hrefWith, NoReports } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";

export const dynamic = "force-dynamic";
export const metadata = { title: "预算执行" };

const PRESETS: [number, number][] = [[80, 120], [90, 110], [95, 105], [50, 150]];
const PAGE = 50;
/** bars drawn: the departments furthest from their 年初预算 (the table and the CSV list every one) */
const TOP = 15;

export default async function ExecutionPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(executionParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  const synthetic = sp.synthetic ? "1" : undefined;
  if (year === undefined) {
    return <NoReports title="预算执行" purpose="比较年初预算与决算" synthetic={sp.synthetic} path="/execution" />;
  }
  const { low, high } = sp;
  const f = { year, synthetic: sp.synthetic, low, high, dept: sp.dept };
  // counts first (they size the pages), then only the rows of the pages shown
  const [summary, projectCounts] = await Promise.all([getExecutionSummary(f), getProjectExecutionCounts(f)]);
  const { departments: dc, items, distribution: dist } = summary;
  const listedItems = sp.dept ? items.total : items.outside;
  const [deptPage, itemPage, projectPage] = await Promise.all([
    getExecutionDepartmentsPage(f, { page: sp.page, pageSize: PAGE }, dc.total),
    getExecutionItemsPage(f, { page: sp.ipage, pageSize: PAGE }, listedItems),
    getProjectExecutionPage(f, { page: sp.ppage, pageSize: PAGE }, projectCounts.departments),
  ]);
  const top = deptPage.page === 1 ? deptPage.rows.slice(0, TOP) : (await getExecutionDepartmentsPage(f, { page: 1, pageSize: TOP }, dc.total)).rows;
  const depts = deptPage.rows;
  const projects = projectPage.rows;

  const keep = { year, synthetic, low: low === EXECUTION_RATE.low ? undefined : low, high: high === EXECUTION_RATE.high ? undefined : high, dept: sp.dept };
  const href = (over: Partial<Record<keyof typeof keep, string | number | undefined>>) => hrefWith("/execution", { ...keep, ...over });
  // paging one list keeps the others where they are
  const pages = { page: deptPage.page > 1 ? deptPage.page : undefined, ipage: itemPage.page > 1 ? itemPage.page : undefined, ppage: projectPage.page > 1 ? projectPage.page : undefined };
  const pageHref = (key: keyof typeof pages, anchor: string) => (n: number) => `${hrefWith("/execution", { ...keep, ...pages, [key]: n > 1 ? n : undefined })}#${anchor}`;
  const deptName = sp.dept ? depts.find((d) => d.departmentId === sp.dept)?.department : undefined;
  const unratedCount = dc.total - dc.rated;
  const topRated = top.filter((d) => d.rate !== undefined);

  return (
    <div>
      <PageHeader title={`${year} 年度预算执行`} subtitle="一般公共预算财政拨款：年初预算与决算之比，各部门说明的原因，以及绩效项目的执行情况。">
        <YearPicker years={years} current={year} path="/execution" params={{ ...keep, year: undefined }} />
        <SyntheticToggle path="/execution" synthetic={sp.synthetic} params={{ ...keep, synthetic: undefined }} />
      </PageHeader>

      <div className="no-print mb-4 flex flex-wrap items-center gap-1 text-sm">
        <span className="text-gray-500">合理区间</span>
        {PRESETS.map(([l, h]) => (
          <Link
            key={`${l}-${h}`}
            href={href({ low: l === EXECUTION_RATE.low && h === EXECUTION_RATE.high ? undefined : l, high: l === EXECUTION_RATE.low && h === EXECUTION_RATE.high ? undefined : h })}
            className={`rounded px-2 py-0.5 ${l === low && h === high ? "bg-blue-600 text-white" : "border border-gray-300 text-gray-700 hover:bg-gray-50"}`}
          >
            {l}%–{h}%
          </Link>
        ))}
        <span className="text-xs text-gray-500">（也可在网址中设置 low、high）</span>
      </div>

      {sp.dept ? (
        <p className="mb-4 rounded border border-blue-200 bg-blue-50 p-2 text-sm text-blue-900">
          只看：<b>{deptName ?? `部门 ${sp.dept}`}</b>
          {deptName ? null : `（${year} 年度没有该部门的报告）`} · <Link className="text-blue-700 underline" href={href({ dept: undefined })}>看全部部门</Link> ·{" "}
          <Link className="text-blue-700 underline" href={`/departments/${sp.dept}?year=${year}#execution`}>部门页</Link>
        </p>
      ) : null}

      <section className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Card label="有年初预算的部门" value={`${dc.rated} 个`} sub={unratedCount ? `另有 ${unratedCount} 个未披露年初预算` : undefined} />
        {dc.rated >= PEER_GROUP.minPeers ? (
          <Card label="执行率中位数" value={<Pct v={dist.departmentMedian} />} sub="决算 ÷ 年初预算" />
        ) : (
          <Card label="执行率中位数" value="不列" sub={`有执行率的部门不足 ${PEER_GROUP.minPeers} 个，中位数不作基准`} />
        )}
        <Card label={`超出 ${low}%–${high}% 的部门`} value={`${dc.outside} 个`} tone={dc.outside ? "bad" : undefined} />
        <Card label="超出区间或年初无预算的科目" value={`${items.outside} 项`} sub={`共 ${items.total} 项`} tone={items.outside ? "bad" : undefined} />
      </section>

      <Section
        id="departments"
        title="各部门：年初预算与决算"
        actions={<CsvLink dataset="execution-departments" params={keep} />}
        note={`执行率 = 一般公共预算财政拨款支出决算（公开05表合计）÷ 年初预算（情况说明）× 100。条形从 100%（决算等于年初预算）向右为超支、向左为未用完；虚线为区间 ${low}% 与 ${high}%，超出的标红。${dc.total > TOP ? `图中只画偏离 100% 最多的 ${TOP} 个部门；全部部门的分布见下方“执行率分布”，逐个部门见表格（每页 ${PAGE} 个）或 CSV。` : ""}按偏离 100% 的程度排列，未披露年初预算的部门列在最后。原因为部门在情况说明中的原话。`}
      >
        {dc.total === 0 ? (
          <Empty>{year} 年度没有{sp.dept ? "该部门的" : ""}报告。</Empty>
        ) : (
          <>
            {topRated.length ? (
              <ReferenceBars
                label={dc.total > TOP ? `偏离最大的 ${topRated.length} 个部门：决算相对年初预算` : "各部门决算相对年初预算的偏离"}
                references={[
                  { value: 0, label: `${EXECUTION_TARGET}%（决算等于年初预算）` },
                  { value: low - EXECUTION_TARGET, label: `${low}%` },
                  { value: high - EXECUTION_TARGET, label: `${high}%` },
                ]}
                rows={topRated.map((d) => ({
                  label: d.department,
                  value: Number(d.rate) - EXECUTION_TARGET,
                  display: `${d.rate}%`,
                  href: href({ dept: d.departmentId }),
                  tone: d.outside ? "bad" : "neutral",
                }))}
              />
            ) : (
              <Empty>没有部门同时披露年初预算和决算，无法计算执行率。</Empty>
            )}
            {unratedCount ? <p className="mt-2 text-xs text-gray-500">{unratedCount} 个部门未披露年初预算或决算，没有执行率，列在表格最后。</p> : null}
            <div className="mt-4 overflow-x-auto">
              <Pager page={deptPage.page} pageSize={PAGE} total={deptPage.total} href={pageHref("page", "departments")} />
              <table className="sticky-first w-full min-w-[900px] border-collapse text-sm">
                <thead>
                  <tr className="border-b bg-gray-100 text-left">
                    <th className="min-w-[9rem] p-1.5">部门</th>
                    <th className="num p-1.5" title="决算 ÷ 年初预算 × 100（复算）">执行率</th>
                    <th className="num p-1.5">年初预算</th>
                    <th className="num p-1.5">决算</th>
                    <th className="num p-1.5" title="决算 − 年初预算">差额</th>
                    <th className="num p-1.5">文件所述</th>
                    <th className="p-1.5">部门说明的原因</th>
                  </tr>
                </thead>
                <tbody>
                  {depts.map((d) => (
                    <tr key={d.departmentId} className={`border-b border-gray-100 align-top ${d.outside ? "bg-rose-50" : ""}`}>
                      <td className="p-1.5">
                        <Link className="text-blue-700 hover:underline" href={href({ dept: d.departmentId })}>{d.department}</Link>
                        <SyntheticBadge synthetic={d.synthetic} />
                      </td>
                      <td className={`num p-1.5 ${d.outside ? "font-semibold text-rose-700" : ""}`}><Pct v={d.rate} /></td>
                      <td className="num p-1.5"><Wan v={d.initialBudget} /></td>
                      <td className="num p-1.5"><Wan v={d.final} /></td>
                      <td className="num p-1.5"><Wan v={d.difference} /></td>
                      <td className="num p-1.5"><Pct v={d.statedRate} /></td>
                      <td className="p-1.5 text-gray-700">
                        {d.reason ?? <span className="text-gray-400">未说明</span>}
                        {d.sourceLine ? <span className="ml-1 text-xs text-gray-400">（第 {d.sourceLine} 行）</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager page={deptPage.page} pageSize={PAGE} total={deptPage.total} href={pageHref("page", "departments")} />
              <p className="mt-1 text-xs text-gray-500">金额单位：万元。“—”表示文件未披露，不等于零。点击部门名只看该部门。</p>
            </div>
          </>
        )}
      </Section>

      <Section
        title="执行率分布"
        actions={<CsvLink dataset="execution-distribution" params={keep} />}
        note={`区间含左端不含右端；区间边界包含所设阈值 ${low}% 与 ${high}%。科目为情况说明逐项列出的“年初预算与决算”；年初无预算的 ${dist.itemsWithoutBudget} 个科目没有执行率，未计入${dist.departmentsMissing ? `；${dist.departmentsMissing} 个部门未披露年初预算，未计入` : ""}。`}
      >
        {dist.bins.every((b) => b.departments === 0 && b.items === 0) ? (
          <Empty>没有可计算执行率的部门或科目。</Empty>
        ) : (
          // departments and subjects differ tenfold in number: one chart each, so neither is flattened by the other's axis
          <div className="grid gap-4 lg:grid-cols-2">
            {(
              [
                ["部门数", "部门（一般公共预算财政拨款执行率）", "emerald"],
                ["科目数", "科目（情况说明逐项列出的年初预算与决算）", "blue"],
              ] as const
            ).map(([k, title, color]) => (
              <div key={k}>
                <h3 className="mb-1 text-sm font-semibold text-gray-800">{title}</h3>
                <Bars
                  data={dist.bins.map((b) => ({ 区间: b.concern ? `${b.label}（超出）` : b.label, [k]: k === "部门数" ? b.departments : b.items }))}
                  index="区间"
                  categories={[k]}
                  colors={[color]}
                  unit="count"
                />
              </div>
            ))}
          </div>
        )}
      </Section>

      <Section
        id="items"
        title={sp.dept ? `${deptName ?? "该部门"}：各科目年初预算与决算` : `超出 ${low}%–${high}% 或年初无预算的科目`}
        actions={<CsvLink dataset="execution-items" params={keep} />}
        note="完成率以文件所述为准，文件未述时复算（决算 ÷ 年初预算 × 100，标“复算”）。原因为部门原话；“未说明”表示文件没有给出原因。"
      >
        {listedItems === 0 ? (
          <Empty>{items.total === 0 ? `${year} 年度${sp.dept ? "该部门" : "各部门"}的情况说明没有逐项列出年初预算与决算。` : `所有 ${items.total} 个科目都在 ${low}%–${high}% 之间。`}</Empty>
        ) : (
          <div className="overflow-x-auto">
            <Pager page={itemPage.page} pageSize={PAGE} total={itemPage.total} href={pageHref("ipage", "items")} unit="项" />
            <table className="sticky-first w-full min-w-[960px] border-collapse text-sm">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  {sp.dept ? null : <th className="min-w-[9rem] p-1.5">部门</th>}
                  <th className="p-1.5">科目（类 / 款 / 项）</th>
                  <th className="num p-1.5">年初预算</th>
                  <th className="num p-1.5">决算</th>
                  <th className="num p-1.5">完成率</th>
                  <th className="p-1.5">部门说明的原因</th>
                </tr>
              </thead>
              <tbody>
                {itemPage.rows.map((i) => (
                  <tr key={`${i.departmentId}-${i.ord}`} className={`border-b border-gray-100 align-top ${i.outside ? "bg-rose-50" : ""}`}>
                    {sp.dept ? null : (
                      <td className="p-1.5">
                        <Link className="text-blue-700 hover:underline" href={href({ dept: i.departmentId })}>{i.department}</Link>
                        <SyntheticBadge synthetic={i.synthetic} />
                      </td>
                    )}
                    <td className="p-1.5">{i.code ? <span className="mr-1 font-mono text-xs text-gray-500">{i.code}</span> : null}{i.path}</td>
                    <td className="num p-1.5"><Wan v={i.initialBudget} /></td>
                    <td className="num p-1.5"><Wan v={i.final} /></td>
                    <td className={`num p-1.5 ${i.outside ? "font-semibold text-rose-700" : ""}`}>
                      {i.noInitialBudget ? "年初无预算" : <><Pct v={i.rate} />{i.rate !== undefined && !i.rateStated ? <span className="ml-1 text-xs font-normal text-gray-500">复算</span> : null}</>}
                    </td>
                    <td className="p-1.5 text-gray-700">
                      {i.reason ?? <span className="text-gray-400">未说明</span>}
                      {i.sourceLine ? <span className="ml-1 text-xs text-gray-400">（第 {i.sourceLine} 行）</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={itemPage.page} pageSize={PAGE} total={itemPage.total} href={pageHref("ipage", "items")} unit="项" />
            <p className="mt-1 text-xs text-gray-500">
              金额单位：万元。{sp.dept ? "列出该部门全部科目，超出区间的标红。" : `只列出超出区间或年初无预算的 ${items.outside} 项（共 ${items.total} 项），偏离最大的在前；点击部门名查看该部门全部科目。`}
            </p>
          </div>
        )}
      </Section>

      <Section
        id="projects"
        title="绩效项目：执行率与自评得分"
        actions={<CsvLink dataset="execution-projects" params={keep} />}
        note={`来源：附件绩效自评表。执行率 = Σ全年执行数（B）÷ Σ全年预算数（A）× 100，只计两项都填了的项目；平均自评得分为自评表总分的算术平均；等级取自绩效自评汇总表，未列等级时按得分推定（90 分及以上为优）。执行率低于 ${PROJECT_RATE_FLOOR}% 的项目最多的部门在前${projectCounts.withLow ? `（${projectCounts.withLow} 个部门有这样的项目）` : ""}。`}
      >
        {projects.length === 0 ? (
          <Empty>{year} 年度{sp.dept ? "该部门" : "各部门"}没有附绩效自评表。</Empty>
        ) : (
          <div className="overflow-x-auto">
            <Pager page={projectPage.page} pageSize={PAGE} total={projectPage.total} href={pageHref("ppage", "projects")} />
            <table className="sticky-first w-full min-w-[860px] border-collapse text-sm">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  <th className="min-w-[9rem] p-1.5">部门</th>
                  <th className="num p-1.5">自评项目</th>
                  <th className="num p-1.5">全年预算数（A）</th>
                  <th className="num p-1.5">执行数（B）</th>
                  <th className="num p-1.5">执行率 B/A</th>
                  <th className="num p-1.5">最低项目执行率</th>
                  <th className="num p-1.5">平均自评得分</th>
                  <th className="num p-1.5">评为优</th>
                  <th className="num p-1.5">执行率低于 {PROJECT_RATE_FLOOR}%</th>
                </tr>
              </thead>
              <tbody>
                {projects.map((p) => (
                  <tr key={p.departmentId} className={`border-b border-gray-100 ${p.low ? "bg-rose-50" : ""}`}>
                    <td className="p-1.5">
                      <Link className="text-blue-700 hover:underline" href={hrefWith("/performance", { year, synthetic, dept: p.departmentId })}>{p.department}</Link>
                      <SyntheticBadge synthetic={p.synthetic} />
                    </td>
                    <td className="num p-1.5">{p.projects}</td>
                    <td className="num p-1.5"><Wan v={p.annual} /></td>
                    <td className="num p-1.5"><Wan v={p.executed} /></td>
                    <td className="num p-1.5"><Pct v={p.rate} /></td>
                    <td className={`num p-1.5 ${p.low ? "font-semibold text-rose-700" : ""}`}><Pct v={p.minRate} /></td>
                    <td className="num p-1.5">{p.avgScore ?? "—"}</td>
                    <td className="num p-1.5">{p.excellent}</td>
                    <td className={`num p-1.5 ${p.low ? "font-semibold text-rose-700" : ""}`}>{p.low}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={projectPage.page} pageSize={PAGE} total={projectPage.total} href={pageHref("ppage", "projects")} />
            <p className="mt-1 text-xs text-gray-500">金额单位：万元。点击部门名到绩效页查看每个项目及其指标。</p>
          </div>
        )}
      </Section>
      <BudgetDocumentExecution year={year} low={low} high={high} />
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
