/**
 * npm run bench [-- <subcommand> [options]]: measures what a user waits for and prints Markdown to paste into
 * BENCHMARKS.md (progress goes to stderr). Timing lives here, never in a test's pass/fail.
 *
 *   parse  (default)  parse + audit per document, audit and load throughput       [--reports 500]
 *   pages             every dashboard page under a closed loop, beside its floor  [--url URL] [--clients 8] [--seconds 30]
 *   load              the bounded load test; exit 1 on any error                  [--url URL] [--clients 50] [--seconds 60]
 *                     [--paths /,/api] [--each: one closed loop per path, its req/s and p99]
 *   floors            each page's floor alone (its statements, cold), no server   [--floor-runs 5]
 *   scale             builds 1k/10k (and with --with-100k, 100k) stores, then `pages` on each  [--sizes 1000,10000]
 *   pdf               read + audit per PDF beside pdfjs's own text extraction  [files or folders] [--runs 3]
 *
 * Runs under `tsx --conditions=react-server` (see package.json): db/queries import "server-only".
 */
import { closeDb } from "../db/client";
import { UsageError } from "./bench/cli-args";
import { benchFloorsCmd, benchLoadCmd, benchPagesCmd } from "./bench/http";
import { benchParse } from "./bench/parse";
import { benchPdf } from "./bench/pdf";
import { benchScaleCmd } from "./bench/scale";

const USAGE = `用法：npm run bench -- [parse|pages|floors|load|scale|pdf] [选项]
  parse   解析、审核与载入速度（默认）              --reports N
  pages   各页面在闭环并发下的耗时与其查询的下限    --url URL --clients N --seconds N
  load    有界负载测试（任何错误时退出码为 1）       --url URL --clients N --seconds N
          --paths /,/structure?synthetic=1,/departments/{dept}  只测这些路径；加 --each 则每条路径单独一轮（各自的 req/s 与 p99）
  floors  各页面查询的冷启动下限（不启动服务）          --floor-runs N
  scale   建 1,000 / 10,000 份的库（加 --with-100k 再建 100,000 份），逐一测页面   --sizes 1000,10000 --with-100k
  pdf     每份 PDF 的读取与审核耗时，与 pdfjs 自身的文字提取（下限）同场对比   [文件或目录…] --runs N
不给 --url 时，本命令用当前数据库自行启动 next start（需要先 npm run build）。`;

async function main(argv: string[]): Promise<number> {
  const sub = argv[0] && !argv[0].startsWith("--") ? argv[0] : "parse";
  const args = argv[0] === sub ? argv.slice(1) : argv;
  switch (sub) {
    case "parse":
      process.stdout.write(await benchParse(args));
      return 0;
    case "pdf":
      process.stdout.write(await benchPdf(args));
      return 0;
    case "floors": {
      const r = await benchFloorsCmd(args);
      process.stdout.write(r.text);
      return r.code;
    }
    case "pages":
    case "load":
    case "scale": {
      const r =
        sub === "pages"
          ? await benchPagesCmd(args)
          : sub === "load"
            ? await benchLoadCmd(args)
            : await benchScaleCmd(args);
      process.stdout.write(r.text);
      return r.code;
    }
    case "help":
      process.stdout.write(USAGE + "\n");
      return 0;
    default:
      throw new UsageError(`没有子命令 “${sub}”。\n${USAGE}`);
  }
}

main(process.argv.slice(2))
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (e) => {
    await closeDb().catch(() => {});
    const err = e as Error;
    process.stderr.write(
      err instanceof UsageError || err.name === "StoreLockedError"
        ? `${err.message}\n`
        : `bench failed: ${err.stack}\n`,
    );
    process.exit(err instanceof UsageError ? 2 : 1);
  });
