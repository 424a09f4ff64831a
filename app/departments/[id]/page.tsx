import { BudgetSummary } from "./budget-summary";
import { tablesHref, unreadTablesOf } from "./tables-nav";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDepartmentReport } from "@/db/queries/department";
import { computeCompleteness } from "@/lib/audit/completeness";
import { departmentParamsSchema, parseParams, type RawParams } from "@/lib/filters";
import { budgetCredibility } from "@/lib/metrics/credibility";
import { BAND_TEXT, EXECUTION_RATE, PEER_GROUP, POLICY_TEXT, PROJECT_RATE_FLOOR, executionBand, figureBand, type Band } from "@/lib/metrics/policy";
import { ratePct } from "@/lib/metrics/stats";
import { D } from "@/lib/money/decimal";
import { FIGURE_LABELS } from "@/lib/report/labels";
import { computeCoverage, unreadNotes } from "@/lib/report/coverage";
import { placeOfLine } from "@/lib/report/schema";
import { FindingsTable } from "../../_components/findings-table";
import { PrintButton } from "../../_components/print-button";
import { COVERAGE_FORMULA, COVERAGE_SHORT, CoverageSummary, UnreadNotesTable } from "../../_components/reading-coverage";
import { Empty, Pct, Section, SyntheticBadge, Term, Wan, hrefWith } from "../../_components/ui";

export const dynamic = "force-dynamic";

const CARD_KEYS = [
  "expenditureTotal",
  "basicExpenditure",
  "projectExpenditure",
  "gpbExecutionRate",
  "sangongFinal",
  "procurementSmeShare",
  "operatingCost",
  "personnelCost",
] as const;

/** change key in the narrative → the figure that holds the same quantity in the stored previous year */
const CHANGE_TO_FIGURE: Record<string, string> = {
  grandTotal: "grandTotal",
  "income.fiscal": "fiscalIncome",
  "expenditure.basic": "basicExpenditure",
  "expenditure.project": "projectExpenditure",
  gpbExpenditure: "gpbExpenditure",
};

const LAYOUT_TEXT: Record<string, string> = { "plain-text": "PDF 提取文本", markdown: "Markdown 表格", json: "规范 JSON", pdf: "PDF 原件" };

const BAND_STYLE: Record<Band, string> = { good: "bg-emerald-100 text-emerald-800", watch: "bg-amber-100 text-amber-800", concern: "bg-rose-100 text-rose-800" };

export async function generateMetadata(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  return { title: `部门 ${id}` };
}

export default async function DepartmentPage(props: { params: Promise<{ id: string }>; searchParams: Promise<RawParams> }) {
  const { id } = await props.params;
  const sp = parseParams(departmentParamsSchema, await props.searchParams);
  const deptId = /^\d{1,9}$/.test(id) ? Number(id) : NaN;
  if (!Number.isFinite(deptId)) notFound();
  const data = await getDepartmentReport(deptId, sp.year, sp.revision);
  if (!data) notFound();

  const { report, figures, priorFigures, peerMedians, findings } = data;
  const completeness = computeCompleteness(report);
  const coverage = computeCoverage(report);
  const notes = unreadNotes(report);
  // the nine tables' unread notes, by table: the completeness list says which tables were printed but not read
  const unreadTables = unreadTablesOf(report, notes);
  // the nine tables are on a page of their own (./tables): they were most of the pack's weight
  const tables = tablesHref(deptId, data.year, sp.revision);
  // figures link to the original only when the store keeps the file (not for the demo city or JSON loads)
  const cite = data.hasDocument ? { reportId: data.reportId, source: report.source } : undefined;
  const cred = budgetCredibility(figures.initialBudgetGpb, figures.gpbExpenditure);
  const glossary = new Map(report.glossary.map((g) => [g.term, g.definition]));
  const n = report.narrative;
  const counts = { error: 0, warning: 0, rounding: 0 };
  for (const f of findings) counts[f.severity]++;

  return (
    <article className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">
            {data.department}
            <SyntheticBadge synthetic={data.synthetic} />
          </h1>
          <p className="mt-1 text-sm text-gray-600">
            {data.year} 年度{data.scope}
            {report.entity ? `（${report.entity}）` : ""} · 第 {data.revision} 版
            {data.revisions.length > 1 ? `（共 ${data.revisions.length} 版）` : ""} · 来源文件 {report.source.fileName}（{LAYOUT_TEXT[report.source.layout]}{report.source.pages ? `，${report.source.pages} 页` : ""}，SHA-256 {report.source.sha256.slice(0, 12)}…）
            {cite ? (
              <>
                {" "}·{" "}
                <Link className="text-blue-700 hover:underline" href={`/reports/${cite.reportId}/source`}>
                  查看原文
                </Link>
              </>
            ) : null}
          </p>
        </div>
        <div className="no-print flex flex-wrap items-center gap-2 text-sm">
          {data.years.map((y) => (
            <Link key={y} href={hrefWith(`/departments/${deptId}`, { year: y })} className={`rounded px-2 py-0.5 ${y === data.year ? "bg-blue-600 text-white" : "border border-gray-300 hover:bg-gray-50"}`}>
              {y}
            </Link>
          ))}
          <Link className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-50" href={tables}>
            九张表
          </Link>
          <Link className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-50" href={hrefWith("/benchmark", { year: data.year, synthetic: data.synthetic ? "1" : undefined, dept: deptId })} title="在同年各部门的对标排名中找到本部门">
            对标名次
          </Link>
          <PrintButton />
        </div>
      </header>

      {data.revisions.length > 1 ? (
        <p className="no-print text-sm text-gray-600">
          版本：
          {data.revisions.map((r) => (
            <Link key={r.revision} className={`ml-2 ${r.revision === data.revision ? "font-semibold" : "text-blue-700 hover:underline"}`} href={hrefWith(`/departments/${deptId}`, { year: data.year, revision: r.revision })}>
              第 {r.revision} 版{r.isLatest ? "（最新）" : ""}，{r.loadedAt.slice(0, 10)}
            </Link>
          ))}
        </p>
      ) : null}

      <section aria-label="核心指标" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4 print:grid-cols-4">
        {CARD_KEYS.map((k) => {
          const meta = FIGURE_LABELS[k];
          const v = figures[k];
          const b = figureBand(k, v, priorFigures?.[k]);
          return (
            <div key={k} className="rounded-lg border border-gray-200 bg-white p-3 shadow-sm" title={`计算：${meta.formula}。标记：${POLICY_TEXT.bands}。`}>
              <div className="flex items-center justify-between text-xs text-gray-500">
                <span>{meta.label}</span>
                {b ? <span className={`rounded px-1.5 py-0.5 ${BAND_STYLE[b]}`}>{BAND_TEXT[b]}</span> : null}
              </div>
              <div className="mt-1 text-xl font-semibold tabular-nums">
                {meta.unit === "%" ? <Pct v={v} /> : <Wan v={v} />}
                {v !== undefined && meta.unit !== "%" ? <span className="ml-1 text-xs font-normal text-gray-500">万元</span> : null}
              </div>
              <div className="mt-1 text-xs text-gray-500">
                {peerMedians[k] !== undefined ? (
                  <span title={POLICY_TEXT.peers}>
                    同类 {data.peerCounts[k]} 个{data.scope}中位数：{meta.unit === "%" ? <Pct v={peerMedians[k]} /> : <Wan v={peerMedians[k]} />}
                  </span>
                ) : (
                  <span title={POLICY_TEXT.peers}>同类{data.scope}不足 {PEER_GROUP.minPeers} 个，不列中位数</span>
                )}
                {priorFigures?.[k] !== undefined ? (
                  <>
                    {" "}· 上年 {meta.unit === "%" ? <Pct v={priorFigures[k]} /> : <Wan v={priorFigures[k]} />}
                  </>
                ) : null}
              </div>
              <div className="mt-1 text-[11px] text-gray-400">{meta.formula}</div>
            </div>
          );
        })}
      </section>

      <div className="grid gap-4 lg:grid-cols-3 print:grid-cols-3">
        <div>
          <Section title="预算可信度（PEFA PI-1）" note="偏离度 = |一般公共预算财政拨款支出决算 − 年初预算| ÷ 年初预算；偏离 5% 以内为 A，10% 以内为 B，15% 以内为 C，超过为 D。">
            {cred ? (
              <p className="text-sm">
                <span className="mr-2 text-3xl font-semibold">{cred.grade}</span>
                偏离 {cred.deviationPct}%（年初预算 <Wan v={figures.initialBudgetGpb} /> 万元，决算 <Wan v={figures.gpbExpenditure} /> 万元）
              </p>
            ) : (
              <Empty>文件未披露一般公共预算财政拨款年初预算，无法评级。</Empty>
            )}
          </Section>
          <Section title="审核结果">
            <p className="text-sm">
              错误 <b className="text-rose-700">{counts.error}</b> 项 · 警告 <b className="text-amber-700">{counts.warning}</b> 项 · 尾数差异 {counts.rounding} 项
            </p>
            <p className="mt-2 text-xs text-gray-500">尾数差异在文件声明的“金额单位转换时可能存在尾数误差”范围内，不视为错误。</p>
            <a href="#findings" className="no-print mt-2 inline-block text-sm text-blue-700 hover:underline">
              查看全部发现 ↓
            </a>
          </Section>
        </div>
        <Section title="信息完整度" note="每项为模板要求披露的内容；得分 = 已披露项 ÷ 全部项。">
          <p className="mb-2 text-3xl font-semibold">{completeness.score}<span className="ml-1 text-sm font-normal text-gray-500">分</span></p>
          <ul className="grid grid-cols-1 gap-0.5 text-xs sm:grid-cols-2">
            {completeness.items.map((i) =>
              !i.present && i.key in unreadTables ? (
                // printed but not read: a reading gap, not a disclosure gap
                <li key={i.key} className="text-amber-700" title="文件中有这张表，但未能读取，见“未能读取的部分”">
                  ? {i.label}（有，未能读取）
                </li>
              ) : (
                <li key={i.key} className={i.present ? "text-gray-600" : "text-rose-700"}>
                  {i.present ? "✓" : "✗"} {i.label}
                </li>
              ),
            )}
          </ul>
        </Section>
        <Section
          title="读取覆盖"
          note={
            <>
              {COVERAGE_SHORT}
              <details className="no-print mt-1">
                <summary className="cursor-pointer text-blue-700">计算方法</summary>
                {COVERAGE_FORMULA}
              </details>
            </>
          }
        >
          <CoverageSummary coverage={coverage} unreadHref="#unread" />
        </Section>
      </div>

      {notes.length ? (
        <Section
          title={`未能读取的部分（${notes.length} 处）`}
          id="unread"
          note="这些部分没有读入本报告：上面的数字、下面的表格和审核都不包括它们。请对照原文（页码为 PDF 页，行号为提取文本的行）。"
        >
          <UnreadNotesTable notes={notes} />
        </Section>
      ) : null}

      <Section title="与上年相比（情况说明所述）" id="yoy" note="“上年（推算）”= 本年数 − 所述增减额；“上年（库中）”为库中上一年度报告的同一数字，两者不一致时数据质量页会列出“上年数据重述”。">
        {n.changes.length === 0 ? (
          <Empty>情况说明未给出与上年的比较。</Empty>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[720px] border-collapse text-sm">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  <th className="p-1.5">项目</th>
                  <th className="num p-1.5">本年（万元）</th>
                  <th className="num p-1.5">增减（万元）</th>
                  <th className="num p-1.5">增减率</th>
                  <th className="num p-1.5">上年（推算）</th>
                  <th className="num p-1.5">上年（库中）</th>
                  <th className="p-1.5">部门说明的原因</th>
                </tr>
              </thead>
              <tbody>
                {n.changes.map((c, i) => {
                  const implied = c.change !== undefined ? new D(c.current).minus(c.change).toFixed() : c.unchanged ? c.current : undefined;
                  const fk = CHANGE_TO_FIGURE[c.key];
                  const stored = fk && priorFigures ? priorFigures[fk] : undefined;
                  const mismatch = implied !== undefined && stored !== undefined && !new D(implied).eq(stored);
                  return (
                    <tr key={i} className="border-b border-gray-100 align-top">
                      <td className="p-1.5">{c.subject}</td>
                      <td className="num p-1.5"><Wan v={c.current} /></td>
                      <td className="num p-1.5">{c.unchanged ? "持平" : <Wan v={c.change} />}</td>
                      <td className="num p-1.5"><Pct v={c.pct} /></td>
                      <td className="num p-1.5"><Wan v={implied} /></td>
                      <td className={`num p-1.5 ${mismatch ? "font-semibold text-rose-700" : ""}`}>{stored !== undefined ? <Wan v={stored} /> : <span className="text-gray-400">—</span>}</td>
                      <td className="p-1.5 text-gray-700">{c.reason ?? <span className="text-gray-400">未说明</span>}{c.sourceLine ? <span className="ml-1 text-xs text-gray-400">（{placeOfLine(report, c.sourceLine)}）</span> : null}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <BudgetSummary departmentId={deptId} year={report.year} />

      <Section title="年初预算执行（一般公共预算财政拨款）" id="execution" note={`执行率（复算）= 支出决算 ÷ 年初预算 × 100，与文件所述执行率并列；低于 ${EXECUTION_RATE.low}% 或高于 ${EXECUTION_RATE.high}% 标红。`}>
        {!n.budgetExecution ? (
          <Empty>情况说明未披露年初预算与决算的对比。</Empty>
        ) : (
          <>
            <p className="mb-2 text-sm">
              年初预算 <Wan v={n.budgetExecution.initialBudget} /> 万元，支出决算 <Wan v={n.budgetExecution.final} /> 万元，文件所述完成 <Pct v={n.budgetExecution.rate} />。
              {n.budgetExecution.reason ? <span className="text-gray-600"> 原因：{n.budgetExecution.reason}</span> : null}
            </p>
            <div className="overflow-x-auto">
              <table className="w-full min-w-[760px] border-collapse text-sm">
                <thead>
                  <tr className="border-b bg-gray-100 text-left">
                    <th className="p-1.5">科目（类 / 款 / 项）</th>
                    <th className="num p-1.5">年初预算</th>
                    <th className="num p-1.5">支出决算</th>
                    <th className="num p-1.5">所述执行率</th>
                    <th className="num p-1.5">复算执行率</th>
                    <th className="p-1.5">部门说明的原因</th>
                  </tr>
                </thead>
                <tbody>
                  {n.budgetExecution.items.map((it, i) => {
                    const r = ratePct(it.final, it.initialBudget);
                    const b = executionBand(r);
                    return (
                      <tr key={i} className="border-b border-gray-100 align-top">
                        <td className="p-1.5">{it.code ? <span className="mr-1 font-mono text-xs text-gray-500">{it.code}</span> : null}{it.path.join(" / ")}</td>
                        <td className="num p-1.5"><Wan v={it.initialBudget} /></td>
                        <td className="num p-1.5"><Wan v={it.final} /></td>
                        <td className="num p-1.5">{it.noInitialBudget ? "年初无预算" : <Pct v={it.rate} />}</td>
                        <td className={`num p-1.5 ${b === "concern" ? "font-semibold text-rose-700" : ""}`}><Pct v={r} /></td>
                        <td className="p-1.5 text-gray-700">{it.reason ?? <span className="text-gray-400">未说明</span>}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Section>

      <div className="grid gap-4 lg:grid-cols-3 print:grid-cols-3">
        <Section title="“三公”经费" note="单位成本为本产品计算：接待费 ÷ 接待人次，运行维护费 ÷ 保有车辆，出国费 ÷ 出国人次。">
          {n.sangong ? (
            <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
              <dt className="text-gray-500">预算 / 决算</dt>
              <dd className="num"><Wan v={n.sangong.total?.budget} /> / <Wan v={n.sangong.total?.final} /></dd>
              <dt className="text-gray-500">出国团组 / 人次</dt>
              <dd className="num">{n.sangong.abroadGroups ?? "—"} / {n.sangong.abroadPersons ?? "—"}</dd>
              <dt className="text-gray-500">购置 / 保有车辆</dt>
              <dd className="num">{n.sangong.vehiclesPurchased ?? "—"} / {n.sangong.vehiclesKept ?? "—"} 辆</dd>
              <dt className="text-gray-500">国内接待 批次 / 人次</dt>
              <dd className="num">{n.sangong.receptionDomestic?.batches ?? "—"} / {n.sangong.receptionDomestic?.persons ?? "—"}</dd>
              <dt className="text-gray-500">每接待人次</dt>
              <dd className="num">{perUnit(n.sangong.reception?.final, n.sangong.receptionDomestic?.persons)}</dd>
              <dt className="text-gray-500">每辆车运行维护</dt>
              <dd className="num">{perUnit(n.sangong.vehicleOperation, n.sangong.vehiclesKept)}</dd>
              <dt className="text-gray-500">每出国人次</dt>
              <dd className="num">{perUnit(n.sangong.abroad?.final, n.sangong.abroadPersons)}</dd>
            </dl>
          ) : (
            <Empty>未披露“三公”经费说明。</Empty>
          )}
        </Section>
        <Section title="政府采购">
          {n.procurement ? (
            <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
              <dt className="text-gray-500">采购总额</dt>
              <dd className="num"><Wan v={n.procurement.total} /></dd>
              <dt className="text-gray-500">货物 / 工程 / 服务</dt>
              <dd className="num"><Wan v={n.procurement.goods} /> / <Wan v={n.procurement.works} /> / <Wan v={n.procurement.services} /></dd>
              <dt className="text-gray-500">授予中小企业</dt>
              <dd className="num"><Wan v={n.procurement.sme} />（<Pct v={n.procurement.smeShare} />）</dd>
              <dt className="text-gray-500">其中小微企业</dt>
              <dd className="num"><Wan v={n.procurement.smallMicro} />（<Pct v={n.procurement.smallMicroShare} />）</dd>
            </dl>
          ) : (
            <Empty>未披露政府采购情况。</Empty>
          )}
        </Section>
        <Section title="机关运行经费与国有资产">
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
            <dt className="text-gray-500"><Term definition={glossary.get("机关运行经费")}>机关运行经费</Term></dt>
            <dd className="num"><Wan v={n.operatingCost?.amount} /></dd>
            <dt className="text-gray-500">比年初预算</dt>
            <dd className="num">{n.operatingCost?.changeVsBudget !== undefined ? <><Wan v={n.operatingCost.changeVsBudget} />（<Pct v={n.operatingCost.pct} />）</> : "—"}</dd>
            <dt className="text-gray-500">车辆</dt>
            <dd className="num">{n.assets?.vehicles ?? "—"} 辆</dd>
            <dt className="text-gray-500">百万元以上设备</dt>
            <dd className="num">{n.assets?.largeEquipment ?? "—"} 台（套）</dd>
          </dl>
          {n.operatingCost?.reason ? <p className="mt-2 text-xs text-gray-600">原因：{n.operatingCost.reason}</p> : null}
        </Section>
      </div>

      <Section title="绩效自评" id="performance" note={`执行率 = 全年执行数 ÷ 全年预算数；自评为“优”而执行率低于 ${PROJECT_RATE_FLOOR}% 的项目标红。`}>
        {report.appendix.performanceSheets.length === 0 && !report.appendix.performanceSummary ? (
          <Empty>未附绩效自评表。</Empty>
        ) : (
          <div className="space-y-3">
            {n.performance ? (
              <p className="text-sm text-gray-700">
                自评项目 {n.performance.projectCount ?? "—"} 个，涉及资金 <Wan v={n.performance.funds} /> 万元；
                {Object.entries(n.performance.gradeCounts).map(([g, c]) => `${g} ${c} 个`).join("，") || "等级分布未披露"}；公开自评表 {report.appendix.performanceSheets.length} 张。
              </p>
            ) : null}
            {report.appendix.performanceSheets.length ? (
              // each project's indicators are on the 绩效 page (one project at a time), not repeated here
              <p className="no-print text-sm">
                <Link className="text-blue-700 hover:underline" href={hrefWith("/performance", { year: data.year, synthetic: data.synthetic ? "1" : undefined, dept: deptId })}>
                  查看各项目的绩效指标（目标值、实际值、得分与偏差原因）→
                </Link>
              </p>
            ) : null}
            <div className="overflow-x-auto">
              <table className="w-full min-w-[720px] border-collapse text-sm">
                <thead>
                  <tr className="border-b bg-gray-100 text-left">
                    <th className="p-1.5">项目</th>
                    <th className="num p-1.5">全年预算（A）</th>
                    <th className="num p-1.5">执行数（B）</th>
                    <th className="num p-1.5">执行率</th>
                    <th className="num p-1.5">自评得分</th>
                    <th className="p-1.5">等级</th>
                  </tr>
                </thead>
                <tbody>
                  {report.appendix.performanceSheets.map((s, i) => {
                    const grade = report.appendix.performanceSummary?.rows.find((r) => r.name === s.name)?.grade;
                    const r = ratePct(s.funds.total.executed, s.funds.total.annual);
                    const flag = r !== undefined && new D(r).lt(PROJECT_RATE_FLOOR) && grade === "优";
                    return (
                      <tr key={i} className={`border-b border-gray-100 align-top ${flag ? "bg-rose-50" : ""}`}>
                        <td className="p-1.5">{s.name}<span className="ml-1 text-xs text-gray-400">（{s.indicators.length} 项指标）</span></td>
                        <td className="num p-1.5"><Wan v={s.funds.total.annual} /></td>
                        <td className="num p-1.5"><Wan v={s.funds.total.executed} /></td>
                        <td className={`num p-1.5 ${flag ? "font-semibold text-rose-700" : ""}`}><Pct v={r} /></td>
                        <td className="num p-1.5">{s.totalScore ?? "—"}</td>
                        <td className="p-1.5">{grade ?? "—"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </Section>

      <Section title="审核发现" id="findings" note="每条发现给出两处来源（表与行，或情况说明的段落与原文行号），以及应为值与文件所列值。">
        {findings.length === 0 ? <Empty>没有发现不一致之处。</Empty> : <FindingsTable findings={findings} linkTables={(t) => tablesHref(deptId, data.year, sp.revision, t)} source={report.source} cite={cite ? { ...cite, tables: report.tables } : undefined} />}
      </Section>

      <Section title="九张决算公开表" id="tables" note="九张表和文件中未识别的其他表格在单独一页，打印时请在该页另行打印。">
        <p className="text-sm">
          <Link className="text-blue-700 hover:underline" href={tables}>
            查看九张决算公开表{report.extraTables.length ? `及其他 ${report.extraTables.length} 张表格` : ""}
            {report.ambiguities.length ? `（另有 ${report.ambiguities.length} 个待人工确认的单元格）` : ""} →
          </Link>
          <span className="hidden print:inline"> {tables}</span>
        </p>
      </Section>

      <Section title="名词解释（文件第四部分）" id="glossary">
        {report.glossary.length === 0 ? (
          <Empty>文件没有名词解释。</Empty>
        ) : (
          <dl className="grid gap-2 text-sm md:grid-cols-2">
            {report.glossary.map((g, i) => (
              <div key={i}>
                <dt className="font-semibold">{g.term}</dt>
                <dd className="text-gray-700">{g.definition}</dd>
              </div>
            ))}
          </dl>
        )}
      </Section>
    </article>
  );
}

function perUnit(amount: string | undefined, count: number | undefined) {
  if (amount === undefined || count === undefined || count === 0) return <span className="text-gray-400">—</span>;
  return <span>{new D(amount).div(count).times(10000).toFixed(0)} 元</span>;
}
