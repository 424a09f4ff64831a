import { sql, type SQL, type SQLChunk } from "drizzle-orm";
import type { Executor } from "./types";

type CellValue = string | number | boolean | null | undefined;
export type BulkColumn = {
  name: string;
  type: "text" | "integer" | "numeric" | "boolean" | "jsonb";
  values: CellValue[];
  /** read by the statement (a join key such as a project's ord), not written to the table */
  readOnly?: boolean;
};

const NEEDS_ESCAPE = /["\\]/;

/** A Postgres array literal of text: every element quoted, so commas, braces and quotes in names survive. */
function pgTextArray(values: CellValue[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ",";
    if (v === null || v === undefined) {
      out += "NULL";
      continue;
    }
    const s = typeof v === "boolean" ? (v ? "t" : "f") : String(v);
    // most values (amounts, codes, keys) need no escaping; testing first spares two regex passes per value
    out += NEEDS_ESCAPE.test(s) ? `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"` : `"${s}"`;
  }
  return out + "}";
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A value the statement computes rather than reads from the arrays: the new report's id, a project's id. */
export type LeadColumn = { name: string; expr: SQL };

/**
 * `INSERT INTO table (…) SELECT … FROM unnest(…) AS u(…)` for a whole column set: a few parameters whatever the
 * row count, 6–10× faster than drizzle's multi-row VALUES on both engines (STACK.md §3). Each column travels as one
 * text[] literal and is cast in SQL, which keeps numeric values exact and behaves the same on PGlite and postgres.js.
 * `lead` columns come first and are computed (`r.id`); `from` joins whatever they read (`CROSS JOIN r`); the
 * unnest columns are addressable as u."name" there. Returns null when there is nothing to insert.
 */
export function unnestInsert(
  table: string,
  columns: BulkColumn[],
  opts: { lead?: LeadColumn[]; from?: SQL; tail?: SQL } = {},
): SQL | null {
  const n = columns[0]?.values.length ?? 0;
  if (n === 0) return null;
  for (const c of columns) {
    if (c.values.length !== n)
      throw new Error(`unnestInsert ${table}.${c.name}: ${c.values.length} values, expected ${n}`);
  }
  const lead = opts.lead ?? [];
  const written = columns.filter((c) => !c.readOnly);
  // One flat chunk list: the statement is rebuilt for every report, and drizzle renders flat lists much faster
  // than nested templates.
  const chunks: SQLChunk[] = [
    sql.raw(
      `INSERT INTO ${ident(table)} (${[...lead.map((l) => l.name), ...written.map((c) => c.name)].map(ident).join(", ")}) SELECT `,
    ),
  ];
  for (const l of lead) chunks.push(l.expr, sql.raw(", "));
  chunks.push(sql.raw(`${written.map((c) => `u.${ident(c.name)}::${c.type}`).join(", ")} FROM unnest(`));
  columns.forEach((c, i) =>
    chunks.push(sql.param(pgTextArray(c.values)), sql.raw(i < columns.length - 1 ? "::text[], " : "::text[]")),
  );
  chunks.push(sql.raw(`) AS u(${columns.map((c) => ident(c.name)).join(", ")})`));
  if (opts.from) chunks.push(sql.raw(" "), opts.from);
  if (opts.tail) chunks.push(sql.raw(" "), opts.tail);
  return sql.join(chunks);
}

/**
 * Several data-modifying statements as ONE statement: `WITH a AS (…), b AS (…) SELECT …`. Postgres runs every
 * part once on the same snapshot and checks foreign keys at the end, so children may reference a parent inserted
 * by a sibling part; a part never sees rows another part writes. One round trip instead of one per table.
 */
export function withParts(parts: [name: string, statement: SQL | null][], final: SQL): SQL {
  const present = parts.filter((p): p is [string, SQL] => p[1] !== null);
  if (present.length === 0) return final;
  const ctes = sql.join(
    present.map(([name, statement]) => sql`${sql.raw(ident(name))} AS (${statement})`),
    sql`, `,
  );
  return sql`WITH ${ctes} ${final}`;
}

/** Rows of one statement on both drivers: drizzle's execute() gives `{ rows }` on PGlite and an array on postgres.js. */
export async function executeRows<T extends Record<string, unknown>>(ex: Executor, query: SQL): Promise<T[]> {
  const res = (await ex.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(res) ? res : (res.rows ?? []);
}
