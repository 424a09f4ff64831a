import Link from "next/link";
import { Pager } from "../_components/pager";
import { z } from "zod";
import { resolveYear } from "@/db/queries/figures";
import {
  getPerformancePage,
  getPerformanceProject,
  getPerformanceSummary,
  performanceRateEdges,
  type PerformanceProject,
} from "@/db/queries/performance";
import { parseParams, performanceParamsSchema, type RawParams } from "@/lib/filters";
import { PROJECT_RATE_FLOOR } from "@/lib/metrics/policy";
import { Bars } from "../_components/charts/charts";
import { SyntheticToggle } from "../_components/synthetic-toggle";
import { CsvLink, Empty, PageHeader, Section, YearPicker, hrefWith, NoReports } from "../_components/ui";
import { getSourcesOf } from "@/db/queries/source";
import { ProjectTable } from "./project-table";
import { ProjectView } from "./project-view";
import { withDemoChoice } from "../_lib/demo-city";

export const dynamic = "force-dynamic";
export const metadata = { title: "绩效" };

const PRESETS = [20, 50, 80];
/** A city publishes hundreds of projects: the list shows this many per page, flagged ones first. */
const PAGE_SIZE = 100;

const positive = z
  .preprocess(
    (v) => (Array.isArray(v) ? v[0] : v) || undefined,
    z.coerce.number().int().positive().max(2_147_483_647).optional(),
  )
  .catch(undefined);
const pageParamsSchema = performanceParamsSchema.extend({ page: positive, project: positive });

export default async function PerformancePage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(pageParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  const synthetic = sp.synthetic ? "1" : undefined;
  if (year === undefined) {
    return <NoReports title="绩效" purpose="分析绩效自评" synthetic={sp.synthetic} path="/performance" />;
  }
  const filter = { year, synthetic: sp.synthetic, dept: sp.dept, maxRate: sp.maxRate };
  const keep = { year, synthetic, maxRate: sp.maxRate === PROJECT_RATE_FLOOR ? undefined : sp.maxRate, dept: sp.dept };
  const href = (over: Partial<Record<keyof typeof keep | "page" | "project", string | number | undefined>>) =>
    hrefWith("/performance", { ...keep, ...over });
  const header = (title: string, subtitle: string) => (
    <PageHeader title={title} subtitle={subtitle}>
      <YearPicker years={years} current={year} path="/performance" params={{ ...keep, year: undefined }} />
      <SyntheticToggle path="/performance" synthetic={sp.synthetic} params={{ ...keep, synthetic: undefined }} />
    </PageHeader>
  );

  if (sp.project !== undefined) {
    const project = await getPerformanceProject(filter, sp.project);
    const sources = await getSourcesOf(project ? [project.reportId] : []);
    const back = href({ page: sp.page });
    return (
      <div>
        {header(`${year} 年度绩效自评 · 项目`, "一个项目的自评表：资金执行与自评得分，以及逐项指标（自评表原文）。")}
        {project ? (
          <ProjectView
            p={project}
            sources={sources}
            maxRate={sp.maxRate}
            back={back}
            deptHref={href({ dept: project.departmentId })}
            year={year}
          />
        ) : (
          <Empty>
            {year} 年度{sp.synthetic ? "" : "真实公开文件"}
            {sp.dept ? "该部门" : ""}的绩效自评表中没有这个项目（编号 {sp.project}）。
            <Link className="ml-1 text-blue-700 underline" href={back}>
              回到项目列表
            </Link>
          </Empty>
        )}
      </div>
    );
  }

  // One department's list is short: its indicators come inline. The city-wide list links to each project instead.
  const inline = sp.dept !== undefined;
  // Counts and the distribution of the whole list, then one page of it, both in the database.
  const [summary, firstTry] = await Promise.all([
    getPerformanceSummary(filter),
    getPerformancePage(filter, { offset: ((sp.page ?? 1) - 1) * PAGE_SIZE, limit: PAGE_SIZE, indicators: inline }),
  ]);
  const pages = Math.max(1, Math.ceil(summary.total / PAGE_SIZE));
  const page = Math.min(sp.page ?? 1, pages);
  const shown =
    page === (sp.page ?? 1)
      ? firstTry
      : await getPerformancePage(filter, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE, indicators: inline });
  const sources = await getSourcesOf(shown.map((p) => p.reportId));
  const FLAG = `评为优但执行率低于 ${sp.maxRate}%`;
  const LOW = `执行率低于 ${sp.maxRate}%`;
  const edges = performanceRateEdges(sp.maxRate);
  const bandLabel = (b: number) =>
    b === 0
      ? `${edges[0]}% 以下`
      : b >= edges.length
        ? `${edges[edges.length - 1]}% 及以上`
        : `${edges[b - 1]}–${edges[b]}%`;
  const GRADES = ["优", "良", "中", "差"] as const;
  const gradeOf = (g?: string) => (g && (GRADES as readonly string[]).includes(g) ? g : "未评等级");
  const categories = [...GRADES, "未评等级"].filter((g) =>
    summary.bands.some((b) => b.band >= 0 && gradeOf(b.grade) === g),
  );
  const chart = Array.from({ length: edges.length + 1 }, (_, b) => {
    const row: Record<string, string | number> = { 执行率: bandLabel(b) };
    for (const g of categories)
      row[g] = summary.bands.filter((x) => x.band === b && gradeOf(x.grade) === g).reduce((a, x) => a + x.count, 0);
    return row;
  });
  const noRate = summary.bands.filter((b) => b.band < 0).reduce((a, b) => a + b.count, 0);
  const deptName = sp.dept ? shown[0]?.department : undefined;
  const projectHref = (p: PerformanceProject) => href({ project: p.id, page: page > 1 ? page : undefined });

  return (
    <div>
      {header(`${year} 年度绩效自评`, "每个公开了绩效自评表的项目：资金执行率与自评得分是否相称，以及逐项指标。")}

      <div className="no-print mb-4 flex flex-wrap items-center gap-1 text-sm">
        <span className="text-gray-500">执行率低于</span>
        {PRESETS.map((r) => (
          <Link
            key={r}
            href={href({ maxRate: r === PROJECT_RATE_FLOOR ? undefined : r })}
            className={`rounded px-2 py-0.5 ${r === sp.maxRate ? "bg-blue-600 text-white" : "border border-gray-300 text-gray-700 hover:bg-gray-50"}`}
          >
            {r}%
          </Link>
        ))}
        {PRESETS.includes(sp.maxRate) ? null : (
          <span className="rounded bg-blue-600 px-2 py-0.5 text-white">{sp.maxRate}%</span>
        )}
        <span className="text-gray-500">视为执行率低</span>
        <span className="text-xs text-gray-500">（可在网址中设置 maxRate）</span>
      </div>

      {sp.dept ? (
        <p className="mb-4 rounded border border-blue-200 bg-blue-50 p-2 text-sm text-blue-900">
          只看：<b>{deptName ?? `部门 ${sp.dept}`}</b>
          {deptName ? null : `（${year} 年度该部门没有公开绩效自评表）`} ·{" "}
          <Link className="text-blue-700 underline" href={href({ dept: undefined })}>
            看全部部门
          </Link>{" "}
          ·{" "}
          <Link className="text-blue-700 underline" href={`/departments/${sp.dept}?year=${year}#performance`}>
            部门页
          </Link>
        </p>
      ) : null}

      <section className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Card
          label="公开自评表的项目"
          value={`${summary.total} 个`}
          sub={summary.summaryOnly ? `另有 ${summary.summaryOnly} 个只在汇总表中列出` : undefined}
        />
        <Card
          label={FLAG}
          value={`${summary.flagged} 个`}
          tone={summary.flagged ? "bad" : undefined}
          sub={summary.flagged ? "列在下方明细最前" : undefined}
        />
        <Card label={`其他${LOW}`} value={`${summary.low} 个`} />
        <Card label="无法比较" value={`${summary.total - summary.plotted} 个`} sub="缺执行率或得分" />
      </section>

      <Section
        title="执行率与自评等级"
        note={`横轴：执行率 = 全年执行数（B）÷ 全年预算数（A）× 100，取自评表所列，未列时复算，按区间计数；每根柱按自评等级（汇总表等级，未列时按得分推定：90 分及以上为优）分段。执行率低于 ${sp.maxRate}% 的区间里的“优”即“${FLAG}”的项目，在下方明细中排在最前。${noRate ? `${noRate} 个项目缺执行率，未画出。` : ""}`}
      >
        {summary.total - noRate === 0 ? (
          <Empty>
            {summary.total
              ? "没有项目列出执行率。"
              : `${year} 年度${sp.dept ? "该部门" : "各部门"}没有公开绩效自评表。`}
          </Empty>
        ) : (
          <Bars
            data={chart}
            index="执行率"
            categories={categories}
            unit="count"
            stack
            colors={categories.map(
              (g) => ({ 优: "emerald", 良: "blue", 中: "amber", 差: "rose", 未评等级: "slate" })[g] ?? "slate",
            )}
          />
        )}
      </Section>

      <Section
        title={`项目明细（${summary.total}）`}
        id="projects"
        actions={
          <>
            <CsvLink dataset="performance-projects" params={keep} />
            <a
              className="rounded border border-gray-300 px-2 py-1 text-xs text-gray-700 hover:bg-gray-50"
              href={hrefWith("/export/performance-indicators", keep)}
              download
            >
              指标 CSV
            </a>
          </>
        }
        note={
          inline
            ? "排序：评为优而执行率低的项目在前（红），然后按执行率由低到高。点项目名展开指标（一级 / 二级 / 三级、年度指标值、实际完成值、分值、得分、偏差原因），均为自评表原文。"
            : `排序：评为优而执行率低的项目在前（红），然后按执行率由低到高；每页 ${PAGE_SIZE} 个。点项目名看它的全部指标（一级 / 二级 / 三级、年度指标值、实际完成值、分值、得分、偏差原因，均为自评表原文）；全部项目与指标可用上方 CSV / JSON 下载。`
        }
      >
        {summary.total === 0 ? (
          <Empty>
            {year} 年度{sp.dept ? "该部门" : "各部门"}没有公开绩效自评表。
          </Empty>
        ) : (
          <ProjectTable
            projects={shown}
            sources={sources}
            inline={inline}
            showDepartment={!sp.dept}
            projectHref={projectHref}
            deptHref={(id) => href({ dept: id })}
            pager={
              pages > 1 ? (
                <Pager
                  page={page}
                  pageSize={PAGE_SIZE}
                  total={summary.total}
                  href={(n) => href({ page: n > 1 ? n : undefined }) + "#projects"}
                />
              ) : null
            }
          />
        )}
      </Section>
    </div>
  );
}

function Card({ label, value, sub, tone }: { label: string; value: React.ReactNode; sub?: string; tone?: "bad" }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white p-3 shadow-sm">
      <div className="text-xs text-gray-500">{label}</div>
      <div className={`mt-1 text-lg font-semibold tabular-nums ${tone === "bad" ? "text-rose-700" : ""}`}>{value}</div>
      {sub ? <div className="mt-0.5 text-xs text-gray-500">{sub}</div> : null}
    </div>
  );
}
