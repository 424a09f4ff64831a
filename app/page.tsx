import { resolveYear } from "@/db/queries/figures";
import { overviewPageParamsSchema, parseParams, type RawParams } from "@/lib/filters";
import { BudgetSeason } from "./_components/budget-season";
import { SyntheticToggle } from "./_components/synthetic-toggle";
import { Empty, PageHeader, YearPicker } from "./_components/ui";
import { withDemoChoice } from "./_lib/demo-city";
import { FlagsSection } from "./_overview/flags-section";
import { ReportsSection } from "./_overview/reports-section";
import { SpendingSection } from "./_overview/spending-section";
import { TotalCards } from "./_overview/total-cards";
import { loadOverview } from "./_overview/view";

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
  const d = await loadOverview(sp, year);
  return (
    <div>
      <PageHeader title={`${year} 年度总览`} subtitle="先看需要关注的情况，每一条都链接到证据。">
        <YearPicker years={years} current={year} path="/" params={d.keep} />
        <SyntheticToggle path="/" synthetic={sp.synthetic} params={{ year }} />
      </PageHeader>
      <TotalCards totals={d.totals} year={year} synthetic={sp.synthetic} />
      <BudgetSeason />
      <FlagsSection d={d} kind={sp.flag} />
      <SpendingSection charted={d.charted} />
      <ReportsSection d={d} flagOpen={sp.flag !== undefined} />
    </div>
  );
}
