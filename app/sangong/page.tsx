import Link from "next/link";
import { resolveYear } from "@/db/queries/figures";
import { getSangongCategories, getSangongDepartment, getSangongDepartmentsPage, getSangongSummary, getSangongYears, type SangongDepartment } from "@/db/queries/sangong";
import { parseParams, sangongParamsSchema, type RawParams } from "@/lib/filters";
import { shareOf } from "@/lib/metrics/dashboard";
import { D } from "@/lib/money/decimal";
import { formatChange } from "@/lib/money/format";
import { Bars, Lines, ReferenceBars } from "../_components/charts/charts";
import { Pager } from "../_components/pager";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { CsvLink, Empty, PageHeader, Pct, Section, SyntheticBadge, Wan, YearPicker, hrefWith, NoReports } from "../_components/ui";
import { TrendPanelNote } from "../_components/trend-panel-note";
import { withDemoChoice } from "../_lib/demo-city";
import { getTrendPanel } from "@/db/queries/trend-panel";

export const dynamic = "force-dynamic";
export const metadata = { title: "三公经费" };

const PAGE = 50;
/** bars drawn: the largest 三公 spenders (the table and the CSV list every department) */
const TOP = 15;

export default async function SangongPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(sangongParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  const synthetic = sp.synthetic ? "1" : undefined;
  if (year === undefined) {
    return <NoReports title="“三公”经费" purpose="分析“三公”经费" synthetic={sp.synthetic} path="/sangong" />;
  }
  const f = { year, synthetic: sp.synthetic, dept: sp.dept };
  const [cats, { panel, series }, summary, pinned] = await Promise.all([
    getSangongCategories(f),
    // every year sums the same departments: those disclosing 三公 in each year of the run drawn
    getTrendPanel(f, ["sangongFinal"]).then(async (panel) => ({ panel, series: await getSangongYears(f, { years: panel.years, ids: panel.included.map((d) => d.id) }) })),
    getSangongSummary(f),
    sp.dept ? getSangongDepartment(f, sp.dept) : Promise.resolve(undefined),
  ]);
  const deptPage = await getSangongDepartmentsPage(f, { page: sp.page, pageSize: PAGE }, summary.departments);
  // the department looked at leads both tables, then the page of the ranking
  const depts: (SangongDepartment & { pinned?: boolean })[] = pinned ? [{ ...pinned, pinned: true }, ...deptPage.rows] : deptPage.rows;
  const top = (deptPage.page === 1 ? deptPage.rows : (await getSangongDepartmentsPage(f, { page: 1, pageSize: TOP }, summary.departments)).rows).slice(0, TOP);

  const keep = { year, synthetic, dept: sp.dept };
  const href = (over: Partial<Record<keyof typeof keep | "page", string | number | undefined>>) => hrefWith("/sangong", { ...keep, ...over });
  const pageHref = (anchor: string) => (n: number) => `${href({ page: n > 1 ? n : undefined })}#${anchor}`;
  const deptName = pinned?.department;
  const scope = sp.dept ? (deptName ?? `部门 ${sp.dept}`) : `全部 ${cats.reports} 个部门`;
  const total = cats.categories.find((c) => c.key === "Total");
  const parts = cats.categories.filter((c) => c.key !== "Total");
  const { changeSum, priorSum } = summary;
  const ranked = top.filter((d) => d.final !== undefined);
  const rest = summary.withFinal - ranked.length;
  const restSum = rest > 0 && summary.finalSum !== undefined ? ranked.reduce((a, d) => a.minus(d.final!), new D(summary.finalSum)).toFixed() : undefined;

  return (
    <div>
      <PageHeader title={`${year} 年度“三公”经费`} subtitle="因公出国（境）费、公务用车购置及运行维护费、公务接待费：预算与决算、历年走势、单位成本与部门对比。">
        <YearPicker years={years} current={year} path="/sangong" params={{ ...keep, year: undefined }} />
        <SyntheticToggle path="/sangong" synthetic={sp.synthetic} params={{ ...keep, synthetic: undefined }} />
      </PageHeader>

      {sp.dept ? (
        <p className="mb-4 rounded border border-blue-200 bg-blue-50 p-2 text-sm text-blue-900">
          只看：<b>{scope}</b>
          {deptName ? null : `（${year} 年度没有该部门的报告）`} · <Link className="text-blue-700 underline" href={href({ dept: undefined })}>看全部部门</Link> ·{" "}
          <Link className="text-blue-700 underline" href={`/departments/${sp.dept}?year=${year}`}>部门页</Link>
        </p>
      ) : null}

      <section className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Card label={`决算合计（${sp.dept ? "该部门" : "全部部门"}）`} value={total?.final ? <><Wan v={total.final} /><span className="ml-1 text-xs font-normal text-gray-500">万元</span></> : "—"} sub={`${cats.reportsWithTable} 份报告有公开09表`} />
        <Card label="预算合计" value={total?.budget ? <><Wan v={total.budget} /><span className="ml-1 text-xs font-normal text-gray-500">万元</span></> : "—"} />
        <Card label="决算 ÷ 预算" value={<Pct v={total?.rate} />} />
        <Card
          label="比上年（同一批部门）"
          value={changeSum === undefined ? "—" : <>{formatChange(changeSum)}<span className="ml-1 text-xs font-normal text-gray-500">万元</span></>}
          sub={summary.compared ? `${summary.compared} 个部门两年都有，其中 ${summary.up} 个增加${priorSum ? `；增减 ${pctText(shareOf(changeSum, priorSum))}` : ""}` : `库中没有 ${year - 1} 年可比的报告`}
          tone={changeSum !== undefined && new D(changeSum).gt(0) ? "bad" : undefined}
        />
      </section>

      <Section
        title={`分类：预算与决算（${scope}）`}
        actions={<CsvLink dataset="sangong-categories" params={keep} />}
        note="来源：公开09表 财政拨款“三公”经费支出决算表的预算数与决算数，按部门相加。预算数为全年预算数；“—”表示表中该栏留空（常见于当年没有购车的部门），不等于零——情况说明另有所述时，下方历年表采用其数字。"
      >
        {cats.reportsWithTable === 0 ? (
          <Empty>{year} 年度{sp.dept ? "该部门" : "各部门"}没有可读的公开09表。</Empty>
        ) : (
          <div className="grid gap-4 lg:grid-cols-2">
            <Bars
              data={parts.map((c) => ({ 类别: c.label, 预算数: c.budget === undefined ? null : Number(c.budget), 决算数: c.final === undefined ? null : Number(c.final) }))}
              index="类别"
              categories={["预算数", "决算数"]}
            />
            <div className="overflow-x-auto">
              <table className="sticky-first w-full min-w-[420px] border-collapse text-sm">
                <thead>
                  <tr className="border-b bg-gray-100 text-left">
                    <th className="p-1.5">类别</th><th className="num p-1.5">预算数</th><th className="num p-1.5">决算数</th><th className="num p-1.5" title="决算数 ÷ 预算数 × 100">决算÷预算</th>
                  </tr>
                </thead>
                <tbody>
                  {cats.categories.map((c) => (
                    <tr key={c.key} className={`border-b border-gray-100 ${c.key === "Total" ? "font-semibold" : ""}`}>
                      <td className="p-1.5">{c.label}</td>
                      <td className="num p-1.5"><Wan v={c.budget} /></td>
                      <td className="num p-1.5"><Wan v={c.final} /></td>
                      <td className="num p-1.5"><Pct v={c.rate} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-1 text-xs text-gray-500">金额单位：万元。</p>
            </div>
          </div>
        )}
      </Section>

      <Section
        title={`历年走势（${sp.dept ? scope : "全部部门"}）`}
        actions={<CsvLink dataset="sangong-years" params={keep} />}
        note="各年取各部门当年最新一版报告的公开09表决算数（表缺失时取情况说明所述），只加每年都披露的同一批部门，变化不因部门进出而来。"
      >
        {!sp.dept ? <TrendPanelNote panel={panel} figure="“三公”经费决算" /> : null}
        {series.length === 0 ? (
          sp.dept ? <Empty>该部门没有两个以上年度的“三公”经费决算。</Empty> : null
        ) : (
          <>
            <Lines
              data={series.map((s) => ({
                年度: String(s.year),
                决算合计: num(s.final),
                因公出国: num(s.abroad),
                公车购置: num(s.vehiclePurchase),
                公车运行: num(s.vehicleOperation),
                公务接待: num(s.reception),
              }))}
              index="年度"
              categories={["决算合计", "因公出国", "公车购置", "公车运行", "公务接待"]}
            />
            <div className="mt-3 overflow-x-auto">
              <table className="sticky-first w-full min-w-[760px] border-collapse text-sm">
                <thead>
                  <tr className="border-b bg-gray-100 text-left">
                    <th className="p-1.5">年度</th><th className="num p-1.5">披露部门</th><th className="num p-1.5">预算数</th><th className="num p-1.5">决算数</th>
                    <th className="num p-1.5">因公出国（境）</th><th className="num p-1.5">公车购置</th><th className="num p-1.5">公车运行维护</th><th className="num p-1.5">公务接待</th>
                  </tr>
                </thead>
                <tbody>
                  {series.map((s) => (
                    <tr key={s.year} className={`border-b border-gray-100 ${s.year === year ? "bg-blue-50" : ""}`}>
                      <td className="p-1.5"><Link className="text-blue-700 hover:underline" href={href({ year: s.year })}>{s.year}</Link></td>
                      <td className="num p-1.5">{s.departments}</td>
                      <td className="num p-1.5"><Wan v={s.budget} /></td>
                      <td className="num p-1.5"><Wan v={s.final} /></td>
                      <td className="num p-1.5"><Wan v={s.abroad} /></td>
                      <td className="num p-1.5"><Wan v={s.vehiclePurchase} /></td>
                      <td className="num p-1.5"><Wan v={s.vehicleOperation} /></td>
                      <td className="num p-1.5"><Wan v={s.reception} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-1 text-xs text-gray-500">金额单位：万元。</p>
            </div>
          </>
        )}
      </Section>

      <Section
        id="departments"
        title="各部门对比"
        actions={<CsvLink dataset="sangong-departments" params={keep} />}
        note={`决算数来源：公开09表决算数合计；上年为库中 ${year - 1} 年同一部门的报告，没有则为“—”。增减 = 本年决算 − 上年决算；增加的标红。按决算数由大到小排列，未披露的在最后；${summary.departments > PAGE ? `表格每页 ${PAGE} 个部门，全部部门见 CSV。` : ""}点击部门名只看该部门。`}
      >
        {summary.departments === 0 ? (
          <Empty>{year} 年度没有报告。</Empty>
        ) : (
          <>
            {ranked.length ? (
              <ReferenceBars
                label={rest > 0 ? `“三公”经费决算最多的 ${ranked.length} 个部门` : "各部门“三公”经费决算"}
                rows={ranked.map((d) => ({
                  label: d.department,
                  value: Number(d.final),
                  display: new D(d.final!).toFixed(2),
                  href: href({ dept: d.departmentId }),
                  tone: d.change === undefined ? "neutral" : new D(d.change).gt(0) ? "bad" : "good",
                  note: `${d.department}：决算 ${d.final} 万元${d.priorFinal ? `，上年 ${d.priorFinal} 万元` : ""}`,
                }))}
              />
            ) : (
              <Empty>没有部门披露“三公”经费决算数。</Empty>
            )}
            <p className="mt-1 text-xs text-gray-500">
              单位：万元。红色：比上年增加；绿色：持平或减少；蓝色：库中没有上年报告可比。
              {rest > 0 ? `图中只画决算最多的 ${ranked.length} 个部门；其余 ${rest} 个部门合计 ${restSum ?? "—"} 万元，见下表。` : ""}
              {summary.departments > summary.withFinal ? `${summary.departments - summary.withFinal} 个部门未披露决算数，未画出，列在表格最后。` : ""}
            </p>
            <div className="mt-4 overflow-x-auto">
              <Pager page={deptPage.page} pageSize={PAGE} total={deptPage.total} href={pageHref("departments")} />
              <table className="sticky-first w-full min-w-[960px] border-collapse text-sm">
                <thead>
                  <tr className="border-b bg-gray-100 text-left">
                    <th className="min-w-[9rem] p-1.5">部门</th><th className="num p-1.5">决算数</th><th className="num p-1.5">增减率</th><th className="num p-1.5">决算÷预算</th>
                    <th className="num p-1.5">预算数</th><th className="num p-1.5">上年决算</th><th className="num p-1.5">增减</th>
                    <th className="num p-1.5">因公出国</th><th className="num p-1.5">公车购置</th><th className="num p-1.5">公车运行</th><th className="num p-1.5">公务接待</th>
                  </tr>
                </thead>
                <tbody>
                  {depts.map((d) => {
                    const upRow = d.change !== undefined && new D(d.change).gt(0);
                    return (
                      <tr key={`${d.pinned ? "pinned-" : ""}${d.departmentId}`} className={`border-b border-gray-100 ${d.departmentId === sp.dept ? "bg-blue-50" : ""}`}>
                        <td className="p-1.5">
                          {d.pinned ? <span className="mr-1 rounded bg-blue-100 px-1 text-xs text-blue-800">所选部门</span> : null}
                          <Link className="text-blue-700 hover:underline" href={href({ dept: d.departmentId })}>{d.department}</Link>
                          <SyntheticBadge synthetic={d.synthetic} />
                        </td>
                        <td className="num p-1.5"><Wan v={d.final} /></td>
                        <td className={`num p-1.5 ${upRow ? "text-rose-700" : ""}`}><Pct v={d.changePct} /></td>
                        <td className="num p-1.5"><Pct v={d.rate} /></td>
                        <td className="num p-1.5"><Wan v={d.budget} /></td>
                        <td className="num p-1.5"><Wan v={d.priorFinal} /></td>
                        <td className={`num p-1.5 ${upRow ? "font-semibold text-rose-700" : ""}`}>{d.change === undefined ? <span className="text-gray-400">—</span> : formatChange(d.change)}</td>
                        <td className="num p-1.5"><Wan v={d.abroad} /></td>
                        <td className="num p-1.5"><Wan v={d.vehiclePurchase} /></td>
                        <td className="num p-1.5"><Wan v={d.vehicleOperation} /></td>
                        <td className="num p-1.5"><Wan v={d.reception} /></td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <Pager page={deptPage.page} pageSize={PAGE} total={deptPage.total} href={pageHref("departments")} />
              <p className="mt-1 text-xs text-gray-500">金额单位：万元。“—”表示未披露或没有上年报告，不等于零。</p>
            </div>
          </>
        )}
      </Section>

      <Section
        id="unit-costs"
        title="单位成本"
        actions={<CsvLink dataset="sangong-departments" params={keep} />}
        note="接待人均 = 公务接待费决算 × 10000 ÷ 接待人次（元/人，国内与外事接待合计）；每车运行维护 = 公务用车运行维护费 ÷ 公务用车保有量（万元/辆）；出国人均 = 因公出国（境）费 ÷ 出国人次（万元/人）。人次、车辆数取自情况说明“三公”经费部分；人次或车辆为 0 或未披露时无法计算，显示“—”。"
      >
        {summary.departments === 0 ? (
          <Empty>{year} 年度没有报告。</Empty>
        ) : (
          <div className="overflow-x-auto">
            {summary.departments > PAGE ? <p className="mb-1 text-xs text-gray-500">与上表同一页的部门（按决算数由大到小）。</p> : null}
            <Pager page={deptPage.page} pageSize={PAGE} total={deptPage.total} href={pageHref("unit-costs")} />
            <table className="sticky-first w-full min-w-[900px] border-collapse text-sm">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  <th className="min-w-[9rem] p-1.5">部门</th>
                  <th className="num p-1.5">接待批次</th><th className="num p-1.5">接待人次</th><th className="num p-1.5">接待人均（元）</th>
                  <th className="num p-1.5">保有车辆</th><th className="num p-1.5">购置车辆</th><th className="num p-1.5">每车运行维护（万元）</th>
                  <th className="num p-1.5">出国团组</th><th className="num p-1.5">出国人次</th><th className="num p-1.5">出国人均（万元）</th>
                </tr>
              </thead>
              <tbody>
                {depts.map((d) => (
                  <tr key={`${d.pinned ? "pinned-" : ""}${d.departmentId}`} className={`border-b border-gray-100 ${d.departmentId === sp.dept ? "bg-blue-50" : ""}`}>
                    <td className="p-1.5">
                      {d.pinned ? <span className="mr-1 rounded bg-blue-100 px-1 text-xs text-blue-800">所选部门</span> : null}
                      <Link className="text-blue-700 hover:underline" href={href({ dept: d.departmentId })}>{d.department}</Link>
                      <SyntheticBadge synthetic={d.synthetic} />
                    </td>
                    <td className="num p-1.5">{d.receptionBatches ?? "—"}</td>
                    <td className="num p-1.5">{d.receptionPersons ?? "—"}</td>
                    <td className="num p-1.5"><Wan v={d.receptionPerPersonYuan} /></td>
                    <td className="num p-1.5">{d.vehiclesKept ?? "—"}</td>
                    <td className="num p-1.5">{d.vehiclesPurchased ?? "—"}</td>
                    <td className="num p-1.5"><Wan v={d.operationPerVehicle} /></td>
                    <td className="num p-1.5">{d.abroadGroups ?? "—"}</td>
                    <td className="num p-1.5">{d.abroadPersons ?? "—"}</td>
                    <td className="num p-1.5"><Wan v={d.abroadPerPerson} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}

const num = (v: string | undefined) => (v === undefined ? null : Number(v));

function pctText(v: string | undefined) {
  return v === undefined ? "—" : `${new D(v).isNeg() ? "" : "+"}${v}%`;
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
