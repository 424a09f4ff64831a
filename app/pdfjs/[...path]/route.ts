import { readFile } from "node:fs/promises";
import path from "node:path";

export const runtime = "nodejs";

// pdfjs in the browser (the source view) needs its worker, the CMaps of the Chinese fonts, the standard fonts and
// its wasm decoders. They are served from the installed package, so the version always matches the library the
// page loads and nothing is fetched from a CDN.
const ROOT = path.join(process.cwd(), "node_modules/pdfjs-dist");
const FILES: Record<string, (rest: string) => string | null> = {
  "pdf.worker.min.mjs": (rest) => (rest === "" ? "legacy/build/pdf.worker.min.mjs" : null),
  cmaps: (rest) => (/^[\w.-]+\.bcmap$/.test(rest) ? `cmaps/${rest}` : null),
  standard_fonts: (rest) => (/^[\w.-]+\.(pfb|ttf)$/.test(rest) ? `standard_fonts/${rest}` : null),
  wasm: (rest) => (/^[\w.-]+\.(wasm|js)$/.test(rest) ? `wasm/${rest}` : null),
};
const TYPES: Record<string, string> = {
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
};

export async function GET(_request: Request, ctx: { params: Promise<{ path: string[] }> }) {
  const [head, ...rest] = (await ctx.params).path;
  const rel = FILES[head]?.(rest.join("/"));
  if (!rel) return new Response("not found", { status: 404 });
  try {
    const bytes = await readFile(path.join(ROOT, rel));
    return new Response(bytes, {
      headers: {
        "content-type": TYPES[path.extname(rel)] ?? "application/octet-stream",
        "cache-control": "public, max-age=86400",
      },
    });
  } catch {
    return new Response("not found", { status: 404 });
  }
}
