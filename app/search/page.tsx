import Link from "next/link";
import { searchEverything } from "@/db/queries/compare";
import { searchParamsSchema } from "@/lib/compare-params";
import { parseParams, type RawParams } from "@/lib/filters";
import { withDemoChoice } from "../_lib/demo-city";
import { Empty, PageHeader, Section, SyntheticBadge, hrefWith } from "../_components/ui";

export const dynamic = "force-dynamic";
export const metadata = { title: "查找" };

export default async function SearchPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(searchParamsSchema, await withDemoChoice(await props.searchParams));
  const hits = sp.q ? await searchEverything(sp.q, sp.synthetic) : [];
  const departments = hits.filter((h) => h.kind === "department");
  const projects = hits.filter((h) => h.kind === "project");
  return (
    <div>
      <PageHeader
        title={sp.q ? `查找“${sp.q}”` : "查找"}
        subtitle="按名称查找部门和绩效自评项目；勾选 2–4 个部门可并排比较。"
      />
      {!sp.q ? (
        <Empty>在页首的搜索框输入部门或项目名称中的字词。</Empty>
      ) : (
        <>
          <Section title={`部门（${departments.length}）`}>
            {departments.length === 0 ? (
              <Empty>没有名称含“{sp.q}”的部门。</Empty>
            ) : (
              <form action="/compare" method="get">
                <ul className="space-y-1 text-sm">
                  {departments.map((d) => (
                    <li key={d.departmentId} className="flex items-center gap-2">
                      <input type="checkbox" name="id" value={d.departmentId} aria-label={`比较 ${d.department}`} />
                      <Link className="text-blue-700 hover:underline" href={`/departments/${d.departmentId}`}>
                        {d.department}
                      </Link>
                      <SyntheticBadge synthetic={d.synthetic} />
                      <span className="text-xs text-gray-500">最新 {d.year} 年</span>
                    </li>
                  ))}
                </ul>
                {departments.length > 1 ? (
                  <button type="submit" className="mt-3 rounded bg-blue-600 px-3 py-1 text-sm text-white">
                    并排比较所选部门
                  </button>
                ) : null}
              </form>
            )}
          </Section>
          <Section title={`绩效自评项目（${projects.length}）`}>
            {projects.length === 0 ? (
              <Empty>没有名称含“{sp.q}”的项目。</Empty>
            ) : (
              <ul className="space-y-1 text-sm">
                {projects.map((p, i) => (
                  <li key={i}>
                    <Link
                      className="text-blue-700 hover:underline"
                      href={hrefWith(`/departments/${p.departmentId}`, { year: p.year ?? undefined }) + "#performance"}
                    >
                      {p.name}
                    </Link>
                    <span className="ml-2 text-xs text-gray-500">
                      {p.department} · {p.year} 年
                    </span>
                    <SyntheticBadge synthetic={p.synthetic} />
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      )}
    </div>
  );
}
