import Link from "next/link";
import type { DepartmentChoice, OverrideEntry, UnitLink } from "@/db/organisations";
import { Empty } from "../../_components/ui";
import { OrgForms } from "./org-forms";
import { TIME } from "./time";

export type Organisations = { departments: DepartmentChoice[]; links: UnitLink[]; overrides: OverrideEntry[] };

const OVERRIDE_TEXT: Record<OverrideEntry["kind"], (o: OverrideEntry) => string> = {
  merge: (o) => `“${o.fromName}”与“${o.toName}”是同一单位`,
  unit: (o) => `“${o.fromName}”属于“${o.toName}”`,
};

export function OrganisationsPanel({ token, orgs }: { token: string; orgs: Organisations }) {
  const unkeyed = orgs.departments.filter((d) => !d.keyed);
  return (
    <div className="space-y-5">
      <OrgForms token={token} suggestions={orgs.departments.map((d) => d.name)} />
      {unkeyed.length ? (
        <div className="rounded border border-amber-200 bg-amber-50 p-2 text-sm">
          <p>以下部门的名称规范化后与另一部门相同（升级前载入），请确认后合并：</p>
          <ul className="mt-1 list-disc pl-5">
            {unkeyed.map((d) => (
              <li key={d.id}>
                {d.name}（{d.reports} 份报告）
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div>
        <h3 className="mb-1 text-sm font-medium">部门所属单位（{orgs.links.length} 条）</h3>
        {orgs.links.length === 0 ? (
          <Empty>还没有部门决算列出下属单位。</Empty>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[560px] border-collapse text-sm" aria-label="部门所属单位">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  <th className="p-1.5">部门</th>
                  <th className="p-1.5">单位</th>
                  <th className="p-1.5">来源</th>
                </tr>
              </thead>
              <tbody>
                {orgs.links.map((l) => (
                  <tr key={`${l.parentId}:${l.unitName}`} className="border-b border-gray-100">
                    <td className="p-1.5">
                      <Link className="text-blue-700 hover:underline" href={`/departments/${l.parentId}`}>
                        {l.parent}
                      </Link>
                    </td>
                    <td className="p-1.5">
                      {l.unitId === null ? (
                        <>
                          {l.unitName} <span className="text-xs text-gray-500">（尚未载入）</span>
                        </>
                      ) : (
                        <Link className="text-blue-700 hover:underline" href={`/departments/${l.unitId}`}>
                          {l.unitName}
                        </Link>
                      )}
                    </td>
                    <td className="p-1.5 text-gray-600">
                      {l.source === "override" ? "人工指定" : `${l.year ?? ""} 年部门决算单位构成`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div>
        <h3 className="mb-1 text-sm font-medium">更正记录（最近 100 条）</h3>
        {orgs.overrides.length === 0 ? (
          <Empty>还没有更正。</Empty>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[640px] border-collapse text-sm" aria-label="更正记录">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  <th className="p-1.5">时间</th>
                  <th className="p-1.5">用户</th>
                  <th className="p-1.5">更正</th>
                  <th className="p-1.5">结果</th>
                </tr>
              </thead>
              <tbody>
                {orgs.overrides.map((o) => (
                  <tr key={o.id} className="border-b border-gray-100 align-top">
                    <td className="whitespace-nowrap p-1.5 tabular-nums text-gray-600">{TIME.format(o.at)}</td>
                    <td className="p-1.5">{o.userName}</td>
                    <td className="p-1.5">{OVERRIDE_TEXT[o.kind](o)}</td>
                    <td className="p-1.5 text-xs text-gray-600">{o.outcome ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
