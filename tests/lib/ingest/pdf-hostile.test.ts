import { readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, test } from "vitest";
import { ParseError } from "@/lib/ingest/errors";
import { extractPdfText, type PdfText } from "@/lib/ingest/pdf/extract";
import { readPdfText, type PdfReadOptions } from "@/lib/ingest/pdf/read-pdf";
import { prng } from "../render/perturb";

/*
 * Hostile PDFs through readPdfText, which reads each one in a worker thread with a time and a memory limit.
 * Every case must end in a located ParseError whose Chinese message says what happened (超时, 内存超限, 已加密,
 * 已损坏, 页数过多, 扫描件) — or, for harmless damage, in a PdfText — and never crash or hang this process.
 * The constructed cases assert their kind. Where a case is about one limit, the other is set out of reach (an hour,
 * or memory it cannot use up), so which limit trips never depends on how busy the machine is; the vitest
 * timeouts are only hang guards.
 */

const PDF_DIR = path.resolve(import.meta.dirname, "../../fixtures/pdf");
const REAL_NAME = "上海市普陀区财政局2024年度部门决算.pdf";
const REAL = new Uint8Array(readFileSync(path.join(PDF_DIR, REAL_NAME)));

const KIND = {
  timeout: /^读取 PDF 超时：超过 [\d.]+ 秒的上限仍未读完/,
  memory: /^读取 PDF 时内存超限：超过 \d+ MB 的上限/,
  encrypted: /^PDF 文件已加密/,
  corrupt: /^PDF 文件已损坏/,
  pages: /^PDF 页数过多/,
  scan: /^这是扫描件（没有文字层），暂不支持 OCR 识别/,
} as const;
type Kind = keyof typeof KIND;

const HOUR = 3_600_000;
const GUARD = 240_000; // vitest's hang guard for a test that reads the real 3.6 MB document a few times

type Outcome = { ok: true; text: PdfText } | { ok: false; kind: Kind; error: ParseError };

/** Reads through the worker; anything thrown must be a ParseError naming the file with a message of a known kind. */
async function read(fileName: string, bytes: Uint8Array, options?: PdfReadOptions): Promise<Outcome> {
  try {
    return { ok: true, text: await readPdfText(fileName, bytes, options) };
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    const error = e as ParseError;
    expect(error.file).toBe(fileName);
    expect(error.describe()).toMatch(new RegExp(`^文件 ${fileName.replace(/\./g, "\\.")}(，第 \\d+ 页)?：`));
    const kind = (Object.keys(KIND) as Kind[]).find((k) => KIND[k].test(error.message));
    expect(kind, `unexpected message: ${error.message}`).toBeDefined();
    return { ok: false, kind: kind!, error };
  }
}

async function failure(
  fileName: string,
  bytes: Uint8Array,
  options?: PdfReadOptions,
): Promise<{ kind: Kind; error: ParseError }> {
  const o = await read(fileName, bytes, options);
  if (o.ok) throw new Error(`${fileName} was read (${o.text.pages.length} pages); expected a ParseError`);
  return o;
}

// ---- a small PDF writer: object bodies in order (object 1 is the catalog), a correct xref table and trailer ----

const latin1 = (s: string) => Buffer.from(s, "latin1");

function pdf(bodies: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [latin1("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")];
  let at = parts[0].length;
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(at);
    const chunk = Buffer.concat([
      latin1(`${i + 1} 0 obj\n`),
      typeof body === "string" ? latin1(body) : body,
      latin1("\nendobj\n"),
    ]);
    parts.push(chunk);
    at += chunk.length;
  });
  const xref = [
    `xref\n0 ${bodies.length + 1}\n`,
    "0000000000 65535 f \n",
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`),
  ].join("");
  parts.push(latin1(`${xref}trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}

function stream(dict: string, data: Buffer | string): Buffer {
  const bytes = typeof data === "string" ? latin1(data) : data;
  return Buffer.concat([latin1(`<< ${dict} /Length ${bytes.length} >>\nstream\n`), bytes, latin1("\nendstream")]);
}

const CATALOG = "<< /Type /Catalog /Pages 2 0 R >>";
const HELVETICA = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
/** object 3: a page whose content is object 4 and whose font F1 is object 5 */
const PAGE =
  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>";
const LINE = "BT /F1 12 Tf 72 720 Td (A line of real text, long enough to count as a text layer.) Tj ET\n";

/** One page with one line of text; `pages` is object 2 (the page tree root). */
function onePage(content: Buffer, pages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"): Buffer {
  return pdf([CATALOG, pages, PAGE, content, HELVETICA]);
}

/** deflate of `unit` repeated `times` times, streamed so the input never exists whole */
async function deflateRepeated(unit: Buffer, times: number, options: zlib.ZlibOptions): Promise<Buffer> {
  const z = zlib.createDeflate(options);
  const out: Buffer[] = [];
  z.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((resolve, reject) => z.on("end", resolve).on("error", reject));
  for (let i = 0; i < times; i++) if (!z.write(unit)) await new Promise((r) => z.once("drain", r));
  z.end();
  await done;
  return Buffer.concat(out);
}

describe("the real document through the worker", () => {
  test(
    "reads the 25 pages, item for item the same as the in-thread extraction the worker runs",
    async () => {
      const viaWorker = await readPdfText(REAL_NAME, REAL);
      expect(viaWorker.pages).toHaveLength(25);
      expect(viaWorker.pages.reduce((n, p) => n + p.items.length, 0)).toBeGreaterThan(1500);
      expect(await extractPdfText(REAL)).toEqual(viaWorker);
    },
    GUARD,
  );
});

describe("damaged copies of the real document", () => {
  // The xref stream is at the end of this file: every cut loses it, and pdfjs cannot rebuild the structure.
  const cuts = [
    1024,
    Math.floor(REAL.length * 0.1),
    Math.floor(REAL.length * 0.5),
    Math.floor(REAL.length * 0.9),
    REAL.length - 100,
  ];
  test.each(cuts)(
    "cut after %i bytes: 已损坏",
    async (n) => {
      const { kind } = await failure("truncated.pdf", REAL.slice(0, n));
      expect(kind).toBe("corrupt");
    },
    GUARD,
  );

  // 16 bytes xor-ed with random values. Some copies still read; some stop pdfjs's parser of the embedded CFF fonts
  // from ever finishing (seed 1 ran > 240 s in the calling thread), which only the time limit ends. 10 s here
  // rather than 20 keeps the file short; under load a harmless copy may also end as 超时, which is still a clean end.
  test.each([1, 2, 3, 4, 5, 6])(
    "16 flipped bytes (seed %i) end in a PdfText or a ParseError",
    async (seed) => {
      const rand = prng(seed);
      const bytes = REAL.slice();
      for (let i = 0; i < 16; i++) bytes[Math.floor(rand() * bytes.length)] ^= 1 + Math.floor(rand() * 255);
      const o = await read("flipped.pdf", bytes, { timeoutMs: 10_000 });
      if (o.ok) expect(o.text.pages.length).toBeLessThanOrEqual(25);
      else expect(["timeout", "corrupt", "scan", "memory"]).toContain(o.kind);
    },
    GUARD,
  );
});

describe("constructed hostile PDFs", () => {
  test("a plain one-page PDF made by the writer below reads (the control for every case)", async () => {
    const o = await read("plain.pdf", onePage(stream("", LINE)));
    expect(o.ok && o.text.pages[0].items.map((i) => i.str)).toEqual([
      "A line of real text, long enough to count as a text layer.",
    ]);
  });

  test("random bytes after a %PDF- header: 已损坏", async () => {
    for (const seed of [11, 12, 13]) {
      const rand = prng(seed);
      const junk = Buffer.alloc(64 * 1024);
      for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(rand() * 256);
      const { kind } = await failure("junk.pdf", Buffer.concat([latin1("%PDF-1.7\n"), junk]));
      expect(kind).toBe("corrupt");
    }
  });

  test("a header and nothing else, and a page tree with no pages: 已损坏", async () => {
    expect((await failure("header.pdf", latin1("%PDF-1.7\n"))).kind).toBe("corrupt");
    expect((await failure("empty.pdf", pdf([CATALOG, "<< /Type /Pages /Kids [] /Count 0 >>"]))).kind).toBe("corrupt");
  });

  test("a page tree that contains itself: 已损坏, located at page 1", async () => {
    const { kind, error } = await failure("loop.pdf", pdf([CATALOG, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]));
    expect(kind).toBe("corrupt");
    expect(error.page).toBe(1);
    expect(error.describe()).toBe("文件 loop.pdf，第 1 页：PDF 文件已损坏，这一页无法读出文字（全文共 1 页）");
  });

  test("a page count of 2,000,000,000 over one real page: pdfjs counts the pages itself, and the page reads", async () => {
    const o = await read("count.pdf", onePage(stream("", LINE), "<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>"));
    expect(o.ok && o.text.pages).toHaveLength(1);
  });

  test("a billion pages that are one page referenced through 9 levels of shared kids: 页数过多, at once", async () => {
    // objects 6…13 are the levels: each lists the next one ten times, the last lists the page (3) ten times
    const levels = 8;
    const bodies: string[] = [
      CATALOG,
      `<< /Type /Pages /Kids [${"6 0 R ".repeat(10)}] /Count ${10 ** (levels + 1)} >>`,
    ];
    bodies.push(
      `<< /Type /Page /Parent ${5 + levels} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
    );
    bodies.push(stream("", LINE).toString("latin1"), HELVETICA);
    for (let l = 0; l < levels; l++) {
      const kid = l === levels - 1 ? 3 : 7 + l;
      bodies.push(
        `<< /Type /Pages /Parent ${l === 0 ? 2 : 5 + l} 0 R /Kids [${`${kid} 0 R `.repeat(10)}] /Count ${10 ** (levels - l)} >>`,
      );
    }
    // an hour: only the page limit can end this quickly
    const { kind, error } = await failure("billion.pdf", pdf(bodies), { timeoutMs: HOUR });
    expect(kind).toBe("pages");
    expect(error.message).toBe("PDF 页数过多：共 1000000000 页，超过 1000 页的上限");
  });

  test(
    "999 pages, each 40 MB of inflated blanks (about half an hour of work): 超时 after the 2 s given",
    async () => {
      const content = zlib.deflateSync(Buffer.concat([latin1(LINE), Buffer.alloc(40 << 20, 0x20)]), { level: 9 });
      const bytes = onePage(
        stream("/Filter /FlateDecode", content),
        `<< /Type /Pages /Kids [${"3 0 R ".repeat(999)}] /Count 999 >>`,
      );
      expect(bytes.length).toBeLessThan(64 * 1024);
      const { kind, error } = await failure("slow.pdf", bytes, { timeoutMs: 2_000 });
      expect(kind).toBe("timeout");
      expect(error.message).toContain("超过 2 秒的上限");
    },
    GUARD,
  );

  test(
    "a content stream that inflates to 4 GiB (FlateDecode twice, 7 KB on disk): 内存超限, and the process goes on",
    async () => {
      const inner = await deflateRepeated(Buffer.alloc(1 << 20, 0x20), 4096, {
        level: 9,
        strategy: zlib.constants.Z_RLE,
      });
      const bytes = onePage(stream("/Filter [/FlateDecode /FlateDecode]", zlib.deflateSync(inner, { level: 9 })));
      expect(bytes.length).toBeLessThan(16 * 1024);
      // the default 512 MB; no time limit to speak of, so the memory limit is what must end it
      const { kind, error } = await failure("bomb.pdf", bytes, { timeoutMs: HOUR });
      expect(kind).toBe("memory");
      expect(error.message).toContain("超过 512 MB 的上限");
      // and the next document reads as usual
      expect((await read("after-bomb.pdf", onePage(stream("", LINE)))).ok).toBe(true);
    },
    GUARD,
  );

  test(
    "a content stream of 24 million text operations (4 KB on disk): 内存超限 at a lowered 256 MB",
    async () => {
      const ops = Buffer.from("BT /F1 1 Tf (x) Tj ET\n".repeat(1000), "latin1");
      const inner = await deflateRepeated(ops, 24 * 1024, { level: 9 });
      const bytes = onePage(stream("/Filter [/FlateDecode /FlateDecode]", zlib.deflateSync(inner, { level: 9 })));
      const { kind, error } = await failure("ops.pdf", bytes, { timeoutMs: HOUR, memoryMb: 256 });
      expect(kind).toBe("memory");
      expect(error.message).toContain("超过 256 MB 的上限");
    },
    GUARD,
  );

  test("arrays nested 200,000 deep in a content stream: harmless, the text is read", async () => {
    const o = await read("nested.pdf", onePage(stream("", LINE + "[".repeat(200_000) + "]".repeat(200_000))));
    expect(o.ok && o.text.pages[0].items).toHaveLength(1);
  });

  test("a page that is only an image (a scan): 扫描件, no OCR", async () => {
    const image = stream(
      "/Type /XObject /Subtype /Image /Width 200 /Height 200 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
      zlib.deflateSync(Buffer.alloc(200 * 200, 0x80)),
    );
    const page =
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>";
    const { kind, error } = await failure(
      "scan.pdf",
      pdf([
        CATALOG,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
        stream("", "q 400 0 0 400 100 200 cm /Im1 Do Q"),
        image,
      ]),
    );
    expect(kind).toBe("scan");
    expect(error.found).toBe("1 页，共 0 个可读字符");
  });

  // Both made once from a one-page text PDF of this writer with qpdf 11.3.0:
  //   qpdf --encrypt user-secret owner-secret 256 -- plain.pdf encrypted-user-password.pdf
  //   qpdf --encrypt '' owner-secret 128 --use-aes=y -- plain.pdf encrypted-owner-only.pdf
  test("encrypted with a user password (AES-256): 已加密", async () => {
    const { kind, error } = await failure(
      "locked.pdf",
      readFileSync(path.join(PDF_DIR, "encrypted-user-password.pdf")),
    );
    expect(kind).toBe("encrypted");
    expect(error.describe()).toBe("文件 locked.pdf：PDF 文件已加密（需要密码才能打开）");
  });

  test("encrypted with an owner password only (opens without one): read", async () => {
    const o = await read("owner.pdf", readFileSync(path.join(PDF_DIR, "encrypted-owner-only.pdf")));
    expect(o.ok && o.text.pages[0].items[0].str).toBe(
      "Encrypted test document: this line is long enough to count as text.",
    );
  });
});

describe("a batch goes on", () => {
  test(
    "hostile, good and hostile documents read at the same time: each ends on its own, the good one is read",
    async () => {
      const inner = await deflateRepeated(Buffer.alloc(1 << 20, 0x20), 1024, {
        level: 9,
        strategy: zlib.constants.Z_RLE,
      });
      const bomb = onePage(stream("/Filter [/FlateDecode /FlateDecode]", zlib.deflateSync(inner)));
      const locked = readFileSync(path.join(PDF_DIR, "encrypted-user-password.pdf"));
      const results = await Promise.all([
        read("bomb.pdf", bomb, { timeoutMs: HOUR, memoryMb: 256 }),
        read("good.pdf", onePage(stream("", LINE))),
        read("locked.pdf", locked),
        read("junk.pdf", latin1("%PDF-1.4\n" + "x".repeat(1000))),
      ]);
      expect(results.map((r) => (r.ok ? "ok" : r.kind))).toEqual(["memory", "ok", "encrypted", "corrupt"]);
    },
    GUARD,
  );
});
