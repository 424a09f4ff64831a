import { runCheck } from "./cli/check";

const USAGE = `决算透视 命令行

  npm run cli -- check <文件…> [--json]     解析并审核决算文件（不写数据库）
  npm run cli -- ingest <文件或目录…>        解析、审核并载入数据库（同一文件重复载入不会改变数据）
  npm run cli -- ingest <文件> --url <网址>   同上，并记下官方发布地址（原文页面链接过去）
  npm run cli -- export <部门> <年度> [--scope 部门决算|单位决算] [--out 文件]   导出规范 JSON
`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case "check":
      return runCheck(args);
    case "ingest":
      return (await import("./cli/ingest")).runIngest(args);
    case "export":
      return (await import("./cli/export")).runExport(args);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      process.stderr.write(`未知命令：${cmd}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    // Only a bug reaches here; users still get one line, and the stack goes to stderr for us.
    process.stderr.write(`内部错误：${(e as Error).message}\n`);
    if (process.env.DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(70);
  },
);
