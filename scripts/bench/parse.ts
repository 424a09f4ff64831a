/**
 * `npm run bench [-- parse] [--reports 500]`: parse + audit per document (seeds and rendered synthetic documents),
 * audit throughput, load throughput into PGlite (and Postgres when DATABASE_URL is set).
 * `npm run bench -- parse --compare FILE [--rounds 3]`: see parse-compare.ts.
 * Returns a Markdown block to paste into BENCHMARKS.md. Timing lives here, never in a test's pass/fail.
 */
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openPglite, openPostgres } from "../../db/client";
import { loadReport } from "../../db/load";
import { computeCompleteness } from "../../lib/audit/completeness";
import { auditReport } from "../../lib/audit/run";
import { parseDocument } from "../../lib/ingest/parse";
import { renderMarkdown } from "../../lib/render/markdown";
import { renderPlainText } from "../../lib/render/plain-text";
import { generateCity } from "../../lib/synth/city";
import { arg, intArg, runHeader } from "./cli-args";
import { runComparison } from "./parse-compare";

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: q(0.5), p95: q(0.95), min: s[0], n: s.length };
}
const f1 = (x: number) => x.toFixed(1);

export async function benchParse(args: string[]): Promise<string> {
  const out: string[] = runHeader(args);
  // --compare FILE: the byte-for-byte comparison corpus and the text path's throughput only (no stores).
  const compare = arg(args, "compare");
  if (compare) return [...out, ...(await runComparison(compare, intArg(args, "rounds", 3)))].join("\n") + "\n";

  // 1. Parse + audit of the real documents (issue target: < 50 ms each).
  out.push("| document | parse p50 (ms) | parse p95 | audit p50 (ms) | parse + audit p50 |", "|---|---|---|---|---|");
  for (const f of ["000_de383ccec50b5c0e.txt", "004_fcc6ab7362c41973.txt"]) {
    const bytes = new Uint8Array(readFileSync(path.join("tests/fixtures/documents", f)));
    const parse: number[] = [];
    const audit: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      const r = parseDocument(f, bytes);
      const t1 = performance.now();
      auditReport(r);
      computeCompleteness(r);
      const t2 = performance.now();
      if (i >= 10) {
        parse.push(t1 - t0);
        audit.push(t2 - t1);
      }
    }
    const p = stats(parse);
    const a = stats(audit);
    out.push(`| ${f} | ${f1(p.p50)} | ${f1(p.p95)} | ${f1(a.p50)} | ${f1(p.p50 + a.p50)} |`);
  }
  out.push("");

  // 2. Audit throughput and load throughput on a generated city.
  const n = Number(arg(args, "reports", "500"));
  const depts = Math.max(1, Math.ceil(n / 5));
  const t0 = performance.now();
  const { reports } = generateCity({
    departments: depts,
    years: [2019, 2020, 2021, 2022, 2023],
    seed: 7,
    anomalies: "none",
  });
  const city = reports.slice(0, n);
  const tGen = performance.now() - t0;
  const t1 = performance.now();
  const audited = city.map((r) => ({ r, findings: auditReport(r), completeness: computeCompleteness(r) }));
  const tAudit = performance.now() - t1;
  out.push(
    `Generated ${city.length} synthetic reports in ${f1(tGen / 1000)} s; audit + completeness: **${f1(city.length / (tAudit / 1000))} reports/s**.`,
    "",
  );

  // 3. The pipeline a user runs: rendered documents in both layouts, parsed and audited.
  out.push("| rendered synthetic documents | documents | parse + audit (s) | documents/s |", "|---|---|---|---|");
  const sample = city.slice(0, Math.min(100, city.length));
  for (const [label, render] of [
    ["markdown", renderMarkdown],
    ["plain text (PDF extract)", renderPlainText],
  ] as const) {
    const docs = sample.map((r, i) => ({ name: `synthetic-${i}.txt`, bytes: new TextEncoder().encode(render(r)) }));
    const t = performance.now();
    for (const d of docs) auditReport(parseDocument(d.name, d.bytes));
    const secs = (performance.now() - t) / 1000;
    out.push(`| ${label} | ${docs.length} | ${f1(secs)} | **${f1(docs.length / secs)}** |`);
  }
  out.push("");

  out.push("| store | reports | load time (s) | reports/s |", "|---|---|---|---|");
  const tmpStore = path.join(os.tmpdir(), `fl-bench-${process.pid}`);
  const stores: [string, () => ReturnType<typeof openPglite>][] = [
    ["PGlite (on disk, tmp dir)", () => openPglite(tmpStore)],
  ];
  if (process.env.DATABASE_URL)
    stores.push(["PostgreSQL (DATABASE_URL)", () => openPostgres(process.env.DATABASE_URL!)]);
  for (const [label, open] of stores) {
    const store = await open();
    const t = performance.now();
    for (const a of audited) await loadReport(store.db, a.r, { findings: a.findings, completeness: a.completeness });
    const secs = (performance.now() - t) / 1000;
    out.push(`| ${label} | ${audited.length} | ${f1(secs)} | **${f1(audited.length / secs)}** |`);
    await store.close();
  }
  rmSync(tmpStore, { recursive: true, force: true });
  out.push("");
  return out.join("\n") + "\n";
}
