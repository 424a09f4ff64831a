import Link from "next/link";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { latestImports, type ImportLogEntry } from "@/db/import-log";
import {
  departmentChoices,
  latestOverrides,
  unitLinks,
  type DepartmentChoice,
  type OverrideEntry,
  type UnitLink,
} from "@/db/organisations";
import { Empty, PageHeader, Section } from "../../_components/ui";
import { DISABLED_MESSAGE, adminConfig, authenticate, csrfToken } from "../_lib/auth";
import { STATUS_TEXT } from "../_lib/limits";
import { PDF_MEMORY_LIMIT_MB, PDF_TIME_LIMIT_MS } from "@/lib/ingest/pdf/read-pdf";
import { OrgForms } from "./org-forms";
import { UploadForm } from "./upload-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "上传决算文件", robots: { index: false, follow: false } };

const STATUS_STYLE: Record<ImportLogEntry["status"], string> = {
  created: "bg-emerald-100 text-emerald-800",
  unchanged: "bg-gray-100 text-gray-700",
  revised: "bg-amber-100 text-amber-800",
  failed: "bg-rose-100 text-rose-800",
};

const TIME = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

export default async function AdminImportPage() {
  const cfg = adminConfig();
  if (!cfg) {
    return (
      <div>
        <PageHeader title="上传决算文件" />
        <Empty>{DISABLED_MESSAGE}</Empty>
      </div>
    );
  }
  // proxy.ts answers 401 before this renders; checked again so a matcher mistake cannot expose the log
  const user = authenticate((await headers()).get("authorization"), cfg);
  if (!user) {
    return (
      <div>
        <PageHeader title="上传决算文件" />
        <Empty>需要管理员用户名和密码。</Empty>
      </div>
    );
  }
  const token = csrfToken(cfg, user);
  let log: ImportLogEntry[] | null = null;
  let orgs: Organisations | null = null;
  try {
    const db = await getDb();
    const [l, departments, links, overrides] = await Promise.all([
      latestImports(db, 100),
      departmentChoices(db),
      unitLinks(db),
      latestOverrides(db, 100),
    ]);
    log = l;
    orgs = { departments, links, overrides };
  } catch {
    log = null;
  }

  return (
    <div>
      <PageHeader
        title="上传决算文件"
        subtitle={`已登录：${user}。上传的文件经与命令行 ingest 相同的解析、审核与载入流程，每个文件单独成一个事务，读不通的文件一行也不会写入。`}
      />
      <Section title="上传">
        <UploadForm
          token={token}
          pdfReadLimits={`每个 PDF 最多读取 ${PDF_TIME_LIMIT_MS / 1000} 秒、占用 ${PDF_MEMORY_LIMIT_MB} MB 内存`}
        />
      </Section>
      <Section title="载入日志（最近 100 条）" note="记录网页上传与命令行载入的每一次尝试，包括失败的。">
        {log === null ? (
          <Empty>数据库暂时不可用，无法读取载入日志。</Empty>
        ) : log.length === 0 ? (
          <Empty>还没有载入记录。</Empty>
        ) : (
          <LogTable log={log} />
        )}
      </Section>
      <Section
        id="organisations"
        title="部门与单位"
        note="同一单位在不同年度、不同文件中的名称按规范化后的名称自动匹配（全角半角、（本级）/本部 等）；部门决算所列的单位在合计中不再重复计入。匹配有误时在此更正，更正会保存并用于此后的每次载入。"
      >
        {orgs === null ? (
          <Empty>数据库暂时不可用，无法读取部门对应关系。</Empty>
        ) : (
          <OrganisationsPanel token={token} orgs={orgs} />
        )}
      </Section>
    </div>
  );
}

function DepartmentCell({ e }: { e: ImportLogEntry }) {
  if (e.department === null) return <span className="text-gray-400">—</span>;
  const label = `${e.department} · ${e.year} · ${e.scope}`;
  if (e.departmentId === null) return <>{label}</>;
  return (
    <Link
      className="text-blue-700 hover:underline"
      href={`/departments/${e.departmentId}?year=${e.year}&revision=${e.revision}`}
    >
      {label}
    </Link>
  );
}

function StatusBadge({ status }: { status: ImportLogEntry["status"] }) {
  return (
    <span className={`whitespace-nowrap rounded px-1.5 py-0.5 text-xs ${STATUS_STYLE[status]}`}>
      {STATUS_TEXT[status]}
    </span>
  );
}

/** A table from tablet width up; on a phone the same entries as stacked cards rather than a sideways scroll. */
function LogTable({ log }: { log: ImportLogEntry[] }) {
  return (
    <>
      <ul className="space-y-2 sm:hidden" aria-label="载入日志（列表）">
        {log.map((e) => (
          <li key={e.id} className="rounded border border-gray-200 p-2 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge status={e.status} />
              <span className="break-all font-medium">{e.fileName}</span>
            </div>
            <div className="mt-1 text-xs text-gray-600">
              {TIME.format(e.at)} · {e.userName}
              {e.revision !== null ? ` · 第 ${e.revision} 版` : ""}
            </div>
            {e.department !== null ? (
              <div className="mt-1">
                <DepartmentCell e={e} />
              </div>
            ) : null}
            {e.message ? <div className="mt-1 break-words text-xs text-gray-600">{e.message}</div> : null}
          </li>
        ))}
      </ul>
      <LogGrid log={log} />
    </>
  );
}

function LogGrid({ log }: { log: ImportLogEntry[] }) {
  return (
    <div className="hidden overflow-x-auto sm:block">
      <table className="w-full min-w-[760px] border-collapse text-sm" aria-label="载入日志">
        <thead>
          <tr className="border-b bg-gray-100 text-left">
            <th className="p-1.5">时间</th>
            <th className="p-1.5">用户</th>
            <th className="p-1.5">文件</th>
            <th className="p-1.5">状态</th>
            <th className="p-1.5">部门 · 年度 · 口径</th>
            <th className="num p-1.5">版本</th>
            <th className="p-1.5">说明</th>
          </tr>
        </thead>
        <tbody>
          {log.map((e) => (
            <tr key={e.id} className="border-b border-gray-100 align-top">
              <td className="whitespace-nowrap p-1.5 tabular-nums text-gray-600">{TIME.format(e.at)}</td>
              <td className="p-1.5">{e.userName}</td>
              <td className="max-w-[14rem] break-all p-1.5" title={`SHA-256 ${e.sha256}`}>
                {e.fileName}
              </td>
              <td className="p-1.5">
                <StatusBadge status={e.status} />
              </td>
              <td className="p-1.5">
                <DepartmentCell e={e} />
              </td>
              <td className="num p-1.5">{e.revision ?? "—"}</td>
              <td className="max-w-[28rem] break-words p-1.5 text-xs text-gray-600">{e.message ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Organisations = { departments: DepartmentChoice[]; links: UnitLink[]; overrides: OverrideEntry[] };

const OVERRIDE_TEXT: Record<OverrideEntry["kind"], (o: OverrideEntry) => string> = {
  merge: (o) => `“${o.fromName}”与“${o.toName}”是同一单位`,
  unit: (o) => `“${o.fromName}”属于“${o.toName}”`,
};

function OrganisationsPanel({ token, orgs }: { token: string; orgs: Organisations }) {
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
