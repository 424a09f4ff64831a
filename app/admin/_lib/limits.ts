// Shared by the upload endpoint (which enforces them) and the form (which warns before sending).

export const MAX_FILES = 20;
/** text documents; PDFs have their own limit (../import/limits.ts) */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** the text layouts: plain text, markdown, canonical JSON (PDFs are added in ../import/limits.ts) */
export const ACCEPTED_EXTENSIONS = [".txt", ".md", ".markdown", ".json"] as const;

export const UPLOAD_PATH = "/admin/import/upload";
export const CSRF_HEADER = "x-csrf-token";

export function extensionOf(name: string): string {
  const i = name.lastIndexOf(".");
  return i < 0 ? "" : name.slice(i).toLowerCase();
}

export const TOO_MANY_FILES = `一次最多上传 ${MAX_FILES} 个文件`;

export type UploadStatus = "created" | "unchanged" | "revised" | "failed";

export const STATUS_TEXT: Record<UploadStatus, string> = {
  created: "已载入",
  unchanged: "未变化",
  revised: "新修订",
  failed: "失败",
};

/** One file's result as the endpoint returns it (JSON). */
export type UploadResult = {
  fileName: string;
  status: UploadStatus;
  sha256: string;
  department?: string;
  year?: number;
  scope?: string;
  revision?: number;
  reportId?: number;
  departmentId?: number;
  counts?: { error: number; warning: number; rounding: number };
  /** error-severity findings, in Chinese */
  errors?: { rule: string; message: string; expected: string | null; found: string | null }[];
  /** why a document could not be loaded (ParseError.describe()), or a note about the log */
  message?: string;
  line?: number;
};
