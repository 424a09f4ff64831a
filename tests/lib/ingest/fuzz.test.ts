import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { computeCompleteness } from "@/lib/audit/completeness";
import { auditReport } from "@/lib/audit/run";
import { decodeDocument } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import { parseDocument } from "@/lib/ingest/parse";
import { reportSchema } from "@/lib/report/schema";
import { renderMarkdown } from "@/lib/render/markdown";
import { renderPlainText } from "@/lib/render/plain-text";
import { generateCity } from "@/lib/synth/city";

/*
 * Deterministic fuzzing of parseDocument → auditReport/computeCompleteness (tracker issue 6).
 * Six base documents: the two real seeds, and a 2-department synthetic city rendered in both layouts.
 * Counts (per kind, spread round-robin over the six bases): see ITERATIONS below — 14 kinds, 2,560 documents
 * in all. The whole file runs in ~32 s on the 2-core CI machine; the counts are tuned for that, not for coverage.
 * The only acceptable outcomes: a Report that passes reportSchema and survives the audit, or a ParseError
 * that names the file and — unless the file as a whole is unreadable — a line, table or section.
 */

const PER_DOC_MS = 2_000;

/** mulberry32: tiny, seedable, the same sequence on every machine. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] };
}
type Rng = ReturnType<typeof mulberry32>;

const DOCS = path.resolve(import.meta.dirname, "../../fixtures/documents");
const enc = new TextEncoder();

type Base = { name: string; text: string; bytes: Uint8Array };
const BASES: Base[] = (() => {
  const out: Base[] = [];
  for (const f of ["000_de383ccec50b5c0e.txt", "004_fcc6ab7362c41973.txt"]) {
    const bytes = new Uint8Array(readFileSync(path.join(DOCS, f)));
    out.push({ name: f, text: new TextDecoder().decode(bytes), bytes });
  }
  const city = generateCity({ departments: 2, years: [2023], seed: 20240606 });
  city.reports.forEach((r, i) => {
    for (const [layout, text] of [
      ["md", renderMarkdown(r)],
      ["txt", renderPlainText(r)],
    ] as const) {
      out.push({ name: `city-${i}.${layout}`, text, bytes: enc.encode(text) });
    }
  });
  return out;
})();

/** GB18030 encoder built from the platform decoder (Node has no encoder), as in tests/lib/cli/check.test.ts. */
const GB_TABLE: Map<string, number[]> = (() => {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder("gb18030");
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  return table;
})();
function encodeGb18030(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else out.push(...(GB_TABLE.get(ch) ?? [0x3f])); // a character outside the 2-byte space becomes '?', as a lossy editor would save it
  }
  return new Uint8Array(out);
}
function encodeUtf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = bigEndian ? 0xfe : 0xff;
  out[1] = bigEndian ? 0xff : 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 + 2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
}

const NUMBER = /\d[\d,，.]*\d|\d/g;
/** Replaces a handful of the printed numbers, chosen at random, with what `make` returns. */
function replaceNumbers(text: string, rng: Rng, make: (orig: string) => string): { text: string; detail: string } {
  const spots = [...text.matchAll(NUMBER)];
  const n = 1 + rng.int(6);
  const chosen = new Set(Array.from({ length: n }, () => rng.int(spots.length)));
  let out = "";
  let last = 0;
  const changes: string[] = [];
  for (const i of [...chosen].sort((a, b) => a - b)) {
    const m = spots[i];
    const rep = make(m[0]);
    out += text.slice(last, m.index) + rep;
    last = m.index! + m[0].length;
    changes.push(`${m[0]}→${rep}@${m.index}`);
  }
  return { text: out + text.slice(last), detail: changes.join(" ") };
}

function mutateLines(text: string, rng: Rng, op: (lines: string[]) => string): { text: string; detail: string } {
  const lines = text.split("\n");
  const detail = op(lines);
  return { text: lines.join("\n"), detail };
}

type Mutation = (base: Base, rng: Rng) => { bytes: Uint8Array; detail: string; shown: string };
const fromText = (r: { text: string; detail: string }) => ({
  bytes: enc.encode(r.text),
  detail: r.detail,
  shown: r.text,
});
const asText = (bytes: Uint8Array) => new TextDecoder("utf-8").decode(bytes);

const MUTATIONS: Record<string, Mutation> = {
  truncate: (b, rng) => {
    const at = rng.int(b.bytes.length);
    const bytes = b.bytes.slice(0, at);
    return { bytes, detail: `cut at byte ${at}`, shown: asText(bytes) };
  },
  "byte-flip": (b, rng) => {
    const bytes = b.bytes.slice();
    const at: number[] = [];
    for (let k = 1 + rng.int(8); k > 0; k--) {
      const i = rng.int(bytes.length);
      bytes[i] ^= 1 << rng.int(8);
      at.push(i);
    }
    return { bytes, detail: `flipped bytes ${at.join(",")}`, shown: asText(bytes) };
  },
  "shuffle-lines": (b, rng) =>
    fromText(
      mutateLines(b.text, rng, (lines) => {
        // A window keeps most of the document recognisable, so the shuffle reaches the table and narrative readers.
        const from = rng.int(lines.length);
        const to = Math.min(lines.length, from + 2 + rng.int(30));
        for (let i = to - 1; i > from; i--) {
          const j = from + rng.int(i - from + 1);
          [lines[i], lines[j]] = [lines[j], lines[i]];
        }
        return `shuffled lines ${from + 1}–${to}`;
      }),
    ),
  "duplicate-lines": (b, rng) =>
    fromText(
      mutateLines(b.text, rng, (lines) => {
        const at: number[] = [];
        for (let k = 1 + rng.int(5); k > 0; k--) {
          const i = rng.int(lines.length);
          lines.splice(i, 0, lines[i]);
          at.push(i + 1);
        }
        return `duplicated lines ${at.join(",")}`;
      }),
    ),
  "delete-lines": (b, rng) =>
    fromText(
      mutateLines(b.text, rng, (lines) => {
        const at: number[] = [];
        for (let k = 1 + rng.int(5); k > 0; k--) {
          const i = rng.int(lines.length);
          lines.splice(i, 1 + rng.int(3));
          at.push(i + 1);
        }
        return `deleted at lines ${at.join(",")}`;
      }),
    ),
  "number-huge": (b, rng) =>
    fromText(
      replaceNumbers(b.text, rng, () =>
        rng.pick(["1000000000000000", "1e15", "1000000000000000.00", "999999999999999999999.99"]),
      ),
    ),
  "number-negative": (b, rng) => fromText(replaceNumbers(b.text, rng, (o) => rng.pick(["-", "－", "−"]) + o)),
  "number-decimals": (b, rng) =>
    fromText(
      replaceNumbers(
        b.text,
        rng,
        (o) => `${o.replace(/[.,，].*$/, "")}.${"0123456789".repeat(2).slice(rng.int(10), 10 + rng.int(10))}`,
      ),
    ),
  "number-garbled": (b, rng) =>
    fromText(
      replaceNumbers(b.text, rng, (o) =>
        rng.pick([
          `${o}.1.2`,
          `${o},,`,
          `１２x${o}`,
          "NaN",
          "Infinity",
          `${o}e`,
          `.${o}`,
          `${o}%`,
          "０．",
          `${o}-${o}`,
        ]),
      ),
    ),
  gb18030: (b, rng) => {
    // Half of them also lose some lines, so the GBK path meets broken documents too.
    const text =
      rng.next() < 0.5
        ? b.text
        : mutateLines(b.text, rng, (ls) => (ls.splice(rng.int(ls.length), 1 + rng.int(10)), "")).text;
    return { bytes: encodeGb18030(text), detail: "GB18030", shown: text };
  },
  "utf-16": (b, rng) => {
    const be = rng.next() < 0.5;
    return { bytes: encodeUtf16(b.text, be), detail: be ? "UTF-16BE BOM" : "UTF-16LE BOM", shown: b.text };
  },
  "utf-16-truncated": (b, rng) => {
    const bytes = encodeUtf16(b.text, rng.next() < 0.5);
    const at = 2 + rng.int(bytes.length - 2);
    return { bytes: bytes.slice(0, at), detail: `UTF-16 cut at byte ${at}`, shown: b.text.slice(0, (at - 2) >> 1) };
  },
  empty: (_b, rng) => {
    const bytes = enc.encode(rng.pick(["", " ", "\n", "\r\n\r\n", "\ufeff", "\t \n"]));
    return { bytes, detail: `blank ${JSON.stringify(asText(bytes))}`, shown: asText(bytes) };
  },
  binary: (_b, rng) => {
    const bytes = new Uint8Array(1 + rng.int(4096));
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
    return { bytes, detail: `${bytes.length} random bytes`, shown: asText(bytes) };
  },
};

/** Per kind; a kind whose inputs are cheap to reject (empty, binary) gets fewer, the mutated-document kinds most. */
const ITERATIONS: Record<keyof typeof MUTATIONS, number> = {
  truncate: 240,
  "byte-flip": 240,
  "shuffle-lines": 240,
  "duplicate-lines": 240,
  "delete-lines": 240,
  "number-huge": 200,
  "number-negative": 200,
  "number-decimals": 200,
  "number-garbled": 200,
  gb18030: 60,
  "utf-16": 60,
  "utf-16-truncated": 120,
  empty: 120,
  binary: 200,
};

type Outcome = { ok: true; parsed: boolean } | { ok: false; why: string };

function judge(name: string, bytes: Uint8Array): Outcome {
  let report;
  try {
    report = parseDocument(name, bytes);
  } catch (e) {
    if (!(e instanceof ParseError))
      return {
        ok: false,
        why: `threw ${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack?.split("\n").slice(1, 4).join("\n")}`,
      };
    const text = e.describe();
    if (e.file !== name || !text.includes(name))
      return { ok: false, why: `ParseError does not name the file: ${text}` };
    let wholeFile = false;
    try {
      decodeDocument(name, bytes);
    } catch (d) {
      wholeFile = d instanceof ParseError;
    }
    if (!wholeFile && e.line === undefined && !e.table && !e.section)
      return { ok: false, why: `ParseError without line, table or section: ${text}` };
    return { ok: true, parsed: false };
  }
  try {
    reportSchema.parse(report);
    auditReport(report);
    computeCompleteness(report);
  } catch (e) {
    return {
      ok: false,
      why: `parsed, then ${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack?.split("\n").slice(1, 4).join("\n")}`,
    };
  }
  return { ok: true, parsed: true };
}

describe("fuzz: parseDocument and the audit never crash or hang", () => {
  test.each(Object.keys(MUTATIONS))(
    "%s",
    (kind) => {
      const rng = mulberry32(0x5eed ^ [...kind].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7));
      const failures: string[] = [];
      const slow: string[] = [];
      let parsed = 0;
      let slowest = 0;
      for (let i = 0; i < ITERATIONS[kind]; i++) {
        const base = BASES[i % BASES.length];
        const m = MUTATIONS[kind](base, rng);
        const name = `${kind}-${i}-${base.name}`;
        const t0 = performance.now();
        const outcome = judge(name, m.bytes);
        const ms = performance.now() - t0;
        const where = `${kind} #${i} (${base.name}; ${m.detail}); input starts ${JSON.stringify(m.shown.slice(0, 200))}`;
        if (!outcome.ok) failures.push(`${where}\n  ${outcome.why}`);
        else if (outcome.parsed) parsed++;
        slowest = Math.max(slowest, ms);
        if (ms > PER_DOC_MS) slow.push(`${where}: ${ms.toFixed(0)} ms`);
      }
      expect(
        failures.slice(0, 5).join("\n\n") + (failures.length > 5 ? `\n…and ${failures.length - 5} more` : ""),
      ).toBe("");
      expect(slow).toEqual([]);
      // Re-encoding loses nothing: every base document must still be read, not merely rejected politely.
      if (kind === "utf-16") expect(parsed).toBe(ITERATIONS[kind]);
      if (process.env.FUZZ_STATS)
        console.log(
          `${kind}: ${parsed} parsed, ${ITERATIONS[kind] - parsed - failures.length} rejected, ${failures.length} failed, slowest ${slowest.toFixed(0)} ms`,
        );
    },
    120_000,
  );
});
