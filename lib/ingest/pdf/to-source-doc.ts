import { createHash } from "node:crypto";
import type { ExtraTable } from "@/lib/report/schema";
import type { SourceDoc } from "../document";
import { bareTitle, tableIdOfTitle } from "../layouts/markdown/titles";
import type { PdfItem, PdfPage, PdfText } from "./extract";
import { joinLine, readLattices, type Grid } from "./lattice";
import { unifyRadicals } from "./radicals";
import { mergeGlyphs, splitItems } from "./split-items";
import { readStreamTable } from "./stream";

/**
 * A PDF as the gridded text layout reads it: every table rebuilt from geometry as tab-separated rows (empty cells
 * kept, codes split over 类/款/项 joined into one code), every other line as text in reading order, pages in order.
 * `pageStarts[k]` is the 1-based line where page k+1 starts, so every sourceLine maps back to its page.
 */
export type PdfSourceDoc = {
  doc: SourceDoc;
  pageStarts: number[];
  extraTables: ExtraTable[];
  /** title lines of the tables rebuilt without rules: their columns are inferred, so their identities are checked */
  streamTitleLines: Set<number>;
};

type Block = { top: number; lines: string[]; grid?: Grid; items?: PdfItem[] };

const PART = /^第[一二三四五六七八九十]+部分/;
/** Titles of tables outside the nine: 项目支出决算表, 机关运行经费…表, 国有资产占用情况表, 政府采购情况表 … */
const OTHER_TABLE_TITLE = /(?:决算|预算|情况|明细|信息|汇总|统计|支出|收入|收支)(?:明细|总)?表$/;
/** page furniture: "3", "- 3 -", "第 3 页", "第3页，共32页", "3/32" */
const PAGE_NUMBER = /^[-—–\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[，,/]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–\s]*$/;

function isTableTitle(text: string): boolean {
  const t = text.replace(/\s+/g, "");
  if (t.length > 60 || t.length < 3 || PART.test(t)) return false;
  return tableIdOfTitle(t) !== null || OTHER_TABLE_TITLE.test(bareTitle(t));
}

/** The next block's text when it could be the wrapped end of a title: a short line, no part heading, no table. */
function next(blocks: Block[], i: number): string | undefined {
  const b = blocks[i + 1];
  if (!b || b.grid) return undefined;
  const t = b.lines.join("");
  const c = t.replace(/\s+/g, "");
  return c.length <= 12 && !PART.test(c) ? t : undefined;
}

/** A row whose only text spans the whole width: a title, a unit or a 部门 line printed inside the frame. */
function isBanner(row: string[]): boolean {
  const texts = new Set(row.filter((x) => x !== ""));
  if (texts.size !== 1) return false;
  const t = [...texts][0];
  return row.every((x) => x !== "")
    ? !/^-?[\d,]+(\.\d+)?$/.test(t)
    : isTableTitle(t) || META.test(t.replace(/\s+/g, ""));
}

const META = /^(?:(?:金额)?单位|编制单位|部门|预算单位|公开\s*\d+\s*表)\s*[：:]?|^公开\s*\d+\s*表/;
const NOTE = /^(注|说明|备注)\s*\d*\s*[：:.．、]/;
const HAS_DATA = /(?:^|\s)-?[\d,]+\.\d+(?:\s|$)/;

export function pdfToSourceDoc(fileName: string, bytes: Uint8Array, text: PdfText): PdfSourceDoc {
  const lines: string[] = [];
  const pageStarts: number[] = [];
  const extraTables: ExtraTable[] = [];
  /** the table whose rows are being read: its title, and for a borderless one its columns (carried over pages) */
  const streamTitleLines = new Set<number>();
  let open:
    | {
        title: string;
        titleLine: number;
        extra?: ExtraTable;
        splits: Split[];
        streamColumns?: Parameters<typeof readStreamTable>[1];
        ruled: boolean;
      }
    | undefined;

  const emitGrid = (grid: Grid) => {
    if (!open) return emitRows(grid.rows);
    // A table continued on the next page has no header: it splits its codes as the page before did.
    let splits = codeSplits(grid);
    if (splits.length === 0 && open.splits[0]?.width === width(grid))
      splits = open.splits.map((x) => ({ ...x, headerRow: -1 }));
    if (splits.length) open.splits = splits;
    for (const split of splits) grid = mergeCodes(grid, split);
    if (open.extra) open.extra.rows.push(...grid.rows);
    emitRows(grid.rows);
  };
  const emitRows = (rows: string[][]) => {
    for (const row of rows) lines.push(row.join("\t") + (row.length === 1 ? "\t" : ""));
  };

  const openTable = (t: string, page: number) => {
    const known = tableIdOfTitle(t.replace(/\s+/g, "")) !== null;
    const extra = known ? undefined : { title: t.trim(), sourceLine: lines.length + 1, page, rows: [] as string[][] };
    if (extra) extraTables.push(extra);
    open = { title: t, titleLine: lines.length + 1, extra, splits: [], ruled: false };
    lines.push(t);
  };

  for (const page of text.pages) {
    pageStarts.push(lines.length + 1);
    const blocks = pageBlocks(page);
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (b.grid) {
        // Spreadsheet exports often print the title, the unit and the 部门 line inside the table's frame, as rows
        // merged across the whole width: they are text, not table rows.
        while (b.grid.rows.length > 1 && isBanner(b.grid.rows[0])) {
          const t = b.grid.rows[0].find((x) => x !== "")!;
          if (isTableTitle(t)) openTable(t, page.number);
          else lines.push(t);
          b.grid = { ...b.grid, rows: b.grid.rows.slice(1), rowTops: b.grid.rowTops.slice(1) };
        }
        if (open) open.ruled = true;
        emitGrid(b.grid);
        continue;
      }
      const t = b.lines.join("");
      const c = t.replace(/\s+/g, "");
      if (isTableTitle(t)) {
        openTable(t, page.number);
        continue;
      }
      // a long title wrapped onto a second line (…基本支出决算 / 明细表): the tail is short and no heading of its own
      const tail = next(blocks, i);
      if (tail !== undefined && c.length < 40 && !isTableTitle(tail) && isTableTitle(t + tail)) {
        openTable(t + tail, page.number);
        i++;
        continue;
      }
      if (PART.test(c) || NOTE.test(t.trim())) {
        open = undefined;
        lines.push(...b.lines);
        continue;
      }
      // Lines of an open table that has no rules on this page: a borderless table, rebuilt from geometry.
      if (open && !open.ruled && !META.test(c) && b.items) {
        const run: PdfItem[] = [];
        let j = i;
        for (; j < blocks.length; j++) {
          const x = blocks[j];
          if (x.grid) break;
          const xt = x.lines.join("");
          const xc = xt.replace(/\s+/g, "");
          if (isTableTitle(xt) || PART.test(xc) || NOTE.test(xt.trim())) break;
          if (META.test(xc) && run.length === 0) continue;
          // long prose ends a table
          if (!HAS_DATA.test(xt) && /[，。；]/.test(xt) && xc.length > 30) break;
          run.push(...(x.items ?? []));
        }
        const read = run.length ? readStreamTable(run, open.streamColumns) : null;
        if (read) {
          for (let k = i; k < j; k++) {
            const xc = blocks[k].lines.join("").replace(/\s+/g, "");
            if (META.test(xc)) lines.push(...blocks[k].lines);
          }
          open.streamColumns = read.columns;
          streamTitleLines.add(open.titleLine);
          emitGrid(read.grid);
          i = j - 1;
          continue;
        }
      }
      lines.push(...b.lines);
    }
    // a ruled table may continue on the next page; a borderless one keeps its columns
    if (open) open.ruled = false;
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { doc: { fileName, text: lines.join("\n"), lines, sha256 }, pageStarts, extraTables, streamTitleLines };
}

/** A page as blocks in reading order: ruled tables as grids, the rest as visual lines (with their items). */
function pageBlocks(page: PdfPage): Block[] {
  const items = splitItems(mergeGlyphs(page.items.map((it) => ({ ...it, str: unifyRadicals(it.str) }))));
  const { grids, rest } = readLattices(items, page.segments);
  const blocks: Block[] = grids.map((g) => ({ top: g.top, lines: [], grid: g }));
  const lines = visualLines(rest);
  lines.forEach((line, k) => {
    const t = joinLine(line, 1.2);
    // A page number is the page's first or last line, or in its top or bottom margin: a lone 0 or 12 inside a
    // borderless table is an amount (a 0.00 printed as 0) or a 行次.
    const y = line[0].y;
    const margin = k === 0 || k === lines.length - 1 || y < page.height * 0.08 || y > page.height * 0.9;
    if (t === "" || (PAGE_NUMBER.test(t) && margin)) return;
    blocks.push({ top: line[0].y - line[0].height, lines: [t], items: line });
  });
  blocks.sort((a, b) => a.top - b.top);
  return blocks;
}

/** Items on one baseline (within a third of the font size) form a visual line, left to right. */
function visualLines(items: PdfItem[]): PdfItem[][] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: PdfItem[][] = [];
  for (const it of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0].y - it.y) <= Math.max(1.5, Math.min(line[0].height, it.height) * 0.35)) line.push(it);
    else lines.push([it]);
  }
  return lines.map((l) => l.sort((a, b) => a.x - b.x));
}

type Split = { start: number; span: number; headerRow: number; width: number };

function width(g: Grid): number {
  return Math.max(0, ...g.rows.map((r) => r.length));
}

const compact = (s: string) => s.replace(/\s+/g, "");

/** Where a grid prints its codes over 类 | 款 (| 项) columns, found by those header words; right to left. */
function codeSplits(g: Grid): Split[] {
  for (let r = 0; r < g.rows.length; r++) {
    const row = g.rows[r].map(compact);
    const found: Split[] = [];
    row.forEach((c, i) => {
      if (c === "类" && row[i + 1] === "款")
        found.push({ start: i, span: row[i + 2] === "项" ? 3 : 2, headerRow: r, width: width(g) });
    });
    if (found.length) return found.reverse();
  }
  return [];
}

/**
 * 支出功能分类 codes printed over three columns (类 | 款 | 项) and 经济分类 over two (类 | 款) become one code column,
 * the way the text layouts print them (2010601); an empty 类 or 款 under a filled one means "the one above".
 */
function mergeCodes(g: Grid, { start, span, headerRow }: Split): Grid {
  let lastLei = "";
  let lastKuan = "";
  const rows = g.rows.map((r, i) => {
    const parts = r.slice(start, start + span).map(compact);
    let merged: string;
    if (parts.every((p) => /^\d*$/.test(p)) && parts.some((p) => p !== "") && i >= headerRow) {
      const [lei, kuan, xiang = ""] = parts;
      const l = lei || lastLei;
      const k = kuan ? l + kuan : lastKuan;
      merged = xiang ? k + xiang : kuan ? l + kuan : lei || k;
      if (lei) lastLei = lei;
      if (kuan) lastKuan = l + kuan;
      else if (lei) lastKuan = "";
    } else if (parts.some((p) => /^(类|款|项)$/.test(p))) {
      // the 类/款/项 labels sometimes share their row with the 合计 data row
      merged = r.some((c) => /^-?[\d,]+\.\d+$/.test(c.trim())) ? "" : "科目编码";
    } else merged = parts.find((p) => p !== "") ?? "";
    return [...r.slice(0, start), merged, ...r.slice(start + span)];
  });
  return { ...g, rows };
}
