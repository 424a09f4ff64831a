import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { decodeDocument, docFromText, type SourceDoc } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import { parsePlainTextTables, type TablesResult } from "@/lib/ingest/layouts/plain-text/tables";
import { parseDocument } from "@/lib/ingest/parse";
import { renderPlainText } from "@/lib/render/plain-text";
import {
  AmountRangeError,
  ColumnSolver,
  enumeratePlacements,
  FixedPoint,
  halfUnitOf,
  tolerance,
  type SumConstraint,
} from "@/lib/ingest/resolve-columns";
import { tableSchema, type Table, type TableId, type TableRow } from "@/lib/report/schema";

const SEED = path.resolve(__dirname, "../../fixtures/documents/000_de383ccec50b5c0e.txt");
const seed = decodeDocument("000_de383ccec50b5c0e.txt", readFileSync(SEED));
const SEED_HINTS = {
  t03: { basic: "1433.56", project: "7545.55" },
  t09: { budgetVehiclePurchase: "0", finalVehiclePurchase: "0" },
};

const withHints = parsePlainTextTables(seed, SEED_HINTS);
const withoutHints = parsePlainTextTables(seed);

function table(r: TablesResult, id: TableId): Table {
  const t = r.tables.find((x) => x.id === id);
  if (!t) throw new Error(`no ${id}`);
  return t;
}

/** Subject rows as [code or "合计", name, values, sourceLine]. */
type SubjectPin = [string, string, Record<string, string>, number];
const subjectRows = (pins: SubjectPin[]): TableRow[] =>
  pins.map(([code, name, values, sourceLine]) =>
    code === "合计" ? { key: "total", name, values, sourceLine } : { code, name, values, sourceLine },
  );

// Every figure below was read off the document (lines 161-774), not from the parser's output.
const T01_CLASSES: [string, string][] = [
  ["201", "一、一般公共服务支出"],
  ["202", "二、外交支出"],
  ["203", "三、国防支出"],
  ["204", "四、公共安全支出"],
  ["205", "五、教育支出"],
  ["206", "六、科学技术支出"],
  ["207", "七、文化旅游体育与传媒支出"],
  ["208", "八、社会保障和就业支出"],
  ["210", "九、卫生健康支出"],
  ["211", "十、节能环保支出"],
  ["212", "十一、城乡社区支出"],
  ["213", "十二、农林水支出"],
  ["214", "十三、交通运输支出"],
  ["215", "十四、资源勘探工业信息等支出"],
  ["216", "十五、商业服务业等支出"],
  ["217", "十六、金融支出"],
  ["219", "十七、援助其他地区支出"],
  ["220", "十八、自然资源海洋气象等支出"],
  ["221", "十九、住房保障支出"],
  ["222", "二十、粮油物资储备支出"],
  ["223", "二十一、国有资本经营预算支出"],
  ["224", "二十二、灾害防治及应急管理支出"],
  ["229", "二十三、其他支出"],
  ["231", "二十四、债务还本支出"],
  ["232", "二十五、债务付息支出"],
  ["234", "二十六、抗疫特别国债安排的支出"],
];

const T01_EXPECTED: TableRow[] = [
  {
    section: "income",
    key: "gpb",
    name: "一、一般公共预算财政拨款收入",
    line: 1,
    values: { amount: "8979.10" },
    sourceLine: 175,
  },
  { section: "income", key: "govFund", name: "二、政府性基金预算财政拨款收入", line: 2, values: {}, sourceLine: 177 },
  { section: "income", key: "soe", name: "三、国有资本经营预算财政拨款收入", line: 3, values: {}, sourceLine: 179 },
  { section: "income", key: "superior", name: "四、上级补助收入", line: 4, values: {}, sourceLine: 181 },
  { section: "income", key: "business", name: "五、事业收入", line: 5, values: {}, sourceLine: 183 },
  { section: "income", key: "operating", name: "六、经营收入", line: 6, values: {}, sourceLine: 185 },
  { section: "income", key: "affiliated", name: "七、附属单位上缴收入", line: 7, values: {}, sourceLine: 187 },
  { section: "income", key: "other", name: "八、其他收入", line: 8, values: { amount: "0.18" }, sourceLine: 189 },
  {
    section: "income",
    key: "incomeTotal",
    name: "本年收入合计",
    line: 27,
    values: { amount: "8979.28" },
    sourceLine: 227,
  },
  {
    section: "income",
    key: "useNonFiscalBalance",
    name: "使用非财政拨款结余（含专用结余）",
    line: 28,
    values: {},
    sourceLine: 229,
  },
  {
    section: "income",
    key: "carryBegin",
    name: "年初结转和结余",
    line: 29,
    values: { amount: "0.66" },
    sourceLine: 231,
  },
  { section: "income", key: "grandTotal", name: "总计", line: 31, values: { amount: "8979.95" }, sourceLine: 235 },
  ...T01_CLASSES.map(([code, name], i): TableRow => {
    const amount = { "208": "112.81", "210": "93.38", "215": "8772.92" }[code];
    return {
      section: "expenditure",
      key: "class",
      code,
      name,
      line: 32 + i,
      values: amount ? { amount } : {},
      sourceLine: 175 + 2 * i,
    };
  }),
  {
    section: "expenditure",
    key: "expenditureTotal",
    name: "本年支出合计",
    line: 58,
    values: { amount: "8979.11" },
    sourceLine: 227,
  },
  { section: "expenditure", key: "balanceDistribution", name: "结余分配", line: 59, values: {}, sourceLine: 229 },
  {
    section: "expenditure",
    key: "carryEnd",
    name: "年末结转和结余",
    line: 60,
    values: { amount: "0.84" },
    sourceLine: 231,
  },
  { section: "expenditure", key: "grandTotal", name: "总计", line: 62, values: { amount: "8979.95" }, sourceLine: 235 },
];

const T02_EXPECTED = subjectRows([
  ["合计", "合计", { total: "8979.28", fiscal: "8979.10", other: "0.18" }, 260],
  ["208", "社会保障和就业支出", { total: "112.81", fiscal: "112.81" }, 262],
  ["20805", "行政事业单位养老支出", { total: "112.81", fiscal: "112.81" }, 264],
  ["2080505", "机关事业单位基本养老保险缴费支出", { total: "101.65", fiscal: "101.65" }, 266],
  ["2080506", "机关事业单位职业年金缴费支出", { total: "11.16", fiscal: "11.16" }, 272],
  ["210", "卫生健康支出", { total: "93.38", fiscal: "93.38" }, 278],
  ["21004", "公共卫生", { total: "21.60", fiscal: "21.60" }, 280],
  ["2100410", "突发公共卫生事件应急处理", { total: "21.60", fiscal: "21.60" }, 282],
  ["21011", "行政事业单位医疗", { total: "71.78", fiscal: "71.78" }, 288],
  ["2101101", "行政单位医疗", { total: "15.56", fiscal: "15.56" }, 290],
  ["2101102", "事业单位医疗", { total: "30.81", fiscal: "30.81" }, 292],
  ["2101199", "其他行政事业单位医疗支出", { total: "25.41", fiscal: "25.41" }, 294],
  ["215", "资源勘探工业信息等支出", { total: "8773.10", fiscal: "8772.92", other: "0.18" }, 314],
  ["21505", "工业和信息产业监管", { total: "8773.10", fiscal: "8772.92", other: "0.18" }, 316],
  ["2150501", "行政运行", { total: "374.33", fiscal: "374.33" }, 318],
  ["2150502", "一般行政管理事务", { total: "76.01", fiscal: "76.01" }, 320],
  ["2150599", "其他工业和信息产业监管支出", { total: "8322.75", fiscal: "8322.57", other: "0.18" }, 322],
]);

const T03_EXPECTED = subjectRows([
  ["合计", "合计", { total: "8979.11", basic: "1433.56", project: "7545.55" }, 344],
  ["208", "社会保障和就业支出", { total: "112.81", basic: "112.81" }, 346],
  ["20805", "行政事业单位养老支出", { total: "112.81", basic: "112.81" }, 348],
  ["2080505", "机关事业单位基本养老保险缴费支出", { total: "101.65", basic: "101.65" }, 350],
  ["2080506", "机关事业单位职业年金缴费支出", { total: "11.16", basic: "11.16" }, 356],
  ["210", "卫生健康支出", { total: "93.38", basic: "71.78", project: "21.60" }, 362],
  ["21004", "公共卫生", { total: "21.60", project: "21.60" }, 364],
  ["2100410", "突发公共卫生事件应急处理", { total: "21.60", project: "21.60" }, 366],
  ["21011", "行政事业单位医疗", { total: "71.78", basic: "71.78" }, 368],
  ["2101101", "行政单位医疗", { total: "15.56", basic: "15.56" }, 370],
  ["2101102", "事业单位医疗", { total: "30.81", basic: "30.81" }, 372],
  ["2101199", "其他行政事业单位医疗支出", { total: "25.41", basic: "25.41" }, 374],
  ["215", "资源勘探工业信息等支出", { total: "8772.92", basic: "1248.97", project: "7523.95" }, 376],
  ["21505", "工业和信息产业监管", { total: "8772.92", basic: "1248.97", project: "7523.95" }, 385],
  ["2150501", "行政运行", { total: "374.34", basic: "374.34" }, 387],
  ["2150502", "一般行政管理事务", { total: "76.01", basic: "76.01" }, 389],
  ["2150599", "其他工业和信息产业监管支出", { total: "8322.57", basic: "798.62", project: "7523.95" }, 391],
]);

const T04_INCOME: TableRow[] = [
  {
    section: "income",
    key: "gpb",
    name: "一、一般公共预算财政拨款",
    line: 1,
    values: { amount: "8979.10" },
    sourceLine: 427,
  },
  { section: "income", key: "govFund", name: "二、政府性基金预算财政拨款", line: 2, values: {}, sourceLine: 429 },
  { section: "income", key: "soe", name: "三、国有资本经营预算财政拨款", line: 3, values: {}, sourceLine: 431 },
  {
    section: "income",
    key: "incomeTotal",
    name: "本年收入合计",
    line: 27,
    values: { amount: "8979.10" },
    sourceLine: 504,
  },
  {
    section: "income",
    key: "carryBegin",
    name: "年初财政拨款结转和结余",
    line: 28,
    values: { amount: "0.28" },
    sourceLine: 506,
  },
  {
    section: "income",
    key: "carryBeginGpb",
    name: "一般公共预算财政拨款",
    line: 29,
    values: { amount: "0.28" },
    sourceLine: 508,
  },
  {
    section: "income",
    key: "carryBeginGovFund",
    name: "政府性基金预算财政拨款",
    line: 30,
    values: {},
    sourceLine: 510,
  },
  { section: "income", key: "carryBeginSoe", name: "国有资本经营预算财政拨款", line: 31, values: {}, sourceLine: 512 },
  { section: "income", key: "grandTotal", name: "总计", line: 32, values: { amount: "8979.38" }, sourceLine: 514 },
];
const T04_EXPENDITURE: TableRow[] = [
  ...T01_CLASSES.map(([code, name], i): TableRow => {
    const amount = { "208": "112.81", "210": "93.38", "215": "8772.92" }[code];
    // the page break after 十四 (行次 46, line 453) repeats the header; 十五 resumes on line 480
    const sourceLine = i < 14 ? 427 + 2 * i : 480 + 2 * (i - 14);
    return {
      section: "expenditure",
      key: "class",
      code,
      name,
      line: 33 + i,
      values: amount ? { total: amount, gpb: amount } : {},
      sourceLine,
    };
  }),
  {
    section: "expenditure",
    key: "expenditureTotal",
    name: "本年支出合计",
    line: 59,
    values: { total: "8979.11", gpb: "8979.11" },
    sourceLine: 504,
  },
  {
    section: "expenditure",
    key: "carryEnd",
    name: "年末财政拨款结转和结余",
    line: 60,
    values: { total: "0.27", gpb: "0.27" },
    sourceLine: 506,
  },
  {
    section: "expenditure",
    key: "grandTotal",
    name: "总计",
    line: 64,
    values: { total: "8979.38", gpb: "8979.38" },
    sourceLine: 514,
  },
];

const T05_EXPECTED = subjectRows([
  ["合计", "合计", { total: "8979.11", basic: "1433.56", project: "7545.55" }, 530],
  ["208", "社会保障和就业支出", { total: "112.81", basic: "112.81" }, 532],
  ["20805", "行政事业单位养老支出", { total: "112.81", basic: "112.81" }, 534],
  ["2080505", "机关事业单位基本养老保险缴费支出", { total: "101.65", basic: "101.65" }, 536],
  ["2080506", "机关事业单位职业年金缴费支出", { total: "11.16", basic: "11.16" }, 538],
  ["210", "卫生健康支出", { total: "93.38", basic: "71.78", project: "21.60" }, 540],
  ["21004", "公共卫生", { total: "21.60", project: "21.60" }, 542],
  ["2100410", "突发公共卫生事件应急处理", { total: "21.60", project: "21.60" }, 544],
  ["21011", "行政事业单位医疗", { total: "71.78", basic: "71.78" }, 546],
  ["2101101", "行政单位医疗", { total: "15.56", basic: "15.56" }, 548],
  ["2101102", "事业单位医疗", { total: "30.81", basic: "30.81" }, 550],
  ["2101199", "其他行政事业单位医疗支出", { total: "25.41", basic: "25.41" }, 552],
  ["215", "资源勘探工业信息等支出", { total: "8772.92", basic: "1248.97", project: "7523.95" }, 554],
  ["21505", "工业和信息产业监管", { total: "8772.92", basic: "1248.97", project: "7523.95" }, 561],
  ["2150501", "行政运行", { total: "374.34", basic: "374.34" }, 563],
  ["2150502", "一般行政管理事务", { total: "76.01", basic: "76.01" }, 565],
  ["2150599", "其他工业和信息产业监管支出", { total: "8322.57", basic: "798.62", project: "7523.95" }, 567],
]);

/** [code, name, amount or "", sourceLine] */
type EconomicPin = [string, string, string, number];
const T06_PERSONNEL: EconomicPin[] = [
  ["301", "工资福利支出", "1256.78", 592],
  ["30101", "基本工资", "257.52", 594],
  ["30102", "津贴补贴", "392.59", 596],
  ["30103", "奖金", "129.21", 598],
  ["30106", "伙食补助费", "", 600],
  ["30107", "绩效工资", "136.42", 602],
  ["30108", "机关事业单位基本养老保险缴费", "105.87", 604],
  ["30109", "职业年金缴费", "11.16", 606],
  ["30110", "职工基本医疗保险缴费", "48.30", 608],
  ["30111", "公务员医疗补助缴费", "26.57", 610],
  ["30112", "其他社会保障缴费", "13.51", 612],
  ["30113", "住房公积金", "110.53", 614],
  ["30114", "医疗费", "", 616],
  ["30199", "其他工资福利支出", "25.09", 618],
  ["303", "对个人和家庭的补助", "10.08", 620],
  ["30301", "离休费", "", 636],
  ["30302", "退休费", "7.09", 638],
  ["30303", "退职（役）费", "", 640],
  ["30304", "抚恤金", "", 642],
  ["30305", "生活补助", "", 644],
  ["30306", "救济费", "", 646],
  ["30307", "医疗费补助", "", 648],
  ["30308", "助学金", "", 650],
  ["30309", "奖励金", "0.13", 652],
  ["30310", "个人农业生产补贴", "", 654],
  ["30311", "代缴社会保险费", "", 656],
  ["30399", "其他对个人和家庭的补助", "2.86", 658],
];
const T06_PUBLIC: EconomicPin[] = [
  ["302", "商品和服务支出", "163.19", 592],
  ["30201", "办公费", "17.86", 594],
  ["30202", "印刷费", "1.60", 596],
  ["30203", "咨询费", "5.00", 598],
  ["30204", "手续费", "0.01", 600],
  ["30205", "水费", "", 602],
  ["30206", "电费", "", 604],
  ["30207", "邮电费", "2.23", 606],
  ["30208", "取暖费", "", 608],
  ["30209", "物业管理费", "", 610],
  ["30211", "差旅费", "15.54", 612],
  ["30212", "因公出国（境）费用", "", 614],
  ["30213", "维修（护）费", "4.91", 616],
  ["30214", "租赁费", "", 618],
  ["30215", "会议费", "6.06", 620],
  ["30216", "培训费", "1.20", 636],
  ["30217", "公务接待费", "3.77", 638],
  ["30218", "专用材料费", "", 640],
  ["30224", "被装购置费", "", 642],
  ["30225", "专用燃料费", "", 644],
  ["30226", "劳务费", "8.97", 646],
  ["30227", "委托业务费", "6.60", 648],
  ["30228", "工会经费", "20.44", 650],
  ["30229", "福利费", "", 652],
  ["30231", "公务用车运行维护费", "1.58", 654],
  ["30239", "其他交通费用", "21.18", 656],
  ["30240", "税金及附加费用", "0.05", 658],
  ["30299", "其他商品和服务支出", "46.19", 660],
  ["307", "债务利息及费用支出", "", 592],
  ["30701", "国内债务付息", "", 594],
  ["30702", "国外债务付息", "", 596],
  ["30703", "国内债务发行费用", "", 598],
  ["30704", "国外债务发行费用", "", 600],
  ["310", "资本性支出", "3.52", 602],
  ["31001", "房屋建筑物购建", "", 604],
  ["31002", "办公设备购置", "3.52", 606],
  ["31003", "专用设备购置", "", 608],
  ["31005", "基础设施建设", "", 610],
  ["31006", "大型修缮", "", 612],
  ["31007", "信息网络及软件购置更新", "", 614],
  ["31008", "物资储备", "", 616],
  ["31009", "土地补偿", "", 618],
  ["31010", "安置补助", "", 620],
  ["31011", "地上附着物和青苗补偿", "", 636],
  ["31012", "拆迁补偿", "", 638],
  ["31013", "公务用车购置", "", 640],
  ["31019", "其他交通工具购置", "", 642],
  ["31021", "文物和陈列品购置", "", 644],
  ["31022", "无形资产购置", "", 646],
  ["31099", "其他资本性支出", "", 648],
  ["312", "对企业补助", "", 650],
  ["31201", "资本金注入", "", 652],
  ["31203", "政府投资基金股权投资", "", 654],
  ["31204", "费用补贴", "", 656],
  ["31205", "利息补贴", "", 658],
  ["31299", "其他对企业补助", "", 660],
  ["399", "其他支出", "", 662],
  ["39907", "国家赔偿费用支出", "", 664],
  ["39908", "对民间非营利组织和群众性自治组织补贴", "", 666],
  ["39909", "经常性赠与", "", 671],
  ["39910", "资本性赠与", "", 673],
  ["39999", "其他支出", "", 675],
];
const economic =
  (section: "personnel" | "public") =>
  ([code, name, amount, sourceLine]: EconomicPin): TableRow => ({
    section,
    code,
    name,
    values: amount ? { amount } : {},
    sourceLine,
  });
const T06_EXPECTED: TableRow[] = [
  ...T06_PERSONNEL.map(economic("personnel")),
  ...T06_PUBLIC.map(economic("public")),
  { section: "personnel", key: "personnelTotal", name: "人员经费合计", values: { amount: "1266.86" }, sourceLine: 677 },
  { section: "public", key: "publicTotal", name: "公用经费合计", values: { amount: "166.70" }, sourceLine: 677 },
];

// 公务用车购置费 is 0 (narrative), so each half's 1.58 is 小计 and 运行维护费; 因公出国 prints nothing.
const T09_EXPECTED: TableRow[] = [
  {
    key: "sangong",
    name: "“三公”经费",
    sourceLine: 770,
    values: {
      budgetTotal: "5.35",
      budgetVehicle: "1.58",
      budgetVehicleOperation: "1.58",
      budgetReception: "3.77",
      finalTotal: "5.35",
      finalVehicle: "1.58",
      finalVehicleOperation: "1.58",
      finalReception: "3.77",
    },
  },
];

describe("seed 000: 烟台市大数据局 2023 部门决算 (plain text)", () => {
  test("finds the nine tables at their titles, not in the table of contents", () => {
    expect(withHints.tables.map((t) => [t.id, t.sourceLine, t.status])).toEqual([
      ["t01", 161, "data"],
      ["t02", 238, "data"],
      ["t03", 329, "data"],
      ["t04", 394, "data"],
      ["t05", 517, "data"],
      ["t06", 570, "data"],
      ["t07", 680, "empty"],
      ["t08", 701, "empty"],
      ["t09", 717, "data"],
    ]);
    expect(withHints.sourceUnit).toBe("万元");
    expect(withHints.entity).toBe("烟台市大数据局");
  });

  test("every table validates against the canonical schema", () => {
    for (const t of withHints.tables) expect(() => tableSchema.parse(t)).not.toThrow();
  });

  test.each([
    ["t01", T01_EXPECTED],
    ["t02", T02_EXPECTED],
    ["t03", T03_EXPECTED],
    ["t04", [...T04_INCOME, ...T04_EXPENDITURE]],
    ["t05", T05_EXPECTED],
    ["t06", T06_EXPECTED],
    ["t09", T09_EXPECTED],
  ] as [TableId, TableRow[]][])("%s: every row, code, name and value in its column", (id, expected) => {
    expect(table(withHints, id).rows).toEqual(expected);
  });

  test("t07 and t08 are empty with the document's note", () => {
    expect(table(withHints, "t07")).toMatchObject({
      status: "empty",
      rows: [],
      note: "本部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。",
    });
    expect(table(withHints, "t08")).toMatchObject({
      status: "empty",
      rows: [],
      note: "本部门没有使用国有资本经营预算安排的支出，故本表无数据。",
    });
  });

  test("empty cells are absent keys, never zero", () => {
    const t02Row = table(withHints, "t02").rows.find((r) => r.code === "208")!;
    expect(Object.keys(t02Row.values)).toEqual(["total", "fiscal"]);
    const t09 = table(withHints, "t09").rows[0].values;
    expect(t09).not.toHaveProperty("budgetAbroad");
    expect(t09).not.toHaveProperty("finalVehiclePurchase");
    for (const t of withHints.tables)
      for (const r of t.rows) for (const v of Object.values(r.values)) expect(v).not.toBe("");
  });

  test("with the narrative's figures as hints nothing stays ambiguous", () => {
    expect(withHints.ambiguities).toEqual([]);
  });

  test("without hints the 三公 row is reported as ambiguous, naming the row and the alternatives", () => {
    expect(withoutHints.ambiguities).toHaveLength(1);
    const [a] = withoutHints.ambiguities;
    expect(a.table).toBe("公开09表 财政拨款“三公”经费支出决算表");
    expect(a.sourceLine).toBe(770);
    expect(a.message).toContain("三公");
    expect(a.message).toContain("公务用车购置费 1.58");
    expect(a.message).toContain("公务用车运行维护费 1.58");
  });

  test("without hints table 03 still resolves from table 05 (03 ≥ its 一般公共预算 part)", () => {
    expect(table(withoutHints, "t03").rows).toEqual(T03_EXPECTED);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A made-up mini document builder: plain text as a PDF extractor emits it (cells run together, empty cells vanish).

type MiniTable = { title: string; no: number; lines: string[]; unit?: string; entity?: string; header?: string[] };

const HEADERS: Record<string, string[]> = {
  收入支出决算总表: ["收 入 支 出", "项 目 行次 金额 项 目 行次 金额", "栏 次 1 栏 次 2"],
  收入决算表: [
    "项 目",
    "本年收入合计 财政拨款收入",
    "上级补助",
    "收入",
    "事业收入 经营收入",
    "附属单位",
    "上缴收入",
    "其他收入",
    "科目编码 科目名称",
    "栏次 1 2 3 4 5 6 7",
  ],
  支出决算表: [
    "项 目",
    "本年支出合计 基本支出 项目支出 上缴上级支出 经营支出",
    "对附属单位",
    "补助支出科目编码 科目名称",
    "栏 次 1 2 3 4 5 6",
  ],
  一般公共预算财政拨款支出决算表: ["项 目 本年支出", "科目编码 科目名称 小 计 基本支出 项目支出", "栏 次 1 2 3"],
  "财政拨款“三公”经费支出决算表": [
    "预 算 数 决 算 数",
    "合计",
    "因公出国",
    "（境）费",
    "公务用车购置及运行维护费",
    "公务",
    "接待费小计",
    "1 2 3 4 5 6 7 8 9 10 11 12",
  ],
};

function mini(...tables: MiniTable[]): SourceDoc {
  const out = ["2023 年度测试局部门决算", "", "目 录", ...tables.map((t) => t.title), "", "第 二 部 分", ""];
  for (const t of tables)
    out.push(
      ` ${t.title}`,
      "",
      `部门：${t.entity ?? "测试局"}`,
      `公开 ${String(t.no).padStart(2, "0")}表`,
      "",
      `金额单位：${t.unit ?? "万元"}`,
      "",
      ...(t.header ?? HEADERS[t.title] ?? []),
      "",
      ...t.lines,
      "",
    );
  out.push(" 第 三 部 分", "", "2023 年度测试局部门决算情况说明");
  return docFromText("mini.txt", out.join("\n"));
}

/** 1-based line of the first line containing `text`, after the table titles begin. */
function lineOf(doc: SourceDoc, text: string, after = "第 二 部 分"): number {
  const start = doc.lines.findIndex((l) => l.includes(after));
  const i = doc.lines.findIndex((l, idx) => idx > start && l.includes(text));
  if (i < 0) throw new Error(`no line with ${text}`);
  return i + 1;
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
  throw new Error("no ParseError thrown");
}

const T05 = "一般公共预算财政拨款支出决算表";

describe("hand-made plain-text inputs", () => {
  test("a table in 元 without thousands separators keeps the printed figures and reports the unit", () => {
    const doc = mini({
      title: T05,
      no: 5,
      unit: "元",
      lines: [
        "合 计 1500000.00 1000000.00 500000.00",
        "201 一般公共服务支出 1500000.00 1000000.00 500000.00",
        "20101 人大事务 1000000.00 1000000.00",
        "20103 政府办公厅（室）及相关机构事务 500000.00 500000.00",
      ],
    });
    const r = parsePlainTextTables(doc);
    expect(r.sourceUnit).toBe("元");
    // 人大事务 must be 基本: 201's 基本 1,000,000 can only come from it; the other child then is 项目.
    expect(table(r, "t05").rows.map((x) => [x.code ?? x.key, x.values])).toEqual([
      ["total", { total: "1500000.00", basic: "1000000.00", project: "500000.00" }],
      ["201", { total: "1500000.00", basic: "1000000.00", project: "500000.00" }],
      ["20101", { total: "1000000.00", basic: "1000000.00" }],
      ["20103", { total: "500000.00", project: "500000.00" }],
    ]);
    expect(r.ambiguities).toEqual([]);
  });

  test("thousands separators and full-width digits are read as the same amounts", () => {
    const doc = mini({
      title: T05,
      no: 5,
      lines: [
        "合 计 １，２３４．５０ １，０００．００ ２３４．５０",
        "２０８ 社会保障和就业支出 1,234.50 1,000.00 234.50",
        "20805 行政事业单位养老支出 1,000.00 1,000.00",
        "20899 其他社会保障和就业支出 234.50 234.50",
      ],
    });
    const rows = table(parsePlainTextTables(doc), "t05").rows;
    expect(rows[0].values).toEqual({ total: "1234.50", basic: "1000.00", project: "234.50" });
    expect(rows[1]).toMatchObject({ code: "208", values: { total: "1234.50", basic: "1000.00", project: "234.50" } });
    expect(rows[3].values).toEqual({ total: "234.50", project: "234.50" });
  });

  test("a page footer and a page number inside a table are skipped; the header repeated after them too", () => {
    const doc = mini({
      title: T05,
      no: 5,
      lines: [
        "合 计 30.00 30.00",
        "201 一般公共服务支出 30.00 30.00",
        "第3页，共9页",
        "- 4 -",
        " 项 目 本年支出",
        "科目编码 科目名称 小 计 基本支出 项目支出",
        "栏 次 1 2 3",
        "20101 人大事务 10.00 10.00",
        "第 4 页",
        "20103 政府办公厅（室）及相关机构事务 20.00 20.00",
      ],
    });
    const rows = table(parsePlainTextTables(doc), "t05").rows;
    expect(rows.map((x) => [x.code ?? x.key, x.sourceLine])).toEqual([
      ["total", lineOf(doc, "合 计")],
      ["201", lineOf(doc, "201 一般")],
      ["20101", lineOf(doc, "20101")],
      ["20103", lineOf(doc, "20103")],
    ]);
  });

  test("a wrapped name is joined, whether the code stands alone or the numbers follow the wrap", () => {
    const doc = mini({
      title: T05,
      no: 5,
      lines: [
        "合 计 112.81 112.81",
        "208 社会保障和就业支出 112.81 112.81",
        "20805 行政事业单位养老支出 112.81 112.81",
        "2080505",
        "机关事业单位基本养老保",
        "",
        "险缴费支出",
        "101.65 101.65",
        "2080506 机关事业单位职业年金缴",
        "费支出 11.16 11.16",
      ],
    });
    const rows = table(parsePlainTextTables(doc), "t05").rows;
    expect(rows.slice(3)).toEqual([
      {
        code: "2080505",
        name: "机关事业单位基本养老保险缴费支出",
        values: { total: "101.65", basic: "101.65" },
        sourceLine: lineOf(doc, "2080505"),
      },
      {
        code: "2080506",
        name: "机关事业单位职业年金缴费支出",
        values: { total: "11.16", basic: "11.16" },
        sourceLine: lineOf(doc, "2080506"),
      },
    ]);
  });

  test("'-' printed for an empty cell holds its column", () => {
    const doc = mini({ title: T05, no: 5, lines: ["合 计 5.00 - 5.00", "201 一般公共服务支出 5.00 - 5.00"] });
    expect(table(parsePlainTextTables(doc), "t05").rows[1].values).toEqual({ total: "5.00", project: "5.00" });
  });

  test("a number that no column placement can satisfy is a ParseError at its line", () => {
    const doc = mini({
      title: T05,
      no: 5,
      lines: [
        "合 计 112.81 112.81",
        "208 社会保障和就业支出 112.81 112.81",
        "20805 行政事业单位养老支出 112.81 121.18",
      ],
    });
    const e = parseError(() => parsePlainTextTables(doc));
    expect(e.file).toBe("mini.txt");
    expect(e.table).toBe("公开05表 一般公共预算财政拨款支出决算表");
    expect(e.line).toBe(lineOf(doc, "20805"));
    expect(e.expected).toContain("小计 = 基本支出 + 项目支出");
    expect(e.found).toContain("112.81 121.18");
    expect(e.describe()).toContain(`第 ${lineOf(doc, "20805")} 行`);
  });

  test("codes printed over 类 | 款 | 项 columns (201 06 01 行政运行) are one code", () => {
    const doc = mini({
      title: T05,
      no: 5,
      lines: [
        "合 计 30.00 20.00 10.00",
        "201 一般公共服务支出 30.00 20.00 10.00",
        "201 06 财政事务 30.00 20.00 10.00",
        "201 06 01 行政运行 20.00 20.00",
        "201 06 02 一般行政管理事务 10.00 10.00",
      ],
    });
    const t05 = parsePlainTextTables(doc).tables.find((t) => t.id === "t05")!;
    expect(t05.rows.map((r) => r.code ?? r.key)).toEqual(["total", "201", "20106", "2010601", "2010602"]);
    expect(t05.rows.find((r) => r.code === "2010601")).toMatchObject({
      name: "行政运行",
      values: { total: "20.00", basic: "20.00" },
    });
    expect(t05.rows.find((r) => r.code === "2010602")?.values).toEqual({ total: "10.00", project: "10.00" });
  });

  test("more numbers than columns is a ParseError", () => {
    const doc = mini({ title: T05, no: 5, lines: ["合 计 1.00 1.00 0.00 0.00"] });
    const e = parseError(() => parsePlainTextTables(doc));
    expect(e.line).toBe(lineOf(doc, "合 计"));
    expect(e.expected).toContain("至多 3 个金额");
  });

  test("figures too large to add exactly are a ParseError at their line, never a rounded sum", () => {
    // 9,999,999,999,999.00 万元 in thousandths is beyond 2^53
    const doc = mini({
      title: T05,
      no: 5,
      lines: ["合 计 1.00 1.00", "201 一般公共服务支出 9999999999999.00 9999999999999.00"],
    });
    const e = parseError(() => parsePlainTextTables(doc));
    expect(e).toMatchObject({ table: "公开05表 一般公共预算财政拨款支出决算表", line: lineOf(doc, "201 一般") });
    expect(e.found).toContain("9999999999999.00");
    expect(e.message).toContain("超出");
  });

  test("a figure printed with more decimals than the fixed point can hold is a ParseError at its line (fuzz finding)", () => {
    // 15 decimals need a 16-digit fixed point; FixedPoint.forScale used to throw a bare AmountRangeError here.
    const doc = mini({ title: T05, no: 5, lines: ["合 计 1.00 1.00", "201 一般公共服务支出 1.123456789012345 1.00"] });
    const e = parseError(() => parsePlainTextTables(doc));
    expect(e).toMatchObject({
      table: "公开05表 一般公共预算财政拨款支出决算表",
      line: lineOf(doc, "201 一般"),
      found: "1.123456789012345",
    });
    expect(e.message).toContain("超出");
  });

  test("a garbled number is a ParseError naming the token", () => {
    const doc = mini({ title: T05, no: 5, lines: ["合 计 112.81 112.81", "208 社会保障和就业支出 112.81 l12.81"] });
    const e = parseError(() => parsePlainTextTables(doc));
    expect(e).toMatchObject({
      table: "公开05表 一般公共预算财政拨款支出决算表",
      line: lineOf(doc, "208 社会"),
      found: "l12.81",
    });
  });

  test("text after the amounts is a ParseError", () => {
    const doc = mini({ title: T05, no: 5, lines: ["合 计 1.00 1.00", "201 一般公共服务支出 1.00 1.00 见附注"] });
    expect(parseError(() => parsePlainTextTables(doc))).toMatchObject({
      line: lineOf(doc, "201 一般"),
      found: "见附注",
    });
  });

  test("a truncated table (title and furniture, then the next table) is a ParseError at the title", () => {
    const doc = mini(
      { title: "支出决算表", no: 3, header: [], lines: [] },
      { title: T05, no: 5, lines: ["合 计 1.00 1.00", "201 一般公共服务支出 1.00 1.00"] },
    );
    const e = parseError(() => parsePlainTextTables(doc));
    expect(e).toMatchObject({
      table: "公开03表 支出决算表",
      line: lineOf(doc, " 支出决算表"),
      expected: "表头和数据行",
    });
  });

  test("a table cut off after its header is a ParseError", () => {
    const doc = mini({ title: "支出决算表", no: 3, lines: [] });
    const e = parseError(() => parsePlainTextTables(doc));
    expect(e.table).toBe("公开03表 支出决算表");
    expect(e.message).toContain("截断");
  });

  test("tables in different units are a ParseError", () => {
    const doc = mini(
      { title: "支出决算表", no: 3, lines: ["合 计 1.00 1.00"] },
      { title: T05, no: 5, unit: "元", lines: ["合 计 10000.00 10000.00"] },
    );
    expect(parseError(() => parsePlainTextTables(doc)).message).toContain("金额单位不一致");
  });

  test("a row the identities cannot settle is placed leftmost and reported, never silently", () => {
    // 项目支出 and 基本支出 are both possible for a lone subject whose parent is missing from the table.
    const doc = mini({ title: T05, no: 5, lines: ["2010101 行政运行 7.00 7.00"] });
    const r = parsePlainTextTables(doc);
    expect(table(r, "t05").rows[0].values).toEqual({ total: "7.00", basic: "7.00" });
    expect(r.ambiguities).toHaveLength(1);
    expect(r.ambiguities[0]).toMatchObject({
      table: "公开05表 一般公共预算财政拨款支出决算表",
      sourceLine: lineOf(doc, "2010101"),
    });
    expect(r.ambiguities[0].message).toContain("2010101 行政运行");
    expect(r.ambiguities[0].message).toContain("①小计 7.00、基本支出 7.00");
    expect(r.ambiguities[0].message).toContain("②小计 7.00、项目支出 7.00");
  });

  test("a hint for the 合计 row settles the columns of the rows below it", () => {
    const doc = mini({
      title: T05,
      no: 5,
      lines: [
        "合 计 7.00 7.00",
        "201 一般公共服务支出 7.00 7.00",
        "20101 人大事务 7.00 7.00",
        "2010101 行政运行 7.00 7.00",
      ],
    });
    const r = parsePlainTextTables(doc, { t05: { project: "7.00" } });
    expect(r.ambiguities).toEqual([]);
    expect(table(r, "t05").rows.map((x) => x.values)).toEqual(Array(4).fill({ total: "7.00", project: "7.00" }));
    expect(parsePlainTextTables(doc).ambiguities).toHaveLength(4);
  });

  test("table 01's two sides are told apart by their 行次 sequences", () => {
    const doc = mini({
      title: "收入支出决算总表",
      no: 1,
      entity: "测试中心",
      lines: [
        "一、一般公共预算财政拨款收入 1 100.00 一、一般公共服务支出 32 100.00",
        "二、政府性基金预算财政拨款收入 2 二、外交支出 33",
        "9 九、卫生健康支出 40 0.50",
        "本年收入合计 27 100.50 本年支出合计 58 100.50",
        "年初结转和结余 29 1.00 年末结转和结余 60 1.00",
        "30 61",
        "总计 31 101.50 总计 62 101.50",
      ],
    });
    const r = parsePlainTextTables(doc);
    expect(r.entity).toBe("测试中心");
    expect(table(r, "t01").rows.map((x) => [x.section, x.key, x.code, x.line, x.values])).toEqual([
      ["income", "gpb", undefined, 1, { amount: "100.00" }],
      ["income", "govFund", undefined, 2, {}],
      ["income", "incomeTotal", undefined, 27, { amount: "100.50" }],
      ["income", "carryBegin", undefined, 29, { amount: "1.00" }],
      ["income", "grandTotal", undefined, 31, { amount: "101.50" }],
      ["expenditure", "class", "201", 32, { amount: "100.00" }],
      ["expenditure", "class", "202", 33, {}],
      ["expenditure", "class", "210", 40, { amount: "0.50" }],
      ["expenditure", "expenditureTotal", undefined, 58, { amount: "100.50" }],
      ["expenditure", "carryEnd", undefined, 60, { amount: "1.00" }],
      ["expenditure", "grandTotal", undefined, 62, { amount: "101.50" }],
    ]);
  });

  test("table 01: a label that wrapped onto the next line is joined back", () => {
    const doc = mini({
      title: "收入支出决算总表",
      no: 1,
      lines: [
        "本年收入合计 27 1.00 本年支出合计 58 1.00",
        "使用非财政拨款结余（含专用 28 结余分配 59",
        "结余）",
        "总计 31 1.00 总计 62 1.00",
      ],
    });
    const rows = table(parsePlainTextTables(doc), "t01").rows;
    expect(rows.find((x) => x.line === 28)).toMatchObject({
      key: "useNonFiscalBalance",
      name: "使用非财政拨款结余（含专用结余）",
    });
  });

  test("table 09 with the narrative's 购置费 = 0 places eight numbers into twelve columns", () => {
    const lines = ["5.35 1.58 1.58 3.77 5.35 1.58 1.58 3.77"];
    const doc = mini({ title: "财政拨款“三公”经费支出决算表", no: 9, lines });
    const hinted = parsePlainTextTables(doc, { t09: { budgetVehiclePurchase: "0", finalVehiclePurchase: "0" } });
    expect(hinted.ambiguities).toEqual([]);
    expect(table(hinted, "t09").rows[0].values).toEqual(T09_EXPECTED[0].values);
    const open = parsePlainTextTables(doc);
    expect(open.ambiguities.map((a) => a.table)).toEqual(["公开09表 财政拨款“三公”经费支出决算表"]);
  });

  test("table 09 printed as labelled 预算数 / 决算数 lines keeps each half in its place", () => {
    const doc = mini({
      title: "财政拨款“三公”经费支出决算表",
      no: 9,
      header: ["合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费", "小计 购置费 运行维护费"],
      lines: ["预算数 10.00 2.00 6.00 0.00 6.00 2.00", "决算数 9.00 1.00 5.00 5.00 3.00"],
    });
    // 决算数 has five numbers for six columns: 5.00 = 购置 + 运行 leaves the second 5.00 in either; the hint decides.
    expect(parsePlainTextTables(doc).ambiguities).toHaveLength(1);
    const r = parsePlainTextTables(doc, { t09: { finalVehiclePurchase: "0" } });
    expect(r.ambiguities).toEqual([]);
    expect(table(r, "t09").rows).toEqual([
      {
        key: "sangong",
        name: "“三公”经费",
        sourceLine: lineOf(doc, "预算数 10.00"),
        values: {
          budgetTotal: "10.00",
          budgetAbroad: "2.00",
          budgetVehicle: "6.00",
          budgetVehiclePurchase: "0.00",
          budgetVehicleOperation: "6.00",
          budgetReception: "2.00",
          finalTotal: "9.00",
          finalAbroad: "1.00",
          finalVehicle: "5.00",
          finalVehicleOperation: "5.00",
          finalReception: "3.00",
        },
      },
    ]);
  });

  test("table 04: fund columns come from table 05, and unlabelled 年末 fund rows are named by position", () => {
    const doc = mini(
      {
        title: "财政拨款收入支出决算总表",
        no: 4,
        header: [
          "收 入 支 出",
          "项目",
          "行",
          "次",
          "金额 项目",
          "合计",
          "一般公共预",
          "算财政拨款",
          "栏次 1 栏次 2 3 4 5",
        ],
        lines: [
          "一、一般公共预算财政拨款 1 10.00 一、一般公共服务支出 33 10.00 10.00",
          "二、政府性基金预算财政拨款 2 二、外交支出 34",
          "本年收入合计 27 10.00 本年支出合计 59 10.00 10.00",
          "年初财政拨款结转和结余 28 1.00 年末财政拨款结转和结余 60 1.00 1.00",
          "一般公共预算财政拨款 29 1.00 61 1.00 1.00",
          "政府性基金预算财政拨款 30 62",
          "国有资本经营预算财政拨款 31 63",
          "总计 32 11.00 总计 64 11.00 11.00",
        ],
      },
      { title: T05, no: 5, lines: ["合 计 10.00 10.00", "201 一般公共服务支出 10.00 10.00"] },
    );
    const r = parsePlainTextTables(doc);
    const exp = table(r, "t04").rows.filter((x) => x.section === "expenditure");
    expect(exp.map((x) => [x.key, x.code, x.name, x.line, x.values])).toEqual([
      ["class", "201", "一、一般公共服务支出", 33, { total: "10.00", gpb: "10.00" }],
      ["class", "202", "二、外交支出", 34, {}],
      ["expenditureTotal", undefined, "本年支出合计", 59, { total: "10.00", gpb: "10.00" }],
      ["carryEnd", undefined, "年末财政拨款结转和结余", 60, { total: "1.00", gpb: "1.00" }],
      ["carryEndGpb", undefined, "一般公共预算财政拨款", 61, { total: "1.00", gpb: "1.00" }],
      ["grandTotal", undefined, "总计", 64, { total: "11.00", gpb: "11.00" }],
    ]);
    expect(
      table(r, "t04")
        .rows.filter((x) => x.section === "income")
        .map((x) => x.key),
    ).toEqual([
      "gpb",
      "govFund",
      "incomeTotal",
      "carryBegin",
      "carryBeginGpb",
      "carryBeginGovFund",
      "carryBeginSoe",
      "grandTotal",
    ]);
    // table 05's own 10.00 10.00 rows may be 基本 or 项目: that stays open and is said so
    expect(new Set(r.ambiguities.map((a) => a.table))).toEqual(new Set(["公开05表 一般公共预算财政拨款支出决算表"]));
  });

  test("without a closing note or a part heading, the last table ends at the narrative's first heading", () => {
    const text = [
      " 财政拨款“三公”经费支出决算表",
      "部门：测试局",
      "公开09表",
      "金额单位：万元",
      ...HEADERS["财政拨款“三公”经费支出决算表"],
      "0.00 0.00 0.00 0.00 0.00 0.00 1.00 0.00 0.00 0.00 0.00 1.00",
      "一、收入支出决算总体情况说明",
      "2023 年度收、支总计均为 8,979.95 万元。",
    ].join("\n");
    const r = parsePlainTextTables(docFromText("tail.txt", text));
    expect(table(r, "t09").rows[0].values).toMatchObject({
      finalTotal: "1.00",
      finalReception: "1.00",
      budgetTotal: "0.00",
    });
  });

  test("table 06: an integer amount is not taken for a code, and a wrapped name keeps its amount", () => {
    const doc = mini({
      title: "一般公共预算财政拨款基本支出决算明细表",
      no: 6,
      unit: "元",
      header: ["人员经费 公用经费", "科目", "编码", "科目名称 金额"],
      lines: [
        "301 工资福利支出 25752 302 商品和服务支出 20.50",
        "30101 基本工资 25752 30201 办公费 20.50",
        "399 其他支出 5.00",
        "39908",
        "对民间非营利组织和群众性",
        "自治组织补贴 5.00",
        "人员经费合计 25752 公用经费合计 25.50",
      ],
    });
    const rows = table(parsePlainTextTables(doc), "t06").rows;
    expect(rows.map((x) => [x.section, x.code ?? x.key, x.name, x.values.amount])).toEqual([
      ["personnel", "301", "工资福利支出", "25752"],
      ["personnel", "30101", "基本工资", "25752"],
      ["public", "302", "商品和服务支出", "20.50"],
      ["public", "30201", "办公费", "20.50"],
      ["public", "399", "其他支出", "5.00"],
      ["public", "39908", "对民间非营利组织和群众性自治组织补贴", "5.00"],
      ["personnel", "personnelTotal", "人员经费合计", "25752"],
      ["public", "publicTotal", "公用经费合计", "25.50"],
    ]);
  });

  test("a table with a note saying it has no data is empty", () => {
    const doc = mini({
      title: "国有资本经营预算财政拨款支出决算表",
      no: 8,
      header: [
        "注：本单位没有使用国有资本经营预算安排的支出，",
        "故本表无数据。",
        "项 目 本年支出",
        "科目编码 科目名称 小 计 基本支出 项目支出",
      ],
      lines: ["合 计"],
    });
    expect(table(parsePlainTextTables(doc), "t08")).toMatchObject({
      status: "empty",
      rows: [],
      note: "本单位没有使用国有资本经营预算安排的支出，故本表无数据。",
    });
  });

  test("a missing table is not an error here: the result just lacks it", () => {
    const doc = mini({ title: T05, no: 5, lines: ["合 计 1.00 1.00", "201 一般公共服务支出 1.00 1.00"] });
    expect(parsePlainTextTables(doc).tables.map((t) => t.id)).toEqual(["t05"]);
  });
});

describe("column resolution", () => {
  // two printed decimals: 0.001 万元 units, half a cent (0.005) is 5 of them
  const fixed = FixedPoint.forScale(2);
  const hu = halfUnitOf(2, fixed);

  test.each([
    ["8979.10", 8979100],
    ["-0.28", -280],
    ["27", 27000],
    ["0.00", 0],
    ["-0.00", 0],
    ["1500000.00", 1500000000],
  ])("%s is exactly %i units of 0.001", (text, units) => {
    expect(fixed.units(text)).toBe(units);
  });

  test("half units and tolerances are whole units", () => {
    expect(hu).toBe(5);
    expect(halfUnitOf(0, fixed)).toBe(500);
    expect(tolerance(hu, 2)).toBe(15);
  });

  test("what integers cannot hold exactly is an error, never a rounded amount", () => {
    expect(() => fixed.units("1.2345")).toThrow(AmountRangeError);
    expect(fixed.units("1.2300")).toBe(1230);
    expect(() => fixed.units("9007199254740.992")).toThrow(AmountRangeError);
    expect(() => fixed.units("1,000.00")).toThrow("不是金额");
    expect(() => halfUnitOf(3, fixed)).toThrow(AmountRangeError);
    // each figure fits, their sum would not
    expect(() => enumeratePlacements(["5000000000000.00", "5000000000000.00"], 3, [], hu, fixed)).toThrow(
      AmountRangeError,
    );
  });

  test.each([
    // cells, width, identities, expected column sets
    [["3.00", "1.00", "2.00"], 3, [{ lhs: 0, plus: [1, 2] }], [[0, 1, 2]]],
    [
      ["3.00", "3.00"],
      3,
      [{ lhs: 0, plus: [1, 2] }],
      [
        [0, 1],
        [0, 2],
      ],
    ],
    [["3.00", "1.00"], 3, [{ lhs: 0, plus: [1, 2] }], []],
    // a rounding tail within 0.005 × (terms + 1) is accepted
    [
      ["3.01", "1.00", "2.00"],
      4,
      [{ lhs: 0, plus: [1, 2, 3] }],
      [
        [0, 1, 2],
        [0, 1, 3],
        [0, 2, 3],
      ],
    ],
  ] as [string[], number, { lhs: number; plus: number[] }[], number[][]][])(
    "placements of %j into %i columns",
    (cells, width, ids, expected) => {
      expect(enumeratePlacements(cells, width, ids, hu, fixed).map((p) => p.at)).toEqual(expected);
    },
  );

  test("a parent's column sums decide its children's columns", () => {
    const id = [{ lhs: 0, plus: [1, 2] }];
    const parent = enumeratePlacements(["5.00", "2.00", "3.00"], 3, id, hu, fixed);
    const a = enumeratePlacements(["2.00", "2.00"], 3, id, hu, fixed);
    const b = enumeratePlacements(["3.00", "3.00"], 3, id, hu, fixed);
    const s = new ColumnSolver([parent, a, b]);
    const all = [[0], [1], [2]];
    const kept = s.add({
      kind: "sum",
      label: "parent = a + b",
      terms: [
        { row: 0, sign: -1, view: all },
        { row: 1, sign: 1, view: all },
        { row: 2, sign: 1, view: all },
      ],
      constant: [0, 0, 0],
      tolerance: [hu, hu, hu].map((x) => x * 3),
    });
    expect(kept).toBe(true);
    expect(s.domain(1).map((p) => p.at)).toEqual([[0, 1]]);
    expect(s.domain(2).map((p) => p.at)).toEqual([[0, 2]]);
    expect(s.settle()).toEqual([]);
  });

  test("a constraint the figures contradict is set aside, not applied", () => {
    const id = [{ lhs: 0, plus: [1, 2] }];
    const s = new ColumnSolver([enumeratePlacements(["9.00", "9.00"], 3, id, hu, fixed)]);
    const kept = s.add({
      kind: "sum",
      label: "basic = 1",
      terms: [{ row: 0, sign: 1, view: [[1]] }],
      constant: [hu * -200],
      tolerance: [hu],
    });
    expect(kept).toBe(false);
    expect(s.domain(0)).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Documents whose own arithmetic is off by a rounding tail ("本套报表金额单位转换时可能存在尾数误差"), table 07's
// columns from the other tables, and notes that mention 金额单位.

const T07 = "政府性基金预算财政拨款收入支出决算表";
HEADERS[T07] = [
  "项 目 年初结转和结余 本年收入 本年支出 年末结转和结余",
  "科目编码 科目名称 小 计 基本支出 项目支出",
  "栏 次 1 2 3 4 5 6",
];
const T04_HEADER = [
  "收 入 支 出",
  "项目",
  "行",
  "次",
  "金额 项目",
  "合计",
  "一般公共预",
  "算财政拨款",
  "政府性基",
  "金预算财",
  "政拨款",
  "栏次 1 栏次 2 3 4 5",
];

describe("rounding tails in the document's own arithmetic", () => {
  test("a row that misses its own identity by a tail is read; its parent's sums place it", () => {
    // 20103: 20.00 ≠ 19.98 by 0.02, beyond the 0.01 a single rounded part allows; 201's 项目支出 20.00 places the 19.98.
    const doc = mini({
      title: T05,
      no: 5,
      lines: [
        "合 计 30.00 10.00 20.00",
        "201 一般公共服务支出 30.00 10.00 20.00",
        "20101 人大事务 10.00 10.00",
        "20103 政府办公厅（室）及相关机构事务 20.00 19.98",
      ],
    });
    const r = parsePlainTextTables(doc);
    expect(table(r, "t05").rows.map((x) => [x.code ?? x.key, x.values])).toEqual([
      ["total", { total: "30.00", basic: "10.00", project: "20.00" }],
      ["201", { total: "30.00", basic: "10.00", project: "20.00" }],
      ["20101", { total: "10.00", basic: "10.00" }],
      ["20103", { total: "20.00", project: "19.98" }],
    ]);
    expect(r.ambiguities).toEqual([]);
  });

  test.each([
    // [小计, the one part printed, read?]: a tail is at most one part in a thousand of the row's largest figure
    ["2000.00", "1998.10", true],
    ["2000.00", "1997.90", false],
    ["0.05", "0.03", true],
    ["0.05", "0.02", false],
  ])("小计 %s with one part %s: read as a rounding tail = %s", (total, part, read) => {
    const doc = mini({ title: T05, no: 5, lines: [`2010101 行政运行 ${total} ${part}`] });
    if (read) {
      const r = parsePlainTextTables(doc);
      expect(table(r, "t05").rows[0].values.total).toBe(total);
      // nothing else tells 基本 from 项目: both stay open and are reported
      expect(r.ambiguities).toHaveLength(1);
    } else {
      const e = parseError(() => parsePlainTextTables(doc));
      expect(e).toMatchObject({ table: "公开05表 一般公共预算财政拨款支出决算表", line: lineOf(doc, "2010101") });
      expect(e.expected).toContain("小计 = 基本支出 + 项目支出");
    }
  });

  test("a sum the document misses by a tail still places the rows below it", () => {
    // 合计 30.03 vs 10.00 + 20.00: 0.03 off in 小计 and in 项目支出, beyond the 0.015 of two rounded parts. Set aside,
    // nothing would tell 201 and 202 apart; kept as a preference, 基本支出 10.00 places 201 and 项目支出 202.
    const doc = mini({
      title: T05,
      no: 5,
      lines: ["合 计 30.03 10.00 20.03", "201 一般公共服务支出 10.00 10.00", "202 外交支出 20.00 20.00"],
    });
    const r = parsePlainTextTables(doc);
    expect(r.ambiguities).toEqual([]);
    expect(
      table(r, "t05")
        .rows.slice(1)
        .map((x) => [x.code, x.values]),
    ).toEqual([
      ["201", { total: "10.00", basic: "10.00" }],
      ["202", { total: "20.00", project: "20.00" }],
    ]);
  });

  test("a sum missed by more than a tail is still set aside, not stretched", () => {
    // 合计 31.00 vs 10.00 + 20.00: a misprint, not a tail; the rows stay open and are reported
    const doc = mini({
      title: T05,
      no: 5,
      lines: ["合 计 31.00 10.00 21.00", "201 一般公共服务支出 10.00 10.00", "202 外交支出 20.00 20.00"],
    });
    expect(parsePlainTextTables(doc).ambiguities.map((a) => a.sourceLine)).toEqual([
      lineOf(doc, "201 一般"),
      lineOf(doc, "202 外交"),
    ]);
  });

  test("the solver widens a contradicted sum by the least amount, the same in every column", () => {
    const fixed = FixedPoint.forScale(2);
    const hu = halfUnitOf(2, fixed);
    const id = [{ lhs: 0, plus: [1, 2] }];
    const s = new ColumnSolver([enumeratePlacements(["9000.00", "9000.00"], 3, id, hu, fixed)]);
    // 基本支出 = 9,000.03 misses by 0.03 − 0.01 tolerance: kept, 0.02 (20 units) wider, and it places 9,000.00 in 基本
    const basic = (constant: number): SumConstraint => ({
      kind: "sum",
      label: "basic",
      terms: [{ row: 0, sign: 1, view: [[1]] }],
      constant: [constant],
      tolerance: [tolerance(hu, 1)],
    });
    const kept = s.add(basic(-9000030));
    expect(kept).toBe(true);
    expect(s.relaxed.map((x) => x.by)).toEqual([20]);
    expect(s.rejected).toEqual([]);
    expect(s.domain(0).map((p) => p.at)).toEqual([[0, 1]]);
    // 9,010.00 is a misprint, not a tail (more than 9.00, one part in a thousand): set aside
    const far = new ColumnSolver([enumeratePlacements(["9000.00", "9000.00"], 3, id, hu, fixed)]);
    expect(far.add(basic(-9010000))).toBe(false);
    expect(far.rejected).toHaveLength(1);
    expect(far.domain(0)).toHaveLength(2);
  });
});

describe("table 07's columns from the other tables", () => {
  test("03 ≥ 05 + 07: 基本支出 paid in full by 一般公共预算 leaves 07's figure in 项目支出", () => {
    const doc = mini(
      { title: "支出决算表", no: 3, lines: ["合 计 150.00 50.00 100.00", "212 城乡社区支出 150.00 50.00 100.00"] },
      { title: T05, no: 5, lines: ["合 计 100.00 50.00 50.00", "212 城乡社区支出 100.00 50.00 50.00"] },
      {
        title: T07,
        no: 7,
        lines: ["合 计 10.00 50.00 50.00 50.00 10.00", "212 城乡社区支出 10.00 50.00 50.00 50.00 10.00"],
      },
    );
    const r = parsePlainTextTables(doc);
    expect(r.ambiguities).toEqual([]);
    const expected = { carryBegin: "10.00", income: "50.00", total: "50.00", project: "50.00", carryEnd: "10.00" };
    expect(table(r, "t07").rows.map((x) => x.values)).toEqual([expected, expected]);
    // 03 ≥ 07 alone (50.00 ≥ 50.00) would allow 基本支出: only the three tables together decide
    const without05 = mini(
      { title: "支出决算表", no: 3, lines: ["合 计 150.00 50.00 100.00", "212 城乡社区支出 150.00 50.00 100.00"] },
      {
        title: T07,
        no: 7,
        lines: ["合 计 10.00 50.00 50.00 50.00 10.00", "212 城乡社区支出 10.00 50.00 50.00 50.00 10.00"],
      },
    );
    expect(parsePlainTextTables(without05).ambiguities.map((a) => a.table)).toContain(
      "公开07表 政府性基金预算财政拨款收入支出决算表",
    );
  });

  const t07Only = {
    title: T07,
    no: 7,
    lines: ["合 计 50.00 40.00 40.00 10.00", "212 城乡社区支出 50.00 40.00 40.00 10.00"],
  };

  test("04's 政府性基金 income and carry-over rows tell 年初结转和结余 from 本年收入", () => {
    // 07 prints four figures: 50.00 is 年初结转和结余 or 本年收入 (10.00 = 50.00 − 40.00 either way); 04 says income.
    const doc = mini(
      {
        title: "财政拨款收入支出决算总表",
        no: 4,
        header: T04_HEADER,
        lines: [
          "一、一般公共预算财政拨款 1 十一、城乡社区支出 43 40.00 40.00",
          "二、政府性基金预算财政拨款 2 50.00",
          "本年收入合计 27 50.00 本年支出合计 59 40.00 40.00",
          "年初财政拨款结转和结余 28 年末财政拨款结转和结余 60 10.00 10.00",
          "一般公共预算财政拨款 29 61",
          "政府性基金预算财政拨款 30 62 10.00 10.00",
          "国有资本经营预算财政拨款 31 63",
          "总计 32 50.00 总计 64 50.00 50.00",
        ],
      },
      t07Only,
    );
    // 基本 or 项目 is for the narrative to say (section 七)
    const r = parsePlainTextTables(doc, { t07: { project: "40.00" } });
    expect(r.ambiguities).toEqual([]);
    const expected = { income: "50.00", total: "40.00", project: "40.00", carryEnd: "10.00" };
    expect(table(r, "t07").rows.map((x) => x.values)).toEqual([expected, expected]);
    expect(table(r, "t04").rows.find((x) => x.key === "class" && x.code === "212")?.values).toEqual({
      total: "40.00",
      govFund: "40.00",
    });
    // without table 04 the two stay open
    const alone = parsePlainTextTables(mini(t07Only), { t07: { project: "40.00" } });
    expect(alone.ambiguities).toHaveLength(2);
    expect(alone.ambiguities[0].message).toContain("①年初结转和结余 50.00、本年支出小计 40.00");
    expect(alone.ambiguities[0].message).toContain("②本年收入 50.00、本年支出小计 40.00");
  });
});

describe("table notes", () => {
  test("a note that mentions 金额单位 is the table's note, not page furniture", () => {
    const doc = mini({
      title: T05,
      no: 5,
      lines: [
        "合 计 5.00 5.00",
        "201 一般公共服务支出 5.00 5.00",
        "注：1. 本表反映部门本年度的支出。2. 本套报表金额单位转换时",
        "金额单位转换可能存在尾数误差。",
      ],
    });
    expect(table(parsePlainTextTables(doc), "t05").note).toBe(
      "1.本表反映部门本年度的支出。2.本套报表金额单位转换时金额单位转换可能存在尾数误差。",
    );
  });

  test("seed 004's 公开01表 note (line 108) survives rendering to plain text", () => {
    const report = parseDocument(
      "004_fcc6ab7362c41973.txt",
      readFileSync(path.resolve(__dirname, "../../fixtures/documents/004_fcc6ab7362c41973.txt")),
    );
    const r = parsePlainTextTables(docFromText("004.txt", renderPlainText(report)));
    expect(table(r, "t01").note).toBe(
      "1.本表反映单位本年度的总收支和年末结转结余情况。2.本套报表金额单位转换时可能存在尾数误差。",
    );
  });

  test("an unfinished note ends at the page's 金额单位 line and the column header", () => {
    const doc = mini({
      title: "国有资本经营预算财政拨款支出决算表",
      no: 8,
      header: [
        "注：本单位没有使用国有资本经营预算安排的支出",
        "金额单位：万元",
        "项 目 本年支出",
        "科目编码 科目名称 小 计 基本支出 项目支出",
      ],
      lines: ["合 计"],
    });
    expect(table(parsePlainTextTables(doc), "t08")).toMatchObject({
      status: "empty",
      note: "本单位没有使用国有资本经营预算安排的支出",
    });
  });
});
