import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { connectionTrouble } from "../../db/errors";
import { closeDb, getDb } from "../../db/client";
import { withLoadBatch } from "../../db/data-version";
import { officialUrl } from "../../db/documents";
import { failureReason, ingestBytes, type Loaded } from "../../db/ingest-bytes";
import type { LoadResult } from "../../db/load";
import type { Db } from "../../db/types";

/** Kept here for callers that imported it from the CLI; it lives with the shared loading path now. */
export { readCanonicalJson } from "../../db/ingest-bytes";

export type CliIO = {
  /** inject a database (tests); otherwise the process store is opened and closed again */
  db?: Db;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
};

/** What a folder argument picks up; a file named explicitly is always tried, whatever its extension. */
const DOCUMENT_EXTENSIONS = new Set([".pdf", ".txt", ".md", ".markdown", ".json", ".html", ".htm", ".tsv", ".csv"]);

export type Outcome =
  | { file: string; ok: true; result: LoadResult; report: Loaded }
  | { file: string; ok: false; reason: string };

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (entry.isFile() && DOCUMENT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(p);
  }
  return out;
}

/** Expands folders; arguments that do not exist come back as failures rather than stopping the batch. */
export function collectFiles(args: string[]): { files: string[]; missing: Outcome[] } {
  const files: string[] = [];
  const missing: Outcome[] = [];
  for (const arg of args) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch {
      missing.push({ file: arg, ok: false, reason: `文件或目录不存在：${arg}` });
      continue;
    }
    if (stat.isDirectory()) files.push(...walk(arg));
    else files.push(arg);
  }
  return { files, missing };
}

/** The OS account running the CLI; the audit log records it as the loader. */
export function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // no passwd entry (some containers): fall back to the environment rather than refusing to load
    return process.env.USER || process.env.USERNAME || "未知用户";
  }
}

/** Parses, audits and loads one document in its own transaction; a failure loads nothing of it. Logged as the OS user. */
export async function ingestFile(db: Db, file: string, sourceUrl?: string): Promise<Outcome> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    return { file, ok: false, reason: failureReason(file, e) };
  }
  const o = await ingestBytes(db, path.basename(file), bytes, { user: osUser(), sourceUrl });
  if (o.logError) process.stderr.write(`${o.logError}\n`);
  return o.ok ? { file, ok: true, result: o.result, report: o.report } : { file, ok: false, reason: o.reason };
}

function progress(err: NonNullable<CliIO["stderr"]>, done: number, total: number, label: string): void {
  if (err.isTTY) {
    const width = 24;
    const filled = Math.round((done / total) * width);
    err.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${label}`.padEnd(80));
    if (done === total) err.write("\n");
  } else {
    err.write(`[${done}/${total}] ${label}\n`);
  }
}

const STATUS_LABEL = { created: "已载入", unchanged: "未变化", revised: "新修订" } as const;

export function describeOutcome(o: Outcome): string {
  if (!o.ok) return `  失败    ${o.reason}`;
  const r = o.report;
  return `  ${STATUS_LABEL[o.result.status]}  ${r.department} ${r.year} ${r.kind === "budget" ? "年" : "年度"}${r.scope}（第 ${o.result.revision} 版）  ← ${path.basename(o.file)}`;
}

export function summarize(outcomes: Outcome[]): string {
  const n = (s: keyof typeof STATUS_LABEL) => outcomes.filter((o) => o.ok && o.result.status === s).length;
  const failed = outcomes.filter((o) => !o.ok).length;
  return [
    `已载入 ${n("created")} 份，未变化 ${n("unchanged")} 份，新修订 ${n("revised")} 份，失败 ${failed} 份`,
    ...outcomes.map(describeOutcome),
  ].join("\n");
}

/**
 * Loads every file in order, reporting progress for batches. The files are one batch: each commits on its own, and
 * the app servers' rendered pages change once, when the last one is done (db/data-version.ts).
 */
export async function ingestFiles(
  db: Db,
  files: string[],
  stderr: NonNullable<CliIO["stderr"]>,
  sourceUrl?: string,
): Promise<Outcome[]> {
  return withLoadBatch(db, async () => {
    const outcomes: Outcome[] = [];
    for (const [i, file] of files.entries()) {
      outcomes.push(await ingestFile(db, file, sourceUrl));
      if (files.length > 1) progress(stderr, i + 1, files.length, path.basename(file));
    }
    return outcomes;
  });
}

/**
 * One line for a store that could not be opened: for PostgreSQL the server (password hidden) and the cause in
 * Chinese, never the driver's stack or jargon; PGlite's errors (a locked directory) are already in words.
 */
export function openFailure(e: unknown, url = process.env.DATABASE_URL): string {
  const message = (e as Error)?.message ?? String(e);
  if (!url) return `无法打开数据库：${message}`;
  const why = connectionTrouble(e);
  const where = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
  return `无法连接数据库 ${where}：${why ?? message}。什么也没有载入。`;
}

const USAGE =
  "用法：ingest <文件或目录…>（目录中的 .txt .md .json .html 等文件都会载入）\n      ingest <文件> --url <官方发布地址>（只载入一个文件时，记下它的官方网址，原文页面会链接过去）\n";

/** `ingest <files or folders…>`; exit code 1 when any document failed, 2 on a usage error. */
export async function runIngest(args: string[], io: CliIO = {}): Promise<number> {
  const out = io.stdout ?? process.stdout;
  const err = io.stderr ?? process.stderr;
  if (args.length === 0 || args.includes("--help") || args.includes("-h")) {
    (args.length === 0 ? err : out).write(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const at = args.indexOf("--url");
  let sourceUrl: string | undefined;
  if (at >= 0) {
    sourceUrl = officialUrl(args[at + 1]);
    if (!sourceUrl) {
      err.write(`--url 后应是 http 或 https 网址，实为：${args[at + 1] ?? "（空）"}\n${USAGE}`);
      return 2;
    }
    args = [...args.slice(0, at), ...args.slice(at + 2)];
  }
  const { files, missing } = collectFiles(args);
  if (sourceUrl && files.length !== 1) {
    err.write(`--url 只能与一个文件同用（这次有 ${files.length} 个）\n`);
    return 2;
  }
  if (files.length === 0) {
    err.write(`没有找到可载入的文件。\n${missing.map((m) => (m.ok ? "" : `  ${m.reason}\n`)).join("")}`);
    return 1;
  }
  let db = io.db;
  try {
    if (!db) db = await getDb();
  } catch (e) {
    err.write(`${openFailure(e)}\n`);
    return 1;
  }
  try {
    const outcomes = [...missing, ...(await ingestFiles(db, files, err, sourceUrl))];
    out.write(`${summarize(outcomes)}\n`);
    return outcomes.some((o) => !o.ok) ? 1 : 0;
  } finally {
    if (!io.db) await closeDb();
  }
}
