import Link from "next/link";
import { getDepartmentYears, getStructureBreakdown, getSubjectDepartmentsPage } from "@/db/queries/structure";
import { shareOf as share } from "@/lib/metrics/dashboard";
import { subjectColumns, subjectDepartmentColumns } from "@/lib/views/structure";
import { Donut } from "../_components/charts/charts";
import { DataTable } from "../_components/data-table";
import { Pager } from "../_components/pager";
import { CsvLink, Empty, Pct, Section, SyntheticBadge, Wan } from "../_components/ui";
import { topSlices } from "./chart-data";
import { scopeText, type StructureView } from "./view";

/** "who spends on this subject": departments per page */
const WHO_PAGE = 50;
const LEVEL_NEXT = { 类: "款", 款: "项", 项: undefined } as const;

/** 支出功能分类 at the level the URL drills to, and which departments spend on the chosen subject. */
export async function SubjectsSection({ v }: { v: StructureView }) {
  const { sp, year, keep, href } = v;
  const f = { year, synthetic: sp.synthetic, dept: sp.dept, code: sp.code };
  const [breakdown, history] = await Promise.all([
    getStructureBreakdown(f),
    sp.dept ? getDepartmentYears({ synthetic: sp.synthetic, dept: sp.dept }) : Promise.resolve(undefined),
  ]);
  const scope = scopeText(v, history?.department);
  const next = LEVEL_NEXT[breakdown.level];
  const missingTotals = breakdown.rows.filter((r) => r.total === undefined).length;
  const here = breakdown.path[breakdown.path.length - 1];
  return (
    <Section
      title={`支出功能分类构成（${breakdown.level}）`}
      actions={<CsvLink dataset="structure-subjects" params={keep} />}
      note={`来源：公开03表 支出决算表（全部资金）“本年支出合计”列；范围：${scope}，共 ${breakdown.totals.reports} 份报告。占比 = 该科目 ÷ ${breakdown.code ? "上级科目" : "03表合计"} × 100。同一部门既有部门决算又有单位决算时只计部门决算。`}
    >
      <nav aria-label="科目层级" className="mb-3 flex flex-wrap items-center gap-1 text-sm">
        <Link
          className={breakdown.code ? "text-blue-700 hover:underline" : "font-semibold"}
          href={href({ code: undefined })}
        >
          全部类
        </Link>
        {breakdown.path.map((p) => (
          <span key={p.code}>
            <span className="mx-1 text-gray-400">›</span>
            <Link
              className={p.code === breakdown.code ? "font-semibold" : "text-blue-700 hover:underline"}
              href={href({ code: p.code })}
            >
              {p.code} {p.name}
            </Link>
          </span>
        ))}
      </nav>
      {breakdown.code ? (
        <p className="mb-3 text-sm text-gray-700">
          {here?.name}：本年支出合计 <Wan v={breakdown.base} /> 万元
        </p>
      ) : (
        <p className="mb-3 text-sm text-gray-700">
          03表合计 <Wan v={breakdown.totals.total} /> 万元，其中基本支出 <Wan v={breakdown.totals.basic} /> 万元（
          <Pct v={share(breakdown.totals.basic, breakdown.totals.total)} />
          ），项目支出 <Wan v={breakdown.totals.project} /> 万元（
          <Pct v={share(breakdown.totals.project, breakdown.totals.total)} />
          ）。
        </p>
      )}
      {breakdown.rows.length === 0 ? (
        <Empty>
          {breakdown.code
            ? `${breakdown.code} 在 ${year} 年没有下级科目数据。`
            : `${year} 年度${sp.dept ? "该部门" : ""}没有公开03表的科目数据。`}
        </Empty>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,18rem)_1fr]">
          <div>
            <Donut data={topSlices(breakdown.rows, 8)} index="科目" category="金额" />
            {missingTotals ? (
              <p className="mt-1 text-xs text-gray-500">{missingTotals} 个科目未填本年支出合计，图中未画出。</p>
            ) : null}
          </div>
          <DataTable
            columns={subjectColumns}
            rows={breakdown.rows}
            rowKey={(r) => r.code}
            minWidth="min-w-[640px]"
            cells={{
              name: (r) => (
                <>
                  <span className="mr-1 font-mono text-xs text-gray-500">{r.code}</span>
                  {next ? (
                    <Link
                      className="text-blue-700 hover:underline"
                      href={href({ code: r.code })}
                      title={`查看其下的${next}`}
                    >
                      {r.name}
                    </Link>
                  ) : (
                    r.name
                  )}
                </>
              ),
            }}
            note={next ? `点击科目名称查看其下的${next}。` : undefined}
          />
        </div>
      )}
      {sp.code && !sp.dept ? <WhoSpends v={v} name={here?.name ?? sp.code} /> : null}
    </Section>
  );
}

async function WhoSpends({ v, name }: { v: StructureView; name: string }) {
  const { sp, year, keep, href } = v;
  const who = await getSubjectDepartmentsPage(
    { year, synthetic: sp.synthetic, code: sp.code! },
    { offset: ((sp.page ?? 1) - 1) * WHO_PAGE, limit: WHO_PAGE },
  );
  const page = Math.min(sp.page ?? 1, Math.max(1, Math.ceil(who.total / WHO_PAGE)));
  const pager = (
    <Pager page={page} pageSize={WHO_PAGE} total={who.total} href={(n) => href({ page: n > 1 ? n : undefined })} />
  );
  return (
    <div className="mt-4">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-gray-800">哪些部门在 {name} 上支出</h3>
        <span className="no-print flex gap-2">
          <CsvLink dataset="structure-subject-departments" params={keep} />
        </span>
      </div>
      {who.total === 0 ? (
        <Empty>没有部门在 {year} 年列出该科目。</Empty>
      ) : (
        <>
          <p className="text-xs text-gray-500">
            共 {who.total} 个部门列出该科目，按本年支出合计由大到小；占该科目 = 该部门 ÷ 全部这些部门之和。
          </p>
          {pager}
          <DataTable
            columns={subjectDepartmentColumns}
            rows={who.rows}
            rowKey={(d) => d.departmentId}
            sortable={who.total <= WHO_PAGE}
            cells={{
              department: (d) => (
                <>
                  <Link className="text-blue-700 hover:underline" href={href({ dept: d.departmentId })}>
                    {d.department}
                  </Link>
                  <SyntheticBadge synthetic={d.synthetic} />
                </>
              ),
            }}
          />
          {pager}
        </>
      )}
    </div>
  );
}
