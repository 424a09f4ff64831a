import { describe, expect, test } from "vitest";
import { parseSourceDoc } from "@/lib/ingest/parse";
import type { PdfItem, PdfPage, PdfSegment, PdfText } from "@/lib/ingest/pdf/extract";
import { pdfToSourceDoc } from "@/lib/ingest/pdf/to-source-doc";
import { getTable } from "@/lib/report/schema";

/**
 * The PDF table reader on pages built by hand: text items and ruling lines at known positions, as pdfjs hands them
 * over (top-left origin, y = baseline). Each case is one thing real PDFs do.
 */
const H = 10; // font size

function item(str: string, x: number, y: number): PdfItem {
  const width = [...str].reduce((w, ch) => w + (/[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch) ? H : H / 2), 0);
  return { str, x, y, width, height: H };
}

/** A ruled table: column edges xs, row edges ys, cells[r][c] text placed left-aligned inside each cell. */
function ruled(
  xs: number[],
  ys: number[],
  cells: string[][],
  merged: { row: number; from: number; to: number }[] = [],
): { items: PdfItem[]; segments: PdfSegment[] } {
  const segments: PdfSegment[] = [];
  for (const y of ys) segments.push({ x0: xs[0], x1: xs[xs.length - 1], y0: y, y1: y });
  for (let r = 0; r + 1 < ys.length; r++) {
    for (let c = 0; c < xs.length; c++) {
      const inside = merged.find((m) => m.row === r && c > m.from && c <= m.to);
      if (!inside) segments.push({ x0: xs[c], x1: xs[c], y0: ys[r], y1: ys[r + 1] });
    }
  }
  const items: PdfItem[] = [];
  cells.forEach((row, r) =>
    row.forEach((text, c) => {
      if (text) items.push(item(text, xs[c] + 2, ys[r + 1] - 4));
    }),
  );
  return { items, segments };
}

function pdf(pages: { items: PdfItem[]; segments: PdfSegment[] }[]): PdfText {
  return {
    pages: pages.map(
      (p, i): PdfPage => ({ number: i + 1, width: 842, height: 595, items: p.items, segments: p.segments }),
    ),
  };
}

const cover = { items: [item("示例市测试局", 300, 100), item("2024年度部门决算", 300, 130)], segments: [] };

function read(text: PdfText) {
  const { doc, pageStarts } = pdfToSourceDoc("t.pdf", new Uint8Array([1]), text);
  return { doc, report: parseSourceDoc(doc, "pdf", { pages: text.pages.length, pageStarts }) };
}

const T05_XS = [40, 120, 320, 420, 520, 620];
const T05_ROWS = [
  ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
  ["", "合计", "30.00", "20.00", "10.00"],
  ["201", "一般公共服务支出", "30.00", "20.00", "10.00"],
  ["20106", "财政事务", "30.00", "20.00", "10.00"],
  ["2010601", "行政运行", "20.00", "20.00", ""],
  ["2010602", "一般行政管理事务", "10.00", "", "10.00"],
];
const ys = (n: number, top = 100, h = 24) => Array.from({ length: n + 1 }, (_, i) => top + i * h);

describe("ruled PDF tables", () => {
  test("a title and unit printed inside the table's frame, as rows merged across the width, still title the table", () => {
    const rows = [["一般公共预算财政拨款支出决算表", "", "", "", ""], ["单位：万元", "", "", "", ""], ...T05_ROWS];
    const table = ruled(T05_XS, ys(rows.length), rows, [
      { row: 0, from: 0, to: 4 },
      { row: 1, from: 0, to: 4 },
    ]);
    const { report } = read(pdf([cover, table]));
    const t05 = getTable(report, "t05")!;
    expect(t05.rows.find((r) => r.key === "total")?.values).toEqual({
      total: "30.00",
      basic: "20.00",
      project: "10.00",
    });
    expect(t05.rows.find((r) => r.code === "2010602")?.values).toEqual({ total: "10.00", project: "10.00" });
  });

  test("a long title wrapped over two lines above the table", () => {
    const table = ruled(T05_XS, ys(T05_ROWS.length), T05_ROWS);
    table.items.push(item("一般公共预算财政拨款支出决", 300, 60), item("算表", 340, 76));
    const { report } = read(pdf([cover, table]));
    expect(getTable(report, "t05")?.rows.find((r) => r.code === "2010601")?.values).toEqual({
      total: "20.00",
      basic: "20.00",
    });
  });

  test("text that pdfjs joined across a column rule is cut at the rule (an empty 0 and the next cell's code)", () => {
    const xs = [40, 100, 220, 300, 360, 480, 560];
    const rows = [
      ["科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额"],
      ["301", "工资福利支出", "5.00", "302", "商品和服务支出", "3.00"],
      ["30101", "基本工资", "5.00", "30201", "办公费", "3.00"],
      ["30102", "津贴补贴", "", "30202", "印刷费", ""],
      ["人员经费合计", "", "5.00", "公用经费合计", "", "3.00"],
    ];
    const table = ruled(xs, ys(rows.length), rows);
    // the 0 printed right-aligned in 30102's amount cell touches 30202 in the next cell: one item "030202"
    const y = ys(rows.length)[4] - 4;
    table.items = table.items.filter((it) => !(it.str === "30202"));
    table.items.push({ str: "030202", x: 300 - 5, y, width: 30, height: H });
    table.items.push(item("一般公共预算财政拨款基本支出决算表", 200, 70));
    const { report } = read(pdf([cover, table]));
    const t06 = getTable(report, "t06")!;
    expect(t06.rows.find((r) => r.code === "30102")?.values).toEqual({ amount: "0" });
    expect(t06.rows.find((r) => r.code === "30202")?.name).toBe("印刷费");
    expect(t06.rows.find((r) => r.key === "personnelTotal")?.values).toEqual({ amount: "5.00" });
  });

  test("a three-line table (rules above and below the header and at the bottom, no column rules) is read from positions", () => {
    const xs = [40, 120, 320, 420, 520, 620];
    const rowYs = ys(T05_ROWS.length);
    const items: PdfItem[] = [item("一般公共预算财政拨款支出决算表", 250, 70)];
    T05_ROWS.forEach((row, r) =>
      row.forEach((text, c) => {
        if (!text) return;
        // labels left-aligned, amounts right-aligned in their column, as printed
        const it = item(text, xs[c] + 2, rowYs[r + 1] - 4);
        if (/^[\d,]+\.\d+$/.test(text)) it.x = xs[c + 1] - 4 - it.width;
        items.push(it);
      }),
    );
    const rule = (y: number): PdfSegment => ({ x0: xs[0], x1: xs[xs.length - 1], y0: y, y1: y });
    const { report } = read(
      pdf([cover, { items, segments: [rule(rowYs[0]), rule(rowYs[1]), rule(rowYs[rowYs.length - 1])] }]),
    );
    const t05 = getTable(report, "t05")!;
    expect(t05.rows.find((r) => r.key === "total")?.values).toEqual({
      total: "30.00",
      basic: "20.00",
      project: "10.00",
    });
    expect(t05.rows.find((r) => r.code === "2010602")?.values).toEqual({ total: "10.00", project: "10.00" });
  });

  test("a table continued on the next page under its repeated header (支出功能分类科目编码 …) reads on", () => {
    // the header over two rows, as templates print it: the qualified code label above, 科目名称 below
    const header = [
      ["支出功能分类科目编码", "", "合计", "基本支出", "项目支出"],
      ["", "科目名称", "", "", ""],
    ];
    const first = [...header, ...T05_ROWS.slice(1, 4)];
    const second = [...header, ...T05_ROWS.slice(4)];
    const xs = [40, 160, 340, 440, 540, 640]; // a code column wide enough for its long label
    const page1 = ruled(xs, ys(first.length), first);
    page1.items.push(item("一般公共预算财政拨款支出决算表", 250, 70));
    const page2 = ruled(xs, ys(second.length, 60), second);
    const { report } = read(pdf([cover, page1, page2]));
    const t05 = getTable(report, "t05")!;
    expect(t05.rows.map((r) => r.code ?? r.key)).toEqual(["total", "201", "20106", "2010601", "2010602"]);
    expect(t05.rows.find((r) => r.code === "2010602")?.values).toEqual({ total: "10.00", project: "10.00" });
  });
});
