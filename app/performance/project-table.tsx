import Link from "next/link";
import type { PerformanceProject } from "@/db/queries/performance";
import { formatPercent } from "@/lib/money/format";
import { Wan } from "../_components/ui";
import { Indicators } from "./project-view";
import { SheetFigure, SheetPlace, sheetRef, type SheetSources } from "./sheet-link";

/**
 * One page of projects: the project, its rate, score and grade first (a phone shows them without scrolling), each
 * figure opening the 绩效自评表 that prints it. `inline`: one department's short list, its indicators folded in.
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
  return (
    <div className="overflow-x-auto">
      {props.pager}
      {/* cell styles set once on the table: a page of rows then carries no per-cell class lists */}
      <table className="sticky-first w-full min-w-[900px] border-collapse text-sm [&_tbody_td]:p-1.5 [&_tbody_td]:align-top [&_tbody_tr]:border-b [&_tbody_tr]:border-gray-100 [&_td_a:hover]:underline [&_td_a]:text-blue-700">
        <thead>
          <tr className="border-b bg-gray-100 text-left">
            <th className="min-w-[9rem] p-1.5">项目</th>
            <th className="num p-1.5">执行率</th>
            <th className="num p-1.5">自评得分</th>
            <th className="p-1.5">等级</th>
            <th className="num p-1.5">全年预算数（A）</th>
            <th className="num p-1.5">执行数（B）</th>
            {props.showDepartment ? <th className="min-w-[9rem] p-1.5">部门</th> : null}
            {inline ? null : <th className="num p-1.5">指标</th>}
          </tr>
        </thead>
        <tbody>
          {props.projects.map((p) => {
            const cite = sheetRef(p, sources);
            return (
              // A page holds a hundred of these rows, twice (HTML and the RSC payload): plain text cells, classes on the row.
              <tr key={p.id} className={p.flagged ? "bg-rose-50 font-semibold text-rose-800" : undefined}>
                <td>
                  {inline ? (
                    <details>
                      <summary className="cursor-pointer">
                        {p.name}
                        <SheetPlace p={p} sources={sources} />
                      </summary>
                      <Indicators p={p} cite={cite} />
                      <Link className="text-xs font-normal" href={props.projectHref(p)}>
                        单独查看这个项目
                      </Link>
                    </details>
                  ) : (
                    <>
                      <Link href={props.projectHref(p)}>{p.name}</Link>
                      <SheetPlace p={p} sources={sources} />
                    </>
                  )}
                </td>
                <td className={p.lowRate && !p.flagged ? "num text-amber-700" : "num"}>
                  <SheetFigure p={p} sources={sources} figure={p.rateStated ? p.rate : p.executed}>
                    {formatPercent(p.rate)}
                  </SheetFigure>
                  {p.rate !== undefined && !p.rateStated ? (
                    <span
                      className="ml-1 text-xs font-normal text-gray-500"
                      title="自评表未列执行率，按执行数 ÷ 全年预算数复算；链接到自评表中的执行数"
                    >
                      复算
                    </span>
                  ) : null}
                </td>
                <td className="num">
                  <SheetFigure p={p} sources={sources} figure={p.score}>
                    {p.score ?? "—"}
                  </SheetFigure>
                </td>
                <td>
                  {p.grade ?? "—"}
                  {p.gradeDerived ? (
                    <span className="ml-1 text-xs font-normal text-gray-500" title="汇总表未列等级，按得分推定">
                      推定
                    </span>
                  ) : null}
                </td>
                <td className="num">
                  <SheetFigure p={p} sources={sources} figure={p.annual}>
                    <Wan v={p.annual} />
                  </SheetFigure>
                </td>
                <td className="num">
                  <SheetFigure p={p} sources={sources} figure={p.executed}>
                    <Wan v={p.executed} />
                  </SheetFigure>
                </td>
                {props.showDepartment ? (
                  <td>
                    <Link href={props.deptHref(p.departmentId)}>{p.department}</Link>
                    {p.synthetic ? (
                      <span className="ml-1 whitespace-nowrap rounded bg-amber-100 px-1 text-xs font-normal text-amber-800">
                        合成示例
                      </span>
                    ) : null}
                  </td>
                ) : null}
                {inline ? null : <td className="num">{p.indicatorCount}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      {props.pager}
      <p className="mt-1 text-xs text-gray-500">
        金额单位：万元（附件表列到四位小数的照录）。“—”表示未披露。带虚线的数字链接到原文中的绩效自评表。
        {props.projects.some((p) => p.synthetic) ? "标“合成示例”的是生成器合成的示例数据，不是真实公开文件。" : null}
      </p>
    </div>
  );
}
