import Link from "next/link";
import type { PerformanceProject } from "@/db/queries/performance";
import { formatPercent } from "@/lib/money/format";
import { projectColumns } from "@/lib/views/performance";
import { DataTable } from "../_components/data-table";
import { Wan } from "../_components/ui";
import { Indicators } from "./project-view";
import { SheetFigure, SheetPlace, sheetRef, type SheetSources } from "./sheet-link";

type Row = PerformanceProject & Record<string, unknown>;

const NOTE_CLASS = "ml-1 text-xs font-normal text-gray-500";
/** link colour set once on the row: a page of a hundred rows then carries no per-link class lists */
const ROW = "align-top [&_a:hover]:underline [&_a]:text-blue-700";

/**
 * One page of projects (the query's order: flagged first), each figure opening the 绩效自评表 that prints it.
 * `inline`: one department's short list, its indicators folded in under each name.
 */
export function ProjectTable(props: {
  projects: PerformanceProject[];
  sources: SheetSources;
  inline: boolean;
  showDepartment: boolean;
  projectHref: (p: PerformanceProject) => string;
  deptHref: (departmentId: number) => string;
  pager: React.ReactNode;
}) {
  const { inline, sources } = props;
  const columns = projectColumns.filter(
    (c) => (c.key !== "department" || props.showDepartment) && (c.key !== "indicatorCount" || !inline),
  );
  const at = (p: PerformanceProject, figure: string | undefined, shown: React.ReactNode) => (
    <SheetFigure p={p} sources={sources} figure={figure}>
      {shown}
    </SheetFigure>
  );
  return (
    <>
      {props.pager}
      <DataTable
        columns={columns}
        rows={props.projects as Row[]}
        rowKey={(p) => p.id}
        sortable={false}
        minWidth="min-w-[900px]"
        rowClass={(p) => (p.flagged ? `${ROW} bg-rose-50 font-semibold text-rose-800` : ROW)}
        note={
          <>
            附件表列到四位小数的金额照录。带虚线的数字链接到原文中的绩效自评表。
            {props.projects.some((p) => p.synthetic)
              ? "标“合成示例”的是生成器合成的示例数据，不是真实公开文件。"
              : null}
          </>
        }
        cells={{
          name: (p) =>
            inline ? (
              <details className="min-w-[9rem]">
                <summary className="cursor-pointer">
                  {p.name}
                  <SheetPlace p={p} sources={sources} />
                </summary>
                <Indicators p={p} cite={sheetRef(p, sources)} />
                <Link className="text-xs font-normal" href={props.projectHref(p)}>
                  单独查看这个项目
                </Link>
              </details>
            ) : (
              <div className="min-w-[9rem]">
                <Link href={props.projectHref(p)}>{p.name}</Link>
                <SheetPlace p={p} sources={sources} />
              </div>
            ),
          rate: (p) => (
            <span className={p.lowRate && !p.flagged ? "text-amber-700" : undefined}>
              {at(p, p.rateStated ? p.rate : p.executed, formatPercent(p.rate))}
              {p.rate !== undefined && !p.rateStated ? (
                <span
                  className={NOTE_CLASS}
                  title="自评表未列执行率，按执行数 ÷ 全年预算数复算；链接到自评表中的执行数"
                >
                  复算
                </span>
              ) : null}
            </span>
          ),
          score: (p) => at(p, p.score, p.score ?? "—"),
          grade: (p) => (
            <>
              {p.grade ?? "—"}
              {p.gradeDerived ? (
                <span className={NOTE_CLASS} title="汇总表未列等级，按得分推定">
                  推定
                </span>
              ) : null}
            </>
          ),
          annual: (p) => at(p, p.annual, <Wan v={p.annual} />),
          executed: (p) => at(p, p.executed, <Wan v={p.executed} />),
          department: (p) => (
            <div className="min-w-[9rem]">
              <Link href={props.deptHref(p.departmentId)}>{p.department}</Link>
              {p.synthetic ? (
                <span className="ml-1 whitespace-nowrap rounded bg-amber-100 px-1 text-xs font-normal text-amber-800">
                  合成示例
                </span>
              ) : null}
            </div>
          ),
        }}
      />
      {props.pager}
    </>
  );
}
