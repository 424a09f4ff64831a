/**
 * `npm run bench -- parse --compare FILE`: the text path's comparison corpus, parsed and audited, every result
 * written as one JSON line (report, findings, completeness, coverage — or the error), so a change meant to be
 * faster can be proved to change nothing: run it before and after and compare the two files byte for byte.
 *
 * The corpus: two generated cities (one clean, one with every kind of anomaly) rendered as markdown and as the text
 * a PDF extractor emits, the real seed documents and the PDF-text fixture, each of those cut short at ten places
 * (the unread / refused paths), canonical JSON exports read back, and the PDF fixtures read as published (they share
 * the parser and the validation after their tables are rebuilt).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { computeCompleteness } from "../../lib/audit/completeness";
import { auditReport } from "../../lib/audit/run";
import { ParseError } from "../../lib/ingest/errors";
import { parseDocument } from "../../lib/ingest/parse";
import { readDocument } from "../../lib/ingest/read";
import { computeCoverage } from "../../lib/report/coverage";
import type { Report } from "../../lib/report/schema";
import { renderMarkdown } from "../../lib/render/markdown";
import { renderPlainText } from "../../lib/render/plain-text";
import { generateCity } from "../../lib/synth/city";

type Doc = { name: string; kind: "markdown" | "plain-text" | "seed" | "cut" | "json" | "pdf"; bytes: Uint8Array };

const encode = (s: string) => new TextEncoder().encode(s);

function realTexts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  // (the shared seeds are the same bytes as tests/fixtures/documents)
  for (const dir of ["tests/fixtures/documents", "tests/fixtures/pdf-text"]) {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .sort();
    for (const f of files) out.push({ name: `${dir}/${f}`, text: readFileSync(path.join(dir, f), "utf8") });
  }
  return out;
}

/** Clean city seed 7 (what `bench -- parse` times) and an anomalous city seed 11: 2 × 200 reports, 2 layouts each. */
function comparisonCorpus(): Doc[] {
  const docs: Doc[] = [];
  const cities = [
    generateCity({ departments: 40, years: [2019, 2020, 2021, 2022, 2023], seed: 7, anomalies: "none" }).reports,
    generateCity({ departments: 40, years: [2019, 2020, 2021, 2022, 2023], seed: 11, anomalies: "every-kind" }).reports,
  ];
  cities.forEach((reports, c) =>
    reports.forEach((r, i) => {
      docs.push({ name: `city${c}-${i}.md`, kind: "markdown", bytes: encode(renderMarkdown(r)) });
      docs.push({ name: `city${c}-${i}.txt`, kind: "plain-text", bytes: encode(renderPlainText(r)) });
    }),
  );
  for (const { name, text } of realTexts()) {
    docs.push({ name, kind: "seed", bytes: encode(text) });
    const lines = text.split("\n");
    for (let k = 1; k <= 10; k++) {
      docs.push({
        name: `${name}#cut${k}`,
        kind: "cut",
        bytes: encode(lines.slice(0, Math.floor((lines.length * k) / 11)).join("\n")),
      });
    }
  }
  for (const r of cities[1].slice(0, 20))
    docs.push({ name: `${r.department}-${r.year}.json`, kind: "json", bytes: encode(JSON.stringify(r)) });
  const pdfDir = "tests/fixtures/pdf";
  for (const f of readdirSync(pdfDir)
    .filter((f) => f.endsWith(".pdf"))
    .sort()) {
    docs.push({ name: `${pdfDir}/${f}`, kind: "pdf", bytes: new Uint8Array(readFileSync(path.join(pdfDir, f))) });
  }
  return docs;
}

type Outcome = { report: Report; findings: ReturnType<typeof auditReport> } | { error: unknown };

async function run(d: Doc): Promise<Outcome> {
  try {
    const report = d.kind === "pdf" ? await readDocument(d.name, d.bytes) : parseDocument(d.name, d.bytes);
    return { report, findings: auditReport(report) };
  } catch (e) {
    return { error: e };
  }
}

function line(d: Doc, o: Outcome): string {
  if ("error" in o) {
    const e = o.error;
    const err = e instanceof ParseError ? { ...e, message: e.message, describe: e.describe() } : { thrown: String(e) };
    return JSON.stringify({ name: d.name, error: err });
  }
  return JSON.stringify({
    name: d.name,
    report: o.report,
    findings: o.findings,
    completeness: computeCompleteness(o.report),
    coverage: computeCoverage(o.report),
  });
}

/** Writes the comparison file; returns the Markdown lines: corpus size and the text path's throughput. */
export async function runComparison(file: string, rounds: number): Promise<string[]> {
  const docs = comparisonCorpus();
  const lines: string[] = [];
  let failed = 0;
  for (const d of docs) {
    const o = await run(d);
    if ("error" in o) failed++;
    lines.push(line(d, o));
  }
  writeFileSync(file, lines.join("\n") + "\n");
  const out = [`Comparison file ${file}: ${docs.length} documents (${failed} refused), one JSON line each.`, ""];
  // Wall time overstates on a shared machine; the process's own CPU time (main thread + GC helpers) is the steadier.
  out.push(
    "| rendered synthetic documents | documents | rounds | wall s per round | documents/s (wall, best round) | CPU s per round | documents/s (CPU, best round) | MB allocated per document |",
    "|---|---|---|---|---|---|---|---|",
  );
  for (const kind of ["markdown", "plain-text"] as const) {
    const set = docs.filter((d) => d.kind === kind && d.name.startsWith("city0-"));
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let k = 0; k < rounds; k++) {
      const t = performance.now();
      const c = process.cpuUsage();
      for (const d of set) auditReport(parseDocument(d.name, d.bytes));
      const used = process.cpuUsage(c);
      wall.push((performance.now() - t) / 1000);
      cpu.push((used.user + used.system) / 1e6);
    }
    const list = (xs: number[]) => xs.map((s) => s.toFixed(2)).join(", ");
    const rate = (xs: number[]) => (set.length / Math.min(...xs)).toFixed(1);
    const mb = (await allocatedBytes(set)) / set.length / 1e6;
    out.push(
      `| ${kind} | ${set.length} | ${rounds} | ${list(wall)} | **${rate(wall)}** | ${list(cpu)} | **${rate(cpu)}** | ${mb.toFixed(2)} |`,
    );
  }
  out.push("");
  return out;
}

/**
 * Bytes allocated while parsing and auditing the documents once, garbage included: V8's sampling heap profiler
 * keeping the objects GC has collected. Unlike time it barely moves with the machine's load, so a change that
 * allocates less shows here even when timing cannot tell.
 */
async function allocatedBytes(docs: Doc[]): Promise<number> {
  const session = new Session();
  session.connect();
  try {
    await session.post("HeapProfiler.startSampling", {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    for (const d of docs) auditReport(parseDocument(d.name, d.bytes));
    const { profile } = await session.post("HeapProfiler.stopSampling");
    return sampledBytes(profile.head);
  } finally {
    session.disconnect();
  }
}

type SampledNode = { selfSize: number; children: SampledNode[] };

function sampledBytes(node: SampledNode): number {
  let total = node.selfSize;
  for (const child of node.children) total += sampledBytes(child);
  return total;
}
