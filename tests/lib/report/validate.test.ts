import { readFileSync } from "node:fs";
import { describe, expect, test, vi } from "vitest";
import { parseDocument } from "@/lib/ingest/parse";
import { reportSchema } from "@/lib/report/schema";
import { safeParseReport } from "@/lib/report/validate";
import { generateCity } from "@/lib/synth/city";

/** toEqual ignores key order and keys holding undefined; this keeps both, so "the same" means the same object. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === "object")
    return Object.entries(v).map(([k, x]) => [k, x === undefined ? "<undefined>" : shape(x)]);
  return v;
}

function same(input: unknown) {
  const zod = reportSchema.safeParse(structuredClone(input));
  const compiled = safeParseReport(structuredClone(input));
  expect(compiled.success).toBe(zod.success);
  if (zod.success && compiled.success) expect(shape(compiled.data)).toEqual(shape(zod.data));
  else expect(compiled.error?.issues).toEqual(zod.error?.issues);
  return compiled;
}

const city = generateCity({ departments: 3, years: [2022, 2023], seed: 5, anomalies: "every-kind" }).reports;
const seeds = ["000_de383ccec50b5c0e.txt", "004_fcc6ab7362c41973.txt"].map((f) =>
  parseDocument(f, new Uint8Array(readFileSync(`tests/fixtures/documents/${f}`))),
);

/** Reverses every object's key order, recursively: the output must come back in the schema's order regardless. */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reversed(x)]),
    );
  return v;
}

describe("the compiled report validator gives zod's result", () => {
  test("on generated and parsed reports, as they are and with their keys reversed", () => {
    for (const r of [...city, ...seeds]) {
      expect(same(r).success).toBe(true);
      expect(same(reversed(r)).success).toBe(true);
    }
  });

  test("a valid report does not go through zod at all (the schema compiled), an invalid one does", () => {
    const spy = vi.spyOn(reportSchema, "safeParse");
    try {
      expect(safeParseReport(structuredClone(city[0])).success).toBe(true);
      expect(spy).not.toHaveBeenCalled();
      expect(safeParseReport({ ...structuredClone(city[0]), year: "2023" }).success).toBe(false);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  test("defaults filled, unknown keys dropped, an optional key given as undefined kept", () => {
    const r = structuredClone(seeds[0]) as Record<string, unknown>;
    for (const k of [
      "synthetic",
      "overview",
      "glossary",
      "ambiguities",
      "unread",
      "extraTables",
      "headings",
      "listedTables",
    ])
      delete r[k];
    Object.assign(r, { entity: undefined, surplus: 1 });
    const tables = r.tables as Record<string, unknown>[];
    Object.assign(tables[0], { note: undefined, extra: "x" });
    const out = same(r);
    expect(out.success).toBe(true);
    expect(Object.keys(out.data!)).toContain("entity");
    expect(Object.keys(out.data!)).not.toContain("surplus");
    expect(out.data!.extraTables).toEqual([]);
  });

  test("invalid reports: zod's own error", () => {
    const bad = (edit: (r: Record<string, any>) => void) => {
      const r = structuredClone(city[0]) as Record<string, any>;
      edit(r);
      expect(same(r).success).toBe(false);
    };
    bad((r) => (r.tables[1].rows[0].values.total = "1,000.00"));
    bad((r) => (r.year = 1989));
    bad((r) => (r.year = 2023.5));
    bad((r) => (r.department = ""));
    bad((r) => delete r.narrative);
    bad((r) => (r.scope = "部门预算"));
    bad((r) => (r.tables[0].rows[0].sourceLine = 0));
    bad((r) => (r.source.sha256 = "x"));
    bad((r) => (r.schemaVersion = 2));
    bad((r) => (r.narrative.changes = {}));
    bad((r) => (r.tables[0].rows[0].values = []));
    bad((r) => (r.unread = [{ part: "table", where: "x", text: "y" }]));
  });
});
