import { createHash } from "node:crypto";
import { ParseError } from "./errors";

/** A source document as text lines; line numbers are 1-based everywhere (they are what a user sees in an editor). */
export type SourceDoc = {
  fileName: string;
  text: string;
  /** lines[0] is line 1 */
  lines: string[];
  sha256: string;
};

const PAGE_FOOTER = /^\s*第\s*\d+\s*页\s*[，,]\s*共\s*\d+\s*页\s*$/;

export function isPageFooter(line: string): boolean {
  return PAGE_FOOTER.test(line);
}

/**
 * Decodes bytes into a SourceDoc. UTF-8 (with or without BOM) and UTF-16 with a BOM are accepted;
 * anything else (binary, GBK read as UTF-8) is rejected with a located error rather than parsed as garbage.
 */
export function decodeDocument(fileName: string, bytes: Uint8Array): SourceDoc {
  if (bytes.length === 0) throw new ParseError({ file: fileName, message: "文件为空" });
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      // Windows tools in China still save GB18030/GBK; accept it when it decodes cleanly into Chinese text.
      const gb = decodeGb18030(bytes);
      if (gb === null) {
        throw new ParseError({
          file: fileName,
          message: "文件既不是 UTF-8 也不是 GBK/GB18030 文本（可能是二进制文件）",
          expected: "UTF-8、GBK 或带 BOM 的 UTF-16 文本",
          found: "无法解码的字节",
        });
      }
      text = gb;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  }
  if (text.includes("\u0000")) {
    throw new ParseError({
      file: fileName,
      message: "文件含有二进制内容（NUL 字节）",
      expected: "文本文件",
      found: "二进制内容",
    });
  }
  // Most files end their lines with \n alone: a plain split, the same lines as the regex gives.
  const lines = text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { fileName, text, lines, sha256 };
}

function decodeGb18030(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    const cjk = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
    // Random binary often "decodes" as GB18030 too; real documents are mostly Chinese characters and text.
    const controls = (text.match(/[\u0000-\u0008\u000e-\u001f]/g) ?? []).length;
    return cjk > 0 && controls === 0 ? text : null;
  } catch {
    return null;
  }
}

export function docFromText(fileName: string, text: string): SourceDoc {
  return decodeDocument(fileName, new TextEncoder().encode(text));
}

/**
 * Joins lines [from, to) into one string for sentence-level matching, dropping page footers and the line breaks
 * that PDF extraction inserts mid-sentence. `lineAt(offset)` maps a character offset back to its source line.
 */
export function joinLines(
  doc: SourceDoc,
  from: number,
  to: number,
): { text: string; lineAt: (offset: number) => number } {
  let text = "";
  const starts: number[] = [];
  const lineNos: number[] = [];
  for (let i = from; i < to && i < doc.lines.length; i++) {
    const l = doc.lines[i].trim();
    if (l === "" || isPageFooter(l)) continue;
    starts.push(text.length);
    lineNos.push(i + 1);
    text += l;
  }
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lineNos[lo] ?? from + 1;
  };
  return { text, lineAt };
}
