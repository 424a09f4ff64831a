import { isPageFooter, type SourceDoc } from "@/lib/ingest/document";
import { isBlankRow, isPipeSeparator, splitCells, type GridLine } from "./cells";

/** A titled block of the document: the title line, the table rows under it, the unit/entity lines and its note. */
export type Region<K extends string> = {
  key: K;
  title: string;
  titleLine: number;
  rows: GridLine[];
  /** 单位：/金额单位：/公开NN表 lines and short preamble text between title and table, with their lines */
  meta: { text: string; lineNo: number }[];
  note?: { text: string; lineNo: number };
};

/** Strips markdown decoration so a heading, a bold line and a plain line read the same. */
function plainLine(line: string): string {
  return line
    .trim()
    .replace(/^#{1,6}\s*/, "")
    .replace(/^[-*>]\s+/, "")
    .replace(/\*\*|__/g, "")
    .trim();
}

const META =
  /^(?:金额单位|编制单位|填报单位|单位名称|单位|部门|预算部门|预算单位|主管部门)(?:（[^）]*）|\([^)]*\))?\s*[：:]|^公开\s*\d+\s*表|金额单位\s*[：:]/;
const NOTE = /^(?:注|说明|备注)\s*\d*\s*[：:.．、]/;
const PAGE_NUMBER = /^[-—–\s]*\d{1,4}[-—–\s]*$/;
/** Part headings end whatever was open: the tables stop where 第三部分 starts. */
const PART_HEADING = /^第[一二三四五六七八九十]+部分/;
const MAX_PREAMBLE = 4;
const LONE_TOTAL = /^(合\s*计|总\s*计)$/;

/**
 * Splits the document into titled regions. `classify` recognises a title line and says what it titles.
 * A region runs from its title over table rows, blank lines, page footers, unit lines and repeated headers
 * to the first line of ordinary text after its table (a 注 line is kept as the note). A title seen again
 * while its region is open continues it (a table continued after a page break) when `continues` says so.
 */
export function scanRegions<K extends string>(
  doc: SourceDoc,
  classify: (plain: string) => K | null,
  continues: (key: K) => boolean,
): Region<K>[] {
  const regions: Region<K>[] = [];
  const lines = doc.lines;
  const { cellsAt, plainAt } = gridOf(doc);
  let i = 0;
  while (i < lines.length) {
    const plain = cellsAt(i) === null ? plainAt(i) : "";
    const key = plain !== "" ? classify(plain) : null;
    if (key === null) {
      i++;
      continue;
    }
    const region: Region<K> = { key, title: plain, titleLine: i + 1, rows: [], meta: [] };
    let preamble = 0;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const raw = lines[j];
      const cells = cellsAt(j);
      if (cells !== null) {
        if (isPipeSeparator(cells) || isBlankRow(cells)) continue;
        region.rows.push({ lineNo: j + 1, cells, raw });
        continue;
      }
      const text = plainAt(j);
      if (text === "" || isPageFooter(text) || PAGE_NUMBER.test(text)) continue;
      if (region.rows.length > 0 && LONE_TOTAL.test(text)) {
        // An all-empty 合计 row whose trailing tabs were trimmed away is still a row of the table.
        region.rows.push({ lineNo: j + 1, cells: [text], raw });
        continue;
      }
      const other = classify(text);
      if (other !== null) {
        if (other === key && continues(key)) continue;
        break;
      }
      if (META.test(text)) {
        region.meta.push({ text, lineNo: j + 1 });
        continue;
      }
      if (NOTE.test(text)) {
        if (region.rows.length === 0) {
          region.meta.push({ text, lineNo: j + 1 });
          continue;
        }
        region.note = { text: collectParagraph(lines, j), lineNo: j + 1 };
        j++;
        break;
      }
      if (region.rows.length > 0 || /^#/.test(raw.trim()) || PART_HEADING.test(text) || ++preamble > MAX_PREAMBLE)
        break;
      region.meta.push({ text, lineNo: j + 1 });
    }
    if (region.rows.length > 0) regions.push(region);
    i = j;
  }
  return regions;
}

type Grid = { cellsAt: (i: number) => string[] | null; plainAt: (i: number) => string };

// The tables and the appendix are both found by scanning the whole document: each line is split into cells and
// stripped of markup once, and both scans read that (the cells are shared, and nothing changes them).
const gridCache = new WeakMap<SourceDoc, Grid>();

function gridOf(doc: SourceDoc): Grid {
  let grid = gridCache.get(doc);
  if (!grid) {
    const lines = doc.lines;
    const cells: (string[] | null | undefined)[] = new Array(lines.length);
    const plain: (string | undefined)[] = new Array(lines.length);
    grid = {
      cellsAt: (i) => {
        let c = cells[i];
        if (c === undefined) c = cells[i] = splitCells(lines[i]);
        return c;
      },
      plainAt: (i) => (plain[i] ??= plainLine(lines[i])),
    };
    gridCache.set(doc, grid);
  }
  return grid;
}

/** A note may wrap over several lines; it ends at a blank line, a table row or a heading. */
function collectParagraph(lines: string[], from: number): string {
  const parts: string[] = [];
  for (let k = from; k < lines.length; k++) {
    const raw = lines[k];
    const text = plainLine(raw);
    if (text === "" || splitCells(raw) !== null || (k > from && /^#/.test(raw.trim()))) break;
    parts.push(text);
  }
  return parts.join("").replace(NOTE, "").trim();
}
