/**
 * npm run build-store -- --reports 10000 [--years 2019-2023] [--concurrency 4]
 * Fills the store (DATABASE_URL, else PGLITE_DIR) with a synthetic province of `--reports` reports for the scale
 * benchmarks: cities of 40 departments × the years, each city a generateCity() run with its own seed and name, so the
 * departments are distinct and every identity holds. It generates, audits and loads city by city, so memory stays flat
 * however large the store; every report goes through loadReports, the same path as `cli ingest`. Reports already in the
 * store come back "unchanged", so an interrupted build can be resumed by running the same command again.
 */
import { performance } from "node:perf_hooks";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { departments as departmentsTable, reports as reportsTable } from "../db/schema";
import { departmentName } from "../lib/synth/departments";
import { closeDb, getStore } from "../db/client";
import { loadReports } from "../db/load";
import { computeCompleteness } from "../lib/audit/completeness";
import { auditReport } from "../lib/audit/run";
import { generateCity } from "../lib/synth/city";

const DEPARTMENTS_PER_CITY = 40;

function parseArgs(argv: string[]) {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const reports = Number(get("reports") ?? "1000");
  const [from, to] = (get("years") ?? "2019-2023").split("-").map(Number);
  const concurrency = Number(get("concurrency") ?? "4");
  if (!Number.isInteger(reports) || reports < 1) throw new Error(`--reports 应为正整数，实为 ${get("reports")}`);
  if (!Number.isInteger(from) || !Number.isInteger(to ?? from) || (to ?? from) < from)
    throw new Error(`--years 应形如 2019-2023，实为 ${get("years")}`);
  const years = Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i);
  return { reports, years, concurrency };
}

async function main(): Promise<number> {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const store = await getStore();
  const perCity = DEPARTMENTS_PER_CITY * opts.years.length;
  const cities = Math.ceil(opts.reports / perCity);
  process.stdout.write(
    `向 ${store.where} 载入合成数据：${cities} 个城市 × ${DEPARTMENTS_PER_CITY} 个部门 × ${opts.years.length} 年（约 ${opts.reports} 份）\n`,
  );
  const started = performance.now();
  let done = 0;
  let loaded = 0;
  let failed = 0;
  let genMs = 0;
  try {
    for (let c = 0; c < cities; c++) {
      const t0 = performance.now();
      const departments = Math.min(DEPARTMENTS_PER_CITY, Math.ceil((opts.reports - done) / opts.years.length));
      const cityName = `合成${c + 1}市`;
      // Resuming: a city whose every report is already stored is not generated again.
      const names = Array.from({ length: departments }, (_, d) => departmentName(cityName, d).name);
      const [{ n }] = await store.db
        .select({ n: count() })
        .from(reportsTable)
        .innerJoin(departmentsTable, eq(departmentsTable.id, reportsTable.departmentId))
        .where(and(eq(reportsTable.isLatest, true), inArray(departmentsTable.name, names)));
      if (n === departments * opts.years.length) {
        done += n;
        continue;
      }
      // City 0 is the demo city's own name space ("示例市"); the scale cities are numbered.
      const { reports } = generateCity({ departments, years: opts.years, seed: 1000 + c, anomalies: "some", cityName });
      const items = reports.map((report) => ({
        report,
        findings: auditReport(report),
        completeness: computeCompleteness(report),
      }));
      genMs += performance.now() - t0;
      const outcomes = await loadReports(store.db, items, { concurrency: opts.concurrency });
      for (const o of outcomes) {
        if (!o.ok) {
          failed++;
          if (failed <= 5) process.stderr.write(`载入失败：${(o.error as Error).message}\n`);
        } else if (o.result.status !== "unchanged") loaded++;
      }
      done += reports.length;
      const secs = (performance.now() - started) / 1000;
      if ((c + 1) % 5 === 0 || c + 1 === cities) {
        process.stderr.write(
          `[${done}/${opts.reports}] ${secs.toFixed(0)} s, ${(done / secs).toFixed(1)} 份/秒（生成+审核 ${(genMs / 1000).toFixed(0)} s）\n`,
        );
      }
    }
    await store.db.execute(sql`ANALYZE`);
    const secs = (performance.now() - started) / 1000;
    process.stdout.write(
      `完成：${done} 份，新载入 ${loaded}，失败 ${failed}，用时 ${secs.toFixed(1)} 秒（${(done / secs).toFixed(1)} 份/秒；其中生成+审核 ${(genMs / 1000).toFixed(1)} 秒）\n`,
    );
    return failed ? 1 : 0;
  } finally {
    await closeDb();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`build-store 失败：${(e as Error).message}\n`);
    process.exit(1);
  },
);
