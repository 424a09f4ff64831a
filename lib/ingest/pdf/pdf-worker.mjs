// Worker-thread entry: reads PDFs sent to it one at a time ({ bytes }, transferred) and posts back each one's text
// or why it failed. read-pdf.ts keeps one such thread warm between documents (loading pdfjs costs about half a
// second), watches each document's time and memory, and terminates the thread when a limit is exceeded or anything
// goes wrong, so a hostile file can use up only this thread. Plain .mjs: Node 20 workers cannot load TypeScript.
import { parentPort } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { extractPdfText, pdfjsDir, PdfReadError } from "./pdf-text.mjs";

if (!parentPort) throw new Error("pdf-worker.mjs runs only as a worker thread");

// resolved from this file, not from the working directory: the worker is never bundled
const dir = pdfjsDir(fileURLToPath(import.meta.url));

parentPort.on("message", async ({ bytes }) => {
  try {
    const text = await extractPdfText(bytes, { pdfjsDir: dir });
    parentPort.postMessage({ ok: true, text });
  } catch (e) {
    if (!(e instanceof PdfReadError)) throw e; // reaches the parent as the worker's "error" event
    parentPort.postMessage({ ok: false, kind: e.kind, message: e.message, page: e.page });
  }
});
