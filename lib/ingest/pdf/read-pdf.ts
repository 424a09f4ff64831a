import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ParseError } from "../errors";
import type { PdfFailure, PdfText } from "./extract";

/** Per document, unless the caller lowers them (tests). */
export const PDF_TIME_LIMIT_MS = 20_000;
export const PDF_MEMORY_LIMIT_MB = 512;

export type PdfReadOptions = {
  /** wall time for one document, worker start included (default 20 s) */
  timeoutMs?: number;
  /** how much the process may grow while the document is read: the worker's heap and its buffers (default 512 MB) */
  memoryMb?: number;
};

const WORKER_FILE = "pdf-worker.mjs";

/**
 * pdf-worker.mjs beside this file — which is where tsx and vitest run it from — or, in the Next.js server bundle
 * (where this module's own URL is not its source path), under the app directory `next start` runs in.
 */
function workerPath(): string | undefined {
  const candidates: string[] = [];
  try {
    const here = import.meta.url;
    if (typeof here === "string" && here.startsWith("file:"))
      candidates.push(path.join(path.dirname(fileURLToPath(here)), WORKER_FILE));
  } catch {
    /* not a file URL */
  }
  candidates.push(path.join(process.cwd(), "lib", "ingest", "pdf", WORKER_FILE));
  return candidates.find((p) => existsSync(p));
}

type Outcome =
  | { ok: true; text: PdfText }
  | { ok: false; kind: PdfFailure | "timeout" | "memory" | "missing"; message: string; page?: number };

// One PDF at a time per process: a document's memory is watched through the process RSS, which only means
// something while nothing else is being read; and two hostile files at once would double the worst case.
let queue: Promise<unknown> = Promise.resolve();

function serialized<T>(run: () => Promise<T>): Promise<T> {
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/** RSS is sampled this often while a worker runs. */
const WATCH_MS = 20;
/** how long a terminated worker has to report its exit */
const EXIT_GRACE_MS = 5_000;

/**
 * Runs pdf-text.mjs in a worker thread with a fresh heap, and stops it (`terminate()`, which is clean) when the time
 * is up or when the process RSS has grown by more than `memoryMb` since the document started: that counts the
 * worker's heap and also the typed arrays pdfjs inflates streams into, which live outside any V8 heap limit.
 * V8's own limit for the worker's heap (`resourceLimits`) is set at twice that, as a backstop only: reaching it is
 * meant to end just the worker, but can abort the whole process when it is hit inside a large allocation
 * (nodejs/node#47224; seen here with a 64 MB limit on the real 财政局 PDF), so it must not be the limit that trips.
 * Always resolves, normally once the worker has exited.
 */
/** A thread that read its last document cleanly waits for the next one; it is replaced after this many. */
const DOCUMENTS_PER_THREAD = 50;
let idle: { worker: Worker; memoryMb: number; served: number } | undefined;

function startWorker(file: string, memoryMb: number): Worker {
  return new Worker(file, {
    // not the parent's flags: tsx's or vitest's loaders have nothing to do in a plain .mjs worker
    execArgv: [],
    stdout: false,
    stderr: false,
    resourceLimits: {
      maxOldGenerationSizeMb: 2 * memoryMb,
      maxYoungGenerationSizeMb: Math.max(8, Math.min(32, Math.floor(memoryMb / 16))),
      stackSizeMb: 4,
    },
  });
}

function extractInWorker(bytes: Uint8Array, timeoutMs: number, memoryMb: number): Promise<Outcome> {
  const file = workerPath();
  if (!file)
    return Promise.resolve({ ok: false, kind: "missing", message: `找不到 PDF 读取程序 ${WORKER_FILE}（部署不完整）` });
  return new Promise<Outcome>((resolve) => {
    const copy = new Uint8Array(bytes); // transferred to the worker; the caller keeps its bytes
    const baseline = process.memoryUsage.rss();
    const rssLimit = baseline + memoryMb * 1024 * 1024;
    let outcome: Outcome | undefined;
    let worker: Worker;
    let served = 0;
    // a warm thread started with other limits is not reused
    if (idle && idle.memoryMb === memoryMb) {
      ({ worker, served } = idle);
      worker.ref();
      idle = undefined;
    } else {
      if (idle) void idle.worker.terminate();
      idle = undefined;
      try {
        worker = startWorker(file, memoryMb);
      } catch (e) {
        resolve({ ok: false, kind: "missing", message: `无法启动 PDF 读取线程（${(e as Error).message}）` });
        return;
      }
    }
    const detach = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("messageerror", onMessageError);
      worker.off("exit", onExit);
    };
    const settle = (o: Outcome, keep = false) => {
      if (outcome) return;
      outcome = o;
      clearTimeout(timer);
      clearInterval(watch);
      if (keep && served + 1 < DOCUMENTS_PER_THREAD) {
        // a clean read: the thread waits, unreferenced so that it never keeps a CLI process alive
        detach();
        worker.unref();
        idle = { worker, memoryMb, served: served + 1 };
        resolve(o);
        return;
      }
      void worker.terminate();
      // "exit" follows terminate() at once in every case seen; should it ever not, the next document still goes
      setTimeout(() => resolve(o), EXIT_GRACE_MS).unref();
    };
    const onMessage = (m: Outcome) => settle(m, m.ok);
    const onError = (e: Error & { code?: string }) => {
      // V8's heap limit, or an allocation outside it that the system refused (a stream inflating to gigabytes)
      const memory = e.code === "ERR_WORKER_OUT_OF_MEMORY" || /allocation failed|out of memory/i.test(e.message);
      settle(
        memory
          ? { ok: false, kind: "memory", message: "" }
          : { ok: false, kind: "corrupt", message: "PDF 文件已损坏，读取时出错" },
      );
    };
    const onMessageError = () => settle({ ok: false, kind: "corrupt", message: "PDF 文件已损坏，读取结果无法传回" });
    const onExit = (code: number) => {
      settle({ ok: false, kind: "corrupt", message: `PDF 文件已损坏，读取线程意外退出（退出码 ${code}）` });
      resolve(outcome!);
    };
    const timer = setTimeout(() => settle({ ok: false, kind: "timeout", message: "" }), timeoutMs);
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() > rssLimit) settle({ ok: false, kind: "memory", message: "" });
    }, WATCH_MS);
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("messageerror", onMessageError);
    worker.on("exit", onExit);
    worker.postMessage({ bytes: copy }, [copy.buffer]);
  });
}

function failure(fileName: string, o: Exclude<Outcome, { ok: true }>, timeoutMs: number, memoryMb: number): ParseError {
  switch (o.kind) {
    case "timeout":
      return new ParseError({
        file: fileName,
        message: `读取 PDF 超时：超过 ${formatSeconds(timeoutMs)} 秒的上限仍未读完，已停止读取（文件可能已损坏或经过恶意构造）`,
      });
    case "memory":
      return new ParseError({
        file: fileName,
        message: `读取 PDF 时内存超限：超过 ${memoryMb} MB 的上限，已停止读取（文件可能已损坏或经过恶意构造）`,
      });
    default:
      return new ParseError({ file: fileName, message: o.message, page: o.page });
  }
}

function formatSeconds(ms: number): string {
  return Number.isInteger(ms / 1000) ? String(ms / 1000) : (ms / 1000).toFixed(1);
}

/**
 * The text of a PDF with positions, or a located ParseError in Chinese: 超时, 内存超限, 已加密, 已损坏, or a scan
 * without a text layer. The PDF is read in a worker thread with a time and a memory limit (20 s and 512 MB per
 * document by default), so a hostile file fails alone: the process, the server and the rest of a batch go on.
 */
export async function readPdfText(fileName: string, bytes: Uint8Array, options: PdfReadOptions = {}): Promise<PdfText> {
  const timeoutMs = options.timeoutMs ?? PDF_TIME_LIMIT_MS;
  const memoryMb = options.memoryMb ?? PDF_MEMORY_LIMIT_MB;
  const o = await serialized(() => extractInWorker(bytes, timeoutMs, memoryMb));
  if (!o.ok) throw failure(fileName, o, timeoutMs, memoryMb);
  const text = o.text;
  const chars = text.pages.reduce((n, p) => n + p.items.reduce((m, it) => m + it.str.length, 0), 0);
  if (text.pages.length > 0 && chars < 20 * Math.max(1, Math.min(3, text.pages.length))) {
    throw new ParseError({
      file: fileName,
      message: "这是扫描件（没有文字层），暂不支持 OCR 识别",
      expected: "带文字层的 PDF（可以选中、复制其中文字）",
      found: `${text.pages.length} 页，共 ${chars} 个可读字符`,
    });
  }
  return text;
}
