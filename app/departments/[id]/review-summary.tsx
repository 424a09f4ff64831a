import type { DepartmentReport } from "@/db/queries/department";
import type { computeCompleteness } from "@/lib/audit/completeness";
import { budgetCredibility } from "@/lib/metrics/credibility";
import type { computeCoverage } from "@/lib/report/coverage";
import { COVERAGE_FORMULA, COVERAGE_SHORT, CoverageSummary } from "../../_components/reading-coverage";
import { Empty, Section, Wan } from "../../_components/ui";

/** Budget credibility, the audit's counts, completeness and reading coverage side by side. */
export function ReviewSummary(props: {
  data: DepartmentReport;
  completeness: ReturnType<typeof computeCompleteness>;
  coverage: ReturnType<typeof computeCoverage>;
  unreadTables: Record<string, string>;
}) {
  const { figures, findings } = props.data;
  const cred = budgetCredibility(figures.initialBudgetGpb, figures.gpbExpenditure);
  const counts = { error: 0, warning: 0, rounding: 0 };
  for (const f of findings) counts[f.severity]++;
  return (
    <div className="grid gap-4 lg:grid-cols-3 print:grid-cols-3">
      <div>
        <Section
          className="pack-card"
          title="预算可信度（PEFA PI-1）"
          note="偏离度 = |一般公共预算财政拨款支出决算 − 年初预算| ÷ 年初预算；偏离 5% 以内为 A，10% 以内为 B，15% 以内为 C，超过为 D。"
        >
          {cred ? (
            <p className="text-sm">
              <span className="mr-2 text-3xl font-semibold">{cred.grade}</span>
              {`偏离 ${cred.deviationPct}%（年初预算 `}
              <Wan v={figures.initialBudgetGpb} />
              {" 万元，决算 "}
              <Wan v={figures.gpbExpenditure} />
              {" 万元）"}
            </p>
          ) : (
            <Empty>文件未披露一般公共预算财政拨款年初预算，无法评级。</Empty>
          )}
        </Section>
        <Section className="pack-card" title="审核结果">
          <p className="text-sm">
            错误 <b className="text-rose-700">{counts.error}</b> 项 · 警告{" "}
            <b className="text-amber-700">{counts.warning}</b> 项 · 尾数差异 {counts.rounding} 项
          </p>
          <p className="mt-2 text-xs text-gray-500">
            尾数差异在文件声明的“金额单位转换时可能存在尾数误差”范围内，不视为错误。
          </p>
          <a href="#findings" className="no-print mt-2 inline-block text-sm text-blue-700 hover:underline">
            查看全部发现 ↓
          </a>
        </Section>
      </div>
      <Section className="pack-card" title="信息完整度" note="每项为模板要求披露的内容；得分 = 已披露项 ÷ 全部项。">
        <p className="mb-2 text-3xl font-semibold">
          {props.completeness.score}
          <span className="ml-1 text-sm font-normal text-gray-500">分</span>
        </p>
        <ul className="grid grid-cols-1 gap-0.5 text-xs sm:grid-cols-2 print:grid-cols-2">
          {props.completeness.items.map((i) =>
            !i.present && i.key in props.unreadTables ? (
              // printed but not read: a reading gap, not a disclosure gap
              <li key={i.key} className="text-amber-700" title="文件中有这张表，但未能读取，见“未能读取的部分”">
                {`? ${i.label}（有，未能读取）`}
              </li>
            ) : (
              <li key={i.key} className={i.present ? "text-gray-600" : "text-rose-700"}>
                {`${i.present ? "✓" : "✗"} ${i.label}`}
              </li>
            ),
          )}
        </ul>
      </Section>
      {/* the note is a <p>: the method's <details> goes in the body, never inside it (a <details> in a <p> was React error #418) */}
      <Section className="pack-card" title="读取覆盖" note={COVERAGE_SHORT}>
        <CoverageSummary coverage={props.coverage} unreadHref="#unread" />
        <details className="no-print mt-2 text-xs text-gray-500">
          <summary className="cursor-pointer text-blue-700">计算方法</summary>
          {COVERAGE_FORMULA}
        </details>
      </Section>
    </div>
  );
}
