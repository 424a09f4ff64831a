import { describe, expect, test } from "vitest";
import { D } from "@/lib/money/decimal";
import { getTable, TABLE_COLUMNS, type Report, type TableId } from "@/lib/report/schema";
import { renderHtml } from "@/lib/render/html";
import {
  DEFAULT_HTML_OPTIONS,
  HTML_OPTION_VALUES,
  optionMatrix,
  SHANGHAI_OPTIONS,
  type HtmlOptions,
} from "@/lib/render/html-options";
import { compareWithTruth, htmlTruth } from "@/lib/render/html-truth";
import { generateCity } from "@/lib/synth/city";

const { reports } = generateCity({ departments: 6, years: [2023], seed: 5 });
/** 示例市住房和城乡建设局: the one with a 政府性基金 table. */
const withFund = reports[5];
const plain = reports[0];

const opts = (o: Partial<HtmlOptions>): HtmlOptions => ({ ...DEFAULT_HTML_OPTIONS, ...o });

type Cell = { tag: string; text: string; cls?: string; rowspan?: number; colspan?: number };

/** The printed tables of a document: id → { header rows, body rows }, cells with their text and spans. */
function tablesOf(
  html: string,
): Map<string, { head: Cell[][]; body: Cell[][]; thead: boolean; title: string; meta: string }> {
  const out = new Map<string, { head: Cell[][]; body: Cell[][]; thead: boolean; title: string; meta: string }>();
  for (const m of html.matchAll(/<section class="table-page[^"]*" data-table="(t\d\d)">([\s\S]*?)<\/section>/g)) {
    const body = m[2];
    const rows = [...body.matchAll(/<tr([^>]*)>([\s\S]*?)<\/tr>/g)].map((r) => ({
      head: /class="head"/.test(r[1]) || /<th/.test(r[2]),
      cells: [...r[2].matchAll(/<(td|th)([^>]*)>([\s\S]*?)<\/\1>/g)].map(
        (c): Cell => ({
          tag: c[1],
          text: c[3].replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">"),
          cls: /class="([^"]+)"/.exec(c[2])?.[1],
          rowspan: Number(/rowspan="(\d+)"/.exec(c[2])?.[1] ?? 1),
          colspan: Number(/colspan="(\d+)"/.exec(c[2])?.[1] ?? 1),
        }),
      ),
    }));
    out.set(m[1], {
      head: rows.filter((r) => r.head).map((r) => r.cells),
      body: rows.filter((r) => !r.head).map((r) => r.cells),
      thead: body.includes("<thead>"),
      title: /<h2 class="table-title">([\s\S]*?)<\/h2>/.exec(body)![1],
      meta: /<div class="meta">([\s\S]*?)<\/div>/
        .exec(body)![1]
        .replace(/<[^>]+>/g, " ")
        .trim(),
    });
  }
  return out;
}

const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, "\n");

/** A subject-table body row → its code (joined from 类/款/项 cells) and its amount cells. */
function subjectRows(cells: Cell[][]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of cells) {
    const code = r
      .filter((c) => c.cls === "code")
      .map((c) => c.text)
      .join("");
    const key = r.some((c) => c.text === "合计") ? "total" : code;
    out.set(
      key,
      r.filter((c) => c.cls === "num").map((c) => c.text),
    );
  }
  return out;
}

describe("HTML 版式：一份像样的部门决算", () => {
  const html = renderHtml(plain);
  const t = text(html);

  test("封面、目录、四个部分依次出现，没有第五部分附件", () => {
    const order = [
      "2023 年度",
      "目 录",
      "第一部分 部门概况",
      "第二部分 2023 年度部门决算表",
      "第三部分 2023 年度部门决算情况说明",
      "第四部分 名词解释",
    ];
    let at = -1;
    for (const s of order) {
      const i = t.indexOf(s, at + 1);
      expect(i, s).toBeGreaterThan(at);
      at = i;
    }
    expect(t).toContain(`${plain.department}部门决算`);
    expect(t).not.toContain("第五部分");
    expect(t).toContain(`纳入${plain.department} 2023 年度部门决算编制范围的二级预算单位包括：`);
    expect(t).toContain(`1、${plain.overview.units[0]}`);
  });

  test("情况说明用国家模板的句式（叙述解析器读的那些句子），名词解释逐条编号", () => {
    expect(t).toMatch(/2023 年度收、支总计均为 [\d,]+\.\d+ 万元。与 2022 年度相比，收、支总计各(增加|减少)/);
    expect(t).toContain("一般公共预算财政拨款支出年初预算为");
    expect(t).toContain("一、财政拨款收入：");
    expect(html).not.toContain("第五部分 附件");
  });

  test("九张表各占一页，国家顺序 01…09；上海顺序三公为七、两张基金表为八、九", () => {
    const ids = (h: string) => [...h.matchAll(/data-table="(t\d\d)"/g)].map((m) => m[1]);
    expect(ids(html)).toEqual(["t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09"]);
    const sh = renderHtml(plain, SHANGHAI_OPTIONS);
    expect(ids(sh)).toEqual(["t01", "t02", "t03", "t04", "t05", "t06", "t09", "t07", "t08"]);
    expect(text(sh)).toContain("七、财政拨款“三公”经费支出决算表");
    expect(text(sh)).toContain("九、国有资本经营预算财政拨款收入支出决算表");
    expect(html).toContain("break-before: page");
  });

  test.each([
    ["ordinal", "一、收入支出决算总表", undefined],
    ["gongkai", "收入支出决算总表", "公开01表"],
    ["ordinal-gongkai", "一、收入支出决算总表", "公开01表"],
    ["biao", "表一 收入支出决算总表", undefined],
    ["none", "收入支出决算总表", undefined],
  ] as const)("表题 %s：%s", (style, title, gongkai) => {
    const t01 = tablesOf(renderHtml(plain, opts({ titleStyle: style }))).get("t01")!;
    expect(t01.title).toBe(title);
    if (gongkai) expect(t01.meta).toContain(gongkai);
    else expect(t01.meta).not.toContain("公开");
    expect(t01.meta).toContain("单位：万元");
  });

  test("上海顺序加公开编号：三公印作公开07表", () => {
    const t09 = tablesOf(renderHtml(plain, opts({ order: "shanghai", titleStyle: "gongkai" }))).get("t09")!;
    expect(t09.meta).toContain("公开07表");
  });
});

describe("HTML 版式：单元格", () => {
  const code = (c: string) => getTable(plain, "t02")!.rows.find((r) => r.code === c)!;
  const leaf = getTable(plain, "t02")!.rows.find((r) => r.code?.length === 7)!;

  test("科目编码分列为类/款/项，或整写", () => {
    const split = tablesOf(renderHtml(plain, opts({ codes: "split" }))).get("t02")!;
    const row = split.body.find(
      (r) =>
        r
          .filter((c) => c.cls === "code")
          .map((c) => c.text)
          .join("") === leaf.code,
    )!;
    expect(row.filter((c) => c.cls === "code").map((c) => c.text)).toEqual([
      leaf.code!.slice(0, 3),
      leaf.code!.slice(3, 5),
      leaf.code!.slice(5),
    ]);
    const whole = tablesOf(renderHtml(plain, opts({ codes: "whole" }))).get("t02")!;
    expect(whole.body.some((r) => r[0].text === leaf.code && r[0].cls === "code")).toBe(true);
    expect(code(leaf.code!.slice(0, 3))).toBeDefined();
  });

  test.each([
    ["blank", ""],
    ["0.00", "0.00"],
    ["0", "0"],
    ["-", "-"],
  ] as const)("空单元格印作“%s”", (style, printed) => {
    const t02 = tablesOf(renderHtml(plain, opts({ empty: style }))).get("t02")!;
    const cells = subjectRows(t02.body).get(leaf.code!)!;
    TABLE_COLUMNS.t02.forEach((c, i) => {
      if (leaf.values[c] === undefined) expect(cells[i]).toBe(printed);
    });
    // Empty tables stay blank whatever the style: the note says there is no data.
    const t08 = tablesOf(renderHtml(plain, opts({ empty: style }))).get("t08")!;
    expect(
      t08.body
        .flat()
        .filter((c) => c.cls === "num")
        .every((c) => c.text === ""),
    ).toBe(true);
  });

  test("元：每个金额 ×10000，两位小数，精确；千分位开、关、隔行", () => {
    for (const thousands of ["on", "off", "mixed"] as const) {
      const t = tablesOf(renderHtml(plain, opts({ unit: "元", thousands })));
      expect(t.get("t01")!.meta).toContain("金额单位：元");
      const rows = subjectRows(t.get("t03")!.body);
      getTable(plain, "t03")!.rows.forEach((r, i) => {
        const cells = rows.get(r.key === "total" ? "total" : r.code!)!;
        TABLE_COLUMNS.t03.forEach((c, k) => {
          if (r.values[c] === undefined) return;
          const yuan = new D(r.values[c]).times(10000);
          expect(new D(cells[k].replace(/,/g, "")).eq(yuan)).toBe(true);
          expect(cells[k]).toMatch(/\.\d\d$/);
          if (thousands === "off") expect(cells[k]).not.toContain(",");
          if (thousands === "on" && yuan.gte(1000)) expect(cells[k]).toContain(",");
          if (thousands === "mixed" && yuan.gte(1000)) expect(cells[k].includes(",")).toBe(i % 2 === 1);
        });
      });
    }
  });

  test("合计行在上或在下", () => {
    const top = tablesOf(renderHtml(plain, opts({ totalRow: "top" }))).get("t05")!;
    const bottom = tablesOf(renderHtml(plain, opts({ totalRow: "bottom" }))).get("t05")!;
    expect(top.body[0].some((c) => c.text === "合计")).toBe(true);
    expect(bottom.body.at(-1)!.some((c) => c.text === "合计")).toBe(true);
  });

  test("表头：thead（每页重印）或普通行；合并表头有 rowspan/colspan，平铺表头只有一行", () => {
    const merged = tablesOf(
      renderHtml(plain, opts({ repeatHeader: true, header: "merged", codes: "split", numbering: false })),
    );
    const flat = tablesOf(renderHtml(plain, opts({ repeatHeader: false, header: "flat", numbering: false })));
    expect(merged.get("t02")!.thead).toBe(true);
    expect(flat.get("t02")!.thead).toBe(false);
    expect(merged.get("t02")!.head).toHaveLength(3);
    expect(
      merged
        .get("t02")!
        .head.flat()
        .some((c) => (c.rowspan ?? 1) > 1),
    ).toBe(true);
    expect(
      merged
        .get("t05")!
        .head.flat()
        .some((c) => c.text === "本年支出" && c.colspan === 3),
    ).toBe(true);
    for (const id of ["t01", "t02", "t03", "t05", "t06", "t07"]) expect(flat.get(id)!.head, id).toHaveLength(1);
  });

  test("行次与栏次", () => {
    const t = tablesOf(renderHtml(plain, opts({ numbering: true })));
    expect(
      t
        .get("t01")!
        .head.flat()
        .map((c) => c.text),
    ).toContain("行次");
    expect(
      t
        .get("t02")!
        .head.at(-1)!
        .map((c) => c.text),
    ).toEqual(["栏次", "1", "2", "3", "4", "5", "6", "7"]);
    const none = tablesOf(renderHtml(plain, opts({ numbering: false })));
    expect(
      none
        .get("t01")!
        .head.flat()
        .map((c) => c.text),
    ).not.toContain("行次");
  });

  test("基本支出表：两块并排（人员经费 | 公用经费）、三块或一列；合计行", () => {
    const names = (o: HtmlOptions["economic"]) =>
      tablesOf(renderHtml(plain, opts({ economic: o, header: "merged" }))).get("t06")!;
    expect(
      names("two")
        .head.flat()
        .filter((c) => c.text === "科目名称"),
    ).toHaveLength(2);
    expect(
      names("three")
        .head.flat()
        .filter((c) => c.text === "科目名称"),
    ).toHaveLength(3);
    expect(
      names("one")
        .head.flat()
        .filter((c) => c.text === "科目名称"),
    ).toHaveLength(1);
    const two = names("two");
    expect(two.head[0].map((c) => c.text)).toEqual(["人员经费", "公用经费"]);
    const first = two.body[0].map((c) => c.text);
    expect(first[0]).toBe("301");
    expect(first).toContain("302");
    const last = two.body.at(-1)!.map((c) => c.text);
    expect(last).toContain("人员经费合计");
    expect(last).toContain("公用经费合计");
    const t06 = getTable(plain, "t06")!;
    const pt = t06.rows.find((r) => r.key === "personnelTotal")!.values.amount!;
    expect(last).toContain(pt.replace(/\B(?=(\d{3})+(?!\d))/g, ","));
  });

  test("三公表：国家版式（预算数六列后决算数六列）与上海版式（每类一对预算数 | 决算数）", () => {
    const row = getTable(plain, "t09")!.rows[0].values;
    const nat = tablesOf(renderHtml(plain, opts({ sangong: "national", empty: "-" }))).get("t09")!;
    expect(nat.head[0].map((c) => c.text)).toEqual(["预算数", "决算数"]);
    expect(nat.body[0].map((c) => c.text)).toEqual(TABLE_COLUMNS.t09.map((k) => row[k] ?? "-"));
    const sh = tablesOf(renderHtml(plain, opts({ sangong: "shanghai", empty: "-", numbering: false }))).get("t09")!;
    expect(sh.head.at(-1)!.map((c) => c.text)).toEqual(Array.from({ length: 6 }, () => ["预算数", "决算数"]).flat());
    const pairs = ["Total", "Abroad", "Vehicle", "VehiclePurchase", "VehicleOperation", "Reception"].flatMap((k) => [
      `budget${k}`,
      `final${k}`,
    ]);
    expect(sh.body[0].map((c) => c.text)).toEqual(pairs.map((k) => row[k] ?? "-"));
  });

  test("上海顺序：国有资本经营表印作收入支出表（六列，只有本年支出三列有值）", () => {
    const t = tablesOf(renderHtml(withFund, opts({ order: "shanghai", header: "flat" })));
    expect(t.get("t08")!.head[0].map((c) => c.text)).toContain("年初结转和结余");
    expect(t.get("t08")!.title).toBe("国有资本经营预算财政拨款收入支出决算表");
    const t07 = getTable(withFund, "t07")!;
    expect(t07.status).toBe("data");
    const rows = subjectRows(t.get("t07")!.body);
    const total = t07.rows.find((r) => r.key === "total")!;
    expect(rows.get("total")).toEqual(
      TABLE_COLUMNS.t07.map((c) => (total.values[c] ? total.values[c].replace(/\B(?=(\d{3})+(?!\d))/g, ",") : "")),
    );
  });

  test("收入支出总表：收入与支出并排，序号前缀，本年收入合计与本年支出合计同一行", () => {
    const t01 = tablesOf(renderHtml(plain, opts({ numbering: false }))).get("t01")!;
    const names = t01.body.map((r) => r.filter((c) => c.cls === "name" || c.cls === "center").map((c) => c.text));
    expect(names[0]).toEqual(["一、一般公共预算财政拨款收入", "一、一般公共服务支出"]);
    expect(names.find((n) => n[0] === "本年收入合计")).toEqual(["本年收入合计", "本年支出合计"]);
    expect(names.at(-1)).toEqual(["总计", "总计"]);
  });

  test("版面选项进入样式：窄名称列、对齐、无边框、横向页、页码", () => {
    const h = renderHtml(
      plain,
      opts({
        names: "narrow",
        valign: "mixed",
        borders: false,
        orientation: "mixed",
        footer: "page-of",
        density: "loose",
      }),
    );
    expect(h).toContain("td.name { width: 6.5em");
    expect(h).toContain("table.grid td { vertical-align: top; }");
    expect(h).toContain("border: none");
    expect(h).toMatch(/data-table="t09"/);
    expect(h).toMatch(/class="table-page wide" data-table="t09"/);
    expect(h).toContain('"第" counter(page) "页，共" counter(pages) "页"');
    expect(h).toContain("padding: 7pt 3pt");
  });
});

describe("真值与比较", () => {
  test("印出的 0.00 / 0 是值，- 与空白是空；附件不印，单位随版式", () => {
    const zero = htmlTruth(plain, opts({ empty: "0.00", unit: "元" }));
    const leaf = getTable(zero, "t02")!.rows.find((r) => r.code?.length === 7)!;
    expect(Object.keys(leaf.values).sort()).toEqual([...TABLE_COLUMNS.t02].sort());
    expect(zero.sourceUnit).toBe("元");
    expect(zero.appendix.performanceSheets).toEqual([]);
    expect(getTable(zero, "t07")!.rows[0].values).toEqual({});
    const t04 = getTable(zero, "t04")!;
    expect(Object.keys(t04.rows.find((r) => r.section === "income")!.values)).toEqual(["amount"]);
    const dash = htmlTruth(plain, opts({ empty: "-" }));
    expect(getTable(dash, "t02")).toEqual(getTable(plain, "t02"));
  });

  test("与自身比较无差异；改一个值、少一行、表头不符都报出来", () => {
    const truth = htmlTruth(plain, opts({}));
    expect(compareWithTruth(truth, structuredClone(truth))).toEqual([]);
    const read = structuredClone(truth) as Report;
    const t05 = read.tables.find((t) => t.id === "t05")!;
    t05.rows[0].values.total = "1.00";
    t05.rows.splice(2, 1);
    read.year = 2020;
    const kinds = compareWithTruth(truth, read).map((m) => m.kind);
    expect(kinds).toContain("value");
    expect(kinds).toContain("row-missing");
    expect(kinds).toContain("header");
    expect(kinds).toContain("figure");
  });

  test("元的文件按数值比较（8979.10 = 8979.1），万元的文件按印出的数字比较", () => {
    const yuan = htmlTruth(plain, opts({ unit: "元" }));
    const read = structuredClone(yuan);
    for (const t of read.tables)
      for (const r of t.rows) for (const k of Object.keys(r.values)) r.values[k] = new D(r.values[k]).toFixed();
    expect(compareWithTruth(yuan, read)).toEqual([]);
    const wan = htmlTruth(plain, opts({}));
    const read2 = structuredClone(wan);
    const row = read2.tables.find((t) => t.id === "t02")!.rows[0];
    row.values.total = new D(row.values.total).toFixed(3);
    expect(compareWithTruth(wan, read2).map((m) => m.kind)).toContain("value");
  });
});

describe("选项组合", () => {
  const m = optionMatrix(30, 2024);
  const keys = Object.keys(HTML_OPTION_VALUES) as (keyof HtmlOptions)[];

  test("同一种子同一组合", () => {
    expect(optionMatrix(30, 2024)).toEqual(m);
    expect(optionMatrix(30, 7)).not.toEqual(m);
  });

  test("30 份：每个取值至少两次，任意两个选项的每对取值都出现过", () => {
    for (const k of keys)
      for (const v of HTML_OPTION_VALUES[k] as readonly unknown[])
        expect(m.filter((o) => o[k] === v).length, `${k}=${String(v)}`).toBeGreaterThanOrEqual(2);
    const missing: string[] = [];
    for (let i = 0; i < keys.length; i++)
      for (let j = i + 1; j < keys.length; j++)
        for (const a of HTML_OPTION_VALUES[keys[i]] as readonly unknown[])
          for (const b of HTML_OPTION_VALUES[keys[j]] as readonly unknown[])
            if (!m.some((o) => o[keys[i]] === a && o[keys[j]] === b))
              missing.push(`${keys[i]}=${String(a)} × ${keys[j]}=${String(b)}`);
    expect(missing).toEqual([]);
  });

  test("每个组合都能渲染，每张表的每个值都印出来了", () => {
    for (const o of m) {
      const t = tablesOf(renderHtml(withFund, o));
      for (const id of ["t02", "t03", "t05", "t07"] as TableId[]) {
        const rows = subjectRows(t.get(id)!.body);
        for (const r of getTable(withFund, id)!.rows) {
          const cells = rows.get(r.key === "total" ? "total" : r.code!);
          expect(cells, `${id} ${r.code ?? r.key}`).toBeDefined();
          const printed = cells!
            .filter((c) => /\d/.test(c) && !/^0(\.00)?$/.test(c))
            .map((c) => new D(c.replace(/,/g, "")));
          const want = Object.values(r.values)
            .map((v) => new D(v).times(o.unit === "元" ? 10000 : 1))
            .filter((v) => !v.isZero());
          expect(printed.map(String).sort(), `${id} ${r.code ?? r.key}`).toEqual(want.map(String).sort());
        }
      }
    }
  });
});
