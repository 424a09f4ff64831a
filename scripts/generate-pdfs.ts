import fs from "node:fs";
import path from "node:path";
import { readDocument } from "../lib/ingest/read";
import { renderHtml } from "../lib/render/html";
import { describeOptions, HTML_OPTION_VALUES, type HtmlOptions } from "../lib/render/html-options";
import { compareWithTruth, formatMismatches, htmlTruth, type Mismatch } from "../lib/render/html-truth";
import { tableIdOfTitle } from "../lib/ingest/layouts/markdown/titles";
import { TABLE_IDS, getTable } from "../lib/report/schema";
import { hasChromium, PdfPrinter, syntheticCases } from "../tests/helpers/pdf-print";

const USAGE = `生成合成部门决算 PDF（HTML 经 chromium 打印）及每份的真值 JSON，供读取器在测试之外大范围检验

  npx tsx scripts/generate-pdfs.ts --count 300 --out /tmp/pdfs [--seed 2024] [--years 2019-2024] [--html] [--read] [--borderless]

  --count  份数；前若干份两两覆盖全部版式选项，其余随机
  --out    输出目录：NNN.pdf、NNN.truth.json（{ name, options, truth }），--html 时另存 NNN.html
  --seed   同一种子生成同样的文件
  --years  合成城市的年度范围（2019-2024）或列表（2022,2024）
  --read   生成后逐份用 readDocument 读取，与真值比较：NNN.result.json 记差异，summary.json 汇总
           （各选项取值的失败率、各类差异的份数、打印与读取耗时，每种表读对、读错、未读的张数及未读的原因）
  --borderless  每份都不印表格线（其余选项不变）：检验按文字位置推断各列的读取
`;

type Args = {
  count: number;
  out: string;
  seed: number;
  years: number[];
  html: boolean;
  read: boolean;
  borderless: boolean;
};

function parseYears(text: string): number[] {
  const range = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(text);
  if (range) return Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i);
  const list = text.split(/[,，]/).map((s) => s.trim());
  if (list.some((y) => !/^\d{4}$/.test(y))) throw new Error(`无法识别的年度：${text}`);
  return list.map(Number);
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    count: 300,
    out: "",
    seed: 2024,
    years: [2022, 2023, 2024],
    html: false,
    read: false,
    borderless: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--html" || flag === "--read" || flag === "--borderless") {
      args[flag.slice(2) as "html" | "read" | "borderless"] = true;
      continue;
    }
    if (flag === "--help" || flag === "-h") {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`参数 ${flag} 缺少取值`);
    if (flag === "--count" || flag === "--seed") {
      if (!/^\d+$/.test(value)) throw new Error(`${flag} 应为非负整数：${value}`);
      args[flag === "--count" ? "count" : "seed"] = Number(value);
    } else if (flag === "--out") args.out = value;
    else if (flag === "--years") args.years = parseYears(value);
    else throw new Error(`未知参数 ${flag}\n\n${USAGE}`);
  }
  if (!args.out) throw new Error(`缺少 --out\n\n${USAGE}`);
  if (args.count < 1) throw new Error("--count 至少为 1");
  return args;
}

type Outcome = {
  id: string;
  name: string;
  options: HtmlOptions;
  printMs: number;
  readMs?: number;
  error?: string;
  mismatches?: Mismatch[];
  /** the reader's own unread notes: what it says it could not read, and why */
  unread?: string[];
  /** per table of the truth: read exactly, read with differences, set aside (and why), or missing without a note */
  tables?: Record<string, { status: "exact" | "wrong" | "unread" | "missing"; why?: string }>;
};

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!hasChromium) throw new Error("未找到 /usr/bin/chromium（Debian 的 chromium 软件包），无法打印 PDF");
  fs.mkdirSync(args.out, { recursive: true });
  const cases = syntheticCases(args.count, args.seed, args.years).map((c) =>
    args.borderless
      ? {
          ...c,
          options: { ...c.options, borders: false },
          truth: htmlTruth(c.report, { ...c.options, borders: false }),
        }
      : c,
  );
  const width = String(args.count).length;
  const printer = await PdfPrinter.launch();
  const outcomes: Outcome[] = [];
  const started = Date.now();
  try {
    // Print one document ahead while the previous one is read (chromium prints in its own process).
    const print = async (i: number) => {
      const t = Date.now();
      const html = renderHtml(cases[i].report, cases[i].options);
      const pdf = await printer.print(html);
      return { html, pdf, ms: Date.now() - t };
    };
    let next = print(0);
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i];
      const id = String(i + 1).padStart(width, "0");
      const { html, pdf, ms } = await next;
      if (i + 1 < cases.length) next = print(i + 1);
      fs.writeFileSync(path.join(args.out, `${id}.pdf`), pdf);
      if (args.html) fs.writeFileSync(path.join(args.out, `${id}.html`), html);
      fs.writeFileSync(
        path.join(args.out, `${id}.truth.json`),
        JSON.stringify({ name: c.name, options: c.options, truth: c.truth }, null, 1),
      );
      const o: Outcome = { id, name: c.name, options: c.options, printMs: ms };
      if (args.read) {
        const t = Date.now();
        try {
          const read = await readDocument(`${id}.pdf`, pdf);
          o.mismatches = compareWithTruth(c.truth, read);
          o.unread = read.unread.map((u) => `${u.where}${u.page ? ` 第 ${u.page} 页` : ""}：${u.message}`);
          o.tables = {};
          for (const id of TABLE_IDS) {
            if (!getTable(c.truth, id)) continue;
            const note = read.unread.find((u) => u.part === "table" && tableIdOfTitle(u.where) === id);
            const wrong = o.mismatches.some((m) => m.where === id || m.where.startsWith(`${id} `));
            o.tables[id] = note
              ? { status: "unread", why: note.text }
              : !getTable(read, id)
                ? { status: "missing" }
                : { status: wrong ? "wrong" : "exact" };
          }
        } catch (e) {
          o.error = (e as Error).message;
        }
        o.readMs = Date.now() - t;
        fs.writeFileSync(
          path.join(args.out, `${id}.result.json`),
          JSON.stringify(
            { name: c.name, error: o.error, tables: o.tables, mismatches: o.mismatches, unread: o.unread },
            null,
            1,
          ),
        );
      }
      outcomes.push(o);
      const status = !args.read
        ? ""
        : o.error
          ? ` ✗ ${o.error.split("\n")[0].slice(0, 120)}`
          : o.mismatches!.length
            ? ` ✗ ${o.mismatches!.length} 处差异`
            : " ✓";
      process.stdout.write(`${c.name} 打印 ${ms} ms${o.readMs !== undefined ? ` 读取 ${o.readMs} ms` : ""}${status}\n`);
    }
  } finally {
    await printer.close();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`\n${outcomes.length} 份，用时 ${seconds} s，写入 ${args.out}\n`);
  if (args.read) summarise(args.out, outcomes);
}

/** Which option values fail most, and which kinds of difference how often: the first place to look for a cause. */
function summarise(out: string, outcomes: Outcome[]) {
  const failed = (o: Outcome) => o.error !== undefined || (o.mismatches?.length ?? 0) > 0;
  const byValue: Record<string, { documents: number; failed: number }> = {};
  for (const k of Object.keys(HTML_OPTION_VALUES) as (keyof HtmlOptions)[]) {
    for (const v of HTML_OPTION_VALUES[k] as readonly unknown[]) {
      const with_ = outcomes.filter((o) => o.options[k] === v);
      byValue[`${k}=${String(v)}`] = { documents: with_.length, failed: with_.filter(failed).length };
    }
  }
  const byKind: Record<string, number> = {};
  const errors: Record<string, number> = {};
  for (const o of outcomes) {
    if (o.error) {
      const key = o.error
        .split("\n")[0]
        .replace(/第 \d+ (?:页|行)/g, "第 N 页")
        .slice(0, 80);
      errors[key] = (errors[key] ?? 0) + 1;
    }
    for (const k of new Set(o.mismatches?.map((m) => m.kind))) byKind[k] = (byKind[k] ?? 0) + 1;
  }
  const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);
  // Per table kind: how many read exactly, read wrong, set aside (by the identity that failed) or missing.
  const byTable: Record<
    string,
    { exact: number; wrong: number; unread: number; missing: number; rejected: number; why: Record<string, number> }
  > = {};
  for (const id of TABLE_IDS) byTable[id] = { exact: 0, wrong: 0, unread: 0, missing: 0, rejected: 0, why: {} };
  for (const o of outcomes) {
    if (o.error) for (const id of TABLE_IDS) byTable[id].rejected++;
    for (const [id, t] of Object.entries(o.tables ?? {})) {
      const b = byTable[id];
      b[t.status]++;
      if (t.why) {
        const key = t.why.replace(/-?[\d,]+(?:\.\d+)?/g, "N").slice(0, 60);
        b.why[key] = (b.why[key] ?? 0) + 1;
      }
    }
  }
  const summary = {
    documents: outcomes.length,
    passed: outcomes.filter((o) => !failed(o)).length,
    meanPrintMs: mean(outcomes.map((o) => o.printMs)),
    meanReadMs: mean(outcomes.map((o) => o.readMs ?? 0)),
    errors,
    documentsWithMismatchKind: byKind,
    tables: byTable,
    failureRateByOption: Object.fromEntries(
      Object.entries(byValue).sort(
        (a, b) => b[1].failed / Math.max(1, b[1].documents) - a[1].failed / Math.max(1, a[1].documents),
      ),
    ),
  };
  fs.writeFileSync(path.join(out, "summary.json"), JSON.stringify(summary, null, 1));
  process.stdout.write(
    `读取：${summary.passed}/${summary.documents} 份与真值一致；平均打印 ${summary.meanPrintMs} ms，读取 ${summary.meanReadMs} ms\n`,
  );
  for (const [e, n] of Object.entries(errors).sort((a, b) => b[1] - a[1])) process.stdout.write(`  错误 ×${n}: ${e}\n`);
  for (const [k, n] of Object.entries(byKind).sort((a, b) => b[1] - a[1]))
    process.stdout.write(`  差异 ${k}: ${n} 份\n`);
  const total = Object.values(byTable).reduce((n, b) => n + b.exact, 0);
  const all = Object.values(byTable).reduce((n, b) => n + b.exact + b.wrong + b.unread + b.missing, 0);
  process.stdout.write(`  表：${total}/${all} 张逐项与真值一致\n`);
  for (const [id, b] of Object.entries(byTable)) {
    const why = Object.entries(b.why)
      .sort((x, y) => y[1] - x[1])
      .slice(0, 3)
      .map(([k, n]) => `${n}× ${k}`)
      .join("；");
    process.stdout.write(
      `    ${id} 一致 ${b.exact}，有差异 ${b.wrong}，未读 ${b.unread}，缺且未说明 ${b.missing}${b.rejected ? `，整份拒绝 ${b.rejected}` : ""}${why ? `（未读：${why}）` : ""}\n`,
    );
  }
  const worst = Object.entries(summary.failureRateByOption).slice(0, 10);
  process.stdout.write(
    `  失败率最高的选项取值：${worst.map(([k, v]) => `${k} ${v.failed}/${v.documents}`).join("，")}\n`,
  );
  const first = outcomes.find((o) => (o.mismatches?.length ?? 0) > 0);
  if (first)
    process.stdout.write(
      `\n例：${first.name}（${describeOptions(first.options)}）\n${formatMismatches(first.mismatches!, 15)}\n`,
    );
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
