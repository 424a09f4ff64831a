import type { SourceDoc } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import {
  AmountRangeError,
  ColumnSolver,
  enumeratePlacements,
  FixedPoint,
  halfUnitOf,
  type Placement,
} from "@/lib/ingest/resolve-columns";
import { printedScale } from "@/lib/money/decimal";
import { COLUMN_LABELS } from "@/lib/report/labels";
import { TABLE_IDS, TABLE_TITLES, type Table, type TableId, type TableRow } from "@/lib/report/schema";
import { readEconomicRows } from "./economic-rows";
import { readSangongParts } from "./sangong-row";
import { readSubjectRows } from "./subject-rows";
import { noteSaysEmpty, readBody, type RawRow } from "./table-body";
import {
  crossTableConstraints,
  finestScale,
  hintConstraints,
  identityText,
  rowIdentities,
  tableScale,
  withinTableConstraints,
  type ColumnHints,
  type ParsedTable,
  type Tables,
  type VarIndex,
} from "./table-constraints";
import { commonUnit, findTableSections, type TableSection } from "./table-sections";
import { readTwoSidedRows } from "./two-sided-rows";

export type { ColumnHints } from "./table-constraints";

type Ambiguity = { table: string; sourceLine?: number; message: string };

export type TablesResult = {
  tables: Table[];
  ambiguities: Ambiguity[];
  sourceUnit: "万元" | "元";
  entity?: string;
  /** tables found by their title but not read: the error that stopped each, so the rest of the document loads */
  failed: { id: TableId; label: string; titleLine: number; error: ParseError }[];
};

const labelOf = (id: TableId, col: string) => COLUMN_LABELS[id]?.[col] ?? col;

/**
 * Reads the nine tables of the plain-text layout (a PDF text extraction: cells run together, empty cells leave no
 * trace). Amounts are returned as printed, normalised, in the printed unit (`sourceUnit`); the caller converts 元.
 *
 * Where a row prints fewer numbers than the table has columns, the numbers are placed by the tables' identities
 * (see resolve-columns.ts) and by `hints`: figures the narrative states for a table's 合计 row (t09: its only row),
 * in 万元. A row that stays open is placed one way and reported in `ambiguities`; a row no placement fits is a
 * ParseError. A missing table is not an error here: the result simply lacks it.
 */
export function parsePlainTextTables(doc: SourceDoc, hints: ColumnHints = {}): TablesResult {
  const sections = findTableSections(doc);
  const ambiguities: Ambiguity[] = [];
  const printedUnit = commonUnit(doc, sections);
  if (!printedUnit && sections.length)
    ambiguities.push({
      table: sections[0].label,
      sourceLine: sections[0].titleLine,
      message: "各表均未注明金额单位，按万元处理",
    });
  const sourceUnit = printedUnit ?? "万元";

  const tables: Tables = {};
  const failed: TablesResult["failed"] = [];
  for (const sec of sections) {
    const seen = tables[sec.id];
    if (seen) {
      ambiguities.push({
        table: sec.label,
        sourceLine: sec.titleLine,
        message: `${sec.label}出现了不止一次，只采用第 ${seen.sourceLine} 行起的一张`,
      });
      continue;
    }
    try {
      tables[sec.id] = readTable(doc, sec, ambiguities);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      failed.push({ id: sec.id, label: sec.label, titleLine: sec.titleLine, error: e });
    }
  }

  // A row no placement fits stops its own table, not the document: the table it names is set aside and the rest
  // placed again (each try removes one table, so this ends).
  let placed: ReturnType<typeof placeCells> | undefined;
  while (!placed) {
    try {
      placed = placeCells(doc, tables, hints, sourceUnit);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      const sec =
        sections.find((x) => x.label === e.table && tables[x.id]) ??
        sections.find((x) => tables[x.id] && e.line !== undefined && e.line >= x.titleLine && e.line <= x.bodyEnd);
      if (!sec) throw e;
      delete tables[sec.id];
      failed.push({ id: sec.id, label: sec.label, titleLine: sec.titleLine, error: e });
    }
  }
  const { solver, varRows } = placed;
  // Every row still open is reported, also those that settling an earlier one happens to decide.
  const open = varRows.map((_, v) => [...solver.domain(v)]);
  solver.settle();
  open.forEach((alternatives, v) => {
    if (alternatives.length > 1) ambiguities.push(openRowMessage(varRows[v].table, varRows[v].row, alternatives));
  });

  const chosen = new Map(varRows.map(({ row }, v) => [row, solver.domain(v)[0]]));
  return {
    tables: TABLE_IDS.flatMap((id) => (tables[id] ? [toTable(tables[id], chosen)] : [])),
    ambiguities,
    sourceUnit,
    entity: sections.find((s) => s.entity)?.entity,
    failed,
  };
}

function readTable(doc: SourceDoc, sec: TableSection, ambiguities: Ambiguity[]): ParsedTable {
  const body = readBody(doc, sec);
  if (!body.hasContent)
    throw new ParseError({
      file: doc.fileName,
      table: sec.label,
      line: sec.titleLine,
      message: "表标题之后没有内容",
      expected: "表头和数据行",
      found:
        doc.lines
          .slice(sec.bodyEnd)
          .find((l) => l.trim() !== "")
          ?.trim() ?? "（文件结束）",
    });

  let rows: RawRow[];
  switch (sec.id) {
    case "t01":
    case "t04": {
      const read = readTwoSidedRows(doc, { ...sec, id: sec.id }, body);
      rows = read.rows;
      for (const u of read.unrecognised)
        ambiguities.push({
          table: sec.label,
          sourceLine: u.line,
          message: u.name
            ? `项目“${u.name}”不是模板中的项目，无法确定其含义`
            : "有金额但没有项目名称的行，无法确定其含义",
        });
      break;
    }
    case "t06":
      rows = readEconomicRows(doc, sec, body);
      break;
    case "t09":
      rows = readSangongParts(doc, sec, body);
      break;
    default:
      rows = readSubjectRows(doc, { ...sec, id: sec.id }, body);
  }

  const hasAmounts = rows.some((r) => (r.cells ?? []).some((c) => c !== null) || Object.keys(r.fixed ?? {}).length > 0);
  const base = { id: sec.id, label: sec.label, sourceLine: sec.titleLine, note: body.note, scale: tableScale(rows) };
  if (hasAmounts) return { ...base, status: "data", rows };
  if (noteSaysEmpty(body.note) || sec.id === "t07" || sec.id === "t08") return { ...base, status: "empty", rows: [] };
  const last = body.lines[body.lines.length - 1];
  throw new ParseError({
    file: doc.fileName,
    table: sec.label,
    line: last?.lineNo ?? sec.titleLine,
    message: "表中没有任何金额，表格可能被截断",
    expected: "带金额的数据行，或说明本表无数据的注释",
    found: last?.text.trim() ?? "（只有表头）",
  });
}

function placeCells(doc: SourceDoc, tables: Tables, hints: ColumnHints, unit: "万元" | "元") {
  const varRows: { table: ParsedTable; row: RawRow }[] = [];
  const vars: VarIndex = new Map();
  const domains: Placement[][] = [];
  // One fixed point for the whole document: the solver adds figures across tables and compares them with the hints.
  const fixed = fixedPointFor(doc, tables, hints);
  for (const id of TABLE_IDS) {
    const t = tables[id];
    if (!t) continue;
    for (const row of t.rows) {
      if (!row.cells || !row.columns) continue;
      let placements: Placement[];
      try {
        placements = enumeratePlacements(
          row.cells,
          row.columns.length,
          rowIdentities(id, row.columns),
          halfUnitOf(t.scale, fixed),
          fixed,
        );
      } catch (e) {
        if (e instanceof AmountRangeError)
          throw outOfRange(
            doc,
            e,
            t.label,
            row.sourceLine,
            `${rowTitle(row)} ${row.cells.map((c) => c ?? "-").join(" ")}`,
          );
        throw e;
      }
      if (placements.length === 0) throw unplaceable(doc, t, row);
      vars.set(row, domains.length);
      domains.push(placements);
      varRows.push({ table: t, row });
    }
  }
  const solver = new ColumnSolver(domains);
  // Order matters only when the document's own arithmetic fails somewhere: the constraint that contradicts those
  // before it is the one set aside, so the most local and most certain come first, the narrative's figures last.
  let label: string | undefined;
  try {
    for (const c of [
      ...withinTableConstraints(tables, vars, fixed),
      ...crossTableConstraints(tables, vars, fixed),
      ...hintConstraints(tables, vars, hints, unit, fixed),
    ]) {
      label = c.label;
      solver.add(c);
    }
  } catch (e) {
    if (e instanceof AmountRangeError) throw outOfRange(doc, e, label ?? "表间勾稽关系");
    throw e;
  }
  return { solver, varRows };
}

/** The document's fixed point; a figure printed with too many decimals to hold is reported where it is printed. */
function fixedPointFor(doc: SourceDoc, tables: Tables, hints: ColumnHints): FixedPoint {
  const scale = finestScale(tables, hints);
  try {
    return FixedPoint.forScale(scale);
  } catch (e) {
    if (!(e instanceof AmountRangeError)) throw e;
    for (const id of TABLE_IDS) {
      const t = tables[id];
      for (const row of t?.rows ?? []) {
        const texts = [...(row.cells ?? []), ...Object.values(row.fixed ?? {})];
        const text = texts.find((c) => c !== null && printedScale(c) === scale);
        if (text) throw outOfRange(doc, e, t!.label, row.sourceLine, text);
      }
    }
    // Otherwise the figure came from the narrative (a hint for one of the tables).
    for (const [id, values] of Object.entries(hints) as [TableId, Record<string, string> | undefined][]) {
      const text = Object.values(values ?? {}).find((v) => printedScale(v) === scale);
      if (text) throw outOfRange(doc, e, `${tables[id]?.label ?? id} 对应的说明部分数字`, undefined, text);
    }
    throw outOfRange(doc, e, "决算表");
  }
}

/** Figures too large (or too finely printed) to add exactly: no real disclosure comes near, a broken one might. */
function outOfRange(doc: SourceDoc, e: AmountRangeError, table: string, line?: number, found?: string): ParseError {
  return new ParseError({
    file: doc.fileName,
    table,
    line,
    message: `金额超出可精确计算的范围：${e.message}`,
    expected: "整数位与小数位合计不超过 15 位、相加后仍在此范围内的金额",
    found: found ?? e.message,
  });
}

function unplaceable(doc: SourceDoc, t: ParsedTable, row: RawRow): ParseError {
  const cols = row.columns!;
  const labels = Object.fromEntries(cols.map((c) => [c, labelOf(t.id, c)]));
  const tooMany = row.cells!.length > cols.length;
  return new ParseError({
    file: doc.fileName,
    table: t.label,
    line: row.sourceLine,
    message: tooMany ? "该行金额个数多于表的栏数" : "该行金额无论怎样归栏都不满足本表的勾稽关系",
    expected: tooMany
      ? `至多 ${cols.length} 个金额（${cols.map((c) => labels[c]).join("、")}）`
      : `按原顺序归入各栏后满足：${identityText(t.id, cols, labels)}`,
    found: `${rowTitle(row)} ${row.cells!.map((c) => c ?? "-").join(" ")}`,
  });
}

function rowTitle(row: RawRow): string {
  if (row.key === "total") return "合计";
  return [row.code, row.name].filter(Boolean).join(" ") || "（无名称）";
}

function describePlacement(id: TableId, row: RawRow, p: Placement): string {
  return row
    .columns!.flatMap((c, i) => (p.printed[i] !== undefined ? [`${labelOf(id, c)} ${p.printed[i]}`] : []))
    .join("、");
}

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩";

function openRowMessage(t: ParsedTable, row: RawRow, alternatives: Placement[]): Ambiguity {
  const shown = alternatives.slice(0, 4).map((p, i) => `${CIRCLED[i]}${describePlacement(t.id, row, p) || "全部为空"}`);
  const more = alternatives.length > shown.length ? `等 ${alternatives.length} 种` : "";
  return {
    table: t.label,
    sourceLine: row.sourceLine,
    message:
      `「${rowTitle(row)}」一行的金额 ${row.cells!.map((c) => c ?? "-").join(" ")} 可以归入不同的栏目，` +
      `表内及表间勾稽关系都无法确定：${shown.join("；")}${more}。暂按①处理，请核对原表`,
  };
}

function toTable(t: ParsedTable, chosen: Map<RawRow, Placement>): Table {
  const valuesOf = (r: RawRow): Record<string, string> => {
    const p = chosen.get(r);
    if (!p) return { ...(r.fixed ?? {}) };
    return Object.fromEntries(r.columns!.flatMap((c, i) => (p.printed[i] !== undefined ? [[c, p.printed[i]!]] : [])));
  };
  const clean = (r: RawRow): TableRow => {
    const { fixed: _f, cells: _c, columns: _k, ...rest } = r;
    return { ...rest, values: valuesOf(r) };
  };
  let rows: TableRow[];
  if (t.id === "t09") {
    // 预算数 and 决算数 may have been read as two parts; the table has one row.
    const parts = t.rows.map(clean);
    rows = parts.length
      ? [
          {
            key: "sangong",
            name: "“三公”经费",
            sourceLine: parts[0].sourceLine,
            values: Object.assign({}, ...parts.map((p) => p.values)),
          },
        ]
      : [];
  } else rows = t.rows.map(clean);
  return {
    id: t.id,
    title: TABLE_TITLES[t.id],
    status: t.status,
    ...(t.note ? { note: t.note } : {}),
    sourceLine: t.sourceLine,
    rows,
  };
}
