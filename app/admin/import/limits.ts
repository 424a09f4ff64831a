// What the upload accepts, per file type: shared by the endpoint (which enforces it) and the form (which warns
// before sending). The text limits (5 MiB, 20 files) come from ../_lib/limits; PDFs are added here.
import {
  ACCEPTED_EXTENSIONS as TEXT_EXTENSIONS,
  MAX_FILE_BYTES as MAX_TEXT_BYTES,
  MAX_FILES,
  extensionOf,
} from "../_lib/limits";

export { MAX_FILES };

/** A published 决算 PDF is a few MB (the 财政局 2024 one: 3.6 MB); 50 MiB leaves room for scanned-in pages. */
const MAX_PDF_BYTES = 50 * 1024 * 1024;

/** the layouts `cli ingest` reads: a PDF as published, plain text, markdown, canonical JSON */
export const ACCEPTED_EXTENSIONS = [".pdf", ...TEXT_EXTENSIONS] as const;

/**
 * One request: the form sends each file on its own, so this is one PDF at its limit or a batch of text files at
 * theirs, with room for the multipart framing. Anything longer is refused unread.
 */
export const MAX_BODY_BYTES = Math.max(MAX_PDF_BYTES, MAX_FILES * MAX_TEXT_BYTES) + 1024 * 1024;

const mib = (bytes: number) => `${bytes / 1024 / 1024} MiB`;

const isPdfName = (name: string) => extensionOf(name) === ".pdf";

export function isAcceptedName(name: string): boolean {
  return (ACCEPTED_EXTENSIONS as readonly string[]).includes(extensionOf(name));
}

export function maxBytesFor(name: string): number {
  return isPdfName(name) ? MAX_PDF_BYTES : MAX_TEXT_BYTES;
}

/** the limits in one sentence, for the page and the 413 answers */
export const SIZE_LIMITS = `PDF 每个不超过 ${mib(MAX_PDF_BYTES)}，其他文件每个不超过 ${mib(MAX_TEXT_BYTES)}`;

export const TOO_LARGE_BODY = `上传内容过大：一次请求不超过 ${mib(MAX_BODY_BYTES - 1024 * 1024)}（${SIZE_LIMITS}，一次最多 ${MAX_FILES} 个文件）`;
export const tooLarge = (name: string) => `文件 ${name} 超过 ${mib(maxBytesFor(name))} 的大小上限`;
export const wrongType = (name: string) => `不支持的文件类型：${name}（只接受 ${ACCEPTED_EXTENSIONS.join(" ")}）`;
