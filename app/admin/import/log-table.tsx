import Link from "next/link";
import type { ImportLogEntry } from "@/db/import-log";
import { STATUS_TEXT } from "../_lib/limits";
import { TIME } from "./time";

const STATUS_STYLE: Record<ImportLogEntry["status"], string> = {
  created: "bg-emerald-100 text-emerald-800",
  unchanged: "bg-gray-100 text-gray-700",
  revised: "bg-amber-100 text-amber-800",
  failed: "bg-rose-100 text-rose-800",
};

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
export function LogTable({ log }: { log: ImportLogEntry[] }) {
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
