import { formatScore } from "@/lib/money/format";
import Link from "next/link";
import { resolveYear } from "@/db/queries/figures";
import { getCompletenessRanking, getFindings, getReportCount, getRuleCounts } from "@/db/queries/quality";
import { RULES } from "@/lib/audit/run";
import { parseParams, qualityParamsSchema, SEVERITIES, type RawParams } from "@/lib/filters";
import { FindingsTable } from "../_components/findings-table";
import { Pager } from "../_components/pager";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { CsvLink, Empty, PageHeader, Section, SeverityBadge, SyntheticBadge, YearPicker, hrefWith } from "../_components/ui";

export const dynamic = "force-dynamic";
export const metadata = { title: "数据质量" };

const SEV_TEXT = { error: "错误", warning: "警告", rounding: "尾数差异" } as const;
const FINDINGS_PAGE = 50;
const RANK_PAGE = 50;

export default async function QualityPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(qualityParamsSchema, await props.searchParams);
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  const f = { ...sp, year };
  const [counts, reportCount] = await Promise.all([getRuleCounts({ ...f, rule: undefined, severity: undefined }), getReportCount(f)]);
  // the filtered list's length, from the counts by rule and severity (no second pass over the findings)
  const findingTotal = counts.filter((c) => (!sp.rule || c.rule === sp.rule) && (!sp.severity || c.severity === sp.severity)).reduce((a, c) => a + c.count, 0);
  const page = Math.min(sp.page ?? 1, Math.max(1, Math.ceil(findingTotal / FINDINGS_PAGE)));
  const rank = Math.min(sp.rank ?? 1, Math.max(1, Math.ceil(reportCount / RANK_PAGE)));
  const [findings, ranking] = await Promise.all([
    getFindings(f, FINDINGS_PAGE, (page - 1) * FINDINGS_PAGE),
    getCompletenessRanking(f, RANK_PAGE, (rank - 1) * RANK_PAGE),
  ]);
  const titles = new Map(RULES.map((r) => [r.id, r.title]));
  const keep = { year, rule: sp.rule, severity: sp.severity, synthetic: sp.synthetic ? undefined : "0" };
  const pageHref = (n: number) => hrefWith("/quality", { ...keep, page: n > 1 ? n : undefined, rank: rank > 1 ? rank : undefined }) + "#findings";
  const rankHref = (n: number) => hrefWith("/quality", { ...keep, page: page > 1 ? page : undefined, rank: n > 1 ? n : undefined }) + "#completeness";

  return (
    <div>
      <PageHeader title="数据质量" subtitle="所有报告的审核发现：表内与表间勾稽、文字与表格、所述百分比与复算结果、绩效得分。">
        <YearPicker years={years} current={year} path="/quality" params={{ ...keep, year: undefined }} />
        <SyntheticToggle path="/quality" synthetic={sp.synthetic} params={{ ...keep, synthetic: undefined }} />
      </PageHeader>

      <Section title="按规则统计" note="点击规则或级别筛选下方明细；尾数差异在文件声明的尾数误差范围内，不视为错误。">
        {counts.length === 0 ? (
          <Empty>本年度没有审核发现。</Empty>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[600px] border-collapse text-sm">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  <th className="p-1.5">级别</th><th className="p-1.5">规则</th><th className="p-1.5">含义</th><th className="num p-1.5">发现数</th><th className="num p-1.5">涉及报告</th>
                </tr>
              </thead>
              <tbody>
                {counts.map((c) => (
                  <tr key={`${c.rule}-${c.severity}`} className={`border-b border-gray-100 ${sp.rule === c.rule ? "bg-blue-50" : ""}`}>
                    <td className="p-1.5">
                      <Link href={hrefWith("/quality", { ...keep, severity: c.severity })}><SeverityBadge severity={c.severity} /></Link>
                    </td>
                    <td className="p-1.5 font-mono text-xs">
                      <Link className="text-blue-700 hover:underline" href={hrefWith("/quality", { ...keep, rule: c.rule })}>{c.rule}</Link>
                    </td>
                    <td className="p-1.5">{titles.get(c.rule) ?? ""}</td>
                    <td className="num p-1.5">{c.count}</td>
                    <td className="num p-1.5">{c.reports}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section
        id="findings"
        title={`审核发现明细${sp.rule ? ` · ${sp.rule}` : ""}${sp.severity ? ` · ${SEV_TEXT[sp.severity]}` : ""}`}
        actions={
          <>
            {SEVERITIES.map((s) => (
              <Link key={s} href={hrefWith("/quality", { ...keep, severity: s })} className={`rounded px-2 py-0.5 text-xs ${sp.severity === s ? "bg-blue-600 text-white" : "border border-gray-300"}`}>{SEV_TEXT[s]}</Link>
            ))}
            {sp.rule || sp.severity ? <Link href={hrefWith("/quality", { year, synthetic: keep.synthetic })} className="text-xs text-blue-700">清除筛选</Link> : null}
            <CsvLink dataset="findings" params={keep} />
          </>
        }
      >
        {findings.length === 0 ? (
          <Empty>没有符合条件的发现。</Empty>
        ) : (
          <>
            <FindingsTable findings={findings.map((x) => ({ ...x, department: { id: x.departmentId, name: x.department, year: x.year, synthetic: x.synthetic } }))} />
            <Pager page={page} pageSize={FINDINGS_PAGE} total={findingTotal} href={pageHref} unit="项" />
          </>
        )}
      </Section>

      <Section id="completeness" title="信息完整度排名（由低到高）" actions={<CsvLink dataset="completeness" params={keep} />} note="完整度 = 模板要求披露的项目中已披露的比例（九张表、三公数量、采购中小企业数字、名词解释、预算执行说明、绩效自评）。">
        <div className="overflow-x-auto">
          <table className="w-full min-w-[520px] border-collapse text-sm">
            <thead>
              <tr className="border-b bg-gray-100 text-left"><th className="p-1.5">部门</th><th className="num p-1.5">完整度</th><th className="num p-1.5">错误</th><th className="num p-1.5">警告</th></tr>
            </thead>
            <tbody>
              {ranking.map((r) => (
                <tr key={`${r.departmentId}-${r.year}`} className="border-b border-gray-100">
                  <td className="p-1.5"><Link className="text-blue-700 hover:underline" href={`/departments/${r.departmentId}?year=${r.year}`}>{r.department}</Link><SyntheticBadge synthetic={r.synthetic} /></td>
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
