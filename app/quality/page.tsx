import { formatScore } from "@/lib/money/format";
import Link from "next/link";
import { resolveYear } from "@/db/queries/figures";
import {
  getCompletenessRanking,
  getCoverageRanking,
  getCoverageSummary,
  getFindings,
  getFindingsOfReports,
  getReportCount,
  getRuleCounts,
} from "@/db/queries/quality";
import { ruleName } from "@/lib/audit/rule-names";
import { parseParams, SEVERITIES, type RawParams } from "@/lib/filters";
import { FindingsTable } from "../_components/findings-table";
import { Pager } from "../_components/pager";
import { getSourcesOf } from "@/db/queries/source";
import { findingPlaces, placeReports } from "./finding-places";
import { CoverageSection } from "./coverage-section";
import { RuleCounts } from "./rule-counts";
import { qualityPageParamsSchema } from "./search-params";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { CsvLink, Empty, PageHeader, Section, SyntheticBadge, YearPicker, hrefWith } from "../_components/ui";
import { withDemoChoice } from "../_lib/demo-city";

export const dynamic = "force-dynamic";
export const metadata = { title: "数据质量" };

const SEV_TEXT = { error: "错误", warning: "警告", rounding: "尾数差异" } as const;
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
  const [findings, ranking, leastRead] = await Promise.all([
    getFindings(f, FINDINGS_PAGE, (page - 1) * FINDINGS_PAGE),
    getCompletenessRanking(f, RANK_PAGE, (rank - 1) * RANK_PAGE),
    reading.partial ? getCoverageRanking(f, READ_PAGE, (read - 1) * READ_PAGE, NOTES_SHOWN) : Promise.resolve([]),
  ]);
  // each finding is worded from its whole report's findings, not only those the filter and the page keep
  const [ofReports, sources] = await Promise.all([
    getFindingsOfReports(findings.map((x) => x.reportId)),
    getSourcesOf(placeReports(findings)),
  ]);
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

      <Section
        id="findings"
        title={`审核发现明细${sp.rule ? ` · ${ruleName(sp.rule) ?? "其他核对"}` : ""}${sp.severity ? ` · ${SEV_TEXT[sp.severity]}` : ""}`}
        actions={
          <>
            {SEVERITIES.map((s) => (
              <Link
                key={s}
                href={hrefWith("/quality", { ...keep, severity: s })}
                className={`rounded px-2 py-0.5 text-xs ${sp.severity === s ? "bg-blue-600 text-white" : "border border-gray-300"}`}
              >
                {SEV_TEXT[s]}
              </Link>
            ))}
            {sp.rule || sp.severity ? (
              <Link href={hrefWith("/quality", { year, synthetic: keep.synthetic })} className="text-xs text-blue-700">
                清除筛选
              </Link>
            ) : null}
            <CsvLink dataset="findings" params={keep} />
          </>
        }
      >
        {findings.length === 0 ? (
          <Empty>没有符合条件的发现。</Empty>
        ) : (
          <>
            <FindingsTable
              findings={findings.map((x) => ({
                ...x,
                department: { id: x.departmentId, name: x.department, year: x.year, synthetic: x.synthetic },
                others: ofReports.get(x.reportId),
                places: findingPlaces(x, sources),
              }))}
            />
            <Pager page={page} pageSize={FINDINGS_PAGE} total={findingTotal} href={pageHref} unit="项" />
          </>
        )}
      </Section>

      <Section
        id="completeness"
        title="信息完整度排名（由低到高）"
        actions={<CsvLink dataset="completeness" params={keep} />}
        note="完整度 = 模板要求披露的项目中已披露的比例（九张表、三公数量、采购中小企业数字、名词解释、预算执行说明、绩效自评）。"
      >
        <div className="overflow-x-auto">
          <table className="sticky-first w-full min-w-[520px] border-collapse text-sm">
            <thead>
              <tr className="border-b bg-gray-100 text-left">
                <th className="p-1.5">部门</th>
                <th className="num p-1.5">完整度</th>
                <th className="num p-1.5">错误</th>
                <th className="num p-1.5">警告</th>
              </tr>
            </thead>
            <tbody>
              {ranking.map((r) => (
                <tr key={`${r.departmentId}-${r.year}`} className="border-b border-gray-100">
                  <td className="p-1.5">
                    <Link
                      className="text-blue-700 hover:underline"
                      href={`/departments/${r.departmentId}?year=${r.year}`}
                    >
                      {r.department}
                    </Link>
                    <SyntheticBadge synthetic={r.synthetic} />
                  </td>
                  <td className="num p-1.5">{formatScore(r.completeness)}</td>
                  <td className="num p-1.5">{r.errors}</td>
                  <td className="num p-1.5">{r.warnings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager page={rank} pageSize={RANK_PAGE} total={reportCount} href={rankHref} unit="份" />
      </Section>
    </div>
  );
}
