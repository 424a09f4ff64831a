import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { decodeDocument, docFromText, type SourceDoc } from "@/lib/ingest/document";
import { headingParts, listedTables, parseHeader, readHeadings, unitTable } from "@/lib/ingest/header";
import { reportSchema } from "@/lib/report/schema";

const FILE = path.resolve(__dirname, "../../fixtures/pdf-text/财政局2024-visual-lines.txt");
const FIXTURES = path.resolve(__dirname, "../../fixtures/documents");

function snippet(...lines: string[]): SourceDoc {
  return docFromText("snippet.txt", lines.join("\n"));
}

describe("上海市普陀区财政局 2024 (pages 1–5 as the PDF reader hands them over)", () => {
  const h = parseHeader(docFromText("财政局2024-visual-lines.txt", readFileSync(FILE, "utf8")));

  test("cover, scope and 概况", () => {
    expect({ department: h.department, year: h.year, scope: h.scope }).toEqual({
      department: "上海市普陀区财政局",
      year: 2024,
      scope: "部门决算",
    });
    expect(h.overview.duties?.startsWith("第一条根据《上海市普陀区机构改革方案》，制定本规定。")).toBe(true);
    expect(h.overview.duties?.endsWith("（十二）完成区委、区政府交办的其他任务。")).toBe(true);
    expect(h.unread).toEqual([]);
  });

  test("单位构成 printed as a small table (序号 | 单位名称 | 备注), lines 83–86", () => {
    expect(h.overview.units).toEqual([
      "上海市普陀区财政局（本级）",
      "上海市普陀区财政局财政所",
      "上海市普陀区国库收付中心",
    ]);
  });

  test("headings: the part titles of 目录 and of the body, 第三部分 wrapped over two lines", () => {
    const NAME = "上海市普陀区财政局";
    expect(h.headings).toEqual([
      { text: "第一部分 上海市普陀区财政局概况", sourceLine: 6, name: NAME },
      { text: "第二部分 上海市普陀区财政局2024年度部门决算表", sourceLine: 9, year: 2024, name: NAME },
      { text: "第三部分 上海市普陀区财政局2024年度部门决算情况说明", sourceLine: 19, year: 2024, name: NAME },
      { text: "第一部分上海市普陀区财政局概况", sourceLine: 34, name: NAME },
      { text: "第二部分上海市普陀区财政局2024年度部门决算表", sourceLine: 88, year: 2024, name: NAME },
      { text: "第三部分上海市普陀区财政局2024年度部门决算情况说明", sourceLine: 411, year: 2024, name: NAME },
    ]);
  });

  test("listedTables: the nine tables 目录 lists under 第二部分, as printed (lines 10–18)", () => {
    expect(h.listedTables).toEqual([
      "一、收入支出决算总表",
      "二、收入决算表",
      "三、支出决算表",
      "四、财政拨款收入支出决算总表",
      "五、一般公共预算财政拨款支出决算表",
      "六、一般公共预算财政拨款基本支出决算表",
      "七、财政拨款“三公”经费支出决算表",
      "八、政府性基金预算财政拨款收入支出决算表",
      "九、国有资本经营预算财政拨款收入支出决算表",
    ]);
  });

  test("headings and listedTables fit the report schema", () => {
    const shape = reportSchema.shape;
    expect(() => shape.headings.parse(h.headings)).not.toThrow();
    expect(() => shape.listedTables.parse(h.listedTables)).not.toThrow();
  });
});

describe("the seeds", () => {
  test.each([
    ["000_de383ccec50b5c0e.txt", "部门：烟台市大数据局", "烟台市大数据局", 9, 2023],
    ["004_fcc6ab7362c41973.txt", "单位：烟台市人民政府办公室本级", "烟台市人民政府办公室", 9, 2023],
  ])("%s: 部门：/单位： table headers carry the name, part titles the year", (file, header, name, tables, year) => {
    const h = parseHeader(decodeDocument(file, readFileSync(path.join(FIXTURES, file))));
    const headers = h.headings.filter((x) => x.text === header);
    expect(headers.length).toBeGreaterThanOrEqual(9);
    for (const x of headers) expect(x.name).toBe(name);
    expect(h.headings.filter((x) => /^第/.test(x.text)).map((x) => x.year)).toEqual([year, year, year, year]);
    expect(h.listedTables).toHaveLength(tables);
    expect(h.listedTables[8]).toBe("九、财政拨款“三公”经费支出决算表");
  });

  test("000: 第 三 部 分 on its own line takes the title of the next one", () => {
    const h = parseHeader(
      decodeDocument("000_de383ccec50b5c0e.txt", readFileSync(path.join(FIXTURES, "000_de383ccec50b5c0e.txt"))),
    );
    expect(h.headings).toContainEqual({ text: "第 三 部 分 2023 年度部门决算情况说明", sourceLine: 775, year: 2023 });
  });
});

describe("单位构成 as a table: the rows' 单位名称, whatever the layout", () => {
  const INTRO = ["二、部门决算单位构成", "纳入某区某局2024年度部门决算编制范围的单位包括："];
  test.each([
    [
      "PDF visual lines, cells run together",
      [
        "序号单位名称备注",
        "1某区某局（本级）",
        "2某区某局财政所预算不单列，并入本级",
        "3某区国库收付中心预算不单列，并入本级",
      ],
    ],
    [
      "tab-separated rows",
      [
        "序号\t单位名称\t备注",
        "1\t某区某局（本级）\t",
        "2\t某区某局财政所\t预算不单列，并入本级",
        "3\t某区国库收付中心\t预算不单列，并入本级",
      ],
    ],
    [
      "markdown table",
      [
        "| 序号 | 单位名称 | 备注 |",
        "| --- | --- | --- |",
        "| 1 | 某区某局（本级） | |",
        "| 2 | 某区某局财政所 | 预算不单列，并入本级 |",
        "| 3 | 某区国库收付中心 | 预算不单列，并入本级 |",
      ],
    ],
    [
      "spaced text",
      [
        "序号 单位名称 备注",
        "1 某区某局（本级）",
        "2 某区某局财政所 预算不单列，并入本级",
        "3 某区国库收付中心 预算不单列，并入本级",
      ],
    ],
  ])("%s", (_, rows) => {
    const h = parseHeader(
      snippet(
        "某区某局",
        "2024年度部门决算",
        "一、主要职能",
        "负责某事。",
        ...INTRO,
        ...rows,
        "第二部分 某区某局2024年度部门决算表",
      ),
    );
    expect(h.overview.units).toEqual(["某区某局（本级）", "某区某局财政所", "某区国库收付中心"]);
  });

  test("the numbered-text form still reads, with the Shanghai intro", () => {
    const h = parseHeader(
      snippet("2024年度某局部门决算", ...INTRO, "1、某局本级；2、某局信息中心。", "第二部分 某局2024年度部门决算表"),
    );
    expect(h.overview.units).toEqual(["某局本级", "某局信息中心"]);
  });

  test("unitTable stops at the first line that is no row", () => {
    const doc = snippet("序号 单位名称", "1 某局", "本表以外的说明。", "2 不是单位");
    expect(unitTable(doc, 0, doc.lines.length)).toEqual(["某局"]);
  });
});

describe("headings that name a year or a department, so leftovers can be found", () => {
  test("a 2024 document whose part title and table header still say 2023 and XX局", () => {
    const h = parseHeader(
      snippet(
        "某区某局",
        "2024年度部门决算",
        "目录",
        "第一部分 某区某局概况",
        "第二部分 某区某局2023年度部门决算表",
        "一、收入支出决算总表",
        "第三部分 某区某局2024年度部门决算情况说明",
        "第二部分 某区某局2023年度部门决算表",
        "收入支出决算总表",
        "部门：XX局",
        "单位：万元",
        "项目支出绩效自评表（2023年度）",
      ),
    );
    expect(h.year).toBe(2024);
    expect(h.headings).toEqual([
      { text: "第一部分 某区某局概况", sourceLine: 4, name: "某区某局" },
      { text: "第二部分 某区某局2023年度部门决算表", sourceLine: 5, year: 2023, name: "某区某局" },
      { text: "第三部分 某区某局2024年度部门决算情况说明", sourceLine: 7, year: 2024, name: "某区某局" },
      { text: "第二部分 某区某局2023年度部门决算表", sourceLine: 8, year: 2023, name: "某区某局" },
      { text: "部门：XX局", sourceLine: 10, name: "XX局" },
      { text: "项目支出绩效自评表（2023年度）", sourceLine: 12, year: 2023 },
    ]);
    expect(h.listedTables).toEqual(["一、收入支出决算总表"]);
  });

  test.each([
    ["第二部分上海市普陀区财政局2024年度部门决算表", { year: 2024, name: "上海市普陀区财政局" }],
    ["第二部分2023年度烟台市大数据局部门决算表", { year: 2023, name: "烟台市大数据局" }],
    ["第二部分2023年度部门决算表", { year: 2023 }],
    ["第一部分部门概况", {}],
    ["第一部分某县第一中学概况", { name: "某县第一中学" }],
    ["2023年度市级预算项目绩效自评情况汇总表", { year: 2023 }],
  ])("%s", (title, parts) => {
    expect(headingParts(title)).toEqual(parts);
  });

  test("wrapped sentences of the narrative are no headings", () => {
    const doc = snippet(
      "第三部分 2023年度部门决算情况说明",
      "2023 年度一般公共预算财政拨款基本支出决算",
      "1,433.56 万元，包括人员经费和公用经费。",
      "2023 年度财政拨款“三公”经费支出全年预算为 5.35 万",
    );
    expect(readHeadings(doc).map((x) => x.sourceLine)).toEqual([1]);
  });
});

describe("listedTables", () => {
  test("dot leaders and page numbers are dropped; numbering is kept", () => {
    const doc = snippet(
      "目 录",
      "第一部分 部门概况……3",
      "第二部分 2023年度部门决算表……5",
      "公开01表 收入支出决算总表……6",
      "公开02表 收入决算表……7",
      "第三部分 2023年度部门决算情况说明……15",
    );
    expect(listedTables(doc)).toEqual(["公开01表 收入支出决算总表", "公开02表 收入决算表"]);
  });

  test("no 目录: nothing is listed (the body's 第二部分 is followed by the tables themselves)", () => {
    expect(listedTables(snippet("第二部分 2023年度部门决算表", "收入支出决算总表", "单位：万元"))).toEqual([]);
  });
});

describe("the cover", () => {
  test("a title that cannot be read, with department and year from elsewhere: a cover note, not a rejection", () => {
    const h = parseHeader(
      snippet("决算公开材料", "收入支出决算总表", "部门：某市档案局", "第三部分 2023 年度部门决算情况说明"),
    );
    expect({ department: h.department, year: h.year, scope: h.scope }).toEqual({
      department: "某市档案局",
      year: 2023,
      scope: "部门决算",
    });
    expect(h.unread).toEqual([
      {
        part: "cover",
        where: "封面",
        sourceLine: 1,
        text: "决算公开材料收入支出决算总表部门：某市档案局",
        message: "封面标题无法识别：部门名称取自表头，年度取自正文标题",
      },
    ]);
  });
});
