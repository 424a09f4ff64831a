import Link from "next/link";
import { resolveYear } from "@/db/queries/figures";
import { getProcurementDepartment, getProcurementDepartmentsPage, getProcurementSummary, getProcurementYears, type ProcurementRow } from "@/db/queries/procurement";
import { formatChange } from "@/lib/money/format";
import { parseParams, procurementParamsSchema, type RawParams } from "@/lib/filters";
import { PEER_GROUP, SME_SHARE } from "@/lib/metrics/policy";
import { Bars, Lines } from "../_components/charts/charts";
import { Pager } from "../_components/pager";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { CsvLink, Empty, PageHeader, Pct, Section, SyntheticBadge, Wan, YearPicker, hrefWith, NoReports } from "../_components/ui";
import { TrendPanelNote } from "../_components/trend-panel-note";
import { withDemoChoice } from "../_lib/demo-city";
import { getTrendPanel } from "@/db/queries/trend-panel";

export const dynamic = "force-dynamic";
export const metadata = { title: "政府采购" };

const PRESETS = [30, 40, 50, 60];
const PANEL_KEYS = ["procurementTotal", "procurementSme"];
const PAGE = 50;

export default async function ProcurementPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(procurementParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  const synthetic = sp.synthetic ? "1" : undefined;
  if (year === undefined) {
    return <NoReports title="政府采购" purpose="分析政府采购" synthetic={sp.synthetic} path="/procurement" />;
  }
  const f = { year, synthetic: sp.synthetic, reference: sp.reference, dept: sp.dept };
  const city = { ...f, dept: undefined };
  const [summary, citySeries, { panel, panelSeries }, deptSeries, pinned] = await Promise.all([
    getProcurementSummary(f),
    getProcurementYears(city),
    // the trend sums the same departments every year: those stating both the total and the SME amount in each year drawn
    getTrendPanel(city, PANEL_KEYS).then(async (panel) => ({ panel, panelSeries: await getProcurementYears(city, { years: panel.years, ids: panel.included.map((d) => d.id) }) })),
    sp.dept ? getProcurementYears(f) : Promise.resolve(undefined),
    sp.dept ? getProcurementDepartment(f, sp.dept) : Promise.resolve(undefined),
  ]);
  const deptPage = await getProcurementDepartmentsPage(f, { page: sp.page, pageSize: PAGE }, summary.departments);
  // the department looked at leads the table, then the page of the ranking (where it may appear again, highlighted)
  const depts: (ProcurementRow & { pinned?: boolean })[] = pinned ? [{ ...pinned, pinned: true }, ...deptPage.rows] : deptPage.rows;
  const series = deptSeries ?? panelSeries;

  const keep = { year, synthetic, reference: sp.reference === SME_SHARE.reference ? undefined : sp.reference, dept: sp.dept };
  const href = (over: Partial<Record<keyof typeof keep | "page", string | number | undefined>>) => hrefWith("/procurement", { ...keep, ...over });
  const pageHref = (n: number) => `${href({ page: n > 1 ? n : undefined })}#departments`;
  const withoutCount = summary.departments - summary.withShare;
  const thisYear = citySeries.find((s) => s.year === year);
  const cityView = !sp.dept;
  // a median of the trend's departments only when there are enough of them to be a benchmark
  const medianShown = cityView && panel.included.length >= PEER_GROUP.minPeers;
  const deptName = pinned?.department;

  return (
    <div>
      <PageHeader title={`${year} 年度政府采购`} subtitle="货物、工程、服务的采购规模，以及授予中小企业、小微企业的份额是否达到政策参考线。">
        <YearPicker years={years} current={year} path="/procurement" params={{ ...keep, year: undefined }} />
        <SyntheticToggle path="/procurement" synthetic={sp.synthetic} params={{ ...keep, synthetic: undefined }} />
      </PageHeader>

      <div className="no-print mb-4 flex flex-wrap items-center gap-1 text-sm">
        <span className="text-gray-500">中小企业份额参考线</span>
        {PRESETS.map((r) => (
          <Link
            key={r}
            href={href({ reference: r === SME_SHARE.reference ? undefined : r })}
            className={`rounded px-2 py-0.5 ${r === sp.reference ? "bg-blue-600 text-white" : "border border-gray-300 text-gray-700 hover:bg-gray-50"}`}
          >
            {r}%
          </Link>
        ))}
        {PRESETS.includes(sp.reference) ? null : <span className="rounded bg-blue-600 px-2 py-0.5 text-white">{sp.reference}%</span>}
        <span className="text-xs text-gray-500">（可在网址中设置 reference）</span>
      </div>

      <section className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Card label="政府采购支出合计" value={thisYear?.total ? <><Wan v={thisYear.total} /><span className="ml-1 text-xs font-normal text-gray-500">万元</span></> : "—"} sub={`${thisYear?.departments ?? 0} 个部门披露`} />
        <Card label="授予中小企业（加权份额）" value={<Pct v={thisYear?.smeShare} />} sub="Σ中小企业 ÷ Σ采购总额" />
        {summary.withShare >= PEER_GROUP.minPeers ? (
          <Card label="部门份额中位数" value={<Pct v={thisYear?.medianSmeShare} />} />
        ) : (
          <Card label="部门份额中位数" value="不列" sub={`披露份额的部门不足 ${PEER_GROUP.minPeers} 个，中位数不作基准`} />
        )}
        <Card label={`低于 ${sp.reference}% 的部门`} value={`${summary.below} 个`} sub={withoutCount ? `${withoutCount} 个部门未披露份额` : undefined} tone={summary.below ? "bad" : undefined} />
      </section>

      <Section
        id="departments"
        title="中小企业份额排名（由低到高）"
        actions={<CsvLink dataset="procurement" params={keep} />}
        note={`份额 = 授予中小企业合同金额 ÷ 政府采购支出总额 × 100，以文件所述为准，文件未述时复算（标“复算”）。来源：情况说明“政府采购支出情况”。图为各份额区间的部门数，低于参考线 ${sp.reference}% 的区间标红；表格按份额由低到高列出每个部门（每页 ${PAGE} 个，未披露份额的在最后），全部部门见 CSV。`}
      >
        {summary.departments === 0 ? (
          <Empty>{year} 年度没有报告。</Empty>
        ) : summary.withShare === 0 ? (
          <Empty>{year} 年度没有部门披露授予中小企业的份额。</Empty>
        ) : (
          <>
            <h3 className="mb-1 text-sm font-semibold text-gray-800">
              各份额区间的部门数（{summary.withShare} 个部门披露份额，其中 <span className={summary.below ? "text-rose-700" : ""}>{summary.below} 个</span>低于参考线 {sp.reference}%）
            </h3>
            <Bars
              data={summary.bands.map((b) => {
                const under = b.to !== undefined && b.to <= sp.reference;
                const straddles = !under && b.from < sp.reference;
                return { 区间: b.label, [under ? "低于参考线" : straddles ? "含参考线的区间" : "达到参考线"]: b.departments };
              })}
              index="区间"
              categories={["低于参考线", "含参考线的区间", "达到参考线"]}
              colors={["rose", "amber", "emerald"]}
              unit="count"
              stack
            />
          </>
        )}
        {withoutCount ? <p className="mt-2 text-xs text-gray-500">{withoutCount} 个部门未披露中小企业份额，未计入分布，列在表格最后。</p> : null}
        {summary.departments ? (
          <div className="mt-4 overflow-x-auto">
            <Pager page={deptPage.page} pageSize={PAGE} total={deptPage.total} href={pageHref} />
            <table className="sticky-first w-full min-w-[1000px] border-collapse text-sm">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  <th className="min-w-[9rem] p-1.5">部门</th>
                  <th className="num p-1.5">中小企业份额</th>
                  <th className="num p-1.5">采购总额</th>
                  <th className="num p-1.5">货物</th>
                  <th className="num p-1.5">工程</th>
                  <th className="num p-1.5">服务</th>
                  <th className="num p-1.5">授予中小企业</th>
                  <th className="num p-1.5">其中小微企业</th>
                  <th className="num p-1.5">小微企业份额</th>
                  <th className="num p-1.5" title={`${year - 1} 年同一部门的中小企业份额`}>上年份额</th>
                  <th className="num p-1.5" title="本年份额 − 上年份额">变化（百分点）</th>
                </tr>
              </thead>
              <tbody>
                {depts.map((d) => (
                  <tr key={`${d.pinned ? "pinned-" : ""}${d.departmentId}`} className={`border-b border-gray-100 ${d.below ? "bg-rose-50" : ""} ${d.departmentId === sp.dept ? "outline outline-2 outline-blue-400" : ""}`}>
                    <td className="p-1.5">
                      {d.pinned ? <span className="mr-1 rounded bg-blue-100 px-1 text-xs text-blue-800">所选部门</span> : null}
                      <Link className="text-blue-700 hover:underline" href={href({ dept: d.departmentId })} title="查看该部门历年">{d.department}</Link>
                      <SyntheticBadge synthetic={d.synthetic} />
                    </td>
                    <td className={`num p-1.5 ${d.below ? "font-semibold text-rose-700" : ""}`}>
                      <Pct v={d.smeShare} />
                      {d.smeShare !== undefined && !d.smeShareStated ? <span className="ml-1 text-xs font-normal text-gray-500">复算</span> : null}
                    </td>
                    <td className="num p-1.5"><Wan v={d.total} /></td>
                    <td className="num p-1.5"><Wan v={d.goods} /></td>
                    <td className="num p-1.5"><Wan v={d.works} /></td>
                    <td className="num p-1.5"><Wan v={d.services} /></td>
                    <td className="num p-1.5"><Wan v={d.sme} /></td>
                    <td className="num p-1.5"><Wan v={d.smallMicro} /></td>
                    <td className="num p-1.5"><Pct v={d.smallMicroShare} /></td>
                    <td className="num p-1.5"><Pct v={d.priorSmeShare} /></td>
                    <td className="num p-1.5">{d.change === undefined ? <span className="text-gray-400">—</span> : formatChange(d.change)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={deptPage.page} pageSize={PAGE} total={deptPage.total} href={pageHref} />
            <p className="mt-1 text-xs text-gray-500">金额单位：万元。“—”表示文件未披露（或上年没有该部门的报告），不等于零。点击部门名查看其历年。</p>
          </div>
        ) : null}
      </Section>

      <Section
        title={sp.dept ? `${deptName ?? `部门 ${sp.dept}`}：历年政府采购` : "历年政府采购（全部部门）"}
        actions={
          <>
            {sp.dept ? <Link className="text-xs text-blue-700 hover:underline" href={href({ dept: undefined })}>看全部部门</Link> : null}
            <CsvLink dataset="procurement-years" params={keep} />
          </>
        }
        note="加权份额 = Σ授予中小企业 ÷ Σ采购总额（只计两项都披露的部门），不受小部门左右；中位数为各部门份额的中位数。全部部门的走势只加每年都披露采购总额和授予中小企业金额的同一批部门，变化不因部门进出而来。"
      >
        {cityView ? <TrendPanelNote panel={panel} figure="政府采购总额和授予中小企业金额" /> : null}
        {series.length === 0 ? (
          sp.dept ? <Empty>库中没有该部门的报告。</Empty> : null
        ) : (
          <>
            {series.length === 1 ? <p className="mb-2 text-sm text-gray-600">库中只有 {series[0].year} 年的数据，暂无历年变化可比。</p> : null}
            <div className="grid gap-4 lg:grid-cols-2">
              <div>
                <h3 className="mb-1 text-sm font-semibold text-gray-800">份额（%）</h3>
                <Lines
                  data={series.map((s) => ({
                    年度: String(s.year),
                    中小企业份额: s.smeShare === undefined ? null : Number(s.smeShare),
                    小微企业份额: s.smallMicroShare === undefined ? null : Number(s.smallMicroShare),
                    ...(medianShown ? { 部门份额中位数: s.medianSmeShare === undefined ? null : Number(s.medianSmeShare) } : {}),
                    参考线: sp.reference,
                  }))}
                  index="年度"
                  categories={["中小企业份额", "小微企业份额", ...(medianShown ? ["部门份额中位数"] : []), "参考线"]}
                  unit="percent"
                />
              </div>
              <div>
                <h3 className="mb-1 text-sm font-semibold text-gray-800">采购构成（万元）</h3>
                <Bars
                  data={series.map((s) => ({ 年度: String(s.year), 货物: num(s.goods), 工程: num(s.works), 服务: num(s.services) }))}
                  index="年度"
                  categories={["货物", "工程", "服务"]}
                  stack
                />
              </div>
            </div>
            <div className="mt-3 overflow-x-auto">
              <table className="sticky-first w-full min-w-[900px] border-collapse text-sm">
                <thead>
                  <tr className="border-b bg-gray-100 text-left">
                    <th className="p-1.5">年度</th><th className="num p-1.5">披露部门</th><th className="num p-1.5">采购总额</th><th className="num p-1.5">货物</th><th className="num p-1.5">工程</th>
                    <th className="num p-1.5">服务</th><th className="num p-1.5">授予中小企业</th><th className="num p-1.5">中小企业份额</th><th className="num p-1.5">小微企业份额</th>
                    <th className="num p-1.5">部门份额中位数</th><th className="num p-1.5">低于参考线</th>
                  </tr>
                </thead>
                <tbody>
                  {series.map((s) => (
                    <tr key={s.year} className={`border-b border-gray-100 ${s.year === year ? "bg-blue-50" : ""}`}>
                      <td className="p-1.5"><Link className="text-blue-700 hover:underline" href={href({ year: s.year })}>{s.year}</Link></td>
                      <td className="num p-1.5">{s.departments}</td>
                      <td className="num p-1.5"><Wan v={s.total} /></td>
                      <td className="num p-1.5"><Wan v={s.goods} /></td>
                      <td className="num p-1.5"><Wan v={s.works} /></td>
                      <td className="num p-1.5"><Wan v={s.services} /></td>
                      <td className="num p-1.5"><Wan v={s.sme} /></td>
                      <td className="num p-1.5"><Pct v={s.smeShare} /></td>
                      <td className="num p-1.5"><Pct v={s.smallMicroShare} /></td>
                      <td className="num p-1.5">{medianShown ? <Pct v={s.medianSmeShare} /> : <span className="text-gray-400" title={`不足 ${PEER_GROUP.minPeers} 个部门，不列中位数`}>—</span>}</td>
                      <td className={`num p-1.5 ${s.below ? "text-rose-700" : ""}`}>{s.below}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-1 text-xs text-gray-500">金额单位：万元。</p>
            </div>
          </>
        )}
      </Section>
    </div>
  );
}

// Charts need numbers; a category the documents leave blank is drawn as a gap, never as zero.
const num = (v: string | undefined) => (v === undefined ? null : Number(v));

function Card({ label, value, sub, tone }: { label: string; value: React.ReactNode; sub?: string; tone?: "bad" }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white p-3 shadow-sm">
      <div className="text-xs text-gray-500">{label}</div>
      <div className={`mt-1 text-lg font-semibold tabular-nums ${tone === "bad" ? "text-rose-700" : ""}`}>{value}</div>
      {sub ? <div className="mt-0.5 text-xs text-gray-500">{sub}</div> : null}
    </div>
  );
}
