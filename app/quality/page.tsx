import { Suspense } from "react";
import { resolveYear } from "@/db/queries/figures";
import { getCoverageRanking } from "@/db/queries/quality";
import { parseParams, type RawParams } from "@/lib/filters";
import { SectionSkeleton } from "../_components/section-skeleton";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { PageHeader, YearPicker } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";
import { CompletenessSection } from "./completeness-section";
import { CoverageSection } from "./coverage-section";
import { FindingsSection } from "./findings-section";
import { RuleCounts } from "./rule-counts";
import { qualityPageParamsSchema } from "./search-params";
import { FINDINGS_PAGE, NOTES_SHOWN, qualityData, qualityView, RANK_PAGE, READ_PAGE, type QualityView } from "./view";

export const dynamic = "force-dynamic";
export const metadata = { title: "数据质量" };

export default async function QualityPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(qualityPageParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  const keep = { year, rule: sp.rule, severity: sp.severity, synthetic: sp.synthetic ? "1" : undefined };
  const v = qualityView(sp, year);
  return (
    <div>
      <PageHeader
        title="数据质量"
        subtitle="所有报告的审核发现：表内与表间勾稽、文字与表格、所述百分比与复算结果、绩效得分；以及每份文件读出了多少。"
      >
        <YearPicker years={years} current={year} path="/quality" params={{ ...keep, year: undefined }} />
        <SyntheticToggle path="/quality" synthetic={sp.synthetic} params={{ ...keep, synthetic: undefined }} />
      </PageHeader>
      {/* each section streams in as its statements return; the counts they page by are read once */}
      <Suspense fallback={<SectionSkeleton title="按规则统计" />}>
        <Counts v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="读取覆盖（未完整读取的报告，由低到高）" />}>
        <Coverage v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="审核发现明细" />}>
        <Findings v={v} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title="信息完整度排名" />}>
        <Completeness v={v} />
      </Suspense>
    </div>
  );
}

async function Counts({ v }: { v: QualityView }) {
  const d = await qualityData(v);
  return (
    <>
      {d.reading.partial ? (
        <p className="mb-4 rounded border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900">
          {d.reading.partial} 份报告未完整读取（未能读取的部分 {d.reading.notes} 处
          {d.reading.cellsOpen ? `，待定单元格 ${d.reading.cellsOpen} 个` : ""}
          ）：这些报告的数字、核对与排名都不包括未读的部分。
          <a className="ml-1 text-blue-700 hover:underline" href="#coverage">
            查看读取覆盖 ↓
          </a>
        </p>
      ) : null}
      <RuleCounts counts={d.counts} keep={d.keep} rule={v.sp.rule} />
    </>
  );
}

async function Coverage({ v }: { v: QualityView }) {
  const d = await qualityData(v);
  const leastRead = d.reading.partial
    ? await getCoverageRanking(d.f, READ_PAGE, (d.read - 1) * READ_PAGE, NOTES_SHOWN)
    : [];
  return (
    <CoverageSection
      year={v.year}
      reading={d.reading}
      leastRead={leastRead}
      keep={d.keep}
      read={d.read}
      readPage={READ_PAGE}
      readHref={d.readHref}
      notesShown={NOTES_SHOWN}
    />
  );
}

async function Findings({ v }: { v: QualityView }) {
  const d = await qualityData(v);
  return (
    <FindingsSection
      f={d.f}
      keep={d.keep}
      page={d.page}
      pageSize={FINDINGS_PAGE}
      total={d.findingTotal}
      href={d.pageHref}
    />
  );
}

async function Completeness({ v }: { v: QualityView }) {
  const d = await qualityData(v);
  return (
    <CompletenessSection
      f={d.f}
      keep={d.keep}
      rank={d.rank}
      pageSize={RANK_PAGE}
      total={d.reportCount}
      href={d.rankHref}
    />
  );
}
