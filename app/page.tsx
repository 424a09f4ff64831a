import { Suspense } from "react";
import { resolveYear } from "@/db/queries/figures";
import { overviewPageParamsSchema, parseParams, type RawParams } from "@/lib/filters";
import { BudgetSeason } from "./_components/budget-season";
import { SectionSkeleton } from "./_components/section-skeleton";
import { SyntheticToggle } from "./_components/synthetic-toggle";
import { Empty, PageHeader, YearPicker } from "./_components/ui";
import { withDemoChoice } from "./_lib/demo-city";
import { FlagsSection } from "./_overview/flags-section";
import { ReportsSection } from "./_overview/reports-section";
import { SpendingSection } from "./_overview/spending-section";
import { TotalCards } from "./_overview/total-cards";
import {
  overviewCharted,
  overviewFlags,
  overviewTable,
  overviewTotals,
  overviewView,
  type OverviewView,
} from "./_overview/view";

export const dynamic = "force-dynamic";

export default async function OverviewPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(overviewPageParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  if (year === undefined) {
    return (
      <div>
        <PageHeader title="总览">
          <SyntheticToggle path="/" synthetic={sp.synthetic} params={{}} />
        </PageHeader>
        <Empty>
          库中还没有{sp.synthetic ? "" : "真实公开的"}决算报告。运行{" "}
          <code>npm run cli -- ingest &lt;文件或目录&gt;</code> 载入{sp.synthetic ? "" : "，或加入合成示例城市查看演示"}
          。
        </Empty>
      </div>
    );
  }
  const v = overviewView(sp, year);
  return (
    <div>
      <PageHeader title={`${year} 年度总览`} subtitle="先看需要关注的情况，每一条都链接到证据。">
        <YearPicker years={years} current={year} path="/" params={v.keep} />
        <SyntheticToggle path="/" synthetic={sp.synthetic} params={{ year }} />
      </PageHeader>
      {/* each section streams in as its statements return; the totals are read once for the cards and the table */}
      <Suspense fallback={<CardsSkeleton />}>
        <Totals v={v} />
      </Suspense>
      <BudgetSeason />
      <Suspense fallback={<SectionSkeleton title="需要关注" />}>
        <Flags v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="本年支出合计" />}>
        <Spending v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="各部门主要数字" />}>
        <Reports v={v} />
      </Suspense>
    </div>
  );
}

async function Totals({ v }: { v: OverviewView }) {
  return <TotalCards totals={await overviewTotals(v)} year={v.year} synthetic={v.sp.synthetic} />;
}

async function Flags({ v }: { v: OverviewView }) {
  return <FlagsSection d={{ ...v, ...(await overviewFlags(v)) }} kind={v.sp.flag} />;
}

async function Spending({ v }: { v: OverviewView }) {
  return <SpendingSection charted={await overviewCharted(v)} />;
}

async function Reports({ v }: { v: OverviewView }) {
  return <ReportsSection d={{ ...v, ...(await overviewTable(v)) }} flagOpen={v.sp.flag !== undefined} />;
}

/** Stands in for the headline cards while the totals are read. */
function CardsSkeleton() {
  return <div className="mb-6 h-24 animate-pulse rounded-lg bg-gray-100" aria-busy="true" />;
}
