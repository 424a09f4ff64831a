import { createHash } from "node:crypto";
import type { SourceDoc } from "../document";
import type { PdfText } from "./extract";

/** Placeholder until the grid builder lands: every visual line as text. */
export function pdfToSourceDoc(fileName: string, bytes: Uint8Array, text: PdfText): { doc: SourceDoc; pageStarts: number[] } {
  const lines: string[] = [];
  const pageStarts: number[] = [];
  for (const page of text.pages) {
    pageStarts.push(lines.length + 1);
    const sorted = [...page.items].sort((a, b) => a.y - b.y || a.x - b.x);
    let cur: typeof sorted = [];
    const flush = () => {
      if (cur.length) lines.push(cur.sort((a, b) => a.x - b.x).map((i) => i.str).join(""));
      cur = [];
    };
    for (const it of sorted) {
      if (cur.length && Math.abs(it.y - cur[0].y) > 2) flush();
      cur.push(it);
    }
    flush();
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { doc: { fileName, text: lines.join("\n"), lines, sha256 }, pageStarts };
}
