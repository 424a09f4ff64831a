import Link from "next/link";
import { resolveYear } from "@/db/queries/figures";
import { getDepartmentsSideBySide, getDepartmentYears, getEconomicStructure, getStructureBreakdown, getSubjectDepartmentsPage } from "@/db/queries/structure";
import { parseParams, structureParamsSchema, type RawParams } from "@/lib/filters";
import { shareOf as share } from "@/lib/metrics/dashboard";
import { Bars, Donut } from "../_components/charts/charts";
import { Pager } from "../_components/pager";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { CsvLink, Empty, PageHeader, Pct, Section, SyntheticBadge, Wan, YearPicker, hrefWith, NoReports } from "../_components/ui";
import { classChartRows, topSlices } from "./chart-data";
import { withDemoChoice } from "../_lib/demo-city";

export const dynamic = "force-dynamic";
export const metadata = { title: "支出结构" };

/** "who spends on this subject": departments per page */
const WHO_PAGE = 50;

const LEVEL_NEXT = { 类: "款", 款: "项", 项: undefined } as const;

export default async function StructurePage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(structureParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  const synthetic = sp.synthetic ? "1" : undefined;
  if (year === undefined) {
    return <NoReports title="支出结构" purpose="分析支出结构" synthetic={sp.synthetic} path="/structure" />;
  }
  const f = { year, synthetic: sp.synthetic, dept: sp.dept, code: sp.code };
  const [breakdown, who, side, econ, history] = await Promise.all([
    getStructureBreakdown(f),
    sp.code && !sp.dept ? getSubjectDepartmentsPage({ ...f, code: sp.code }, { offset: ((sp.page ?? 1) - 1) * WHO_PAGE, limit: WHO_PAGE }) : Promise.resolve({ total: 0, rows: [] }),
    getDepartmentsSideBySide({ year, synthetic: sp.synthetic, depts: sp.depts, q: sp.q }),
    getEconomicStructure(f),
    sp.dept ? getDepartmentYears({ synthetic: sp.synthetic, dept: sp.dept }) : Promise.resolve(undefined),
  ]);

  const keep = { year, synthetic, code: sp.code, depts: sp.depts.join(",") || undefined, dept: sp.dept, q: sp.q };
  // the page of "who spends" belongs to one subject: any other link starts again at its first page
  const href = (over: Partial<Record<keyof typeof keep | "page", string | number | undefined>>) => hrefWith("/structure", { ...keep, ...over });
  const whoPages = Math.max(1, Math.ceil(who.total / WHO_PAGE));
  const whoPage = Math.min(sp.page ?? 1, whoPages);
  const deptName = sp.dept ? history?.department : undefined;
  const deptInYear = sp.dept ? (history?.years.some((y) => y.year === year) ?? false) : true;
  const scopeText = sp.dept ? (deptName ?? `部门 ${sp.dept}`) : `全部 ${side.count} 个部门合计`;
  const selectedIds = side.selected.map((d) => d.departmentId);
  const toggle = (id: number) => {
    const base = side.defaulted ? [] : selectedIds;
    const next = base.includes(id) ? base.filter((x) => x !== id) : [...base, id];
    return href({ depts: next.join(",") || undefined });
  };
  const slices = topSlices(breakdown.rows, 8);
  const missingTotals = breakdown.rows.filter((r) => r.total === undefined).length;
  const classChart = classChartRows(side, 6);

  return (
    <div>
      <PageHeader title={`${year} 年度支出结构`} subtitle="钱花在哪里：支出功能分类（类 → 款 → 项）、基本支出与项目支出、人员经费与公用经费、经济分类。">
        <YearPicker years={years} current={year} path="/structure" params={{ ...keep, year: undefined }} />
        <SyntheticToggle path="/structure" synthetic={sp.synthetic} params={{ ...keep, synthetic: undefined }} />
      </PageHeader>

      {sp.dept ? (
        <p className="mb-4 rounded border border-blue-200 bg-blue-50 p-2 text-sm text-blue-900">
          只看：<b>{scopeText}</b>
          {deptInYear ? null : `（${year} 年度没有该部门的报告）`} ·{" "}
          <Link className="text-blue-700 underline" href={href({ dept: undefined })}>看全部部门</Link> ·{" "}
          <Link className="text-blue-700 underline" href={`/departments/${sp.dept}?year=${year}`}>部门页</Link>
        </p>
      ) : null}

      <Section
        title={`支出功能分类构成（${breakdown.level}）`}
        actions={<CsvLink dataset="structure-subjects" params={keep} />}
        note={`来源：公开03表 支出决算表（全部资金）“本年支出合计”列；范围：${scopeText}，共 ${breakdown.totals.reports} 份报告。占比 = 该科目 ÷ ${breakdown.code ? "上级科目" : "03表合计"} × 100。同一部门既有部门决算又有单位决算时只计部门决算。`}
      >
        <nav aria-label="科目层级" className="mb-3 flex flex-wrap items-center gap-1 text-sm">
          <Link className={breakdown.code ? "text-blue-700 hover:underline" : "font-semibold"} href={href({ code: undefined })}>全部类</Link>
          {breakdown.path.map((p) => (
            <span key={p.code}>
              <span className="mx-1 text-gray-400">›</span>
              <Link className={p.code === breakdown.code ? "font-semibold" : "text-blue-700 hover:underline"} href={href({ code: p.code })}>
                {p.code} {p.name}
              </Link>
            </span>
          ))}
        </nav>
        {breakdown.code ? (
          <p className="mb-3 text-sm text-gray-700">
            {breakdown.path[breakdown.path.length - 1]?.name}：本年支出合计 <Wan v={breakdown.base} /> 万元
          </p>
        ) : (
          <p className="mb-3 text-sm text-gray-700">
            03表合计 <Wan v={breakdown.totals.total} /> 万元，其中基本支出 <Wan v={breakdown.totals.basic} /> 万元（<Pct v={share(breakdown.totals.basic, breakdown.totals.total)} />），项目支出{" "}
            <Wan v={breakdown.totals.project} /> 万元（<Pct v={share(breakdown.totals.project, breakdown.totals.total)} />）。
          </p>
        )}
        {breakdown.rows.length === 0 ? (
          <Empty>{breakdown.code ? `${breakdown.code} 在 ${year} 年没有下级科目数据。` : `${year} 年度${sp.dept ? "该部门" : ""}没有公开03表的科目数据。`}</Empty>
        ) : (
          <div className="grid gap-4 lg:grid-cols-[minmax(0,18rem)_1fr]">
            <div>
              <Donut data={slices} index="科目" category="金额" />
              {missingTotals ? <p className="mt-1 text-xs text-gray-500">{missingTotals} 个科目未填本年支出合计，图中未画出。</p> : null}
            </div>
            <div className="overflow-x-auto">
              <table className="sticky-first w-full min-w-[640px] border-collapse text-sm">
                <thead>
                  <tr className="border-b bg-gray-100 text-left">
                    <th className="p-1.5">科目</th>
                    <th className="num p-1.5" title={`该科目 ÷ ${breakdown.code ? "上级科目" : "03表合计"} × 100`}>占比</th>
                    <th className="num p-1.5">本年支出合计</th>
                    <th className="num p-1.5">基本支出</th>
                    <th className="num p-1.5">项目支出</th>
                    <th className="num p-1.5" title="列出该科目的报告数">报告数</th>
                  </tr>
                </thead>
                <tbody>
                  {breakdown.rows.map((r) => (
                    <tr key={r.code} className="border-b border-gray-100">
                      <td className="p-1.5">
                        <span className="mr-1 font-mono text-xs text-gray-500">{r.code}</span>
                        {LEVEL_NEXT[breakdown.level] ? (
                          <Link className="text-blue-700 hover:underline" href={href({ code: r.code })} title={`查看其下的${LEVEL_NEXT[breakdown.level]}`}>
                            {r.name}
                          </Link>
                        ) : (
                          r.name
                        )}
                      </td>
                      <td className="num p-1.5"><Pct v={r.share} /></td>
                      <td className="num p-1.5"><Wan v={r.total} /></td>
                      <td className="num p-1.5"><Wan v={r.basic} /></td>
                      <td className="num p-1.5"><Wan v={r.project} /></td>
                      <td className="num p-1.5">{r.reports}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-1 text-xs text-gray-500">金额单位：万元。“—”表示未填列，不等于零。{LEVEL_NEXT[breakdown.level] ? `点击科目名称查看其下的${LEVEL_NEXT[breakdown.level]}。` : ""}</p>
            </div>
          </div>
        )}
        {sp.code && !sp.dept ? (
          <div className="mt-4">
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-sm font-semibold text-gray-800">哪些部门在 {breakdown.path[breakdown.path.length - 1]?.name ?? sp.code} 上支出</h3>
              <span className="no-print flex gap-2"><CsvLink dataset="structure-subject-departments" params={keep} /></span>
            </div>
            {who.total === 0 ? (
              <Empty>没有部门在 {year} 年列出该科目。</Empty>
            ) : (
              <div className="overflow-x-auto">
                <p className="text-xs text-gray-500">共 {who.total} 个部门列出该科目，按本年支出合计由大到小；占该科目 = 该部门 ÷ 全部这些部门之和。</p>
                <Pager page={whoPage} pageSize={WHO_PAGE} total={who.total} href={(n) => href({ page: n > 1 ? n : undefined })} />
                <table className="sticky-first w-full min-w-[560px] border-collapse text-sm">
                  <thead>
                    <tr className="border-b bg-gray-100 text-left">
                      <th className="min-w-[9rem] p-1.5">部门</th><th className="num p-1.5">本年支出合计</th><th className="num p-1.5">基本支出</th><th className="num p-1.5">项目支出</th>
                      <th className="num p-1.5" title="该部门 ÷ 各部门该科目之和 × 100">占该科目</th>
                    </tr>
                  </thead>
                  <tbody>
                    {who.rows.map((d) => (
                      <tr key={d.departmentId} className="border-b border-gray-100">
                        <td className="p-1.5">
                          <Link className="text-blue-700 hover:underline" href={href({ dept: d.departmentId })}>{d.department}</Link>
                          <SyntheticBadge synthetic={d.synthetic} />
                        </td>
                        <td className="num p-1.5"><Wan v={d.total} /></td>
                        <td className="num p-1.5"><Wan v={d.basic} /></td>
                        <td className="num p-1.5"><Wan v={d.project} /></td>
                        <td className="num p-1.5"><Pct v={d.share} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <Pager page={whoPage} pageSize={WHO_PAGE} total={who.total} href={(n) => href({ page: n > 1 ? n : undefined })} />
              </div>
            )}
          </div>
        ) : null}
      </Section>

      <Section
        title="部门对比（占比）"
        actions={<CsvLink dataset="structure-departments" params={keep} />}
        note="基本/项目占比 = 公开03表合计行基本支出、项目支出 ÷ 公开01表本年支出合计；人员/公用占比 = 公开06表人员经费合计、公用经费合计 ÷ 二者之和；类占比 = 该类本年支出合计 ÷ 公开03表合计。"
      >
        <div className="mb-3 text-sm">
          <p className="mb-1 text-gray-600">
            {side.defaulted ? "默认显示本年支出最大的 10 个部门；" : `已选 ${side.selected.length} 个部门；`}点击部门名加入或移出对比
            {side.defaulted ? null : (
              <>
                {" "}· <Link className="text-blue-700 hover:underline" href={href({ depts: undefined })}>恢复默认</Link>
              </>
            )}
          </p>
          <form method="get" action="/structure" className="no-print mb-2 flex flex-wrap items-center gap-2">
            {Object.entries({ ...keep, q: undefined }).map(([k, v]) => (v === undefined || v === "" ? null : <input key={k} type="hidden" name={k} value={String(v)} />))}
            <label className="text-gray-600" htmlFor="structure-q">按名称查找部门</label>
            <input id="structure-q" name="q" defaultValue={sp.q ?? ""} className="rounded border border-gray-300 px-2 py-0.5" placeholder="部门名称中的字" />
            <button type="submit" className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-50">查找</button>
            {sp.q ? <Link className="text-blue-700 hover:underline" href={href({ q: undefined })}>清除</Link> : null}
          </form>
          {sp.q ? (
            <p className="mb-1 text-xs text-gray-500">
              名称含“{sp.q}”的部门：{side.found.length === 0 ? "没有。" : `${side.found.length === 20 ? "前 20 个（按支出由大到小）" : `${side.found.length} 个`}，点击加入或移出对比。`}
            </p>
          ) : (
            <p className="mb-1 text-xs text-gray-500">本年支出最大的 {side.all.length} 个部门（共 {side.count} 个；其他部门请按名称查找）：</p>
          )}
          <div className="flex max-h-40 flex-wrap gap-1 overflow-y-auto">
            {[...(sp.q ? side.found : side.all), ...side.selected.filter((s) => !(sp.q ? side.found : side.all).some((d) => d.departmentId === s.departmentId))].map((d) => {
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
            })}
          </div>
        </div>
        {side.selected.length === 0 ? (
          <Empty>{year} 年没有可对比的部门。</Empty>
        ) : (
          <>
            <div className="grid gap-4 lg:grid-cols-2">
              <div>
                <h3 className="mb-1 text-sm font-semibold text-gray-800">支出功能分类（类）占比</h3>
                {classChart.rows.length ? (
                  <Bars data={classChart.rows} index="部门" categories={classChart.categories} unit="percent" stack maxValue={100} layout="vertical" height="h-96" />
                ) : (
                  <Empty>所选部门没有公开03表的类级数据。</Empty>
                )}
                {classChart.left.length ? <p className="mt-1 text-xs text-gray-500">未画出（缺少03表合计或类级数据）：{classChart.left.join("、")}。</p> : null}
              </div>
              <div>
                <h3 className="mb-1 text-sm font-semibold text-gray-800">基本支出与项目支出占比</h3>
                <Bars
                  data={side.selected.filter((d) => d.basicShare !== undefined && d.projectShare !== undefined).map((d) => ({ 部门: d.department, 基本支出: Number(d.basicShare), 项目支出: Number(d.projectShare) }))}
                  index="部门"
                  categories={["基本支出", "项目支出"]}
                  unit="percent"
                  stack
                  maxValue={100}
                  layout="vertical"
                  height="h-96"
                />
                {side.selected.some((d) => d.basicShare === undefined || d.projectShare === undefined) ? (
                  <p className="mt-1 text-xs text-gray-500">
                    未画出（未披露基本或项目支出）：{side.selected.filter((d) => d.basicShare === undefined || d.projectShare === undefined).map((d) => d.department).join("、")}。
                  </p>
                ) : null}
              </div>
            </div>
            <div className="mt-4 overflow-x-auto">
              <table className="sticky-first w-full min-w-[900px] border-collapse text-sm">
                <thead>
                  <tr className="border-b bg-gray-100 text-left">
                    <th className="min-w-[9rem] p-1.5">部门</th>
                    <th className="num p-1.5">本年支出合计</th>
                    <th className="num p-1.5" title="基本支出 ÷ 本年支出合计">基本支出占比</th>
                    <th className="num p-1.5" title="项目支出 ÷ 本年支出合计">项目支出占比</th>
                    <th className="num p-1.5" title="人员经费 ÷（人员经费 + 公用经费）">人员经费占比</th>
                    <th className="num p-1.5" title="公用经费 ÷（人员经费 + 公用经费）">公用经费占比</th>
                    {side.classes.slice(0, 4).map((c) => (
                      <th key={c.code} className="num p-1.5" title={`${c.code} ${c.name} ÷ 03表合计`}>{c.name}</th>
                    ))}
                    <th className="p-1.5">历年</th>
                  </tr>
                </thead>
                <tbody>
                  {side.selected.map((d) => (
                    <tr key={d.departmentId} className={`border-b border-gray-100 ${d.departmentId === sp.dept ? "bg-blue-50" : ""}`}>
                      <td className="p-1.5">
                        <Link className="text-blue-700 hover:underline" href={`/departments/${d.departmentId}?year=${year}`}>{d.department}</Link>
                        <SyntheticBadge synthetic={d.synthetic} />
                        {d.scope === "单位决算" ? <span className="ml-1 text-xs text-gray-500">单位决算</span> : null}
                      </td>
                      <td className="num p-1.5"><Wan v={d.expenditureTotal} /></td>
                      <td className="num p-1.5"><Pct v={d.basicShare} /></td>
                      <td className="num p-1.5"><Pct v={d.projectShare} /></td>
                      <td className="num p-1.5"><Pct v={d.personnelShare} /></td>
                      <td className="num p-1.5"><Pct v={d.publicShare} /></td>
                      {side.classes.slice(0, 4).map((c) => (
                        <td key={c.code} className="num p-1.5"><Pct v={d.classes[c.code]?.share} /></td>
                      ))}
                      <td className="p-1.5">
                        <Link className="text-blue-700 hover:underline" href={href({ dept: d.departmentId })}>只看该部门</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-1 text-xs text-gray-500">本年支出合计单位：万元；其余为占比。“—”表示文件未披露，不等于零。</p>
            </div>
          </>
        )}
      </Section>

      <Section
        title="人员经费、公用经费与经济分类"
        actions={<CsvLink dataset="structure-economic" params={keep} />}
        note={`来源：公开06表 一般公共预算财政拨款基本支出决算明细表（经济分类三位科目）；范围：${scopeText}，共 ${econ.reports} 份报告。人员经费 = 301 + 303，公用经费 = 302 + 307 + 310 + 312 + 399；占比 = 该科目 ÷（人员经费 + 公用经费）× 100。`}
      >
        {econ.rows.length === 0 && econ.base === undefined ? (
          <Empty>{year} 年度{sp.dept ? "该部门" : ""}没有公开06表的经济分类数据。</Empty>
        ) : (
          <div className="grid gap-4 lg:grid-cols-[minmax(0,18rem)_1fr]">
            <div>
              {econ.personnel !== undefined && econ.public !== undefined ? (
                <Donut data={[{ 类别: "人员经费", 金额: Number(econ.personnel) }, { 类别: "公用经费", 金额: Number(econ.public) }]} index="类别" category="金额" />
              ) : (
                <Empty>未同时披露人员经费合计和公用经费合计。</Empty>
              )}
              <p className="mt-2 text-sm text-gray-700">
                人员经费 <Wan v={econ.personnel} /> 万元（<Pct v={share(econ.personnel, econ.base)} />），公用经费 <Wan v={econ.public} /> 万元（<Pct v={share(econ.public, econ.base)} />）。
              </p>
            </div>
            <div className="overflow-x-auto">
              <table className="sticky-first w-full min-w-[520px] border-collapse text-sm">
                <thead>
                  <tr className="border-b bg-gray-100 text-left">
                    <th className="p-1.5">经济分类</th><th className="p-1.5">归属</th><th className="num p-1.5">金额</th><th className="num p-1.5">占基本支出</th><th className="num p-1.5">报告数</th>
                  </tr>
                </thead>
                <tbody>
                  {econ.rows.map((r) => (
                    <tr key={r.code} className="border-b border-gray-100">
                      <td className="p-1.5"><span className="mr-1 font-mono text-xs text-gray-500">{r.code}</span>{r.name}</td>
                      <td className="p-1.5 text-gray-600">{r.section === "personnel" ? "人员经费" : r.section === "public" ? "公用经费" : "—"}</td>
                      <td className="num p-1.5"><Wan v={r.amount} /></td>
                      <td className="num p-1.5"><Pct v={r.share} /></td>
                      <td className="num p-1.5">{r.reports}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-1 text-xs text-gray-500">金额单位：万元。只列出至少一份报告填了金额的科目。</p>
            </div>
          </div>
        )}
      </Section>

      <Section
        title={history?.department ? `${history.department}：历年结构` : "一个部门的历年结构"}
        actions={sp.dept ? <CsvLink dataset="structure-years" params={keep} /> : undefined}
        note="各年数字取自该部门当年最新一版报告；占比口径同上。"
      >
        {!sp.dept ? (
          <Empty>在上方“部门对比”表中点“只看该部门”，即可查看该部门历年的支出结构。</Empty>
        ) : !history || history.years.length === 0 ? (
          <Empty>库中没有该部门的报告。</Empty>
        ) : (
          <>
            {history.years.length === 1 ? <p className="mb-2 text-sm text-gray-600">库中只有该部门 {history.years[0].year} 年一份报告，暂无历年变化可比。</p> : null}
            <Bars
              data={history.years.filter((y) => y.basic !== undefined && y.project !== undefined).map((y) => ({ 年度: String(y.year), 基本支出: Number(y.basic), 项目支出: Number(y.project) }))}
              index="年度"
              categories={["基本支出", "项目支出"]}
              stack
            />
            <div className="mt-3 overflow-x-auto">
              <table className="sticky-first w-full min-w-[760px] border-collapse text-sm">
                <thead>
                  <tr className="border-b bg-gray-100 text-left">
                    <th className="p-1.5">年度</th><th className="num p-1.5">本年支出合计</th><th className="num p-1.5">基本支出</th><th className="num p-1.5">项目支出</th>
                    <th className="num p-1.5">项目支出占比</th><th className="num p-1.5">人员经费</th><th className="num p-1.5">公用经费</th><th className="num p-1.5">人员经费占比</th>
                  </tr>
                </thead>
                <tbody>
                  {history.years.map((y) => (
                    <tr key={y.year} className={`border-b border-gray-100 ${y.year === year ? "bg-blue-50" : ""}`}>
                      <td className="p-1.5">{y.year}<SyntheticBadge synthetic={y.synthetic} /></td>
                      <td className="num p-1.5"><Wan v={y.expenditureTotal} /></td>
                      <td className="num p-1.5"><Wan v={y.basic} /></td>
                      <td className="num p-1.5"><Wan v={y.project} /></td>
                      <td className="num p-1.5"><Pct v={y.projectShare} /></td>
                      <td className="num p-1.5"><Wan v={y.personnel} /></td>
                      <td className="num p-1.5"><Wan v={y.public} /></td>
                      <td className="num p-1.5"><Pct v={y.personnelShare} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {history.classes.length ? (
              <div className="mt-3 overflow-x-auto">
                <table className="sticky-first w-full min-w-[640px] border-collapse text-sm">
                  <thead>
                    <tr className="border-b bg-gray-100 text-left">
                      <th className="p-1.5">类（本年支出合计，万元 / 占比）</th>
                      {history.years.map((y) => <th key={y.year} className="num p-1.5">{y.year}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {history.classes.map((c) => (
                      <tr key={c.code} className="border-b border-gray-100">
                        <td className="p-1.5"><span className="mr-1 font-mono text-xs text-gray-500">{c.code}</span>{c.name}</td>
                        {history.years.map((y) => (
                          <td key={y.year} className="num p-1.5">
                            <Wan v={c.byYear[y.year]?.amount} />
                            {c.byYear[y.year]?.share ? <span className="ml-1 text-xs text-gray-500">{c.byYear[y.year]?.share}%</span> : null}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </>
        )}
      </Section>
    </div>
  );
}
