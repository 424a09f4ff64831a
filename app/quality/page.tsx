import { formatScore } from "@/lib/money/format";
import Link from "next/link";
import { resolveYear } from "@/db/queries/figures";
import { getCompletenessRanking, getCoverageRanking, getCoverageSummary, getFindings, getFindingsOfReports, getReportCount, getRuleCounts } from "@/db/queries/quality";
import { ruleName } from "@/lib/audit/rule-names";
import { ruleMeaning } from "@/lib/audit/run";
import { PART_LABELS } from "@/lib/report/coverage";
import { parseParams, SEVERITIES, type RawParams } from "@/lib/filters";
import { FindingsTable } from "../_components/findings-table";
import { Pager } from "../_components/pager";
import { COVERAGE_FORMULA, CoveragePct, noteLocation } from "../_components/reading-coverage";
import { qualityPageParamsSchema } from "./search-params";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { CsvLink, Empty, PageHeader, Section, SeverityBadge, SyntheticBadge, YearPicker, hrefWith } from "../_components/ui";
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
  const [counts, reportCount, reading] = await Promise.all([getRuleCounts({ ...f, rule: undefined, severity: undefined }), getReportCount(f), getCoverageSummary(f)]);
  // the filtered list's length, from the counts by rule and severity (no second pass over the findings)
  const findingTotal = counts.filter((c) => (!sp.rule || c.rule === sp.rule) && (!sp.severity || c.severity === sp.severity)).reduce((a, c) => a + c.count, 0);
  const page = Math.min(sp.page ?? 1, Math.max(1, Math.ceil(findingTotal / FINDINGS_PAGE)));
  const rank = Math.min(sp.rank ?? 1, Math.max(1, Math.ceil(reportCount / RANK_PAGE)));
  const read = Math.min(sp.read ?? 1, Math.max(1, Math.ceil(reading.partial / READ_PAGE)));
  const [findings, ranking, leastRead] = await Promise.all([
    getFindings(f, FINDINGS_PAGE, (page - 1) * FINDINGS_PAGE),
    getCompletenessRanking(f, RANK_PAGE, (rank - 1) * RANK_PAGE),
    reading.partial ? getCoverageRanking(f, READ_PAGE, (read - 1) * READ_PAGE, NOTES_SHOWN) : Promise.resolve([]),
  ]);
  // each finding is worded from its whole report's findings, not only those the filter and the page keep
  const ofReports = await getFindingsOfReports(findings.map((x) => x.reportId));
  const keep = { year, rule: sp.rule, severity: sp.severity, synthetic: sp.synthetic ? "1" : undefined };
  // each list's pager keeps the other lists where they are
  const at = { page: page > 1 ? page : undefined, rank: rank > 1 ? rank : undefined, read: read > 1 ? read : undefined };
  const pageHref = (n: number) => hrefWith("/quality", { ...keep, ...at, page: n > 1 ? n : undefined }) + "#findings";
  const rankHref = (n: number) => hrefWith("/quality", { ...keep, ...at, rank: n > 1 ? n : undefined }) + "#completeness";
  const readHref = (n: number) => hrefWith("/quality", { ...keep, ...at, read: n > 1 ? n : undefined }) + "#coverage";
  const partsText = (Object.entries(reading.byPart) as [keyof typeof PART_LABELS, number][]).filter(([, n]) => n > 0).map(([p, n]) => `${PART_LABELS[p]} ${n}`).join("、");

  return (
    <div>
      <PageHeader title="数据质量" subtitle="所有报告的审核发现：表内与表间勾稽、文字与表格、所述百分比与复算结果、绩效得分；以及每份文件读出了多少。">
        <YearPicker years={years} current={year} path="/quality" params={{ ...keep, year: undefined }} />
        <SyntheticToggle path="/quality" synthetic={sp.synthetic} params={{ ...keep, synthetic: undefined }} />
      </PageHeader>

      {reading.partial ? (
        <p className="mb-4 rounded border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900">
          {reading.partial} 份报告未完整读取（未能读取的部分 {reading.notes} 处{reading.cellsOpen ? `，待定单元格 ${reading.cellsOpen} 个` : ""}）：这些报告的数字、核对与排名都不包括未读的部分。
          <a className="ml-1 text-blue-700 hover:underline" href="#coverage">查看读取覆盖 ↓</a>
        </p>
      ) : null}

      <Section title="按规则统计" note="点击规则或级别筛选下方明细；尾数差异在文件声明的尾数误差范围内，不视为错误。">
        {counts.length === 0 ? (
          <Empty>本年度没有审核发现。</Empty>
        ) : (
          <div className="overflow-x-auto">
            <table className="sticky-first w-full min-w-[600px] border-collapse text-sm">
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
                    <td className="p-1.5">
                      <Link className="text-blue-700 hover:underline" href={hrefWith("/quality", { ...keep, rule: c.rule })} title={`规则编号 ${c.rule}`}>{ruleName(c.rule) ?? "其他核对"}</Link>
                    </td>
                    <td className="p-1.5 text-gray-700">{ruleMeaning(c.rule) ?? "—"}</td>
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
        id="coverage"
        title="读取覆盖（未完整读取的报告，由低到高）"
        actions={<CsvLink dataset="coverage" params={keep} />}
        note={
          <>
            {COVERAGE_FORMULA} 每份报告列出前 {NOTES_SHOWN} 处未读部分，全部见部门页或 <a className="text-blue-700 hover:underline" href={hrefWith("/export/unread-notes", keep)} download>未读部分明细 CSV</a>。
          </>
        }
      >
        <p className="mb-3 text-sm">
          {year ?? ""}{year ? " 年度" : ""}共 {reading.reports} 份报告，
          {reading.partial === 0 ? (
            <span className="text-emerald-700">全部完整读取。</span>
          ) : (
            <>
              <b className="text-rose-700">{reading.partial}</b> 份未完整读取：未能读取的部分 {reading.notes} 处{partsText ? `（${partsText}）` : ""}
              {reading.cellsOpen ? `，待定单元格 ${reading.cellsOpen} 个` : ""}。
            </>
          )}
          {reading.extraTables ? <span className="text-gray-600"> 另有 {reading.extraTables} 张未识别的表按原样保留。</span> : null}
        </p>
        {leastRead.length ? (
          <>
            <div className="overflow-x-auto">
              <table className="sticky-first w-full min-w-[900px] table-fixed border-collapse text-sm">
                <colgroup>
                  <col className="w-[17%]" />
                  <col className="w-[8%]" />
                  <col className="w-[7%]" />
                  <col className="w-[10%]" />
                  <col className="w-[10%]" />
                  <col />
                </colgroup>
                <thead>
                  <tr className="border-b bg-gray-100 text-left">
                    <th className="p-1.5">部门</th>
                    <th className="num p-1.5">读取覆盖</th>
                    <th className="num p-1.5">决算表</th>
                    <th className="num p-1.5">单元格<br /><span className="font-normal text-gray-500">已定位 / 待定</span></th>
                    <th className="num p-1.5">情况说明<br /><span className="font-normal text-gray-500">已识别 / 未读</span></th>
                    <th className="p-1.5">未能读取的部分（位置 · 部分 · 原因 · 原文）</th>
                  </tr>
                </thead>
                <tbody>
                  {leastRead.map((r) => (
                    <tr key={`${r.departmentId}-${r.year}-${r.scope}`} className="border-b border-gray-100 align-top">
                      <td className="p-1.5">
                        <Link className="text-blue-700 hover:underline" href={`/departments/${r.departmentId}?year=${r.year}#unread`}>{r.department}</Link>
                        <SyntheticBadge synthetic={r.synthetic} />
                        <div className="text-xs text-gray-500">{r.year} 年度{r.scope} · {r.layout === "pdf" ? "PDF" : r.layout === "plain-text" ? "PDF 提取文本" : r.layout === "markdown" ? "Markdown" : "JSON"}</div>
                      </td>
                      <td className="num p-1.5"><CoveragePct v={r.coverage} /></td>
                      <td className="num p-1.5">{r.tablesRead}/9</td>
                      <td className="num p-1.5">{r.cellsPlaced.toLocaleString("zh-CN")} / <span className={r.cellsOpen ? "text-amber-700" : ""}>{r.cellsOpen}</span></td>
                      <td className="num p-1.5">{r.statementsRead} / <span className={r.statementsUnread ? "text-rose-700" : ""}>{r.statementsUnread}</span></td>
                      <td className="p-1.5">
                        {r.notes.length === 0 ? (
                          <span className="text-gray-500">{r.cellsOpen ? "没有未读部分；有单元格无法唯一确定所属列。" : "没有未读部分；目录列出的表未找到。"}</span>
                        ) : (
                          <ul className="space-y-1">
                            {r.notes.map((n, i) => (
                              <li key={i} className="text-xs leading-snug">
                                <span className="mr-1 whitespace-nowrap rounded bg-gray-100 px-1 text-gray-700">{noteLocation(n) || "位置不明"}</span>
                                <span className="text-gray-500">{PART_LABELS[n.part]}</span> · {n.place}：<span className="text-rose-800">{n.message}</span>
                                <div className="truncate text-gray-500" title={n.text}>原文：{n.text}</div>
                              </li>
                            ))}
                            {r.unreadCount > r.notes.length ? (
                              <li className="text-xs">
                                <Link className="text-blue-700 hover:underline" href={`/departments/${r.departmentId}?year=${r.year}#unread`}>另有 {r.unreadCount - r.notes.length} 处 →</Link>
                              </li>
                            ) : null}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={read} pageSize={READ_PAGE} total={reading.partial} href={readHref} unit="份" />
          </>
        ) : null}
      </Section>

      <Section
        id="findings"
        title={`审核发现明细${sp.rule ? ` · ${ruleName(sp.rule) ?? "其他核对"}` : ""}${sp.severity ? ` · ${SEV_TEXT[sp.severity]}` : ""}`}
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
            <FindingsTable findings={findings.map((x) => ({ ...x, department: { id: x.departmentId, name: x.department, year: x.year, synthetic: x.synthetic }, others: ofReports.get(x.reportId) }))} />
            <Pager page={page} pageSize={FINDINGS_PAGE} total={findingTotal} href={pageHref} unit="项" />
          </>
        )}
      </Section>

      <Section id="completeness" title="信息完整度排名（由低到高）" actions={<CsvLink dataset="completeness" params={keep} />} note="完整度 = 模板要求披露的项目中已披露的比例（九张表、三公数量、采购中小企业数字、名词解释、预算执行说明、绩效自评）。">
        <div className="overflow-x-auto">
          <table className="sticky-first w-full min-w-[520px] border-collapse text-sm">
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
