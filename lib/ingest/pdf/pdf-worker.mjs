// Worker-thread entry: reads one PDF (workerData.bytes, transferred) and posts back its text or why it failed.
// read-pdf.ts starts one per document with time and memory limits and terminates it when they are exceeded, so a
// hostile file can use up only this thread. Plain .mjs: Node 20 workers cannot load TypeScript (see pdf-text.mjs).
import { parentPort, workerData } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { extractPdfText, pdfjsDir, PdfReadError } from "./pdf-text.mjs";

if (!parentPort) throw new Error("pdf-worker.mjs runs only as a worker thread");

try {
  // resolved from this file, not from the working directory: the worker is never bundled
  const text = await extractPdfText(workerData.bytes, { pdfjsDir: pdfjsDir(fileURLToPath(import.meta.url)) });
  parentPort.postMessage({ ok: true, text });
} catch (e) {
  if (!(e instanceof PdfReadError)) throw e; // reaches the parent as the worker's "error" event
  parentPort.postMessage({ ok: false, kind: e.kind, message: e.message, page: e.page });
}
