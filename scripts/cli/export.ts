import fs from "node:fs";
import { closeDb, getDb } from "../../db/client";
import { ExportError, exportReport } from "../../db/export";
import type { Report } from "../../lib/report/schema";
import type { CliIO } from "./ingest";

const USAGE = "用法：export <部门> <年度> [--scope 部门决算|单位决算] [--out 文件]\n";
const SCOPES = ["部门决算", "单位决算"] as const;

type ExportArgs = { department: string; year: number; scope?: Report["scope"]; out?: string };

function parseArgs(args: string[]): ExportArgs | string {
  const positional: string[] = [];
  let scope: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--scope" || a === "--out") {
      const v = args[++i];
      if (v === undefined) return `${a} 后缺少取值`;
      if (a === "--scope") scope = v;
      else out = v;
    } else if (a.startsWith("--scope=")) scope = a.slice(8);
    else if (a.startsWith("--out=")) out = a.slice(6);
    else if (a.startsWith("--")) return `未知选项：${a}`;
    else positional.push(a);
  }
  if (positional.length !== 2) return "需要两个参数：部门名称和年度";
  const [department, yearText] = positional;
  if (!/^\d{4}$/.test(yearText)) return `年度应为四位数字，实为：${yearText}`;
  if (scope !== undefined && !(SCOPES as readonly string[]).includes(scope))
    return `--scope 应为 部门决算 或 单位决算，实为：${scope}`;
  return { department, year: Number(yearText), scope: scope as Report["scope"] | undefined, out };
}

/** `export <department> <year> [--scope …] [--out file]`: the latest revision as canonical JSON. */
export async function runExport(args: string[], io: CliIO = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    stderr.write(`${parsed}\n${USAGE}`);
    return 2;
  }
  let db = io.db;
  try {
    if (!db) db = await getDb();
  } catch (e) {
    stderr.write(`无法打开数据库：${(e as Error).message}\n`);
    return 1;
  }
  try {
    const report = await exportReport(db, parsed.department, parsed.year, parsed.scope);
    if (!report) {
      stderr.write(`库中没有 ${parsed.department} ${parsed.year} 年度${parsed.scope ?? ""}的决算。\n`);
      return 1;
    }
    const json = `${JSON.stringify(report, null, 2)}\n`;
    if (parsed.out) {
      fs.writeFileSync(parsed.out, json);
      stderr.write(`已导出到 ${parsed.out}\n`);
    } else stdout.write(json);
    return 0;
  } catch (e) {
    if (e instanceof ExportError) {
      stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    if (!io.db) await closeDb();
  }
}
