/**
 * Runs before `next start` (npm start): migrates the store and, when it holds no report yet, loads the bundled
 * samples in data/samples/. It must close PGlite before exiting — the Next server opens the same directory next,
 * and the directory lock would otherwise still name this process.
 */
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { closeDb, getStore } from "../db/client";
import { reports } from "../db/schema";
import { loadReports } from "../db/load";
import { computeCompleteness } from "../lib/audit/completeness";
import { auditReport } from "../lib/audit/run";
import { generateCity } from "../lib/synth/city";
import { collectFiles, describeOutcome, ingestFiles } from "./cli/ingest";

/** The demo city: 40 synthetic departments × 5 years beside the real samples, labelled 合成示例 everywhere. */
const DEMO = { departments: 40, years: [2019, 2020, 2021, 2022, 2023], seed: 20231231, anomalies: "some" as const };

async function main(): Promise<number> {
  let store;
  try {
    store = await getStore();
  } catch (e) {
    process.stderr.write(`数据库无法打开或迁移失败：${(e as Error).message}\n`);
    return 1;
  }
  try {
    const [{ n }] = await store.db.select({ n: count() }).from(reports).where(eq(reports.isLatest, true));
    if (n > 0) {
      process.stdout.write(`数据库已就绪（${store.where}），共 ${n} 份决算。\n`);
      return 0;
    }
    const dir = path.resolve("data/samples");
    const { files } = collectFiles([dir]);
    if (files.length > 0) {
      process.stdout.write(`数据库为空，载入样例数据（${dir}）：\n`);
      const outcomes = await ingestFiles(store.db, files, process.stderr);
      for (const o of outcomes) process.stdout.write(`${describeOutcome(o)}\n`);
      const failed = outcomes.filter((o) => !o.ok).length;
      // A sample that fails to parse should not keep the dashboard from starting; it says so and carries on.
      if (failed > 0) process.stdout.write(`有 ${failed} 份样例未能载入（原因见上），仪表板仍会启动。\n`);
    }
    if (process.env.DEMO_CITY !== "0") {
      const { reports: city } = generateCity(DEMO);
      process.stdout.write(
        `载入合成示例城市：${DEMO.departments} 个部门 × ${DEMO.years.length} 年，共 ${city.length} 份（标注“合成示例”，可在各页筛除）…\n`,
      );
      const started = Date.now();
      let done = 0;
      const items = city.map((report) => ({
        report,
        findings: auditReport(report),
        completeness: computeCompleteness(report),
      }));
      const outcomes = await loadReports(store.db, items, {
        onDone: () => {
          if (++done % 50 === 0 || done === city.length) process.stderr.write(`[${done}/${city.length}]\n`);
        },
      });
      const failed = outcomes.filter((o) => !o.ok);
      if (failed.length)
        throw new Error(`合成示例有 ${failed.length} 份未能载入：${String((failed[0] as { error: unknown }).error)}`);
      process.stdout.write(`合成示例已载入，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。\n`);
    }
    // PGlite runs no autovacuum: without statistics the planner picks a scan that makes /structure ~20× slower.
    await store.db.execute(sql`ANALYZE`);
    return 0;
  } finally {
    await closeDb();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`准备数据库时出错：${(e as Error).message}\n`);
    closeDb().finally(() => process.exit(1));
  },
);
