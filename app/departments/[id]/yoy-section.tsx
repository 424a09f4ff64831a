import { D } from "@/lib/money/decimal";
import { placeOfLine, type Report } from "@/lib/report/schema";
import { yoyColumns } from "@/lib/views/department";
import { DataTable } from "../../_components/data-table";
import { Empty, Section, Wan } from "../../_components/ui";

/** change key in the narrative → the figure that holds the same quantity in the stored previous year */
const CHANGE_TO_FIGURE: Record<string, string> = {
  grandTotal: "grandTotal",
  "income.fiscal": "fiscalIncome",
  "expenditure.basic": "basicExpenditure",
  "expenditure.project": "projectExpenditure",
  gpbExpenditure: "gpbExpenditure",
};

/** The narrative's year-over-year changes beside the previous year as the store holds it. */
export function YoySection({ report, priorFigures }: { report: Report; priorFigures: Record<string, string> | null }) {
  const changes = report.narrative.changes;
  return (
    <Section
      title="与上年相比（情况说明所述）"
      id="yoy"
      note="“上年（推算）”= 本年数 − 所述增减额；“上年（库中）”为库中上一年度报告的同一数字，两者不一致时数据质量页会列出“上年数据重述”。"
    >
      {changes.length === 0 ? (
        <Empty>情况说明未给出与上年的比较。</Empty>
      ) : (
        <DataTable
          columns={yoyColumns}
          rows={changes.map((c, i) => {
            const implied =
              c.change !== undefined ? new D(c.current).minus(c.change).toFixed() : c.unchanged ? c.current : undefined;
            const fk = CHANGE_TO_FIGURE[c.key];
            const stored = fk && priorFigures ? priorFigures[fk] : undefined;
            const mismatch = implied !== undefined && stored !== undefined && !new D(implied).eq(stored);
            return {
              ...c,
              i,
              implied,
              stored,
              mismatch,
              place: c.sourceLine ? placeOfLine(report, c.sourceLine) : undefined,
            };
          })}
          rowKey={(r) => r.i}
          minWidth="min-w-[720px]"
          sortable={false}
          cells={{
            change: (r) => (r.unchanged ? "持平" : undefined),
            stored: (r) =>
              r.mismatch ? (
                <span className="font-semibold text-rose-700">
                  <Wan v={r.stored} />
                </span>
              ) : undefined,
            reason: (r) => <Reason reason={r.reason} place={r.place} />,
          }}
        />
      )}
    </Section>
  );
}

/** A reason as the department states it, with its place in the original. */
export function Reason({ reason, place }: { reason?: string; place?: string }) {
  return (
    <span className="text-gray-700">
      {reason ?? <span className="text-gray-400">未说明</span>}
      {place ? <span className="ml-1 text-xs text-gray-400">{`（${place}）`}</span> : null}
    </span>
  );
}
