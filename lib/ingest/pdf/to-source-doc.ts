import { createHash } from "node:crypto";
import type { ExtraTable } from "@/lib/report/schema";
import type { SourceDoc } from "../document";
import { bareTitle, tableIdOfTitle } from "../layouts/markdown/titles";
import type { PdfItem, PdfPage, PdfText } from "./extract";
import { joinLine, readLattices, type Grid } from "./lattice";
import { readStreamTable } from "./stream";

/**
 * A PDF as the gridded text layout reads it: every table rebuilt from geometry as tab-separated rows (empty cells
 * kept, codes split over 类/款/项 joined into one code), every other line as text in reading order, pages in order.
 * `pageStarts[k]` is the 1-based line where page k+1 starts, so every sourceLine maps back to its page.
 */
export type PdfSourceDoc = { doc: SourceDoc; pageStarts: number[]; extraTables: ExtraTable[] };

type Block = { top: number; lines: string[]; grid?: Grid; title?: string };

const PART = /^第[一二三四五六七八九十]+部分/;
/** Titles of tables outside the nine: 项目支出决算表, 机关运行经费…表, 国有资产占用情况表, 政府采购情况表 … */
const OTHER_TABLE_TITLE = /(?:决算|预算|情况|明细|信息|汇总|统计|支出|收入)(?:明细)?表$/;
const PAGE_NUMBER = /^[-—–\s]*(?:第\s*)?\d{1,4}(?:\s*页)?[-—–\s]*$/;

export function isTableTitle(text: string): boolean {
  const t = text.replace(/\s+/g, "");
  if (t.length > 60 || t.length < 3 || PART.test(t)) return false;
  return tableIdOfTitle(t) !== null || OTHER_TABLE_TITLE.test(bareTitle(t));
}

export function pdfToSourceDoc(fileName: string, bytes: Uint8Array, text: PdfText): PdfSourceDoc {
  const lines: string[] = [];
  const pageStarts: number[] = [];
  const extraTables: ExtraTable[] = [];
  let openTitle: string | undefined;
  let openExtra: ExtraTable | undefined;
  let lastSplits: Split[] = [];
  for (const page of text.pages) {
    pageStarts.push(lines.length + 1);
    const blocks = pageBlocks(page);
    for (const b of blocks) {
      if (!b.grid) {
        const t = b.lines.join("");
        if (isTableTitle(t)) {
          openTitle = t;
          lastSplits = [];
          openExtra = tableIdOfTitle(t.replace(/\s+/g, "")) === null ? { title: t.trim(), sourceLine: lines.length + 1, page: page.number, rows: [] } : undefined;
          if (openExtra) extraTables.push(openExtra);
        } else if (PART.test(t.replace(/\s+/g, "")) || /^(注|说明)\s*\d*\s*[：:]/.test(t.trim())) {
          openTitle = undefined;
          openExtra = undefined;
        }
        lines.push(...b.lines);
        continue;
      }
      // A table continued on the next page has no header: it splits its codes as the page before did.
      let splits = codeSplits(b.grid);
      if (splits.length === 0 && openTitle !== undefined && lastSplits[0]?.width === width(b.grid)) splits = lastSplits.map((s) => ({ ...s, headerRow: -1 }));
      if (splits.length) lastSplits = splits;
      for (const split of splits) b.grid = mergeCodes(b.grid, split);
      if (openExtra) openExtra.rows.push(...b.grid.rows);
      for (const row of b.grid.rows) lines.push(row.join("\t") + (row.length === 1 ? "\t" : ""));
    }
  }
  void openTitle;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { doc: { fileName, text: lines.join("\n"), lines, sha256 }, pageStarts, extraTables };
}

/** A page as blocks in reading order: ruled tables as grids, the rest as visual lines. */
function pageBlocks(page: PdfPage): Block[] {
  const { grids, rest } = readLattices(page.items, page.segments);
  const blocks: Block[] = grids.map((g) => ({ top: g.top, lines: [], grid: g }));
  for (const line of visualLines(rest)) {
    const t = joinLine(line, 1.2);
    if (t === "" || PAGE_NUMBER.test(t)) continue;
    blocks.push({ top: line[0].y - line[0].height, lines: [t] });
  }
  blocks.sort((a, b) => a.top - b.top);
  return streamTables(blocks, rest);
}

/** Items on one baseline (within a third of the font size) form a visual line, left to right. */
export function visualLines(items: PdfItem[]): PdfItem[][] {
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
      if (c === "类" && row[i + 1] === "款") found.push({ start: i, span: row[i + 2] === "项" ? 3 : 2, headerRow: r, width: width(g) });
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
    }
    else merged = parts.find((p) => p !== "") ?? "";
    return [...r.slice(0, start), merged, ...r.slice(start + span)];
  });
  return { ...g, rows };
}

/**
 * Tables printed without rules: the lines after a table title up to its note or the next title are rebuilt from
 * the x-extents of their header cells (see stream.ts). Ruled tables are already grids and pass through.
 */
function streamTables(blocks: Block[], _rest: PdfItem[]): Block[] {
  return readStreamTable(blocks);
}
