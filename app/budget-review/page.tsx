import Link from "next/link";
import { getBudgetFlags, type BudgetFlag } from "@/db/queries/budget-flags";
import { getBudgetMovers, getBudgetReview, getBudgetYearsAll, REVIEW_GROWTH_PCT, REVIEW_LOW_EXECUTION_PCT } from "@/db/queries/budget-review";
import { budgetReviewParamsSchema } from "@/lib/budget/params";
import { parseParams, type RawParams } from "@/lib/filters";
import { CsvLink, Empty, PageHeader, Pct, Section, Wan, YearPicker, hrefWith } from "../_components/ui";

export const dynamic = "force-dynamic";
export const metadata = { title: "预算审查" };


export default async function BudgetReviewPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(budgetReviewParamsSchema, await props.searchParams);
  if (sp.dept) return <DepartmentReview dept={sp.dept} year={sp.year} />;
  const years = await getBudgetYearsAll();
  const year = sp.year && years.includes(sp.year) ? sp.year : years[0];
  const [movers, flags] = year ? await Promise.all([getBudgetMovers(year), getBudgetFlags(year)]) : [[], []];
  return (
    <div>
      <PageHeader title="预算审查" subtitle="春季审查部门预算：今年的预算与上年预算、上年决算并列，增长而上年执行偏低的科目排在最前。">
        {years.length ? <YearPicker years={years} current={year} path="/budget-review" /> : null}
      </PageHeader>
      {year ? <BudgetFlags year={year} flags={flags} /> : null}
      <Section title={year ? `${year} 年各部门预算，变动最大的在前` : "各部门预算"} actions={<CsvLink dataset="budget-movers" params={{ year }} />} note="支出预算取自各部门预算的财务收支预算总表（元已按万元换算，未作舍入）；上年预算为同一部门同一口径的上年预算文件。">
        {movers.length === 0 ? (
          <Empty>库中还没有部门预算。用 npm run cli -- ingest 或导入页载入部门预算、单位预算 PDF。</Empty>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  <th className="p-2">部门</th>
                  <th className="p-2">口径</th>
                  <th className="num p-2">{year} 年支出预算（万元）</th>
                  <th className="num p-2">{year! - 1} 年支出预算（万元）</th>
                  <th className="num p-2">增减（万元）</th>
                  <th className="num p-2">增幅</th>
                  <th className="num p-2">“三公”预算（万元）</th>
                  <th className="num p-2">审核错误</th>
                </tr>
              </thead>
              <tbody>
                {movers.map((m) => (
                  <tr key={`${m.departmentId}-${m.scope}`} className="border-b border-gray-100">
                    <td className="p-2">
                      <Link className="text-blue-700 hover:underline" href={hrefWith("/budget-review", { dept: m.departmentId, year })}>
                        {m.department}
                      </Link>
                    </td>
                    <td className="p-2">{m.scope}</td>
                    <td className="num p-2"><Wan v={m.budget} /></td>
                    <td className="num p-2"><Wan v={m.priorBudget} /></td>
                    <td className="num p-2"><Wan v={m.change} /></td>
                    <td className="num p-2"><Pct v={m.changePct} /></td>
                    <td className="num p-2"><Wan v={m.sangong} /></td>
                    <td className={`num p-2 ${m.errors ? "text-rose-700" : ""}`}>{m.errors}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}

async function DepartmentReview({ dept, year }: { dept: number; year?: number }) {
  const r = await getBudgetReview(dept, year);
  if (!r) return <Empty>没有这个部门。</Empty>;
  const title = `${r.department} ${r.year} 年预算审查`;
  if (!r.budget) {
    return (
      <div>
        <PageHeader title={title} />
        <Empty>库中没有这个部门 {r.year} 年的预算文件。</Empty>
      </div>
    );
  }
  const flagged = r.lines.filter((l) => l.flagged).length;
  return (
    <div>
      <PageHeader title={title} subtitle={`${r.budget.scope}：${r.budget.file}`}>
        <YearPicker years={r.years} current={r.year} path="/budget-review" params={{ dept }} />
        <Link className="text-sm text-blue-700 hover:underline" href={`/departments/${dept}`}>部门审查材料</Link>
      </PageHeader>
      <Section
        actions={<CsvLink dataset="budget-review" params={{ dept, year: r.year }} />}
        title={`一般公共预算支出，按功能分类科目（${flagged ? `${flagged} 个科目增长而上年执行偏低，列在最前` : "没有增长而上年执行偏低的科目"}）`}
        note={`预算取自一般公共预算支出功能分类预算表，决算取自一般公共预算财政拨款支出决算表，均为万元。执行率 = 决算 ÷ 同年预算（年初预算）。预算增幅超过 ${REVIEW_GROWTH_PCT.toFixed()}% 而上年执行率低于 ${REVIEW_LOW_EXECUTION_PCT.toFixed()}% 的科目标为“请关注”。${r.priorBudget ? "" : `库中没有 ${r.year - 1} 年预算，无法比较增长。`}${r.priorFinal ? "" : `库中没有 ${r.year - 1} 年决算，无法计算上年执行率。`}`}
      >
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="border-b bg-gray-100 text-left">
                <th className="p-2">科目</th>
                <th className="num p-2">{r.year} 年预算</th>
                <th className="num p-2">{r.year - 1} 年预算</th>
                <th className="num p-2">增减</th>
                <th className="num p-2">增幅</th>
                <th className="num p-2">{r.year - 1} 年决算</th>
                <th className="num p-2">上年执行率</th>
                {r.lines.some((l) => l.statedPriorExecuted !== null) ? <th className="num p-2" title="预算编制说明中所述的上年当年预算执行数">说明所述上年执行数</th> : null}
                {r.final ? <th className="num p-2">{r.year} 年执行率</th> : null}
                <th className="p-2">部门说明（原因或用途）</th>
              </tr>
            </thead>
            <tbody>
              {r.lines.map((l) => (
                <tr key={l.code} className={`border-b border-gray-100 ${l.flagged ? "bg-amber-50" : ""}`}>
                  <td className="p-2" style={{ paddingLeft: `${0.5 + (l.code.length - 3) * 0.4}rem` }}>
                    <span className="text-gray-500">{l.code}</span> {l.name}
                    {l.flagged ? <span className="ml-1 rounded bg-amber-200 px-1 text-xs text-amber-900">请关注</span> : null}
                  </td>
                  <td className="num p-2" title={l.sourceLine ? `预算文件第 ${l.sourceLine} 行` : undefined}><Wan v={l.budget} /></td>
                  <td className="num p-2"><Wan v={l.priorBudget} /></td>
                  <td className="num p-2"><Wan v={l.growth} /></td>
                  <td className="num p-2"><Pct v={l.growthPct} /></td>
                  <td className="num p-2"><Wan v={l.priorFinal} /></td>
                  <td className="num p-2"><Pct v={l.priorExecution} /></td>
                  {r.lines.some((x) => x.statedPriorExecuted !== null) ? <td className="num p-2"><Wan v={l.statedPriorExecuted} /></td> : null}
                  {r.final ? <td className="num p-2"><Pct v={l.execution} /></td> : null}
                  <td className="p-2 text-xs text-gray-600">{l.reason ?? l.purpose ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      {r.categories.length ? (
        <Section
          title={`“三公”经费与机关运行经费：${r.year} 年预算文件与决算`}
          note="预算取自预算文件的“三公”经费和机关运行经费预算表；决算和决算表中的全年预算取自财政拨款“三公”经费支出决算表，机关运行经费决算取自决算情况说明。执行率 = 决算 ÷ 预算文件。"
        >
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="border-b bg-gray-100 text-left">
                <th className="p-2">项目</th>
                <th className="num p-2">预算文件（年初）</th>
                <th className="num p-2">决算表所列预算</th>
                <th className="num p-2">决算</th>
                <th className="num p-2">执行率</th>
              </tr>
            </thead>
            <tbody>
              {r.categories.map((c) => (
                <tr key={c.label} className="border-b border-gray-100">
                  <td className="p-2">{c.label}</td>
                  <td className="num p-2"><Wan v={c.budget} /></td>
                  <td className="num p-2"><Wan v={c.finalBudget} /></td>
                  <td className="num p-2"><Wan v={c.final} /></td>
                  <td className="num p-2"><Pct v={c.rate} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
      <Section title="“三公”经费与机关运行经费预算，逐年" note="预算取自“三公”经费和机关运行经费预算表；决算取自财政拨款“三公”经费支出决算表。">
        <table className="w-full border-collapse text-sm">
          <thead>
            <tr className="border-b bg-gray-100 text-left">
              <th className="p-2">年度</th>
              <th className="num p-2">支出预算</th>
              <th className="num p-2">“三公”预算</th>
              <th className="num p-2">“三公”决算</th>
              <th className="num p-2">机关运行经费预算</th>
            </tr>
          </thead>
          <tbody>
            {r.trend.map((t) => (
              <tr key={t.year} className="border-b border-gray-100">
                <td className="p-2">{t.year}</td>
                <td className="num p-2"><Wan v={t.expenditureBudget} /></td>
                <td className="num p-2"><Wan v={t.sangongBudget} /></td>
                <td className="num p-2"><Wan v={t.sangongFinal} /></td>
                <td className="num p-2"><Wan v={t.operatingCostBudget} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      {r.projects.length ? (
        <Section title="项目经费情况说明">
          <ul className="list-disc pl-5 text-sm">
            {r.projects.map((p) => (
              <li key={p.name}>
                {p.name}
                {p.amount ? `：年度预算安排 ${p.amount} 万元` : ""}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}

const FLAG_TEXT: Record<BudgetFlag["kind"], string> = {
  growthLowExecution: "预算增长而上年执行偏低",
  sangongUp: "“三公”经费预算增加",
  budgetError: "预算文件自身不平衡或前后不一致",
};

function BudgetFlags({ year, flags }: { year: number; flags: BudgetFlag[] }) {
  const kinds = Object.keys(FLAG_TEXT) as BudgetFlag["kind"][];
  return (
    <Section
      title={`${year} 年预算季提示`}
      note={`“预算增长而上年执行偏低”：一般公共预算科目比 ${year - 1} 年预算增长超过 ${REVIEW_GROWTH_PCT.toFixed()}%，而 ${year - 1} 年决算 ÷ ${year - 1} 年预算低于 ${REVIEW_LOW_EXECUTION_PCT.toFixed()}%，需要同一部门上年的预算和决算都已载入。“三公”增加：与上年预算文件比较，没有上年预算文件时按本年预算说明所述。`}
    >
      <div className="grid gap-3 md:grid-cols-3">
        {kinds.map((k) => {
          const list = flags.filter((f) => f.kind === k);
          return (
            <div key={k} className="rounded border border-gray-200 p-3">
              <h3 className="mb-2 text-sm font-semibold text-gray-800">
                {FLAG_TEXT[k]}：{list.length} 项
              </h3>
              {list.length === 0 ? (
                <p className="text-xs text-gray-500">无</p>
              ) : (
                <ul className="space-y-1 text-sm">
                  {list.slice(0, 12).map((f) => (
                    <li key={`${f.departmentId}-${f.code ?? ""}`}>
                      <Link className="text-blue-700 hover:underline" href={hrefWith("/budget-review", { dept: f.departmentId, year })}>
                        {f.department}
                      </Link>
                      {k === "growthLowExecution" ? ` ${f.code} ${f.name}：预算增长 ${f.value}%，上年执行率 ${f.detail}%` : null}
                      {k === "sangongUp" ? `：增加 ${f.value || "（未说明金额）"} 万元（${f.detail}）` : null}
                      {k === "budgetError" ? `：审核错误 ${f.value} 项` : null}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </Section>
  );
}
