import { resolveYear } from "@/db/queries/figures";
import { getCoverageRanking, getCoverageSummary, getReportCount, getRuleCounts } from "@/db/queries/quality";
import { parseParams, type RawParams } from "@/lib/filters";
import { CompletenessSection } from "./completeness-section";
import { FindingsSection } from "./findings-section";
import { CoverageSection } from "./coverage-section";
import { RuleCounts } from "./rule-counts";
import { qualityPageParamsSchema } from "./search-params";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { PageHeader, YearPicker, hrefWith } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";

export const dynamic = "force-dynamic";
export const metadata = { title: "数据质量" };

const FINDINGS_PAGE = 50;
const RANK_PAGE = 50;
const READ_PAGE = 20;
/** unread notes shown under each report of the coverage ranking; the department page lists them all */
const NOTES_SHOWN = 3;

export default async function QualityPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(qualityPageParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  const f = { ...sp, year };
  const [counts, reportCount, reading] = await Promise.all([
    getRuleCounts({ ...f, rule: undefined, severity: undefined }),
    getReportCount(f),
    getCoverageSummary(f),
  ]);
  // the filtered list's length, from the counts by rule and severity (no second pass over the findings)
  const findingTotal = counts
    .filter((c) => (!sp.rule || c.rule === sp.rule) && (!sp.severity || c.severity === sp.severity))
    .reduce((a, c) => a + c.count, 0);
  const page = Math.min(sp.page ?? 1, Math.max(1, Math.ceil(findingTotal / FINDINGS_PAGE)));
  const rank = Math.min(sp.rank ?? 1, Math.max(1, Math.ceil(reportCount / RANK_PAGE)));
  const read = Math.min(sp.read ?? 1, Math.max(1, Math.ceil(reading.partial / READ_PAGE)));
  const leastRead = reading.partial ? await getCoverageRanking(f, READ_PAGE, (read - 1) * READ_PAGE, NOTES_SHOWN) : [];
  const keep = { year, rule: sp.rule, severity: sp.severity, synthetic: sp.synthetic ? "1" : undefined };
  // each list's pager keeps the other lists where they are
  const at = {
    page: page > 1 ? page : undefined,
    rank: rank > 1 ? rank : undefined,
    read: read > 1 ? read : undefined,
  };
  const pageHref = (n: number) => hrefWith("/quality", { ...keep, ...at, page: n > 1 ? n : undefined }) + "#findings";
  const rankHref = (n: number) =>
    hrefWith("/quality", { ...keep, ...at, rank: n > 1 ? n : undefined }) + "#completeness";
  const readHref = (n: number) => hrefWith("/quality", { ...keep, ...at, read: n > 1 ? n : undefined }) + "#coverage";

  return (
    <div>
      <PageHeader
        title="数据质量"
        subtitle="所有报告的审核发现：表内与表间勾稽、文字与表格、所述百分比与复算结果、绩效得分；以及每份文件读出了多少。"
      >
        <YearPicker years={years} current={year} path="/quality" params={{ ...keep, year: undefined }} />
        <SyntheticToggle path="/quality" synthetic={sp.synthetic} params={{ ...keep, synthetic: undefined }} />
      </PageHeader>

      {reading.partial ? (
        <p className="mb-4 rounded border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900">
          {reading.partial} 份报告未完整读取（未能读取的部分 {reading.notes} 处
          {reading.cellsOpen ? `，待定单元格 ${reading.cellsOpen} 个` : ""}
          ）：这些报告的数字、核对与排名都不包括未读的部分。
          <a className="ml-1 text-blue-700 hover:underline" href="#coverage">
            查看读取覆盖 ↓
          </a>
        </p>
      ) : null}

      <RuleCounts counts={counts} keep={keep} rule={sp.rule} />

      <CoverageSection
        year={year}
        reading={reading}
        leastRead={leastRead}
        keep={keep}
        read={read}
        readPage={READ_PAGE}
        readHref={readHref}
        notesShown={NOTES_SHOWN}
      />

      <FindingsSection f={f} keep={keep} page={page} pageSize={FINDINGS_PAGE} total={findingTotal} href={pageHref} />

      <CompletenessSection f={f} keep={keep} rank={rank} pageSize={RANK_PAGE} total={reportCount} href={rankHref} />
    </div>
  );
}
