import { Pager } from "../_components/pager";
import { CsvLink, Empty, Section, hrefWith } from "../_components/ui";
import { ProjectTable } from "./project-table";
import { PAGE_SIZE, type PerformanceView, type ProjectsData } from "./view";

/** The list of projects, page by page, with the downloads of all projects and all indicators. */
export function ProjectsSection({ v, d }: { v: PerformanceView; d: ProjectsData }) {
  const { summary } = d;
  return (
    <Section
      title={`项目明细（${summary.total}）`}
      id="projects"
      actions={
        <>
          <CsvLink dataset="performance-projects" params={v.keep} />
          <a
            className="rounded border border-gray-300 px-2 py-1 text-xs text-gray-700 hover:bg-gray-50"
            href={hrefWith("/export/performance-indicators", v.keep)}
            download
          >
            指标 CSV
          </a>
        </>
      }
      note={
        d.inline
          ? "排序：评为优而执行率低的项目在前（红），然后按执行率由低到高。点项目名展开指标（一级 / 二级 / 三级、年度指标值、实际完成值、分值、得分、偏差原因），均为自评表原文。"
          : `排序：评为优而执行率低的项目在前（红），然后按执行率由低到高；每页 ${PAGE_SIZE} 个。点项目名看它的全部指标（一级 / 二级 / 三级、年度指标值、实际完成值、分值、得分、偏差原因，均为自评表原文）；全部项目与指标可用上方 CSV / JSON 下载。`
      }
    >
      {summary.total === 0 ? (
        <Empty>
          {v.year} 年度{v.sp.dept ? "该部门" : "各部门"}没有公开绩效自评表。
        </Empty>
      ) : (
        <ProjectTable
          projects={d.shown}
          sources={d.sources}
          inline={d.inline}
          showDepartment={!v.sp.dept}
          projectHref={d.projectHref}
          deptHref={(id) => v.href({ dept: id })}
          pager={
            d.pages > 1 ? (
              <Pager
                page={d.page}
                pageSize={PAGE_SIZE}
                total={summary.total}
                href={(n) => `${v.href({ page: n > 1 ? n : undefined })}#projects`}
              />
            ) : null
          }
        />
      )}
    </Section>
  );
}
