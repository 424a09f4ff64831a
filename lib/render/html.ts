import { getTable, type Report, type Table } from "@/lib/report/schema";
import { NARRATIVE_TITLES, PART_TITLES, entityOf, scopeWord, type Block } from "./blocks";
import { chineseNumber } from "./format";
import { coverLines, glossaryBlocks, overviewBlocks } from "./front";
import { DEFAULT_HTML_OPTIONS, type HtmlOptions } from "./html-options";
import { gongkaiNumber, gridHtml, numberedTitle, tableGrid, tableOrder } from "./html-tables";
import { printableReport } from "./html-truth";
import { narrativeBlocks } from "./narrative";
import { emptyNote } from "./table-layout";

export type { HtmlOptions } from "./html-options";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The report as one HTML document laid out like a published 部门决算, to be printed to PDF with chromium:
 * cover (year, department, 部门决算), 目录, 第一部分 概况 (职责, 单位构成), 第二部分 the nine tables, 第三部分 情况说明
 * (the national template's sentences, as the narrative parser reads them), 第四部分 名词解释. `options` vary what real
 * templates vary (html-options.ts); `htmlTruth` (html-truth.ts) says what a reader should read back from the printed document.
 */
export function renderHtml(input: Report, options: Partial<HtmlOptions> = {}): string {
  const o: HtmlOptions = { ...DEFAULT_HTML_OPTIONS, ...options };
  const report = printableReport(input);
  const titles = PART_TITLES(report);
  const w = scopeWord(report);
  const order = tableOrder(o.order)
    .map((id) => getTable(report, id))
    .filter((t): t is Table => t !== undefined);
  const out: string[] = [];

  // Cover
  const [year, name, kind] = coverLines(report);
  const cover = o.cover === "year-first" ? [year, `${name}${kind}`] : [name, `${year.replace(/\s+/g, "")}${kind}`];
  out.push(`<section class="cover">${cover.map((l) => `<p>${esc(l)}</p>`).join("")}</section>`);

  // 目录
  const part = (n: number) => `第${chineseNumber(n)}部分 ${titles[n]}`;
  const toc: [string, string[]][] = [
    [part(1), [`一、${w}职责`, "二、机构设置"]],
    [
      part(2),
      order.map((t, i) => numberedTitle(t, i + 1, { ...o, titleStyle: o.titleStyle === "biao" ? "biao" : "ordinal" })),
    ],
    [part(3), NARRATIVE_TITLES.map((t, i) => `${chineseNumber(i + 1)}、${t}`)],
    [part(4), []],
  ];
  out.push(
    `<section class="toc"><h1 class="toc-title">目 录</h1>${toc
      .map(
        ([p, entries]) =>
          `<p class="toc-part">${esc(p)}</p>${entries.map((e) => `<p class="toc-entry">${esc(e)}</p>`).join("")}`,
      )
      .join("")}</section>`,
  );

  // 第一部分
  out.push(partHeading(1, titles[1]), blocksHtml(overviewBlocks(report)));

  // 第二部分
  out.push(partHeading(2, titles[2]));
  order.forEach((t, i) => out.push(tableSection(report, t, i + 1, o)));

  // 第三部分
  out.push(partHeading(3, titles[3]), blocksHtml(narrativeBlocks(report)));

  // 第四部分
  out.push(partHeading(4, titles[4]));
  for (const g of glossaryBlocks(report))
    out.push(`<p class="para"><b>${g.number}、${esc(g.term)}：</b>${esc(g.definition)}</p>`);

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(`${report.department}${report.year}年度${kind}`)}</title>
<style>
${css(o)}
</style>
</head>
<body>
${out.join("\n")}
</body>
</html>
`;
}

function partHeading(n: number, title: string): string {
  return `<h1 class="part">第${chineseNumber(n)}部分 ${esc(title)}</h1>`;
}

function blocksHtml(blocks: Block[]): string {
  return blocks
    .map((b) =>
      b.kind === "heading"
        ? `<h${b.level} class="h${b.level}">${esc(b.text)}</h${b.level}>`
        : `<p class="para">${esc(b.text)}</p>`,
    )
    .join("\n");
}

/** What each template prints under a table (descriptions; 07/08 without data say so instead). */
const TABLE_DESCRIPTIONS: Record<string, string> = {
  t01: "本表反映部门本年度的总收支和年末结转结余情况。",
  t02: "本表反映部门本年度取得的各项收入情况。",
  t03: "本表反映部门本年度各项支出情况。",
  t04: "本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。",
  t05: "本表反映部门本年度一般公共预算财政拨款实际支出情况。",
  t06: "本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
  t09: "本表反映部门本年度财政拨款“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。",
};

function tableSection(report: Report, table: Table, position: number, o: HtmlOptions): string {
  const grid = tableGrid(report, table, o);
  const wide = o.orientation === "landscape" || (o.orientation === "mixed" && grid.wide);
  const title = numberedTitle(table, position, o);
  const gongkai = o.titleStyle === "gongkai" || o.titleStyle === "ordinal-gongkai";
  const unit = o.unit;
  const meta = gongkai
    ? `<div class="meta"><span>${scopeWord(report)}：${esc(entityOf(report))}</span><span>${gongkaiNumber(position)}</span><span>金额单位：${unit}</span></div>`
    : o.titleStyle === "biao"
      ? `<div class="meta"><span>编制单位：${esc(entityOf(report))}</span><span>单位：${unit}</span></div>`
      : `<div class="meta"><span></span><span>单位：${unit}</span></div>`;
  const note =
    table.status === "empty"
      ? (table.note ?? emptyNote(report, table.id))
      : (table.note ?? TABLE_DESCRIPTIONS[table.id]);
  const word = scopeWord(report);
  return `<section class="table-page${wide ? " wide" : ""}" data-table="${table.id}">
<h2 class="table-title">${esc(title)}</h2>
${meta}
${gridHtml(grid, o)}
${note ? `<p class="note">注：${esc(note.replace(/部门/g, word))}</p>` : ""}
</section>`;
}

function css(o: HtmlOptions): string {
  const pad = { compact: "0.5pt 2pt", normal: "2pt 3pt", loose: "7pt 3pt" }[o.density];
  const border = o.borders ? "0.6pt solid #000" : "none";
  const font =
    o.font === "serif"
      ? `"Noto Serif CJK SC", "Noto Serif CJK", serif`
      : `"Noto Sans CJK SC", "Noto Sans CJK", sans-serif`;
  const valign = {
    top: "table.grid th, table.grid td { vertical-align: top; }",
    middle: "table.grid th, table.grid td { vertical-align: middle; }",
    mixed: "table.grid th, table.grid td.name { vertical-align: middle; } table.grid td { vertical-align: top; }",
  }[o.valign];
  const footer =
    o.footer === "none"
      ? ""
      : `@bottom-center { content: ${o.footer === "page-of" ? `"第" counter(page) "页，共" counter(pages) "页"` : `"- " counter(page) " -"`}; font-family: ${font}; font-size: 9pt; }`;
  const size = o.orientation === "landscape" ? "A4 landscape" : "A4 portrait";
  const tableFont = o.unit === "元" ? "7.5pt" : "8.5pt";
  const names =
    o.names === "narrow"
      ? "td.name { width: 6.5em; min-width: 6.5em; max-width: 6.5em; word-break: break-all; }"
      : "td.name { min-width: 9em; }";
  return `@page { size: ${size}; margin: 16mm 14mm 18mm 14mm; ${footer} }
@page wide { size: A4 landscape; margin: 14mm 14mm 16mm 14mm; ${footer} }
html { -webkit-print-color-adjust: exact; }
body { font-family: ${font}; font-size: 11pt; line-height: 1.65; margin: 0; color: #000; }
.cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; align-items: center; }
.cover p { font-size: 26pt; font-weight: bold; margin: 10pt 0; }
.toc { break-before: page; }
.toc-title { text-align: center; font-size: 18pt; }
.toc-part { font-weight: bold; margin: 8pt 0 2pt; }
.toc-entry { margin: 0 0 0 2em; }
h1.part { break-before: page; text-align: center; font-size: 17pt; margin: 0 0 14pt; }
h2.h2 { font-size: 12.5pt; margin: 10pt 0 4pt; }
h3.h3 { font-size: 11.5pt; margin: 8pt 0 3pt; }
p.para { text-indent: 2em; margin: 0 0 4pt; text-align: justify; }
section.table-page { break-before: page; }
section.table-page.wide { page: wide; }
h2.table-title { text-align: center; font-size: 15pt; margin: 0 0 6pt; }
.meta { display: flex; justify-content: space-between; font-size: 9.5pt; margin: 0 0 3pt; }
table.grid { border-collapse: collapse; width: 100%; font-size: ${tableFont}; line-height: 1.35; }
table.grid th, table.grid td { border: ${border}; padding: ${pad}; }
table.grid th { font-weight: normal; text-align: center; }
table.grid td.num { text-align: right; white-space: nowrap; }
table.grid td.code { white-space: nowrap; }
table.grid td.center { text-align: center; }
table.grid tr { break-inside: avoid; }
table.grid thead { display: table-header-group; }
${valign}
table.grid ${names}
p.note { font-size: 9pt; margin: 4pt 0 0; }`;
}
