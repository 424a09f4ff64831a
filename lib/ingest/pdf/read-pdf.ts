import { ParseError } from "../errors";
import { extractPdfText, PdfReadError, type PdfText } from "./extract";

/**
 * The text of a PDF with positions, or a located ParseError: encrypted, corrupt, or a scan without a text layer.
 * (To be isolated in a worker with time and memory limits.)
 */
export async function readPdfText(fileName: string, bytes: Uint8Array): Promise<PdfText> {
  let text: PdfText;
  try {
    text = await extractPdfText(bytes);
  } catch (e) {
    if (e instanceof PdfReadError) throw new ParseError({ file: fileName, message: e.message });
    throw e;
  }
  const chars = text.pages.reduce((n, p) => n + p.items.reduce((m, it) => m + it.str.length, 0), 0);
  if (text.pages.length > 0 && chars < 20 * Math.max(1, Math.min(3, text.pages.length))) {
    throw new ParseError({
      file: fileName,
      message: "这是扫描件（PDF 中没有文字层），暂不支持 OCR 识别",
      expected: "带文字层的 PDF（可以选中、复制其中文字）",
      found: `${text.pages.length} 页，共 ${chars} 个可读字符`,
    });
  }
  return text;
}
