import { readFile } from "node:fs/promises";
import { checkDocument, toJson, toText } from "../../lib/check/check";

/** `check <file…> [--json]`: exit 0 when every file was read (findings or not), 1 when one could not be, 2 on usage. */
export async function runCheck(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const files = args.filter((a) => a !== "--json");
  if (files.length === 0) {
    process.stderr.write("用法：npm run cli -- check <文件…> [--json]\n");
    return 2;
  }
  const results = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why =
        code === "ENOENT"
          ? "文件不存在"
          : code === "EISDIR"
            ? "这是一个目录，请指定文件"
            : `无法读取（${code ?? (e as Error).message}）`;
      results.push({ ok: false as const, file, message: `文件 ${file}：${why}` });
      continue;
    }
    results.push(await checkDocument(file, bytes));
  }
  if (json) {
    const out = results.map((r) => ("message" in r ? { file: r.file, error: { message: r.message } } : toJson(r)));
    process.stdout.write(JSON.stringify(out.length === 1 ? out[0] : out, null, 2) + "\n");
  } else {
    for (const r of results) {
      if ("message" in r) process.stderr.write(`✗ ${r.message}\n`);
      else if (!r.ok) process.stderr.write(toText(r) + "\n");
      else process.stdout.write(toText(r) + "\n\n");
    }
  }
  return results.every((r) => r.ok) ? 0 : 1;
}
