import Link from "next/link";
import { getBenchmarkPage } from "@/db/queries/benchmark";
import { resolveYear } from "@/db/queries/figures";
import {
  BENCHMARK_METRICS,
  BENCHMARK_SCOPES,
  benchmarkParamsSchema,
  parseParams,
  SIZE_BANDS,
  type RawParams,
} from "@/lib/filters";
import { METRIC_DEFS } from "@/lib/metrics/benchmark";
import { EXECUTION_TARGET, PEER_GROUP, POLICY_TEXT, executionBand } from "@/lib/metrics/policy";
import { ReferenceBars } from "../_components/charts/charts";
import { StatCard } from "../_components/stat-card";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { CsvLink, Empty, NoReports, PageHeader, Section, YearPicker } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";
import { Controls } from "./controls";
import { show } from "./format";
import { RankingTable } from "./ranking-table";
import { benchmarkView } from "./view";

export const dynamic = "force-dynamic";
export const metadata = { title: "对标" };

const PAGE_SIZE = 50;
const EXTREMES = 10;

const BAND_SHORT = {
  small: `小（${SIZE_BANDS.small}）`,
  medium: `中（${SIZE_BANDS.medium}）`,
  large: `大（${SIZE_BANDS.large}）`,
} as const;

export default async function BenchmarkPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(benchmarkParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  if (year === undefined) return <NoReports title="对标" purpose="对标" synthetic={sp.synthetic} path="/benchmark" />;
  const v = benchmarkView(sp, year, years);
  const { vs, keep, href } = v;
  const b = await getBenchmarkPage(
    { year, synthetic: sp.synthetic, metric: sp.metric, size: sp.size, scope: sp.scope, vs },
    { page: sp.page, pageSize: PAGE_SIZE, extremes: EXTREMES, dept: sp.dept },
  );
  const scopeText = BENCHMARK_SCOPES[sp.scope];
  const execution = sp.metric === "executionRate";
  const def = METRIC_DEFS[sp.metric];
  const change = b.mode === "change";
  const fmtValue = (x: string | undefined) => show(x, def.unit, change);
  // the chart: the highest and the lowest of the peer group around the median line, never one bar per department
  const chartRows = [...b.top, ...b.bottom];
  const gap = b.bottom.length > 0 && b.top.length > 0 && b.bottom[0].rank! - b.top[b.top.length - 1].rank! > 1;
  // execution is drawn from 100%: a bar's length is its distance from the target, over-spending right, under left
  const centred = execution && !change;
  const offset = centred ? EXECUTION_TARGET : 0;
  const unitText = change ? (def.unit === "%" ? "百分点" : def.unit) : def.unit;

  return (
    <div>
      <PageHeader
        title={`${year} 年度对标`}
        subtitle="选一个指标，看每个部门在同类部门中的名次、百分位和与中位数的差距；也可以看两年之间的变化。"
      >
        <YearPicker years={years} current={year} path="/benchmark" params={{ ...keep, year: undefined }} />
        <SyntheticToggle path="/benchmark" synthetic={sp.synthetic} params={{ ...keep, synthetic: undefined }} />
      </PageHeader>
      <Controls v={v} years={years} />

      <section className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard
          label="参与排名"
          value={`${b.peers} 个`}
          sub={`${scopeText}，${sp.size === "all" ? "各规模" : SIZE_BANDS[sp.size]}`}
        />
        <StatCard
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
        <StatCard
          label="缺少数据"
          value={`${b.missing} 个`}
          sub={
            change
              ? `两年中任一年未披露或不在库中`
              : def.unit === "万元/人"
                ? "文件未述编制或实有人数"
                : "文件未披露所需数字"
          }
        />
        <StatCard
          label="未参与比较"
          value={`${b.otherBands + b.otherScope} 个`}
          sub={`其他规模 ${b.otherBands} 个；${sp.scope === "department" ? BENCHMARK_SCOPES.unit : BENCHMARK_SCOPES.department} ${b.otherScope} 个`}
        />
      </section>

      <Section
        title={`${BENCHMARK_METRICS[sp.metric]}${change ? `：${year} 年比 ${vs} 年的变化` : ""}`}
        actions={<CsvLink dataset="benchmark" params={keep} />}
        note={
          <>
            计算：{def.formula}；来源：{def.source}。
            {change ? `变化 = ${year} 年值 − ${vs} 年值（${unitText}），两年都有数据的部门才参与。` : ""}
            {execution
              ? `${POLICY_TEXT.executionRank}${change ? "（比较两年时按偏离的变化排名，偏离缩小的在前）" : ""}；百分位 = 参与排名的部门中离 ${EXECUTION_TARGET}% 不比该部门更近的比例。`
              : "名次按数值从高到低（并列同名次）；百分位 = 参与排名的部门中数值不高于该部门的比例。"}
            {POLICY_TEXT.peers}。同一部门既有部门决算又有单位决算时只取部门决算。
          </>
        }
      >
        {b.total === 0 ? (
          <Empty>
            {sp.size === "all" ? `${year} 年度没有报告。` : `${year} 年度没有属于“${SIZE_BANDS[sp.size]}”的部门。`}
          </Empty>
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
                ...(centred
                  ? [{ value: 0, label: `${EXECUTION_TARGET}%（按年初预算执行）：向右超支，向左未用完` }]
                  : []),
                ...(b.median !== undefined
                  ? [{ value: Number(b.median) - offset, label: `同类中位数 ${fmtValue(b.median)}` }]
                  : []),
              ]}
              rows={chartRows.map((r, i) => ({
                label: `${gap && i === b.top.length ? "… " : ""}${r.rank}. ${r.department}`,
                value: Number(r.value) - offset,
                display: fmtValue(r.value),
                href: `/departments/${r.departmentId}?year=${year}`,
                // execution has a verdict (its bands); other metrics none: for some higher is better, for others worse
                tone:
                  execution && !change
                    ? ({ concern: "bad", watch: "neutral", good: "good" } as const)[executionBand(r.value) ?? "watch"]
                    : "neutral",
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
                <Link
                  className="text-blue-700 hover:underline"
                  href={href({ page: Math.floor(b.peers / PAGE_SIZE) + 1 })}
                >
                  查看
                </Link>
                ）
              </>
            ) : null}
            。
          </p>
        ) : null}
        {b.rows.length ? <RankingTable v={v} b={b} unit={def.unit} /> : null}
      </Section>
    </div>
  );
}
