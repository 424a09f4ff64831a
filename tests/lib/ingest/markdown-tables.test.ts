import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { docFromText, decodeDocument } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import { parseMarkdownTables, type TablesResult } from "@/lib/ingest/layouts/markdown/tables";
import { tableSchema, type Table, type TableId, type TableRow } from "@/lib/report/schema";

const SEED = path.resolve(__dirname, "../../fixtures/documents/004_fcc6ab7362c41973.txt");
const seedText = readFileSync(SEED, "utf8");
const seed = parseMarkdownTables(decodeDocument("004_fcc6ab7362c41973.txt", readFileSync(SEED)));

function table(r: TablesResult, id: TableId): Table {
  const t = r.tables.find((x) => x.id === id);
  if (!t) throw new Error(`no ${id}`);
  return t;
}

/** Values from positional expectations; undefined means the cell is printed empty and the key must be absent. */
function vals(keys: string[], amounts: (string | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {};
  keys.forEach((k, i) => {
    if (amounts[i] !== undefined) out[k] = amounts[i]!;
  });
  return out;
}

function parseText(text: string, name = "hand.txt"): TablesResult {
  return parseMarkdownTables(docFromText(name, text));
}

/**
 * The located error that stops a table. A table that cannot be read is set aside (the rest of the document still
 * loads): it is absent from `tables` and its error is in `failed`; errors about the whole set are still thrown.
 */
function parseError(fn: () => unknown): ParseError {
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  const { tables, failed } = result as { tables: { id: string }[]; failed?: { id: string; error: ParseError }[] };
  if (failed?.length) {
    expect(tables.map((t) => t.id)).not.toContain(failed[0].id);
    return failed[0].error;
  }
  throw new Error("expected a ParseError");
}

const _ = undefined;

describe("seed 004: tables found by title", () => {
  test("all nine tables, in document order, with their title lines and statuses", () => {
    expect(seed.tables.map((t) => [t.id, t.sourceLine, t.status])).toEqual([
      ["t01", 65, "data"],
      ["t02", 110, "data"],
      ["t03", 153, "data"],
      ["t04", 196, "data"],
      ["t05", 245, "data"],
      ["t06", 288, "data"],
      ["t07", 338, "empty"],
      ["t08", 352, "empty"],
      ["t09", 366, "data"],
    ]);
  });

  test("unit, entity and no ambiguities", () => {
    expect(seed.sourceUnit).toBe("万元");
    expect(seed.entity).toBe("烟台市人民政府办公室本级");
    expect(seed.ambiguities).toEqual([]);
  });

  test("every table satisfies the canonical schema", () => {
    for (const t of seed.tables) expect(() => tableSchema.parse(t)).not.toThrow();
  });

  test("titles as printed (plain-line titles too, quotes kept)", () => {
    expect(table(seed, "t06").title).toBe("一般公共预算财政拨款基本支出决算明细表");
    expect(table(seed, "t09").title).toBe("财政拨款“三公”经费支出决算表");
  });

  test("07 and 08 are empty, with the document's own reason", () => {
    const t07 = table(seed, "t07");
    const t08 = table(seed, "t08");
    expect(t07.rows).toEqual([]);
    expect(t07.note).toBe("本单位没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。");
    expect(t08.rows).toEqual([]);
    expect(t08.note).toBe("本单位没有使用国有资本经营预算安排的支出，故本表无数据。");
  });
});

describe("seed 004: 公开01表 收入支出决算总表", () => {
  const t = table(seed, "t01");
  const income: [string, string, number, string | undefined, number][] = [
    ["gpb", "一、一般公共预算财政拨款收入", 1, "8251.79", 76],
    ["govFund", "二、政府性基金预算财政拨款收入", 2, _, 77],
    ["soe", "三、国有资本经营预算财政拨款收入", 3, _, 78],
    ["superior", "四、上级补助收入", 4, _, 79],
    ["business", "五、事业收入", 5, _, 80],
    ["operating", "六、经营收入", 6, _, 81],
    ["affiliated", "七、附属单位上缴收入", 7, _, 82],
    ["other", "八、其他收入", 8, "1.72", 83],
    ["incomeTotal", "本年收入合计", 27, "8253.51", 102],
    ["useNonFiscalBalance", "使用非财政拨款结余（含专用结余）", 28, _, 103],
    ["carryBegin", "年初结转和结余", 29, "1.99", 104],
    ["grandTotal", "总计", 31, "8255.50", 106],
  ];
  const expenditure: [string, string | undefined, string, number, string | undefined, number][] = [
    ["class", "201", "一、一般公共服务支出", 32, "6737.35", 76],
    ["class", "202", "二、外交支出", 33, _, 77],
    ["class", "203", "三、国防支出", 34, _, 78],
    ["class", "204", "四、公共安全支出", 35, _, 79],
    ["class", "205", "五、教育支出", 36, _, 80],
    ["class", "206", "六、科学技术支出", 37, _, 81],
    ["class", "207", "七、文化旅游体育与传媒支出", 38, _, 82],
    ["class", "208", "八、社会保障和就业支出", 39, "173.21", 83],
    ["class", "210", "九、卫生健康支出", 40, "244.76", 84],
    ["class", "211", "十、节能环保支出", 41, _, 85],
    ["class", "212", "十一、城乡社区支出", 42, _, 86],
    ["class", "213", "十二、农林水支出", 43, _, 87],
    ["class", "214", "十三、交通运输支出", 44, _, 88],
    ["class", "215", "十四、资源勘探工业信息等支出", 45, "19.73", 89],
    ["class", "216", "十五、商业服务业等支出", 46, _, 90],
    ["class", "217", "十六、金融支出", 47, _, 91],
    ["class", "219", "十七、援助其他地区支出", 48, _, 92],
    ["class", "220", "十八、自然资源海洋气象等支出", 49, _, 93],
    ["class", "221", "十九、住房保障支出", 50, _, 94],
    ["class", "222", "二十、粮油物资储备支出", 51, _, 95],
    ["class", "223", "二十一、国有资本经营预算支出", 52, _, 96],
    ["class", "224", "二十二、灾害防治及应急管理支出", 53, _, 97],
    ["class", "229", "二十三、其他支出", 54, "1077.24", 98],
    ["class", "231", "二十四、债务还本支出", 55, _, 99],
    ["class", "232", "二十五、债务付息支出", 56, _, 100],
    ["class", "234", "二十六、抗疫特别国债安排的支出", 57, _, 101],
    ["expenditureTotal", _, "本年支出合计", 58, "8252.29", 102],
    ["balanceDistribution", _, "结余分配", 59, _, 103],
    ["carryEnd", _, "年末结转和结余", 60, "3.21", 104],
    ["grandTotal", _, "总计", 62, "8255.50", 106],
  ];

  test("income rows then expenditure rows, blank template rows left out", () => {
    expect(t.rows).toHaveLength(income.length + expenditure.length);
  });

  test.each(income)("income %s %s (行次 %i)", (key, name, line, amount, sourceLine) => {
    const row = t.rows.find((r) => r.section === "income" && r.key === key);
    expect(row).toEqual({ section: "income", key, name, line, values: vals(["amount"], [amount]), sourceLine });
  });

  test.each(expenditure)("expenditure %s %s %s", (key, code, name, line, amount, sourceLine) => {
    const row = t.rows.find((r) => r.section === "expenditure" && r.line === line);
    const expected: TableRow = {
      section: "expenditure",
      key,
      name,
      line,
      values: vals(["amount"], [amount]),
      sourceLine,
    };
    if (code) expected.code = code;
    expect(row).toEqual(expected);
  });
});

describe("seed 004: 公开02表 收入决算表", () => {
  const t = table(seed, "t02");
  // code | total, name, 本年收入合计, 财政拨款收入, 其他收入 (上级补助/事业/经营/附属单位 are empty on every row), line
  const rows: [string, string, string, string, string | undefined, number][] = [
    ["total", "合计", "8253.51", "8251.79", "1.72", 120],
    ["201", "一般公共服务支出", "6738.57", "6736.85", "1.72", 121],
    ["20103", "政府办公厅（室）及相关机构事务", "6719.23", "6717.51", "1.72", 122],
    ["2010301", "行政运行", "3460.56", "3458.85", "1.72", 123],
    ["2010302", "一般行政管理事务", "3254.51", "3254.51", _, 124],
    ["2010399", "其他政府办公厅（室）及相关机构事务支出", "4.16", "4.16", _, 125],
    ["20113", "商贸事务", "19.34", "19.34", _, 126],
    ["2011399", "其他商贸事务支出", "19.34", "19.34", _, 127],
    ["208", "社会保障和就业支出", "173.21", "173.21", _, 128],
    ["20805", "行政事业单位养老支出", "151.51", "151.51", _, 129],
    ["2080505", "机关事业单位基本养老保险缴费支出", "146.56", "146.56", _, 130],
    ["2080506", "机关事业单位职业年金缴费支出", "4.95", "4.95", _, 131],
    ["20808", "抚恤", "21.70", "21.70", _, 136],
    ["2080801", "死亡抚恤", "21.70", "21.70", _, 137],
    ["210", "卫生健康支出", "244.76", "244.76", _, 138],
    ["21004", "公共卫生", "114.94", "114.94", _, 139],
    ["2100410", "突发公共卫生事件应急处理", "114.94", "114.94", _, 140],
    ["21011", "行政事业单位医疗", "129.82", "129.82", _, 141],
    ["2101101", "行政单位医疗", "66.87", "66.87", _, 142],
    ["2101103", "公务员医疗补助", "62.95", "62.95", _, 143],
    ["215", "资源勘探工业信息等支出", "19.73", "19.73", _, 144],
    ["21505", "工业和信息产业监管", "19.73", "19.73", _, 145],
    ["2150599", "其他工业和信息产业监管支出", "19.73", "19.73", _, 146],
    ["229", "其他支出", "1077.24", "1077.24", _, 147],
    ["22999", "其他支出", "1077.24", "1077.24", _, 148],
    ["2299999", "其他支出", "1077.24", "1077.24", _, 149],
  ];

  test("every printed row, across the page break, in order", () => {
    expect(t.rows.map((r) => r.code ?? r.key)).toEqual(rows.map((r) => r[0]));
  });

  test.each(rows)("%s %s", (id, name, total, fiscal, other, sourceLine) => {
    const row = t.rows.find((r) => (r.code ?? r.key) === id && r.sourceLine === sourceLine);
    const expected: TableRow = { name, values: vals(["total", "fiscal", "other"], [total, fiscal, other]), sourceLine };
    if (id === "total") expected.key = "total";
    else expected.code = id;
    expect(row).toEqual(expected);
  });
});

/** t03 and t05 share the shape: total, basic, project. */
function subjectCases(rows: [string, string, string, string | undefined, string | undefined, number][]) {
  return rows;
}

describe("seed 004: 公开03表 支出决算表", () => {
  const t = table(seed, "t03");
  const rows = subjectCases([
    ["total", "合计", "8252.29", "3762.38", "4489.91", 163],
    ["201", "一般公共服务支出", "6737.35", "3459.35", "3278.01", 164],
    ["20103", "政府办公厅（室）及相关机构事务", "6718.02", "3459.35", "3258.67", 165],
    ["2010301", "行政运行", "3459.35", "3459.35", _, 166],
    ["2010302", "一般行政管理事务", "3254.51", _, "3254.51", 167],
    ["2010399", "其他政府办公厅（室）及相关机构事务支出", "4.16", _, "4.16", 168],
    ["20113", "商贸事务", "19.34", _, "19.34", 169],
    ["2011399", "其他商贸事务支出", "19.34", _, "19.34", 170],
    ["208", "社会保障和就业支出", "173.21", "173.21", _, 171],
    ["20805", "行政事业单位养老支出", "151.51", "151.51", _, 172],
    ["2080505", "机关事业单位基本养老保险缴费支出", "146.56", "146.56", _, 173],
    ["2080506", "机关事业单位职业年金缴费支出", "4.95", "4.95", _, 174],
    ["20808", "抚恤", "21.70", "21.70", _, 175],
    ["2080801", "死亡抚恤", "21.70", "21.70", _, 180],
    ["210", "卫生健康支出", "244.76", "129.82", "114.94", 181],
    ["21004", "公共卫生", "114.94", _, "114.94", 182],
    ["2100410", "突发公共卫生事件应急处理", "114.94", _, "114.94", 183],
    ["21011", "行政事业单位医疗", "129.82", "129.82", _, 184],
    ["2101101", "行政单位医疗", "66.87", "66.87", _, 185],
    ["2101103", "公务员医疗补助", "62.95", "62.95", _, 186],
    ["215", "资源勘探工业信息等支出", "19.73", _, "19.73", 187],
    ["21505", "工业和信息产业监管", "19.73", _, "19.73", 188],
    ["2150599", "其他工业和信息产业监管支出", "19.73", _, "19.73", 189],
    ["229", "其他支出", "1077.24", _, "1077.24", 190],
    ["22999", "其他支出", "1077.24", _, "1077.24", 191],
    ["2299999", "其他支出", "1077.24", _, "1077.24", 192],
  ]);

  test("every printed row in order", () => {
    expect(t.rows.map((r) => r.code ?? r.key)).toEqual(rows.map((r) => r[0]));
  });

  test.each(rows)("%s %s", (id, name, total, basic, project, sourceLine) => {
    const row = t.rows.find((r) => (r.code ?? r.key) === id && r.sourceLine === sourceLine);
    expect(row?.name).toBe(name);
    expect(row?.values).toEqual(vals(["total", "basic", "project"], [total, basic, project]));
  });
});

describe("seed 004: 公开04表 财政拨款收入支出决算总表", () => {
  const t = table(seed, "t04");
  const income: [string, string, number, string | undefined, number][] = [
    ["gpb", "一、一般公共预算财政拨款", 1, "8251.79", 206],
    ["govFund", "二、政府性基金预算财政拨款", 2, _, 207],
    ["soe", "三、国有资本经营预算财政拨款", 3, _, 208],
    ["incomeTotal", "本年收入合计", 27, "8251.79", 236],
    ["carryBegin", "年初财政拨款结转和结余", 28, _, 237],
    ["carryBeginGpb", "一般公共预算财政拨款", 29, _, 238],
    ["carryBeginGovFund", "政府性基金预算财政拨款", 30, _, 239],
    ["carryBeginSoe", "国有资本经营预算财政拨款", 31, _, 240],
    ["grandTotal", "总计", 32, "8251.79", 241],
  ];
  // key, code, name, 行次, 合计, 一般公共预算 (政府性基金 / 国有资本经营 are empty on every row), line
  const expenditure: [string, string | undefined, string, number, string | undefined, string | undefined, number][] = [
    ["class", "201", "一、一般公共服务支出", 33, "6736.85", "6736.85", 206],
    ["class", "202", "二、外交支出", 34, _, _, 207],
    ["class", "203", "三、国防支出", 35, _, _, 208],
    ["class", "204", "四、公共安全支出", 36, _, _, 209],
    ["class", "205", "五、教育支出", 37, _, _, 210],
    ["class", "206", "六、科学技术支出", 38, _, _, 211],
    ["class", "207", "七、文化旅游体育与传媒支出", 39, _, _, 212],
    ["class", "208", "八、社会保障和就业支出", 40, "173.21", "173.21", 213],
    ["class", "210", "九、卫生健康支出", 41, "244.76", "244.76", 214],
    ["class", "211", "十、节能环保支出", 42, _, _, 215],
    ["class", "212", "十一、城乡社区支出", 43, _, _, 216],
    ["class", "213", "十二、农林水支出", 44, _, _, 217],
    ["class", "214", "十三、交通运输支出", 45, _, _, 218],
    ["class", "215", "十四、资源勘探工业信息等支出", 46, "19.73", "19.73", 219],
    ["class", "216", "十五、商业服务业等支出", 47, _, _, 224],
    ["class", "217", "十六、金融支出", 48, _, _, 225],
    ["class", "219", "十七、援助其他地区支出", 49, _, _, 226],
    ["class", "220", "十八、自然资源海洋气象等支出", 50, _, _, 227],
    ["class", "221", "十九、住房保障支出", 51, _, _, 228],
    ["class", "222", "二十、粮油物资储备支出", 52, _, _, 229],
    ["class", "223", "二十一、国有资本经营预算支出", 53, _, _, 230],
    ["class", "224", "二十二、灾害防治及应急管理支出", 54, _, _, 231],
    ["class", "229", "二十三、其他支出", 55, "1077.24", "1077.24", 232],
    ["class", "231", "二十四、债务还本支出", 56, _, _, 233],
    ["class", "232", "二十五、债务付息支出", 57, _, _, 234],
    ["class", "234", "二十六、抗疫特别国债安排的支出", 58, _, _, 235],
    ["expenditureTotal", _, "本年支出合计", 59, "8251.79", "8251.79", 236],
    ["carryEnd", _, "年末财政拨款结转和结余", 60, _, _, 237],
    ["grandTotal", _, "总计", 64, "8251.79", "8251.79", 241],
  ];

  test("rows across the repeated header; nameless template rows 61–63 left out", () => {
    expect(t.rows).toHaveLength(income.length + expenditure.length);
  });

  test.each(income)("income %s %s", (key, name, line, amount, sourceLine) => {
    const row = t.rows.find((r) => r.section === "income" && r.key === key);
    expect(row).toEqual({ section: "income", key, name, line, values: vals(["amount"], [amount]), sourceLine });
  });

  test.each(expenditure)("expenditure %s %s %s", (key, code, name, line, total, gpb, sourceLine) => {
    const row = t.rows.find((r) => r.section === "expenditure" && r.line === line);
    const expected: TableRow = {
      section: "expenditure",
      key,
      name,
      line,
      values: vals(["total", "gpb"], [total, gpb]),
      sourceLine,
    };
    if (code) expected.code = code;
    expect(row).toEqual(expected);
  });
});

describe("seed 004: 公开05表 一般公共预算财政拨款支出决算表", () => {
  const t = table(seed, "t05");
  const rows = subjectCases([
    ["total", "合计", "8251.79", "3761.88", "4489.91", 255],
    ["201", "一般公共服务支出", "6736.85", "3458.85", "3278.01", 256],
    ["20103", "政府办公厅（室）及相关机构事务", "6717.51", "3458.85", "3258.67", 257],
    ["2010301", "行政运行", "3458.85", "3458.85", _, 258],
    ["2010302", "一般行政管理事务", "3254.51", _, "3254.51", 259],
    ["2010399", "其他政府办公厅（室）及相关机构事务支出", "4.16", _, "4.16", 260],
    ["20113", "商贸事务", "19.34", _, "19.34", 261],
    ["2011399", "其他商贸事务支出", "19.34", _, "19.34", 262],
    ["208", "社会保障和就业支出", "173.21", "173.21", _, 263],
    ["20805", "行政事业单位养老支出", "151.51", "151.51", _, 264],
    ["2080505", "机关事业单位基本养老保险缴费支出", "146.56", "146.56", _, 265],
    ["2080506", "机关事业单位职业年金缴费支出", "4.95", "4.95", _, 266],
    ["20808", "抚恤", "21.70", "21.70", _, 267],
    ["2080801", "死亡抚恤", "21.70", "21.70", _, 272],
    ["210", "卫生健康支出", "244.76", "129.82", "114.94", 273],
    ["21004", "公共卫生", "114.94", _, "114.94", 274],
    ["2100410", "突发公共卫生事件应急处理", "114.94", _, "114.94", 275],
    ["21011", "行政事业单位医疗", "129.82", "129.82", _, 276],
    ["2101101", "行政单位医疗", "66.87", "66.87", _, 277],
    ["2101103", "公务员医疗补助", "62.95", "62.95", _, 278],
    ["215", "资源勘探工业信息等支出", "19.73", _, "19.73", 279],
    ["21505", "工业和信息产业监管", "19.73", _, "19.73", 280],
    ["2150599", "其他工业和信息产业监管支出", "19.73", _, "19.73", 281],
    ["229", "其他支出", "1077.24", _, "1077.24", 282],
    ["22999", "其他支出", "1077.24", _, "1077.24", 283],
    ["2299999", "其他支出", "1077.24", _, "1077.24", 284],
  ]);

  test("every printed row in order", () => {
    expect(t.rows.map((r) => r.code ?? r.key)).toEqual(rows.map((r) => r[0]));
  });

  test.each(rows)("%s %s", (id, name, total, basic, project, sourceLine) => {
    const row = t.rows.find((r) => (r.code ?? r.key) === id && r.sourceLine === sourceLine);
    expect(row?.name).toBe(name);
    expect(row?.values).toEqual(vals(["total", "basic", "project"], [total, basic, project]));
  });
});

describe("seed 004: 公开06表 基本支出决算明细表 (three groups per line)", () => {
  const t = table(seed, "t06");
  const personnel: [string, string, string | undefined, number][] = [
    ["301", "工资福利支出", "2745.76", 297],
    ["30101", "基本工资", "613.97", 298],
    ["30102", "津贴补贴", "686.86", 299],
    ["30103", "奖金", "794.45", 300],
    ["30106", "伙食补助费", _, 301],
    ["30107", "绩效工资", _, 302],
    ["30108", "机关事业单位基本养老保险缴费", "228.43", 303],
    ["30109", "职业年金缴费", "15.13", 304],
    ["30110", "职工基本医疗保险缴费", "103.38", 305],
    ["30111", "公务员医疗补助缴费", "86.24", 306],
    ["30112", "其他社会保障缴费", "18.38", 307],
    ["30113", "住房公积金", "198.80", 308],
    ["30114", "医疗费", _, 309],
    ["30199", "其他工资福利支出", "0.11", 310],
    ["303", "对个人和家庭的补助", "433.53", 311],
    ["30301", "离休费", "28.77", 315],
    ["30302", "退休费", "375.76", 316],
    ["30303", "退职（役）费", _, 317],
    ["30304", "抚恤金", "21.70", 318],
    ["30305", "生活补助", "3.74", 319],
    ["30306", "救济费", _, 320],
    ["30307", "医疗费补助", _, 321],
    ["30308", "助学金", _, 322],
    ["30309", "奖励金", _, 323],
    ["30310", "个人农业生产补贴", _, 324],
    ["30311", "代缴社会保险费", _, 325],
    ["30399", "其他对个人和家庭的补助", "3.56", 326],
  ];
  const publicRows: [string, string, string | undefined, number][] = [
    ["302", "商品和服务支出", "580.28", 297],
    ["30201", "办公费", "97.06", 298],
    ["30202", "印刷费", "20.00", 299],
    ["30203", "咨询费", _, 300],
    ["30204", "手续费", _, 301],
    ["30205", "水费", _, 302],
    ["30206", "电费", _, 303],
    ["30207", "邮电费", "7.40", 304],
    ["30208", "取暖费", _, 305],
    ["30209", "物业管理费", _, 306],
    ["30211", "差旅费", "73.34", 307],
    ["30212", "因公出国（境）费用", "8.98", 308],
    ["30213", "维修（护）费", "0.07", 309],
    ["30214", "租赁费", "2.58", 310],
    ["30215", "会议费", _, 311],
    ["30216", "培训费", "13.36", 315],
    ["30217", "公务接待费", _, 316],
    ["30218", "专用材料费", _, 317],
    ["30224", "被装购置费", _, 318],
    ["30225", "专用燃料费", _, 319],
    ["30226", "劳务费", "2.38", 320],
    ["30227", "委托业务费", "30.08", 321],
    ["30228", "工会经费", "35.69", 322],
    ["30229", "福利费", _, 323],
    ["30231", "公务用车运行维护费", "21.49", 324],
    ["30239", "其他交通费用", "94.03", 325],
    ["30240", "税金及附加费用", _, 326],
    ["30299", "其他商品和服务支出", "173.83", 327],
    ["307", "债务利息及费用支出", _, 297],
    ["30701", "国内债务付息", _, 298],
    ["30702", "国外债务付息", _, 299],
    ["30703", "国内债务发行费用", _, 300],
    ["30704", "国外债务发行费用", _, 301],
    ["310", "资本性支出", "2.30", 302],
    ["31001", "房屋建筑物购建", _, 303],
    ["31002", "办公设备购置", "2.30", 304],
    ["31003", "专用设备购置", _, 305],
    ["31005", "基础设施建设", _, 306],
    ["31006", "大型修缮", _, 307],
    ["31007", "信息网络及软件购置更新", _, 308],
    ["31008", "物资储备", _, 309],
    ["31009", "土地补偿", _, 310],
    ["31010", "安置补助", _, 311],
    ["31011", "地上附着物和青苗补偿", _, 315],
    ["31012", "拆迁补偿", _, 316],
    ["31013", "公务用车购置", _, 317],
    ["31019", "其他交通工具购置", _, 318],
    ["31021", "文物和陈列品购置", _, 319],
    ["31022", "无形资产购置", _, 320],
    ["31099", "其他资本性支出", _, 321],
    ["312", "对企业补助", _, 322],
    ["31201", "资本金注入", _, 323],
    ["31203", "政府投资基金股权投资", _, 324],
    ["31204", "费用补贴", _, 325],
    ["31205", "利息补贴", _, 326],
    ["31299", "其他对企业补助", _, 327],
    ["399", "其他支出", _, 328],
    ["39907", "国家赔偿费用支出", _, 329],
    ["39908", "对民间非营利组织和群众性自治组织补贴", _, 330],
    ["39909", "经常性赠与", _, 331],
    ["39910", "资本性赠与", _, 332],
    ["39999", "其他支出", _, 333],
  ];

  test("groups read down the pages one after another, then the two totals", () => {
    expect(t.rows.map((r) => r.code ?? r.key)).toEqual([
      ...personnel.map((r) => r[0]),
      ...publicRows.map((r) => r[0]),
      "personnelTotal",
      "publicTotal",
    ]);
  });

  test.each(personnel)("人员经费 %s %s", (code, name, amount, sourceLine) => {
    const row = t.rows.find((r) => r.code === code);
    expect(row).toEqual({ section: "personnel", code, name, values: vals(["amount"], [amount]), sourceLine });
  });

  test.each(publicRows)("公用经费 %s %s", (code, name, amount, sourceLine) => {
    const row = t.rows.find((r) => r.code === code);
    expect(row).toEqual({ section: "public", code, name, values: vals(["amount"], [amount]), sourceLine });
  });

  test("人员经费合计 and 公用经费合计 (the latter printed in the last column of its merged cell)", () => {
    expect(t.rows.filter((r) => r.key)).toEqual([
      { key: "personnelTotal", name: "人员经费合计", values: { amount: "3179.30" }, sourceLine: 334 },
      { key: "publicTotal", name: "公用经费合计", values: { amount: "582.58" }, sourceLine: 334 },
    ]);
  });
});

describe("seed 004: 公开09表 三公经费", () => {
  test("预算数 and 决算数, six columns each; the empty 购置费 stays absent", () => {
    expect(table(seed, "t09").rows).toEqual([
      {
        key: "sangong",
        name: "财政拨款“三公”经费",
        values: {
          budgetTotal: "136.54",
          budgetAbroad: "40.66",
          budgetVehicle: "21.49",
          budgetVehicleOperation: "21.49",
          budgetReception: "74.39",
          finalTotal: "136.54",
          finalAbroad: "40.66",
          finalVehicle: "21.49",
          finalVehicleOperation: "21.49",
          finalReception: "74.39",
        },
        sourceLine: 377,
      },
    ]);
  });
});

describe("seed 004 mutated", () => {
  test("the whole document as markdown pipe tables reads the same", () => {
    const piped = seedText
      .split("\n")
      .map((l) => (l.includes("\t") ? `| ${l.split("\t").join(" | ")} |` : l))
      .join("\n");
    expect(parseText(piped, "004-pipes.md")).toEqual(seed);
  });

  test("a broken number is a ParseError naming file, table, line and the cell", () => {
    const lines = seedText.split("\n");
    lines[254] = lines[254].replace("3,761.88", "3,76l.88");
    const e = parseError(() => parseText(lines.join("\n"), "004-broken.txt"));
    expect(e.file).toBe("004-broken.txt");
    expect(e.table).toBe("公开05表 一般公共预算财政拨款支出决算表");
    expect(e.line).toBe(255);
    expect(e.found).toBe("3,76l.88");
    expect(e.describe()).toContain("第 255 行");
  });

  test("a data line with extra non-empty cells is a ParseError", () => {
    const lines = seedText.split("\n");
    lines[122] = `${lines[122]}\t9.99`;
    const e = parseError(() => parseText(lines.join("\n")));
    expect(e.table).toBe("公开02表 收入决算表");
    expect(e.line).toBe(123);
    expect(e.expected).toBe("9 列（与表头一致）");
  });

  test("trailing empty cells trimmed by an editor are restored", () => {
    const trimmed = seedText
      .split("\n")
      .map((l) => l.replace(/\t+$/, ""))
      .join("\n");
    expect(parseText(trimmed, "004_fcc6ab7362c41973.txt").tables).toEqual(seed.tables);
  });

  test("the table of contents naming every table is not mistaken for the tables", () => {
    expect(seedText.split("\n")[15]).toBe("- 一、收入支出决算总表");
    expect(table(seed, "t01").sourceLine).toBe(65);
  });

  test("a table printed twice (another unit's, or a second 三公 table): the first is read, the second is noted", () => {
    const lines = seedText.split("\n");
    const t05 = lines.slice(244, 287).join("\n");
    const r = parseText(`${seedText}\n${t05}\n`);
    expect(r.tables.filter((t) => t.id === "t05")).toHaveLength(1);
    expect(r.tables.find((t) => t.id === "t05")?.sourceLine).toBe(245);
    expect(r.failed).toHaveLength(1);
    const e = r.failed[0].error;
    expect(e.table).toBe("公开05表 一般公共预算财政拨款支出决算表");
    expect(e.message).toContain("两次");
  });
});

describe("hand-made inputs", () => {
  const t05Pipe = [
    "## 一般公共预算财政拨款支出决算表",
    "",
    "公开05表",
    "",
    "部门：某某市某某局　　金额单位：元",
    "",
    "| 项目 | | 本年支出 | | |",
    "|---|---|---|---|---|",
    "| 科目编码 | 科目名称 | 小计 | 基本支出 | 项目支出 |",
    "| 合计 | | 1,234,567.89 | 1,000,000.00 | 234,567.89 |",
    "| 201 | 一般公共服务支出 | 1,234,567.89 | 1,000,000.00 | 234,567.89 |",
    "| 2010301 | 行政运行 | 1,000,000.00 | 1,000,000.00 | - |",
    "| 2010302 | 一般行政管理事务 | 234,567.89 | — | 234,567.89 |",
    "",
    "注：本表反映一般公共预算财政拨款支出情况。",
  ].join("\n");

  test("a markdown pipe table in 元: unit and entity read, amounts as printed, '-' and '—' absent", () => {
    const r = parseText(t05Pipe);
    expect(r.sourceUnit).toBe("元");
    expect(r.entity).toBe("某某市某某局");
    expect(r.ambiguities).toEqual([]);
    const t = table(r, "t05");
    expect(t.note).toBe("本表反映一般公共预算财政拨款支出情况。");
    expect(t.rows).toEqual([
      {
        key: "total",
        name: "合计",
        values: { total: "1234567.89", basic: "1000000.00", project: "234567.89" },
        sourceLine: 10,
      },
      {
        code: "201",
        name: "一般公共服务支出",
        values: { total: "1234567.89", basic: "1000000.00", project: "234567.89" },
        sourceLine: 11,
      },
      { code: "2010301", name: "行政运行", values: { total: "1000000.00", basic: "1000000.00" }, sourceLine: 12 },
      {
        code: "2010302",
        name: "一般行政管理事务",
        values: { total: "234567.89", project: "234567.89" },
        sourceLine: 13,
      },
    ]);
  });

  test("full-width digits and punctuation in codes and amounts", () => {
    const text = [
      "收入决算表",
      "金额单位：万元",
      "科目编码\t科目名称\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位上缴收入\t其他收入",
      "合 计\t\t１，２３４．５０\t１２３４．５０\t\t\t\t\t",
      "２０１\t一般公共服务支出\t１２３４．５０\t１２３４．５０\t－\t\t\t\t",
    ].join("\n");
    const t = table(parseText(text), "t02");
    expect(t.rows).toEqual([
      { key: "total", name: "合计", values: { total: "1234.50", fiscal: "1234.50" }, sourceLine: 4 },
      { code: "201", name: "一般公共服务支出", values: { total: "1234.50", fiscal: "1234.50" }, sourceLine: 5 },
    ]);
  });

  test("a title with entity, year and (续), a name wrapped onto its own row, 类/款/项 in three columns", () => {
    const text = [
      "某某局2023年度支出决算表",
      "单位：万元",
      "类\t款\t项\t科目名称\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出",
      "合计\t\t\t\t10.00\t4.00\t6.00\t\t\t",
      "201\t\t\t一般公共服务支出\t10.00\t4.00\t6.00\t\t\t",
      "\t03\t\t政府办公厅（室）及相关",
      "\t\t\t机构事务\t",
      "\t\t01\t行政运行\t4.00\t4.00\t\t\t\t",
      "",
      "支出决算表（续）",
      "类\t款\t项\t科目名称\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出",
      "\t\t02\t一般行政管理事务\t6.00\t\t6.00\t\t\t",
    ].join("\n");
    const t = table(parseText(text), "t03");
    expect(t.rows.map((r) => [r.code ?? r.key, r.name, r.values])).toEqual([
      ["total", "合计", { total: "10.00", basic: "4.00", project: "6.00" }],
      ["201", "一般公共服务支出", { total: "10.00", basic: "4.00", project: "6.00" }],
      ["20103", "政府办公厅（室）及相关机构事务", {}],
      ["2010301", "行政运行", { total: "4.00", basic: "4.00" }],
      ["2010302", "一般行政管理事务", { total: "6.00", project: "6.00" }],
    ]);
  });

  test("a broken number in a hand-made table names the line, expected and found", () => {
    const text = [
      "国有资本经营预算财政拨款支出决算表",
      "金额单位：万元",
      "科目编码\t科目名称\t小计\t基本支出\t项目支出",
      "合计\t\t1O.00\t\t",
    ].join("\n");
    const e = parseError(() => parseText(text, "broken.txt"));
    expect([e.file, e.table, e.line, e.found]).toEqual([
      "broken.txt",
      "国有资本经营预算财政拨款支出决算表",
      4,
      "1O.00",
    ]);
    expect(e.expected).toContain("金额");
  });

  test("a subject row without a code is refused rather than guessed", () => {
    const text = [
      "一般公共预算财政拨款支出决算表",
      "科目编码\t科目名称\t小计\t基本支出\t项目支出",
      "合计\t\t10.00\t\t10.00",
      "\t行政运行\t10.00\t\t10.00",
    ].join("\n");
    const e = parseError(() => parseText(text));
    expect(e.line).toBe(4);
    expect(e.expected).toContain("科目编码");
  });

  test("tables in different units are refused", () => {
    const text = [
      "一般公共预算财政拨款支出决算表",
      "金额单位：万元",
      "科目编码\t科目名称\t小计\t基本支出\t项目支出",
      "合计\t\t10.00\t\t10.00",
      "",
      "国有资本经营预算财政拨款支出决算表",
      "金额单位：元",
      "科目编码\t科目名称\t小计\t基本支出\t项目支出",
      "合计\t\t100000.00\t\t100000.00",
    ].join("\n");
    const e = parseError(() => parseText(text));
    expect(e.message).toBe("各表金额单位不一致");
    expect(e.line).toBe(7);
  });

  test("no unit printed anywhere: read as 万元 and said so", () => {
    const text = [
      "一般公共预算财政拨款支出决算表",
      "科目编码\t科目名称\t小计\t基本支出\t项目支出",
      "合计\t\t10.00\t\t10.00",
    ].join("\n");
    const r = parseText(text);
    expect(r.sourceUnit).toBe("万元");
    expect(r.ambiguities).toEqual([{ table: "t05", sourceLine: 1, message: "各表均未注明金额单位，按万元读取" }]);
  });

  test("summary table: an unknown income row is kept without a key and reported", () => {
    const text = [
      "收入支出决算总表",
      "金额单位：万元",
      "项目\t行次\t金额\t项目\t行次\t金额",
      "一、财政拨款收入\t1\t5.00\t一、一般公共服务支出\t2\t5.00",
      "用事业基金弥补收支差额\t3\t\t本年支出合计\t4\t5.00",
    ].join("\n");
    const r = parseText(text);
    const t = table(r, "t01");
    expect(t.rows.map((x) => [x.section, x.key, x.code, x.line])).toEqual([
      ["income", undefined, undefined, 1],
      ["income", undefined, undefined, 3],
      ["expenditure", "class", "201", 2],
      ["expenditure", "expenditureTotal", undefined, 4],
    ]);
    expect(r.ambiguities.map((a) => a.sourceLine)).toEqual([4, 5]);
  });

  test("三公 data line with too many cells is a ParseError", () => {
    const text = [
      "财政拨款“三公”经费支出决算表",
      "金额单位：万元",
      "预算数\t\t\t\t\t\t决算数\t\t\t\t\t",
      "合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费",
      "\t\t小计\t购置费\t运行维护费\t\t\t\t小计\t购置费\t运行维护费\t",
      "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12",
      "1\t\t1\t\t1\t\t1\t\t1\t\t1\t\t5",
    ].join("\n");
    const e = parseError(() => parseText(text));
    expect(e.line).toBe(7);
    expect(e.table).toBe("财政拨款“三公”经费支出决算表");
  });
});
