import path from "node:path";
import { z } from "zod";
import { yuanToWanyuan } from "../money/decimal";
import { safeParseReport } from "../report/validate";
import { TABLE_TITLES, type Report, type Table, type TableId, type Unread } from "../report/schema";
import { decodeDocument, type SourceDoc } from "./document";
import { rejectBudgetDocument } from "./document-kind";
import { ParseError } from "./errors";
import { parseHeader } from "./header";
import { parseMarkdownAppendix } from "./layouts/markdown/appendix";
import { parseMarkdownTables } from "./layouts/markdown/tables";
import { parsePlainTextAppendix } from "./layouts/plain-text/appendix";
import { parsePlainTextTables, type ColumnHints } from "./layouts/plain-text/tables";
import { parseNarrative, type GovFundFigures } from "./narrative";

export type Layout = Report["source"]["layout"];

/** Tables every disclosure must print (07 and 08 may be declared empty, but must still be there). */
const REQUIRED_TABLES: TableId[] = ["t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09"];

function detectLayout(doc: SourceDoc): Layout {
  const head = doc.text.trimStart();
  if (head.startsWith("{")) return "json";
  // Tab- or pipe-separated rows with a numeric cell are what markdown/spreadsheet exports keep and PDF text loses.
  let tabular = 0;
  for (const l of doc.lines) {
    if ((l.includes("\t") || /^\s*\|.*\|\s*$/.test(l)) && /\d/.test(l)) tabular++;
    if (tabular >= 5) return "markdown";
  }
  return "plain-text";
}

/**
 * bytes → a validated canonical Report, or a ParseError that says where.
 * Nothing partial comes out: either every part was read or the document is rejected.
 */
export function parseDocument(fileName: string, bytes: Uint8Array): Report {
  const doc = decodeDocument(path.basename(fileName), bytes);
  const layout = detectLayout(doc);
  if (layout === "json") return parseJsonReport(doc);
  return parseSourceDoc(doc, layout);
}

/**
 * A document already turned into lines (a text file, or a PDF rebuilt as tab-separated table rows and text lines)
 * → a validated report. `pdf` carries what only a PDF has: its page count and the line each page starts at.
 */
export function parseSourceDoc(
  doc: SourceDoc,
  layout: Exclude<Layout, "json">,
  pdf?: { pages: number; pageStarts: number[] },
): Report {
  rejectBudgetDocument(doc);
  const header = parseHeader(doc);
  const { narrative, glossary, govFund, unread: narrativeUnread } = parseNarrative(doc);
  const gridded = layout !== "plain-text";
  const tablesResult = gridded ? parseMarkdownTables(doc) : parsePlainTextTables(doc, hintsFrom(narrative, govFund));
  const appendix = gridded ? parseMarkdownAppendix(doc) : parsePlainTextAppendix(doc);

  if (tablesResult.tables.length === 0 && tablesResult.failed.length > 0) {
    // Tables were found but none reads consistently: that is not a disclosure this reader can stand behind.
    throw tablesResult.failed[0].error;
  }
  if (tablesResult.tables.length === 0) {
    throw new ParseError({
      file: doc.fileName,
      section: "第二部分 决算表",
      message: "未找到任何决算公开表",
      expected: "公开01表 收入支出决算总表 等九张表",
      found: "没有可识别的表格标题",
    });
  }
  if (tablesResult.tables.every((t) => t.status === "empty")) {
    const first = tablesResult.tables[0];
    throw new ParseError({
      file: doc.fileName,
      table: first?.title,
      line: first?.sourceLine,
      message: "决算表中没有任何金额：这像是空白模板（样张），不是某个部门的决算",
      expected: "至少一张带金额的决算表",
      found: `${tablesResult.tables.length} 张表，均无数据`,
    });
  }
  const tableUnread = [
    ...unreadTables(tablesResult.failed, pdf?.pageStarts),
    ...missingTables(tablesResult.tables, tablesResult.failed),
  ];

  const tables =
    tablesResult.sourceUnit === "元" ? tablesResult.tables.map(convertTableToWanyuan) : tablesResult.tables;
  tables.sort((a, b) => a.id.localeCompare(b.id));

  const candidate = {
    schemaVersion: 1,
    department: header.department,
    entity: tablesResult.entity && tablesResult.entity !== header.department ? tablesResult.entity : undefined,
    year: header.year,
    scope: header.scope,
    sourceUnit: tablesResult.sourceUnit,
    source: { fileName: doc.fileName, sha256: doc.sha256, layout, lines: doc.lines.length, ...(pdf ?? {}) },
    synthetic: false,
    overview: header.overview,
    tables,
    narrative,
    glossary,
    appendix,
    ambiguities: tablesResult.ambiguities,
    unread: [...header.unread, ...narrativeUnread, ...tableUnread],
    headings: header.headings,
    listedTables: header.listedTables,
  };
  const parsed = safeParseReport(candidate);
  if (!parsed.success) throw zodToParseError(doc.fileName, parsed.error);
  return parsed.data;
}

/** A table found by its title that could not be read: the error's words, where it stopped, and the rest loads. */
function unreadTables(
  failed: { id: TableId; label: string; titleLine: number; error: ParseError }[],
  pageStarts?: number[],
): Unread[] {
  return failed.map(({ label, titleLine, error }) => {
    const line = error.line ?? titleLine;
    const page = pageStarts ? pageStarts.filter((p) => p <= line).length || undefined : undefined;
    const detail = [error.expected ? `应为：${error.expected}` : "", error.found ? `实为：${error.found}` : ""]
      .filter(Boolean)
      .join("；");
    return {
      part: "table" as const,
      where: label,
      sourceLine: line,
      ...(page ? { page } : {}),
      text: (error.found ?? label).slice(0, 200),
      message: `${error.message}${detail ? `（${detail}）` : ""}，本表未载入`,
    };
  });
}

/** Tables of the template the document does not print (or whose titles were not recognised): noted, not fatal. */
function missingTables(tables: Table[], failed: { id: TableId }[]): Unread[] {
  const found = new Set([...tables.map((t) => t.id), ...failed.map((f) => f.id)]);
  return REQUIRED_TABLES.filter((id) => !found.has(id)).map((id) => ({
    part: "table" as const,
    where: TABLE_TITLES[id],
    text: TABLE_TITLES[id],
    message: "文件中没有找到这张表（可能未公开、被截断，或表名与模板不同）",
  }));
}

/** The narrative states totals the plain-text layout cannot place by itself (which column a lone number is in). */
function hintsFrom(narrative: Report["narrative"], govFund?: GovFundFigures): ColumnHints {
  const hints: ColumnHints = {};
  if (govFund) hints.t07 = { ...govFund };
  const basic =
    narrative.changes.find((c) => c.key === "expenditure.basic")?.current ??
    narrative.shares.find((s) => s.key === "expenditure.basic")?.amount;
  const project =
    narrative.changes.find((c) => c.key === "expenditure.project")?.current ??
    narrative.shares.find((s) => s.key === "expenditure.project")?.amount;
  if (basic || project) hints.t03 = { ...(basic ? { basic } : {}), ...(project ? { project } : {}) };
  const s = narrative.sangong;
  if (s) {
    const t09: Record<string, string> = {};
    if (s.vehiclePurchase !== undefined) t09.finalVehiclePurchase = s.vehiclePurchase;
    if (s.vehicleOperation !== undefined) t09.finalVehicleOperation = s.vehicleOperation;
    if (s.abroad?.budget !== undefined) t09.budgetAbroad = s.abroad.budget;
    if (s.abroad?.final !== undefined) t09.finalAbroad = s.abroad.final;
    if (s.reception?.budget !== undefined) t09.budgetReception = s.reception.budget;
    if (s.reception?.final !== undefined) t09.finalReception = s.reception.final;
    if (s.vehicle?.budget !== undefined) t09.budgetVehicle = s.vehicle.budget;
    if (s.vehicle?.final !== undefined) t09.finalVehicle = s.vehicle.final;
    // No car bought in the year means no purchase budget was spent either; the template prints both as empty.
    if (s.vehiclesPurchased === 0 && s.vehiclePurchase !== undefined && Number(s.vehiclePurchase) === 0)
      t09.budgetVehiclePurchase = "0";
    if (Object.keys(t09).length) hints.t09 = t09;
  }
  return hints;
}

function convertTableToWanyuan(t: Table): Table {
  return {
    ...t,
    rows: t.rows.map((r) => ({
      ...r,
      values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, yuanToWanyuan(v)])),
    })),
  };
}

function parseJsonReport(doc: SourceDoc): Report {
  let raw: unknown;
  try {
    raw = JSON.parse(doc.text);
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    const line = m ? doc.text.slice(0, Number(m[1])).split("\n").length : undefined;
    throw new ParseError({
      file: doc.fileName,
      line,
      message: "JSON 格式错误",
      expected: "规范报告 JSON",
      found: String((e as Error).message),
    });
  }
  const parsed = safeParseReport(raw);
  if (!parsed.success) throw zodToParseError(doc.fileName, parsed.error);
  return parsed.data;
}

function zodToParseError(file: string, error: z.ZodError): ParseError {
  const issue = error.issues[0];
  const where = issue.path.join(".");
  const tableIdx = issue.path[0] === "tables" ? issue.path[1] : undefined;
  return new ParseError({
    file,
    section: where ? `字段 ${where}` : undefined,
    table: typeof tableIdx === "number" ? `第 ${tableIdx + 1} 张表` : undefined,
    message: `报告结构不符合规范：${issue.message}`,
    expected: issue.code,
    found: "input" in issue ? JSON.stringify((issue as { input?: unknown }).input)?.slice(0, 60) : undefined,
  });
}
