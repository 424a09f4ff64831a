import { Suspense } from "react";
import Link from "next/link";
import { resolveYear } from "@/db/queries/figures";
import { parseParams, procurementParamsSchema, type RawParams } from "@/lib/filters";
import { SME_SHARE } from "@/lib/metrics/policy";
import { SectionSkeleton } from "../_components/section-skeleton";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { NoReports, PageHeader, YearPicker } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";
import { RankingSection } from "./ranking-section";
import { SummaryCards } from "./summary-cards";
import { procurementView } from "./view";
import { YearsSection } from "./years-section";

export const dynamic = "force-dynamic";
export const metadata = { title: "政府采购" };

const PRESETS = [30, 40, 50, 60];

export default async function ProcurementPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(procurementParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  if (year === undefined)
    return <NoReports title="政府采购" purpose="分析政府采购" synthetic={sp.synthetic} path="/procurement" />;
  const v = procurementView(sp, year);
  return (
    <div>
      <PageHeader
        title={`${year} 年度政府采购`}
        subtitle="货物、工程、服务的采购规模，以及授予中小企业、小微企业的份额是否达到政策参考线。"
      >
        <YearPicker years={years} current={year} path="/procurement" params={{ ...v.keep, year: undefined }} />
        <SyntheticToggle path="/procurement" synthetic={sp.synthetic} params={{ ...v.keep, synthetic: undefined }} />
      </PageHeader>
      <div className="no-print mb-4 flex flex-wrap items-center gap-1 text-sm">
        <span className="text-gray-500">中小企业份额参考线</span>
        {PRESETS.map((r) => (
          <Link
            key={r}
            href={v.href({ reference: r === SME_SHARE.reference ? undefined : r })}
            className={`rounded px-2 py-0.5 ${r === sp.reference ? "bg-blue-600 text-white" : "border border-gray-300 text-gray-700 hover:bg-gray-50"}`}
          >
            {r}%
          </Link>
        ))}
        {PRESETS.includes(sp.reference) ? null : (
          <span className="rounded bg-blue-600 px-2 py-0.5 text-white">{sp.reference}%</span>
        )}
        <span className="text-xs text-gray-500">（可在网址中设置 reference）</span>
      </div>
      <Suspense fallback={<div className="mb-6 h-20 animate-pulse rounded-lg bg-gray-100" />}>
        <SummaryCards v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="中小企业份额排名（由低到高）" />}>
        <RankingSection v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="历年政府采购" />}>
        <YearsSection v={v} />
      </Suspense>
    </div>
  );
}
