import fs from "node:fs";
import path from "node:path";
import { generateCity, type GenerateOptions } from "../lib/synth/city";

const USAGE = `生成合成示例城市的决算报告（规范 JSON，每份一个文件）

  npx tsx scripts/generate-demo.ts --out <目录> [--departments 40] [--years 2019-2023] [--seed 1]
                                   [--anomalies none|some|every-kind] [--city 示例市]

  --years      年度范围 2019-2023，或逗号分隔 2021,2023
  --anomalies  some：约一成报告注入一处错误；every-kind：每类错误至少一处（清单写入 <目录>/.anomalies.json）
`;

type Args = GenerateOptions & { out: string };

function parseYears(text: string): number[] {
  const range = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(text);
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    if (b < a) throw new Error(`年度范围颠倒：${text}`);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const list = text.split(/[,，]/).map((s) => s.trim());
  if (list.some((y) => !/^\d{4}$/.test(y))) throw new Error(`无法识别的年度：${text}（应为 2019-2023 或 2021,2023）`);
  return list.map(Number);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { departments: 40, years: parseYears("2019-2023"), seed: 1, anomalies: "none", out: "" };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new Error(`参数 ${flag} 缺少取值`);
    i++;
    switch (flag) {
      case "--departments":
        if (!/^\d+$/.test(value)) throw new Error(`部门数应为正整数：${value}`);
        args.departments = Number(value);
        break;
      case "--years":
        args.years = parseYears(value);
        break;
      case "--seed":
        if (!/^-?\d+$/.test(value)) throw new Error(`随机种子应为整数：${value}`);
        args.seed = Number(value);
        break;
      case "--anomalies":
        if (value !== "none" && value !== "some" && value !== "every-kind")
          throw new Error(`--anomalies 只能是 none、some 或 every-kind：${value}`);
        args.anomalies = value;
        break;
      case "--city":
        args.cityName = value;
        break;
      case "--out":
        args.out = value;
        break;
      default:
        throw new Error(`未知参数：${flag}`);
    }
  }
  if (!args.out) throw new Error("请用 --out 指定输出目录");
  return args;
}

function main(argv: string[]): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE);
    return 0;
  }
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const started = Date.now();
  const { reports, anomalies } = generateCity(args);
  fs.mkdirSync(args.out, { recursive: true });
  let bytes = 0;
  for (const r of reports) {
    const text = `${JSON.stringify(r, null, 2)}\n`;
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(args.out, `${r.department}-${r.year}.json`), text);
  }
  // A dot-file, so that `cli ingest <目录>` loads the reports and skips the answer key.
  const manifest = path.join(args.out, ".anomalies.json");
  fs.writeFileSync(manifest, `${JSON.stringify({ options: { ...args, out: undefined }, anomalies }, null, 2)}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `已生成 ${reports.length} 份合成报告（${args.departments} 个部门 × ${args.years.length} 个年度，${(bytes / 1048576).toFixed(1)} MB，${seconds} 秒）→ ${args.out}\n` +
      `注入异常 ${anomalies.length} 处，清单见 ${manifest}\n`,
  );
  return 0;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (e) {
  process.stderr.write(`生成失败：${(e as Error).message}\n`);
  process.exit(1);
}
