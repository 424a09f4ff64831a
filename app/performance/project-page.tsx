import Link from "next/link";
import { getPerformanceProject } from "@/db/queries/performance";
import { getSourcesOf } from "@/db/queries/source";
import { Empty } from "../_components/ui";
import { ProjectView } from "./project-view";
import type { PerformanceView } from "./view";

/** One project (`project=`), or why it is not there, with the way back to the list it came from. */
export async function ProjectPage({ v, id }: { v: PerformanceView; id: number }) {
  const project = await getPerformanceProject(v.f, id);
  const sources = await getSourcesOf(project ? [project.reportId] : []);
  const back = v.href({ page: v.sp.page });
  if (!project)
    return (
      <Empty>
        {v.year} 年度{v.sp.synthetic ? "" : "真实公开文件"}
        {v.sp.dept ? "该部门" : ""}的绩效自评表中没有这个项目（编号 {id}）。
        <Link className="ml-1 text-blue-700 underline" href={back}>
          回到项目列表
        </Link>
      </Empty>
    );
  return (
    <ProjectView
      p={project}
      sources={sources}
      maxRate={v.sp.maxRate}
      back={back}
      deptHref={v.href({ dept: project.departmentId })}
      year={v.year}
    />
  );
}
