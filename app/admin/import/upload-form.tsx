"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import {
  CSRF_HEADER,
  STATUS_TEXT,
  TOO_MANY_FILES,
  UPLOAD_PATH,
  type UploadResult,
  type UploadStatus,
} from "../_lib/limits";
import {
  ACCEPTED_EXTENSIONS,
  MAX_FILES,
  SIZE_LIMITS,
  isAcceptedName,
  maxBytesFor,
  tooLarge,
  wrongType,
} from "./limits";
import { ruleName } from "@/lib/audit/rule-names";

type Phase = "waiting" | "uploading" | UploadStatus;
type Item = { key: string; name: string; size: number; phase: Phase; result?: UploadResult; message?: string };

const PHASE_TEXT: Record<Phase, string> = { waiting: "等待", uploading: "上传中", ...STATUS_TEXT };
const PHASE_STYLE: Record<Phase, string> = {
  waiting: "bg-gray-100 text-gray-700",
  uploading: "bg-blue-100 text-blue-800",
  created: "bg-emerald-100 text-emerald-800",
  unchanged: "bg-gray-100 text-gray-700",
  revised: "bg-amber-100 text-amber-800",
  failed: "bg-rose-100 text-rose-800",
};

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One request per file, in turn: each gets its own status as it goes, and one bad file cannot sink the rest. */
async function send(file: File, token: string): Promise<{ result?: UploadResult; message?: string }> {
  const body = new FormData();
  body.append("file", file, file.name);
  let res: Response;
  try {
    res = await fetch(UPLOAD_PATH, {
      method: "POST",
      body,
      headers: { [CSRF_HEADER]: token },
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    return { message: "网络错误，文件未能送达服务器" };
  }
  let data: { results?: UploadResult[]; error?: string } | null = null;
  try {
    data = await res.json();
  } catch {
    /* a proxy's HTML error page, say */
  }
  if (!res.ok || !data?.results?.[0]) return { message: data?.error ?? `服务器返回 ${res.status}` };
  return { result: data.results[0] };
}

/** `pdfReadLimits`: how long and how much memory one PDF may take, in words (the server's limits, from the page). */
export function UploadForm({ token, pdfReadLimits }: { token: string; pdfReadLimits: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [chosen, setChosen] = useState(0);

  const update = (key: string, patch: Partial<Item>) =>
    setItems((list) => list.map((it) => (it.key === key ? { ...it, ...patch } : it)));

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const files = Array.from(input.current?.files ?? []);
    if (files.length === 0) return setNotice("请先选择文件");
    if (files.length > MAX_FILES) return setNotice(`${TOO_MANY_FILES}，本次选择了 ${files.length} 个`);
    setNotice(null);
    const batch = Date.now().toString(36);
    const list: Item[] = files.map((f, i) => ({ key: `${batch}-${i}`, name: f.name, size: f.size, phase: "waiting" }));
    setItems(list);
    setBusy(true);
    for (const [i, file] of files.entries()) {
      const key = list[i].key;
      // the server refuses these too; saying so here spares sending megabytes only to be told no
      if (!isAcceptedName(file.name)) {
        update(key, { phase: "failed", message: wrongType(file.name) });
        continue;
      }
      if (file.size > maxBytesFor(file.name)) {
        update(key, { phase: "failed", message: tooLarge(file.name) });
        continue;
      }
      update(key, { phase: "uploading" });
      const { result, message } = await send(file, token);
      update(key, result ? { phase: result.status, result, message: result.message } : { phase: "failed", message });
    }
    setBusy(false);
    if (input.current) input.current.value = "";
    setChosen(0);
    // the log below is server-rendered: fetch it again so this batch shows up in it
    router.refresh();
  }

  const done = items.filter((it) => it.phase !== "waiting" && it.phase !== "uploading").length;

  return (
    <div>
      <form onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-center">
        {/* the header send() adds carries it; kept in the form too, where anything else on this page can read it */}
        <input type="hidden" name="csrf" value={token} />
        {/* the native picker labels itself in the browser's language; this one says it in Chinese */}
        <div className="flex flex-1 items-center gap-3 rounded focus-within:ring-2 focus-within:ring-blue-500">
          <label
            htmlFor="upload-files"
            className={`whitespace-nowrap rounded border border-gray-300 px-3 py-1.5 text-sm text-gray-800 ${busy ? "cursor-not-allowed bg-gray-100 text-gray-400" : "cursor-pointer bg-white hover:bg-gray-50"}`}
          >
            选择文件…
          </label>
          <input
            id="upload-files"
            ref={input}
            name="file"
            type="file"
            multiple
            accept={ACCEPTED_EXTENSIONS.join(",")}
            disabled={busy}
            onChange={(e) => setChosen(e.currentTarget.files?.length ?? 0)}
            className="sr-only"
          />
          <span className="text-sm text-gray-600">{chosen > 0 ? `已选择 ${chosen} 个文件` : "未选择文件"}</span>
        </div>
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-blue-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-700 disabled:bg-gray-400"
        >
          {busy ? "上传中…" : "上传并载入"}
        </button>
      </form>
      <p className="mt-2 text-xs text-gray-500">
        接受 {ACCEPTED_EXTENSIONS.join(" ")}（公开的 PDF 原件、PDF 提取文本、Markdown 表格、规范 JSON），{SIZE_LIMITS}
        ，一次最多 {MAX_FILES} 个。{pdfReadLimits}
        ，超出即停止读取、标为失败；扫描件（没有文字层）暂不支持。同一部门、年度和口径的文件内容有变化时载入为新修订，旧版本保留。
      </p>
      {notice ? (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {notice}
        </p>
      ) : null}

      {items.length > 0 ? (
        <div className="mt-4">
          <div className="mb-2 flex items-center gap-3 text-sm text-gray-600">
            <progress className="h-2 w-40" max={items.length} value={done} aria-label="上传进度" />
            <span aria-live="polite">
              已处理 {done} / {items.length}
            </span>
          </div>
          <ul className="space-y-2" aria-label="上传结果">
            {items.map((it) => (
              <FileRow key={it.key} item={it} />
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function FileRow({ item }: { item: Item }) {
  const r = item.result;
  return (
    <li className="rounded border border-gray-200 p-3 text-sm" data-file={item.name} data-status={item.phase}>
      <div className="flex flex-wrap items-center gap-2">
        <span className={`whitespace-nowrap rounded px-1.5 py-0.5 text-xs ${PHASE_STYLE[item.phase]}`}>
          {PHASE_TEXT[item.phase]}
        </span>
        <span className="break-all font-medium">{item.name}</span>
        <span className="text-xs text-gray-500">{sizeText(item.size)}</span>
      </div>
      {r && r.status !== "failed" ? (
        <div className="mt-1.5 space-y-1">
          <p>
            {r.department} · {r.year} 年度{r.scope} · 第 {r.revision} 版
            {r.departmentId ? (
              <Link
                className="ml-2 text-blue-700 hover:underline"
                href={`/departments/${r.departmentId}?year=${r.year}&revision=${r.revision}`}
              >
                查看部门页
              </Link>
            ) : null}
          </p>
          {r.counts ? (
            <p className="text-xs text-gray-600">
              审核发现：错误 {r.counts.error} 项，警告 {r.counts.warning} 项，尾数差异 {r.counts.rounding} 项
            </p>
          ) : null}
          {r.errors && r.errors.length > 0 ? (
            <ul className="list-disc space-y-0.5 pl-5 text-xs text-rose-800">
              {r.errors.map((f, i) => (
                <li key={i}>
                  <span className="text-gray-500" title={`规则编号 ${f.rule}`}>
                    {ruleName(f.rule) ?? "其他核对"}：
                  </span>
                  {f.message}
                  {f.expected !== null || f.found !== null
                    ? `（应为 ${f.expected ?? "—"}，实为 ${f.found ?? "—"}）`
                    : ""}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {item.message ? (
        <p className={`mt-1.5 break-words text-xs ${item.phase === "failed" ? "text-rose-800" : "text-amber-800"}`}>
          {item.message}
        </p>
      ) : null}
    </li>
  );
}
