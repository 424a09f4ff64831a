import type { Report } from "@/lib/report/schema";
import { plainAppendix } from "./appendix-plain";
import { PART_TITLES, type Block } from "./blocks";
import { chineseNumber, wrap } from "./format";
import { contents, coverLines, glossaryBlocks, overviewBlocks } from "./front";
import { narrativeBlocks } from "./narrative";
import { PlainPages } from "./plain-pages";
import { plainTable } from "./tables-plain";

/** Characters per line of the extracted narrative, as the seed's A4 pages give. */
const TEXT_WIDTH = 28;
/** A glossary entry starts with its ordinal; a wrapped line must not look like the start of the next one. */
const ENTRY_START = /^(?:[一二三四五六七八九十百]+|\d{1,3})(?:、|[.．](?!\d))/;

/**
 * The report as a complete disclosure in the layout of the plain-text seed (000), i.e. what a PDF text extractor makes
 * of the published PDF: cells run together, empty cells leave no trace, long names and sentences wrap, a page footer
 * every 40 lines. `parseDocument` reads it back to the same report.
 */
export function renderPlainText(report: Report): string {
  const pages = new PlainPages(40);
  const titles = PART_TITLES(report);
  const [year, name, kind] = coverLines(report);
  pages.block([year, `${name}${kind}`]);
  pages.newPage();
  pages.block(["目 录"]);
  for (const c of contents(report)) pages.lines([c.part, ...c.entries]);

  part(pages, 1, titles[1]);
  paragraphs(pages, overviewBlocks(report));

  part(pages, 2, titles[2]);
  for (const t of report.tables) plainTable(report, t, pages);

  part(pages, 3, titles[3]);
  paragraphs(pages, narrativeBlocks(report));

  part(pages, 4, titles[4]);
  for (const g of glossaryBlocks(report))
    pages.lines(wrap(`${g.number}、${g.term}：${g.definition}`, TEXT_WIDTH, { badStart: ENTRY_START }));

  part(pages, 5, titles[5]);
  plainAppendix(report, pages);
  return pages.text();
}

/** "第 三 部 分" and its title, spaced out as the extractor prints large headings. */
function part(pages: PlainPages, n: number, title: string): void {
  const spaced = (s: string) => Array.from(s).join(" ");
  pages.newPage();
  pages.block([spaced(`第${chineseNumber(n)}部分`), /\d/.test(title) ? title : spaced(title)]);
}

function paragraphs(pages: PlainPages, blocks: Block[]): void {
  for (const b of blocks) {
    if (b.kind === "para") pages.lines(wrap(b.text, TEXT_WIDTH));
    else pages.block([b.text]);
  }
}
