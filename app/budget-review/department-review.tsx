import Link from "next/link";
import { getBudgetReview, REVIEW_GROWTH_PCT, REVIEW_LOW_EXECUTION_PCT } from "@/db/queries/budget-review";
import { categoryColumns, trendColumns } from "@/lib/views/budget-review";
import { DataTable } from "../_components/data-table";
import { CsvLink, Empty, hrefWith, PageHeader, SeverityBadge, Section, YearPicker } from "../_components/ui";
import { LinesTable } from "./lines-table";

/** One department's budget against last year's budget and 决算, line by line, with the document's own findings. */
export async function DepartmentReview({ dept, year }: { dept: number; year?: number }) {
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
          <DataTable columns={categoryColumns} rows={r.categories} rowKey={(c) => c.label} sortable={false} />
        </Section>
      ) : null}
      <Section
        title="“三公”经费与机关运行经费预算，逐年"
        note="预算取自“三公”经费和机关运行经费预算表；决算取自财政拨款“三公”经费支出决算表。"
      >
        <DataTable columns={trendColumns} rows={r.trend} rowKey={(t) => t.year} sortable={false} />
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
