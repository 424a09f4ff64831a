import Link from "next/link";
import { getBenchmarkPage } from "@/db/queries/benchmark";
import { resolveYear } from "@/db/queries/figures";
import { BENCHMARK_METRICS, BENCHMARK_SCOPES, benchmarkParamsSchema, parseParams, SIZE_BANDS, type BenchmarkMetric, type RawParams } from "@/lib/filters";
import { METRIC_DEFS, type MetricDef } from "@/lib/metrics/benchmark";
import { EXECUTION_TARGET, PEER_GROUP, POLICY_TEXT, executionBand } from "@/lib/metrics/policy";
import { D } from "@/lib/money/decimal";
import { formatChange, formatPercent, formatWanyuan } from "@/lib/money/format";
import { ReferenceBars } from "../_components/charts/charts";
import { Pager } from "../_components/pager";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { CsvLink, Empty, PageHeader, Section, SyntheticBadge, Wan, YearPicker, hrefWith, NoReports } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";

export const dynamic = "force-dynamic";
export const metadata = { title: "对标" };

const PAGE_SIZE = 50;
const EXTREMES = 10;

const BAND_SHORT = { small: `小（${SIZE_BANDS.small}）`, medium: `中（${SIZE_BANDS.medium}）`, large: `大（${SIZE_BANDS.large}）` } as const;

export default async function BenchmarkPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(benchmarkParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  const synthetic = sp.synthetic ? "1" : undefined;
  if (year === undefined) {
    return <NoReports title="对标" purpose="对标" synthetic={sp.synthetic} path="/benchmark" />;
  }
  const vs = sp.vs !== undefined && sp.vs !== year && years.includes(sp.vs) ? sp.vs : undefined;
  const b = await getBenchmarkPage({ year, synthetic: sp.synthetic, metric: sp.metric, size: sp.size, scope: sp.scope, vs }, { page: sp.page, pageSize: PAGE_SIZE, extremes: EXTREMES, dept: sp.dept });

  const keep = { year, synthetic, metric: sp.metric === "executionRate" ? undefined : sp.metric, size: sp.size === "all" ? undefined : sp.size, scope: sp.scope === "department" ? undefined : sp.scope, vs };
  const scopeText = BENCHMARK_SCOPES[sp.scope];
  const execution = sp.metric === "executionRate";
  const href = (over: Partial<Record<keyof typeof keep | "page", string | number | undefined>>) => hrefWith("/benchmark", { ...keep, ...over });
  const def = METRIC_DEFS[sp.metric];
  const change = b.mode === "change";
  const fmt = (v: string | undefined) => show(v, def.unit, false);
  const fmtValue = (v: string | undefined) => show(v, def.unit, change);
  // the chart: the highest and the lowest of the peer group around the median line, never one bar per department
  const chartRows = [...b.top, ...b.bottom];
  const gap = b.bottom.length > 0 && b.top.length > 0 && b.bottom[0].rank! - b.top[b.top.length - 1].rank! > 1;
  // execution is drawn from 100%: a bar's length is its distance from the target, over-spending right, under left
  const centred = execution && !change;
  const offset = centred ? EXECUTION_TARGET : 0;
  const unitText = change ? (def.unit === "%" ? "百分点" : def.unit) : def.unit;

  return (
    <div>
      <PageHeader title={`${year} 年度对标`} subtitle="选一个指标，看每个部门在同类部门中的名次、百分位和与中位数的差距；也可以看两年之间的变化。">
        <YearPicker years={years} current={year} path="/benchmark" params={{ ...keep, year: undefined }} />
        <SyntheticToggle path="/benchmark" synthetic={sp.synthetic} params={{ ...keep, synthetic: undefined }} />
      </PageHeader>

      <div className="no-print mb-4 space-y-2 text-sm">
        <Chips label="指标">
          {(Object.keys(BENCHMARK_METRICS) as BenchmarkMetric[]).map((m) => (
            <Chip key={m} on={m === sp.metric} href={href({ metric: m === "executionRate" ? undefined : m })}>{BENCHMARK_METRICS[m]}</Chip>
          ))}
        </Chips>
        <Chips label="口径">
          {(Object.keys(BENCHMARK_SCOPES) as (keyof typeof BENCHMARK_SCOPES)[]).map((s) => (
            <Chip key={s} on={s === sp.scope} href={href({ scope: s === "department" ? undefined : s, page: undefined })}>{BENCHMARK_SCOPES[s]}</Chip>
          ))}
        </Chips>
        <Chips label="规模">
          {(Object.keys(SIZE_BANDS) as (keyof typeof SIZE_BANDS)[]).map((s) => (
            <Chip key={s} on={s === sp.size} href={href({ size: s === "all" ? undefined : s })}>{SIZE_BANDS[s]}</Chip>
          ))}
        </Chips>
        <Chips label="比较">
          <Chip on={!vs} href={href({ vs: undefined })}>只看 {year} 年</Chip>
          {years.filter((y) => y !== year).map((y) => (
            <Chip key={y} on={vs === y} href={href({ vs: y })}>{year} 年比 {y} 年的变化</Chip>
          ))}
        </Chips>
      </div>

      <section className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Card label="参与排名" value={`${b.peers} 个`} sub={`${scopeText}，${sp.size === "all" ? "各规模" : SIZE_BANDS[sp.size]}`} />
        <Card
          label={`${change ? "变化的" : ""}同类中位数`}
          value={b.median !== undefined ? fmtValue(b.median) : "不列"}
          sub={
            sp.size === "all"
              ? "各规模档分别计算，见表中“与同类中位数之差”"
              : b.median !== undefined
                ? `单位：${unitText}`
                : `同类不足 ${PEER_GROUP.minPeers} 个，不作基准`
          }
        />
        <Card label="缺少数据" value={`${b.missing} 个`} sub={change ? `两年中任一年未披露或不在库中` : def.unit === "万元/人" ? "文件未述编制或实有人数" : "文件未披露所需数字"} />
        <Card label="未参与比较" value={`${b.otherBands + b.otherScope} 个`} sub={`其他规模 ${b.otherBands} 个；${sp.scope === "department" ? BENCHMARK_SCOPES.unit : BENCHMARK_SCOPES.department} ${b.otherScope} 个`} />
      </section>

      <Section
        title={`${BENCHMARK_METRICS[sp.metric]}${change ? `：${year} 年比 ${vs} 年的变化` : ""}`}
        actions={<CsvLink dataset="benchmark" params={keep} />}
        note={
          <>
            计算：{def.formula}；来源：{def.source}。{change ? `变化 = ${year} 年值 − ${vs} 年值（${unitText}），两年都有数据的部门才参与。` : ""}
            {execution
              ? `${POLICY_TEXT.executionRank}${change ? "（比较两年时按偏离的变化排名，偏离缩小的在前）" : ""}；百分位 = 参与排名的部门中离 ${EXECUTION_TARGET}% 不比该部门更近的比例。`
              : "名次按数值从高到低（并列同名次）；百分位 = 参与排名的部门中数值不高于该部门的比例。"}
            {POLICY_TEXT.peers}。同一部门既有部门决算又有单位决算时只取部门决算。
          </>
        }
      >
        {b.total === 0 ? (
          <Empty>{sp.size === "all" ? `${year} 年度没有报告。` : `${year} 年度没有属于“${SIZE_BANDS[sp.size]}”的部门。`}</Empty>
        ) : b.peers === 0 ? (
          <Empty>
            {def.unit === "万元/人"
              ? `同类组中没有部门的文件述及编制人数或实有人数（机构设置），无法计算人均数字；各部门列在下表，标“—”。`
              : `同类组中没有部门${change ? `在 ${year} 年和 ${vs} 年都` : ""}披露计算该指标所需的数字。`}
          </Empty>
        ) : (
          <>
          <p className="mb-1 text-xs text-gray-500">
            {b.peers > 2 * EXTREMES
              ? `${execution ? `离 ${EXECUTION_TARGET}% 最近和最远` : "最高和最低"}的各 ${EXTREMES} 个部门（共 ${b.peers} 个参与排名，全部名次见下表）。`
              : `参与排名的全部 ${b.peers} 个部门${execution ? `，离 ${EXECUTION_TARGET}% 最近的在上` : ""}。`}
          </p>
          <ReferenceBars
            label={`${BENCHMARK_METRICS[sp.metric]}：最高与最低`}
            references={[
              ...(centred ? [{ value: 0, label: `${EXECUTION_TARGET}%（按年初预算执行）：向右超支，向左未用完` }] : []),
              ...(b.median !== undefined ? [{ value: Number(b.median) - offset, label: `同类中位数 ${fmtValue(b.median)}` }] : []),
            ]}
            rows={chartRows.map((r, i) => ({
              label: `${gap && i === b.top.length ? "… " : ""}${r.rank}. ${r.department}`,
              value: Number(r.value) - offset,
              display: fmtValue(r.value),
              href: `/departments/${r.departmentId}?year=${year}`,
              // execution has a verdict (its bands); other metrics none: for some higher is better, for others worse
              tone: execution && !change ? ({ concern: "bad", watch: "neutral", good: "good" } as const)[executionBand(r.value) ?? "watch"] : "neutral",
            }))}
          />
          </>
        )}
        {b.missing ? (
          <p className="mt-2 text-xs text-gray-500">
            缺少数据、未参与排名的 {b.missing} 个部门列在表中排名之后
            {b.total > PAGE_SIZE ? (
              <>
                （从第 {Math.floor(b.peers / PAGE_SIZE) + 1} 页起，
                <Link className="text-blue-700 hover:underline" href={href({ page: Math.floor(b.peers / PAGE_SIZE) + 1 })}>查看</Link>）
              </>
            ) : null}
            。
          </p>
        ) : null}
        {b.rows.length ? (
          <div className="mt-4 overflow-x-auto">
            <Pager page={b.page} pageSize={b.pageSize} total={b.total} href={(n) => href({ page: n === 1 ? undefined : n })} />
            <table className="sticky-first w-full min-w-[860px] border-collapse text-sm">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  <th className="min-w-[9rem] p-1.5">名次 · 部门</th>
                  <th className="num p-1.5">{year} 年</th>
                  {change ? <th className="num p-1.5">{vs} 年</th> : null}
                  {change ? <th className="num p-1.5">变化</th> : null}
                  {execution ? <th className="num p-1.5" title={POLICY_TEXT.executionRank}>{change ? "偏离变化" : `距 ${EXECUTION_TARGET}%`}</th> : null}
                  <th className="num p-1.5">百分位</th>
                  <th className="num p-1.5" title={POLICY_TEXT.peers}>与同类中位数之差</th>
                  <th className="p-1.5">规模</th>
                  <th className="num p-1.5">本年支出合计（万元）</th>
                </tr>
              </thead>
              <tbody>
                {b.rows.map((r) => (
                  <tr key={r.departmentId} className={`border-b border-gray-100 ${r.departmentId === sp.dept ? "bg-amber-50" : ""}`}>
                    <td className="p-1.5">
                      <span className="mr-1 tabular-nums text-gray-500">{r.rank === undefined ? "—" : `${r.rank}.`}</span>
                      <Link className="text-blue-700 hover:underline" href={`/departments/${r.departmentId}?year=${year}`}>{r.department}</Link>
                      <SyntheticBadge synthetic={r.synthetic} />
                    </td>
                    <td className="num p-1.5">{fmt(r.current)}</td>
                    {change ? <td className="num p-1.5">{fmt(r.previous)}</td> : null}
                    {change ? <td className="num p-1.5 font-medium">{fmtValue(r.value)}</td> : null}
                    {execution ? <td className="num p-1.5">{r.distance === undefined ? "—" : change ? `${formatChange(r.distance)} 百分点` : `${new D(r.distance).toFixed(2)} 百分点`}</td> : null}
                    <td className="num p-1.5">{r.percentile === undefined ? "—" : `${r.percentile}%`}</td>
                    <td className="num p-1.5">{r.fromMedian === undefined ? <span className="text-gray-400" title={`同类不足 ${PEER_GROUP.minPeers} 个或缺少数据，不作比较`}>—</span> : signedIn(r.fromMedian, def.unit)}</td>
                    <td className="p-1.5 text-gray-600">{r.size ? BAND_SHORT[r.size] : "—"}</td>
                    <td className="num p-1.5"><Wan v={r.expenditureTotal} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={b.page} pageSize={b.pageSize} total={b.total} href={(n) => href({ page: n === 1 ? undefined : n })} />
            <p className="mt-1 text-xs text-gray-500">“—”表示文件未披露所需数字（或对比年没有该部门的报告），不等于零，也不参与中位数；“与同类中位数之差”为“—”时，同类部门不足 {PEER_GROUP.minPeers} 个。</p>
          </div>
        ) : null}
      </Section>
    </div>
  );
}

/** A value in the metric's unit; a change of a percentage is in 百分点 and carries its sign. */
function show(v: string | undefined, unit: MetricDef["unit"], change: boolean): string {
  if (v === undefined) return "—";
  if (change) return `${formatChange(v)}${unit === "%" ? " 百分点" : ` ${unit}`}`;
  if (unit === "%") return formatPercent(v);
  if (unit === "万元" || unit === "万元/人") return `${formatWanyuan(v)} ${unit}`;
  return `${new D(v).toFixed(2)} 分`;
}

function signedIn(v: string, unit: MetricDef["unit"]) {
  return `${formatChange(v)}${unit === "%" ? " 百分点" : ` ${unit}`}`;
}

function Chips({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-1">
      <span className="mr-1 text-gray-500">{label}</span>
      {children}
    </div>
  );
}

function Chip({ on, href, children }: { on: boolean; href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className={`rounded px-2 py-0.5 ${on ? "bg-blue-600 text-white" : "border border-gray-300 text-gray-700 hover:bg-gray-50"}`}>
      {children}
    </Link>
  );
}

function Card({ label, value, sub }: { label: string; value: React.ReactNode; sub?: string }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white p-3 shadow-sm">
      <div className="text-xs text-gray-500">{label}</div>
      <div className="mt-1 text-lg font-semibold tabular-nums">{value}</div>
      {sub ? <div className="mt-0.5 text-xs text-gray-500">{sub}</div> : null}
    </div>
  );
}
