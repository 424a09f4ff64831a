import type { SourceDoc } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import { TABLE_TITLES, type Table, type TableId, type TableRow } from "@/lib/report/schema";
import type { Ambiguity, TableContext } from "./context";
import { parseEconomicTable } from "./economic-table";
import { scanRegions, type Region } from "./regions";
import { parseSangongTable } from "./sangong-table";
import { parseSubjectTable } from "./subject-table";
import { parseSummaryTable } from "./summary-table";
import { tableIdOfTitle } from "./titles";

export type TablesResult = {
  tables: Table[];
  ambiguities: Ambiguity[];
  sourceUnit: "万元" | "元";
  entity?: string;
  /** tables found by their title but not read: the error that stopped each, so the rest of the document loads */
  failed: { id: TableId; label: string; titleLine: number; error: ParseError }[];
};

type Unit = "万元" | "元";
const UNIT = /单位\s*[：:]\s*(万元|元)(?![\u4e00-\u9fff])/;
const ENTITY = /^(?:编制单位|填报单位|单位名称|单位|部门)\s*[：:]\s*(.+)$/;

/**
 * The nine 决算 tables of a markdown / tab-separated document (cells kept positionally, empty cells present,
 * or markdown pipe rows). Tables are found by their titles, columns by their header words; amounts are
 * returned as printed (normalised), in `sourceUnit` — the caller converts 元 to 万元.
 */
export function parseMarkdownTables(doc: SourceDoc): TablesResult {
  const regions = scanRegions(doc, tableIdOfTitle, () => true);
  const ambiguities: Ambiguity[] = [];
  const tables: Table[] = [];
  const seen = new Map<TableId, Region<TableId>>();
  const units: { unit: Unit; line: number; label: string }[] = [];
  const failed: TablesResult["failed"] = [];
  let entity: string | undefined;

  for (const region of regions) {
    const id = region.key;
    const label = labelOf(region);
    const earlier = seen.get(id);
    if (earlier) {
      // A second table of the same kind (two 三公 tables in one provincial set, or another unit's table appended):
      // the first is read, the second is noted and left out.
      failed.push({
        id,
        label,
        titleLine: region.titleLine,
        error: new ParseError({
          file: doc.fileName,
          table: label,
          line: region.titleLine,
          message: "同一张决算表出现两次（可能是另一口径或另一单位的表），只读取第一张",
          expected: "每张表只出现一次",
          found: `第 ${earlier.titleLine} 行与第 ${region.titleLine} 行：${region.title}`,
        }),
      });
      continue;
    }
    seen.set(id, region);
    const ctx: TableContext = { file: doc.fileName, id, label, ambiguities };
    let rows: TableRow[];
    try {
      rows = parseRows(ctx, region);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      failed.push({ id, label, titleLine: region.titleLine, error: e });
      continue;
    }
    const hasData = rows.some((r) => Object.keys(r.values).length > 0);
    tables.push({
      id,
      title: region.title,
      status: hasData ? "data" : "empty",
      ...(region.note ? { note: region.note.text } : {}),
      sourceLine: region.titleLine,
      rows: hasData ? rows : [],
    });
    const unit = unitOf(region);
    if (unit) units.push({ ...unit, label });
    entity ??= entityOf(region);
  }

  const distinct = [...new Set(units.map((u) => u.unit))];
  if (distinct.length > 1) {
    const a = units.find((u) => u.unit === distinct[0])!;
    const b = units.find((u) => u.unit === distinct[1])!;
    throw new ParseError({
      file: doc.fileName,
      table: b.label,
      line: b.line,
      message: "各表金额单位不一致",
      expected: `与${a.label}相同的金额单位（${a.unit}）`,
      found: b.unit,
    });
  }
  let sourceUnit: Unit = distinct[0] ?? "万元";
  if (distinct.length === 0 && tables.length > 0) {
    ambiguities.push({
      table: tables[0].id,
      sourceLine: tables[0].sourceLine,
      message: "各表均未注明金额单位，按万元读取",
    });
    sourceUnit = "万元";
  }
  return { tables, ambiguities, sourceUnit, failed, ...(entity ? { entity } : {}) };
}

function parseRows(ctx: TableContext, region: Region<TableId>): TableRow[] {
  switch (ctx.id) {
    case "t01":
    case "t04":
      return parseSummaryTable(ctx, ctx.id, region.rows);
    case "t06":
      return parseEconomicTable(ctx, region.rows);
    case "t09":
      return parseSangongTable(ctx, region.rows);
    default:
      return parseSubjectTable(ctx, ctx.id, region.rows);
  }
}

/** How errors name the table: the document's own number when it prints one, and the template title. */
function labelOf(region: Region<TableId>): string {
  const printed = region.meta.map((m) => /公开\s*(\d+)\s*表/.exec(m.text)).find(Boolean);
  const title = TABLE_TITLES[region.key];
  return printed ? `公开${printed[1].padStart(2, "0")}表 ${title}` : title;
}

function unitOf(region: Region<TableId>): { unit: Unit; line: number } | undefined {
  const candidates = [
    { text: region.title, lineNo: region.titleLine },
    ...region.meta,
    ...region.rows.slice(0, 3).map((r) => ({ text: r.raw, lineNo: r.lineNo })),
  ];
  for (const c of candidates) {
    const m = UNIT.exec(c.text);
    if (m) return { unit: m[1] as Unit, line: c.lineNo };
  }
  return undefined;
}

function entityOf(region: Region<TableId>): string | undefined {
  for (const m of region.meta) {
    for (const part of m.text.split(/\s{2,}|\t|(?=金额单位)/)) {
      const hit = ENTITY.exec(part.trim());
      if (hit && !/^(万元|元)$/.test(hit[1].trim())) return hit[1].trim();
    }
  }
  return undefined;
}
