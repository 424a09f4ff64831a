import Link from "next/link";
import { getBenchmarkPage } from "@/db/queries/benchmark";
import { resolveYear } from "@/db/queries/figures";
import { BENCHMARK_METRICS, benchmarkParamsSchema, parseParams, SIZE_BANDS, type RawParams } from "@/lib/filters";
import { METRIC_DEFS } from "@/lib/metrics/benchmark";
import { EXECUTION_TARGET, POLICY_TEXT } from "@/lib/metrics/policy";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { CsvLink, Empty, NoReports, PageHeader, Section, YearPicker } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";
import { Controls } from "./controls";
import { ExtremesChart } from "./extremes-chart";
import { RankingTable } from "./ranking-table";
import { SummaryCards } from "./summary-cards";
import { benchmarkView } from "./view";

export const dynamic = "force-dynamic";
export const metadata = { title: "对标" };

const PAGE_SIZE = 50;
const EXTREMES = 10;

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
  const execution = sp.metric === "executionRate";
  const def = METRIC_DEFS[sp.metric];
  const change = b.mode === "change";
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

      <SummaryCards v={v} b={b} />

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
          <ExtremesChart v={v} b={b} extremes={EXTREMES} />
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
