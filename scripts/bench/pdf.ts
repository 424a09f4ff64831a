import fs from "node:fs";
import path from "node:path";
import { auditReport } from "../../lib/audit/run";
import { ParseError } from "../../lib/ingest/errors";
import { readDocument } from "../../lib/ingest/read";
import { openPdf } from "../../lib/ingest/pdf/pdf-text.mjs";
import { readPdfText } from "../../lib/ingest/pdf/read-pdf";
import { intArg } from "./cli-args";
import { fmtMs, summarize } from "./stats";

/**
 * Read + audit per PDF beside pdfjs's own text extraction of the same file in the same run (getTextContent on every
 * page, in this thread: the floor no reader built on pdfjs can go under). The product's path reads each PDF in a
 * fresh worker thread with time and memory limits, then rebuilds the tables and parses and audits the report.
 */
async function floor(bytes: Uint8Array): Promise<{ ms: number; pages: number }> {
  const t0 = performance.now();
  const { task } = await openPdf(bytes);
  const doc = await task.promise;
  for (let n = 1; n <= doc.numPages; n++) await (await doc.getPage(n)).getTextContent();
  const pages = doc.numPages;
  await doc.destroy();
  return { ms: performance.now() - t0, pages };
}

function listPdfs(args: string[]): string[] {
  const given = args.filter((a) => !a.startsWith("--") && !/^\d+$/.test(a));
  const roots = given.length ? given : ["data/samples", "tests/fixtures/pdf"];
  const out: string[] = [];
  for (const r of roots) {
    if (!fs.existsSync(r)) continue;
    if (fs.statSync(r).isDirectory())
      for (const f of fs.readdirSync(r).sort()) f.endsWith(".pdf") ? out.push(path.join(r, f)) : undefined;
    else out.push(r);
  }
  return [...new Set(out.map((p) => path.resolve(p)))];
}

export async function benchPdf(args: string[]): Promise<string> {
  const runs = intArg(args, "--runs", 3);
  const files = listPdfs(args);
  const lines = [
    `### PDF: read + audit beside pdfjs's text extraction (${runs} runs each, median)`,
    "",
    "| file | pages | pdfjs text (floor) | worker read | tables rebuilt + parse | audit | read + audit | ÷ floor | result |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  // the first document in a process pays for loading pdfjs and its CMaps: warm up once
  if (files[0]) await floor(new Uint8Array(fs.readFileSync(files[0]))).catch(() => undefined);
  const totals: number[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const floors: number[] = [];
    const workers: number[] = [];
    const wholes: number[] = [];
    const audits: number[] = [];
    let pages = 0;
    let result = "";
    // a PDF pdfjs itself cannot read (encrypted, broken) has no floor to compare with
    if (
      !(await floor(bytes).then(
        () => true,
        () => false,
      ))
    ) {
      process.stderr.write(`${path.basename(file)}: pdfjs 无法读取，跳过\n`);
      continue;
    }
    for (let i = 0; i < runs; i++) {
      const f = await floor(bytes);
      floors.push(f.ms);
      pages = f.pages;
      let t0 = performance.now();
      try {
        await readPdfText(path.basename(file), bytes);
      } catch {
        /* timed below through readDocument */
      }
      workers.push(performance.now() - t0);
      t0 = performance.now();
      try {
        const report = await readDocument(path.basename(file), bytes);
        const t1 = performance.now();
        const findings = auditReport(report);
        audits.push(performance.now() - t1);
        wholes.push(performance.now() - t0);
        result = `${report.tables.length}/9 表，${findings.filter((x) => x.severity === "error").length} 项错误`;
      } catch (e) {
        wholes.push(performance.now() - t0);
        audits.push(0);
        result = e instanceof ParseError ? `拒绝：${e.message.slice(0, 30)}` : `失败：${String(e).slice(0, 30)}`;
      }
    }
    const fl = summarize(floors).p50;
    const wk = summarize(workers).p50;
    const whole = summarize(wholes).p50;
    const au = summarize(audits).p50;
    totals.push(whole);
    lines.push(
      `| ${path.basename(file)} | ${pages} | ${fmtMs(fl)} ms | ${fmtMs(wk)} ms | ${fmtMs(Math.max(0, whole - wk - au))} ms | ${fmtMs(au)} ms | ${fmtMs(whole)} ms | ${(whole / fl).toFixed(2)}× | ${result} |`,
    );
    process.stderr.write(`${path.basename(file)}: ${fmtMs(whole)} ms\n`);
  }
  lines.push("", `median read + audit over ${files.length} PDFs: ${fmtMs(summarize(totals).p50)} ms`, "");
  return lines.join("\n") + "\n";
}
