import fs from "node:fs";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import type { Report } from "../lib/report/schema";
import { unnestInsert } from "./bulk";
import type { Executor } from "./types";

type SubjectKind = "function" | "economic";
export type SubjectRow = { kind: SubjectKind; code: string; name: string; year: number | null };

/** 类 = 3 digits, 款 = 5, 项 = 7 (经济分类 stops at 款); other lengths are not national codes. */
function levelOf(kind: SubjectKind, code: string): number | null {
  const level = { 3: 1, 5: 2, 7: 3 }[code.length] ?? null;
  return kind === "economic" && level === 3 ? null : level;
}

function parentOf(code: string): string | null {
  return code.length > 3 ? code.slice(0, code.length - 2) : null;
}

const keyOf = (r: SubjectRow) => `${r.kind}:${r.code}:${r.year}`;

/**
 * The rows worth storing: national codes with a name, the first name per (kind, code, year) kept, sorted by that
 * key — concurrent loads then insert new subjects in one order and wait for each other instead of deadlocking.
 */
function storable(rows: SubjectRow[]): SubjectRow[] {
  const seen = new Set<string>();
  const keep = rows.filter((r) => {
    const k = keyOf(r);
    if (seen.has(k) || levelOf(r.kind, r.code) === null || r.name.trim() === "") return false;
    seen.add(k);
    return true;
  });
  const order = (r: SubjectRow) => [r.kind, r.code, r.year === null ? -1 : r.year] as const;
  return keep.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[2] - y[2];
  });
}

/** Upserts code → name rows; the first name stored for a (kind, code, year) wins, later ones are ignored. */
export function subjectsInsert(rows: SubjectRow[]): SQL | null {
  const keep = storable(rows);
  return unnestInsert(
    "subjects",
    [
      { name: "kind", type: "text", values: keep.map((r) => r.kind) },
      { name: "code", type: "text", values: keep.map((r) => r.code) },
      { name: "level", type: "integer", values: keep.map((r) => levelOf(r.kind, r.code)) },
      { name: "name", type: "text", values: keep.map((r) => r.name.trim()) },
      { name: "parent_code", type: "text", values: keep.map((r) => parentOf(r.code)) },
      { name: "year", type: "integer", values: keep.map((r) => r.year) },
    ],
    { tail: sql`ON CONFLICT ON CONSTRAINT subjects_kind_code_year_key DO NOTHING` },
  );
}

export async function upsertSubjects(ex: Executor, rows: SubjectRow[]): Promise<void> {
  const statement = subjectsInsert(rows);
  if (statement) await ex.execute(statement);
}

/**
 * (kind, code, year) keys this process has seen committed, per database handle. Subjects are only ever added,
 * so a key seen once stays true, and a batch of one city's reports — which print the same codes every year —
 * sends its subjects once instead of with every report.
 */
const committed = new WeakMap<object, Set<string>>();

/** The rows of `rows` not yet known to be stored in `db`. */
export function unseenSubjects(db: object, rows: SubjectRow[]): SubjectRow[] {
  const known = committed.get(db);
  return known ? rows.filter((r) => !known.has(keyOf(r))) : rows;
}

/** Call after the transaction that inserted `rows` committed (a rolled-back insert must not be remembered). */
export function rememberSubjects(db: object, rows: SubjectRow[]): void {
  let known = committed.get(db);
  if (!known) committed.set(db, (known = new Set()));
  for (const r of rows) known.add(keyOf(r));
}

// 公开01/04表 number their 类 rows ("一、一般公共服务支出"); the subject's name is what follows the ordinal.
const ORDINAL = /^[（(]?[一二三四五六七八九十百零〇]+[)）、.．]\s*/;

/** Every code a document prints with its name, under the document's fiscal year. */
export function subjectsOfReport(report: Report): SubjectRow[] {
  const out: SubjectRow[] = [];
  // Subject tables first: where a code appears twice, their plain name is the one kept.
  const tables = [...report.tables].sort(
    (a, b) => Number(a.id === "t01" || a.id === "t04") - Number(b.id === "t01" || b.id === "t04"),
  );
  for (const table of tables) {
    const kind: SubjectKind = table.id === "t06" ? "economic" : "function";
    if (table.id === "t09") continue;
    for (const row of table.rows) {
      if (row.code) out.push({ kind, code: row.code, name: row.name.replace(ORDINAL, ""), year: report.year });
    }
  }
  for (const item of report.narrative.budgetExecution?.items ?? []) {
    const name = item.path[item.path.length - 1];
    if (item.code && name) out.push({ kind: "function", code: item.code, name, year: report.year });
  }
  return out;
}

/** Minimal CSV (RFC 4180 quotes) — the reference files quote only the attested_in lists. */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") record.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      if (record.some((f) => f !== "")) records.push(record);
      (record = []), (field = "");
    } else field += c;
  }
  record.push(field);
  if (record.some((f) => f !== "")) records.push(record);
  const [header, ...rows] = records;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

function referenceDir(): string {
  return path.resolve(process.cwd(), "db/reference");
}

/** The partial national lists in db/reference/ (see SOURCE.md there), as year-less subjects. */
export function referenceSubjects(dir = referenceDir()): SubjectRow[] {
  const read = (f: string) => parseCsv(fs.readFileSync(path.join(dir, f), "utf8"));
  const rows: SubjectRow[] = [];
  for (const r of read("expenditure_function_codes_partial.csv"))
    rows.push({ kind: "function", code: r.code, name: r.name, year: null });
  for (const r of read("expenditure_economic_dept_codes_partial.csv"))
    rows.push({ kind: "economic", code: r.code, name: r.name, year: null });
  for (const r of read("table01_expenditure_class_rows_2025_template.csv")) {
    if (r.code_if_attested) rows.push({ kind: "function", code: r.code_if_attested, name: r.class_name, year: null });
  }
  return rows;
}
