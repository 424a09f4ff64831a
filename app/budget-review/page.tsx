import Link from "next/link";
import { getBudgetFlags, type BudgetFlag } from "@/db/queries/budget-flags";
import {
  getBudgetMovers,
  getBudgetReview,
  getBudgetYearsAll,
  REVIEW_GROWTH_PCT,
  REVIEW_LOW_EXECUTION_PCT,
} from "@/db/queries/budget-review";
import { budgetReviewParamsSchema } from "@/lib/budget/params";
import { parseParams, type RawParams } from "@/lib/filters";
import { LinesTable } from "./lines-table";
import { CsvLink, Empty, PageHeader, SeverityBadge, Pct, Section, Wan, YearPicker, hrefWith } from "../_components/ui";

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
      <PageHeader
        title="预算审查"
        subtitle="春季审查部门预算：今年的预算与上年预算、上年决算并列，增长而上年执行偏低的科目排在最前。"
      >
        {years.length ? <YearPicker years={years} current={year} path="/budget-review" /> : null}
      </PageHeader>
      {year ? <BudgetFlags year={year} flags={flags} /> : null}
      <Section
        title={year ? `${year} 年各部门预算，变动最大的在前` : "各部门预算"}
        actions={<CsvLink dataset="budget-movers" params={{ year }} />}
        note="支出预算取自各部门预算的财务收支预算总表（元已按万元换算，未作舍入）；上年预算为同一部门同一口径的上年预算文件。"
      >
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
                      <Link
                        className="text-blue-700 hover:underline"
                        href={hrefWith("/budget-review", { dept: m.departmentId, year })}
                      >
                        {m.department}
                      </Link>
                    </td>
                    <td className="p-2">{m.scope}</td>
                    <td className="num p-2">
                      <Wan v={m.budget} />
                    </td>
                    <td className="num p-2">
                      <Wan v={m.priorBudget} />
                    </td>
                    <td className="num p-2">
                      <Wan v={m.change} />
                    </td>
                    <td className="num p-2">
                      <Pct v={m.changePct} />
                    </td>
                    <td className="num p-2">
                      <Wan v={m.sangong} />
                    </td>
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
        <Link className="text-sm text-blue-700 hover:underline" href={`/departments/${dept}`}>
          部门审查材料
        </Link>
      </PageHeader>
      <Section
        actions={<CsvLink dataset="budget-review" params={{ dept, year: r.year }} />}
        title={`一般公共预算支出，按功能分类科目（${flagged ? `${flagged} 个科目增长而上年执行偏低，列在最前` : "没有增长而上年执行偏低的科目"}）`}
        note={`预算取自一般公共预算支出功能分类预算表，决算取自一般公共预算财政拨款支出决算表，均为万元。执行率 = 决算 ÷ 同年预算（年初预算）。预算增幅超过 ${REVIEW_GROWTH_PCT.toFixed()}% 而上年执行率低于 ${REVIEW_LOW_EXECUTION_PCT.toFixed()}% 的科目标为“请关注”。${r.priorBudget ? "" : `库中没有 ${r.year - 1} 年预算，无法比较增长。`}${r.priorFinal ? "" : `库中没有 ${r.year - 1} 年决算，无法计算上年执行率。`}`}
      >
        <LinesTable
          lines={r.lines}
          year={r.year}
          hasFinal={r.final !== null}
          cite={citeIn(r.budget.id, r.printedUnits.function)}
        />
      </Section>
      <Section
        actions={<CsvLink dataset="budget-review-economic" params={{ dept, year: r.year }} />}
        title="一般公共预算基本支出，按经济分类科目"
        note="预算取自一般公共预算基本支出经济分类预算表，决算取自一般公共预算财政拨款基本支出决算明细表，均为万元。"
      >
        {r.economic.length ? (
          <LinesTable
            lines={r.economic}
            year={r.year}
            hasFinal={r.final !== null}
            cite={citeIn(r.budget.id, r.printedUnits.economic)}
          />
        ) : (
          <Empty>预算文件中没有基本支出经济分类预算表。</Empty>
        )}
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
                  <td className="num p-2">
                    <Wan v={c.budget} />
                  </td>
                  <td className="num p-2">
                    <Wan v={c.finalBudget} />
                  </td>
                  <td className="num p-2">
                    <Wan v={c.final} />
                  </td>
                  <td className="num p-2">
                    <Pct v={c.rate} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
      <Section
        title="“三公”经费与机关运行经费预算，逐年"
        note="预算取自“三公”经费和机关运行经费预算表；决算取自财政拨款“三公”经费支出决算表。"
      >
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
                <td className="num p-2">
                  <Wan v={t.expenditureBudget} />
                </td>
                <td className="num p-2">
                  <Wan v={t.sangongBudget} />
                </td>
                <td className="num p-2">
                  <Wan v={t.sangongFinal} />
                </td>
                <td className="num p-2">
                  <Wan v={t.operatingCostBudget} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section
        title={`预算文件审核（${r.findings.filter((f) => f.severity === "error").length} 项错误，${r.findings.filter((f) => f.severity === "warning").length} 项警告）`}
        note="逐项核对预算文件自身：各表行列合计、类款项逐级相加、表与表之间、情况说明所引数字与表中数字。尾数差异为元换算或四舍五入造成，不算错误。"
      >
        {r.findings.length === 0 ? (
          <Empty>预算文件各表相互一致，情况说明所引数字与表中一致。</Empty>
        ) : (
          <ul className="space-y-2 text-sm">
            {r.findings.map((f, i) => (
              <li key={i} className="border-b border-gray-100 pb-2">
                <SeverityBadge severity={f.severity} /> <span title={f.rule}>{f.message}</span>
                <div className="text-xs text-gray-500">{f.places.join(" ↔ ")}</div>
              </li>
            ))}
          </ul>
        )}
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

/** The source view of the budget document at a line's page, with its figure (as printed in 元 or 万元) boxed. */
function citeIn(budgetId: number, unit: "元" | "万元") {
  return (l: { sourcePage: number | null; sourceLine: number | null; budget: string | null; name: string }) => {
    if (l.budget === null || (l.sourcePage === null && l.sourceLine === null)) return undefined;
    const at = l.sourcePage !== null ? { page: l.sourcePage } : { line: l.sourceLine };
    return hrefWith(`/budgets/${budgetId}/source`, { ...at, q: l.budget, unit, ctx: l.name });
  };
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
                      <Link
                        className="text-blue-700 hover:underline"
                        href={hrefWith("/budget-review", { dept: f.departmentId, year })}
                      >
                        {f.department}
                      </Link>
                      {k === "growthLowExecution"
                        ? ` ${f.code} ${f.name}：预算增长 ${f.value}%，上年执行率 ${f.detail}%`
                        : null}
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
