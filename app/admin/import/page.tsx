import Link from "next/link";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { latestImports, type ImportLogEntry } from "@/db/import-log";
import { Empty, PageHeader, Section } from "../../_components/ui";
import { DISABLED_MESSAGE, adminConfig, authenticate, csrfToken } from "../_lib/auth";
import { STATUS_TEXT } from "../_lib/limits";
import { PDF_MEMORY_LIMIT_MB, PDF_TIME_LIMIT_MS } from "@/lib/ingest/pdf/read-pdf";
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
  try {
    log = await latestImports(await getDb(), 100);
  } catch {
    log = null;
  }

  return (
    <div>
      <PageHeader title="上传决算文件" subtitle={`已登录：${user}。上传的文件经与命令行 ingest 相同的解析、审核与载入流程，每个文件单独成一个事务，读不通的文件一行也不会写入。`} />
      <Section title="上传">
        <UploadForm token={token} pdfReadLimits={`每个 PDF 最多读取 ${PDF_TIME_LIMIT_MS / 1000} 秒、占用 ${PDF_MEMORY_LIMIT_MB} MB 内存`} />
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
    </div>
  );
}

function DepartmentCell({ e }: { e: ImportLogEntry }) {
  if (e.department === null) return <span className="text-gray-400">—</span>;
  const label = `${e.department} · ${e.year} · ${e.scope}`;
  if (e.departmentId === null) return <>{label}</>;
  return (
    <Link className="text-blue-700 hover:underline" href={`/departments/${e.departmentId}?year=${e.year}&revision=${e.revision}`}>
      {label}
    </Link>
  );
}

function StatusBadge({ status }: { status: ImportLogEntry["status"] }) {
  return <span className={`whitespace-nowrap rounded px-1.5 py-0.5 text-xs ${STATUS_STYLE[status]}`}>{STATUS_TEXT[status]}</span>;
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
