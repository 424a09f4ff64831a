import { reportSchema, type Report, type ReportInput, type TableId, type TableRow } from "@/lib/report/schema";

/**
 * A small report made by hand in which every identity holds exactly (no rounding tails), so a test can break one
 * thing and expect exactly the finding that breaks. Figures in 万元:
 *
 *  t01  income 一般公共预算 1000.00 + 其他 10.00 = 1010.00; 年初结转 5.00; 总计 1015.00
 *       expenditure 201 905.00 + 208 100.00 = 1005.00; 年末结转 10.00; 总计 1015.00
 *  t02  201 910.00 (财政 900.00, 其他 10.00: 行政运行 610.00 = 600.00 + 10.00, 一般行政管理事务 300.00); 208 100.00
 *  t03  201 905.00 (基本 605.00 行政运行, 项目 300.00 一般行政管理事务); 208 100.00 基本; 合计 1005.00 = 705.00 + 300.00
 *  t04  一般公共预算 1000.00 + 年初 2.00 = 1002.00 = 支出 1000.00 (201 900.00, 208 100.00) + 年末 2.00
 *  t05  201 900.00 (行政运行 600.00 基本, 一般行政管理事务 300.00 项目); 208 100.00 基本; 合计 1000.00 = 700.00 + 300.00
 *  t06  人员 560.00 (301 500.00, 303 60.00) + 公用 140.00 (302 130.00 incl. 30217 10.00 and 30231 20.00, 310 10.00) = 700.00
 *  t07, t08 declared empty
 *  t09  budget 37.00 = 5.00 + 20.00 (运行 20.00) + 12.00; final 34.00 = 4.00 + 20.00 (运行 20.00) + 10.00
 *  绩效 two sheets: A 97.5 (优, rate 95%), B 73 (中, rate 80%)
 */
export function makeReport(overrides: Partial<ReportInput> = {}): Report {
  lineCounter = 100;
  const t01: TableRow[] = [
    inc("gpb", "一、一般公共预算财政拨款收入", 1, { amount: "1000.00" }),
    inc("govFund", "二、政府性基金预算财政拨款收入", 2, {}),
    inc("soe", "三、国有资本经营预算财政拨款收入", 3, {}),
    inc("superior", "四、上级补助收入", 4, {}),
    inc("business", "五、事业收入", 5, {}),
    inc("operating", "六、经营收入", 6, {}),
    inc("affiliated", "七、附属单位上缴收入", 7, {}),
    inc("other", "八、其他收入", 8, { amount: "10.00" }),
    inc("incomeTotal", "本年收入合计", 27, { amount: "1010.00" }),
    inc("useNonFiscalBalance", "使用非财政拨款结余（含专用结余）", 28, {}),
    inc("carryBegin", "年初结转和结余", 29, { amount: "5.00" }),
    inc("grandTotal", "总计", 31, { amount: "1015.00" }),
    exp("class", "一、一般公共服务支出", 32, { amount: "905.00" }, "201"),
    exp("class", "二、外交支出", 33, {}, "202"),
    exp("class", "八、社会保障和就业支出", 39, { amount: "100.00" }, "208"),
    exp("expenditureTotal", "本年支出合计", 58, { amount: "1005.00" }),
    exp("balanceDistribution", "结余分配", 59, {}),
    exp("carryEnd", "年末结转和结余", 60, { amount: "10.00" }),
    exp("grandTotal", "总计", 62, { amount: "1015.00" }),
  ];
  const t02: TableRow[] = [
    total({ total: "1010.00", fiscal: "1000.00", other: "10.00" }),
    subj("201", "一般公共服务支出", { total: "910.00", fiscal: "900.00", other: "10.00" }),
    subj("20103", "政府办公厅（室）及相关机构事务", { total: "910.00", fiscal: "900.00", other: "10.00" }),
    subj("2010301", "行政运行", { total: "610.00", fiscal: "600.00", other: "10.00" }),
    subj("2010302", "一般行政管理事务", { total: "300.00", fiscal: "300.00" }),
    subj("208", "社会保障和就业支出", { total: "100.00", fiscal: "100.00" }),
    subj("20805", "行政事业单位养老支出", { total: "100.00", fiscal: "100.00" }),
    subj("2080505", "机关事业单位基本养老保险缴费支出", { total: "100.00", fiscal: "100.00" }),
  ];
  const t03: TableRow[] = [
    total({ total: "1005.00", basic: "705.00", project: "300.00" }),
    subj("201", "一般公共服务支出", { total: "905.00", basic: "605.00", project: "300.00" }),
    subj("20103", "政府办公厅（室）及相关机构事务", { total: "905.00", basic: "605.00", project: "300.00" }),
    subj("2010301", "行政运行", { total: "605.00", basic: "605.00" }),
    subj("2010302", "一般行政管理事务", { total: "300.00", project: "300.00" }),
    subj("208", "社会保障和就业支出", { total: "100.00", basic: "100.00" }),
    subj("20805", "行政事业单位养老支出", { total: "100.00", basic: "100.00" }),
    subj("2080505", "机关事业单位基本养老保险缴费支出", { total: "100.00", basic: "100.00" }),
  ];
  const t04: TableRow[] = [
    inc("gpb", "一、一般公共预算财政拨款", 1, { amount: "1000.00" }),
    inc("govFund", "二、政府性基金预算财政拨款", 2, {}),
    inc("soe", "三、国有资本经营预算财政拨款", 3, {}),
    inc("incomeTotal", "本年收入合计", 27, { amount: "1000.00" }),
    inc("carryBegin", "年初财政拨款结转和结余", 28, { amount: "2.00" }),
    inc("carryBeginGpb", "一般公共预算财政拨款", 29, { amount: "2.00" }),
    inc("carryBeginGovFund", "政府性基金预算财政拨款", 30, {}),
    inc("carryBeginSoe", "国有资本经营预算财政拨款", 31, {}),
    inc("grandTotal", "总计", 32, { amount: "1002.00" }),
    exp("class", "一、一般公共服务支出", 33, { total: "900.00", gpb: "900.00" }, "201"),
    exp("class", "八、社会保障和就业支出", 40, { total: "100.00", gpb: "100.00" }, "208"),
    exp("expenditureTotal", "本年支出合计", 59, { total: "1000.00", gpb: "1000.00" }),
    exp("carryEnd", "年末财政拨款结转和结余", 60, { total: "2.00", gpb: "2.00" }),
    exp("grandTotal", "总计", 64, { total: "1002.00", gpb: "1002.00" }),
  ];
  const t05: TableRow[] = [
    total({ total: "1000.00", basic: "700.00", project: "300.00" }),
    subj("201", "一般公共服务支出", { total: "900.00", basic: "600.00", project: "300.00" }),
    subj("20103", "政府办公厅（室）及相关机构事务", { total: "900.00", basic: "600.00", project: "300.00" }),
    subj("2010301", "行政运行", { total: "600.00", basic: "600.00" }),
    subj("2010302", "一般行政管理事务", { total: "300.00", project: "300.00" }),
    subj("208", "社会保障和就业支出", { total: "100.00", basic: "100.00" }),
    subj("20805", "行政事业单位养老支出", { total: "100.00", basic: "100.00" }),
    subj("2080505", "机关事业单位基本养老保险缴费支出", { total: "100.00", basic: "100.00" }),
  ];
  const t06: TableRow[] = [
    econ("301", "工资福利支出", "500.00", "personnel"),
    econ("30101", "基本工资", "300.00", "personnel"),
    econ("30102", "津贴补贴", "200.00", "personnel"),
    econ("303", "对个人和家庭的补助", "60.00", "personnel"),
    econ("30302", "退休费", "60.00", "personnel"),
    econ("302", "商品和服务支出", "130.00", "public"),
    econ("30201", "办公费", "100.00", "public"),
    econ("30217", "公务接待费", "10.00", "public"),
    econ("30231", "公务用车运行维护费", "20.00", "public"),
    econ("310", "资本性支出", "10.00", "public"),
    econ("31002", "办公设备购置", "10.00", "public"),
    { key: "personnelTotal", name: "人员经费合计", values: { amount: "560.00" }, sourceLine: nextLine() },
    { key: "publicTotal", name: "公用经费合计", values: { amount: "140.00" }, sourceLine: nextLine() },
  ];
  const t09: TableRow[] = [
    {
      key: "sangong",
      name: "“三公”经费",
      values: {
        budgetTotal: "37.00",
        budgetAbroad: "5.00",
        budgetVehicle: "20.00",
        budgetVehicleOperation: "20.00",
        budgetReception: "12.00",
        finalTotal: "34.00",
        finalAbroad: "4.00",
        finalVehicle: "20.00",
        finalVehicleOperation: "20.00",
        finalReception: "10.00",
      },
      sourceLine: nextLine(),
    },
  ];

  const input: ReportInput = {
    schemaVersion: 1,
    department: "示例市测试局",
    year: 2023,
    scope: "部门决算",
    sourceUnit: "万元",
    source: { fileName: "factory.txt", sha256: "0".repeat(64), layout: "json", lines: 500 },
    synthetic: true,
    overview: { duties: "负责测试。", units: ["示例市测试局本级"] },
    tables: [
      table("t01", "收入支出决算总表", t01),
      table("t02", "收入决算表", t02),
      table("t03", "支出决算表", t03),
      table("t04", "财政拨款收入支出决算总表", t04),
      table("t05", "一般公共预算财政拨款支出决算表", t05),
      table("t06", "一般公共预算财政拨款基本支出决算明细表", t06),
      {
        id: "t07",
        title: "政府性基金预算财政拨款收入支出决算表",
        status: "empty",
        note: "本部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。",
        sourceLine: 200,
        rows: [],
      },
      {
        id: "t08",
        title: "国有资本经营预算财政拨款支出决算表",
        status: "empty",
        note: "本部门没有使用国有资本经营预算安排的支出，故本表无数据。",
        sourceLine: 210,
        rows: [],
      },
      table("t09", "财政拨款“三公”经费支出决算表", t09),
    ],
    narrative: {
      changes: [
        {
          key: "grandTotal",
          subject: "收、支总计",
          current: "1015.00",
          change: "-85.00",
          pct: "-7.73",
          reason: "项目减少",
          sourceLine: 300,
        },
        {
          key: "income.fiscal",
          subject: "财政拨款收入",
          current: "1000.00",
          change: "100.00",
          pct: "11.11",
          sourceLine: 310,
        },
        { key: "income.superior", subject: "上级补助收入", current: "0", unchanged: true, sourceLine: 311 },
        { key: "income.other", subject: "其他收入", current: "10.00", change: "-10.00", pct: "-50", sourceLine: 312 },
        {
          key: "expenditure.basic",
          subject: "基本支出",
          current: "705.00",
          change: "5.00",
          pct: "0.71",
          sourceLine: 320,
        },
        {
          key: "expenditure.project",
          subject: "项目支出",
          current: "300.00",
          change: "-100.00",
          pct: "-25",
          sourceLine: 321,
        },
        {
          key: "fiscalGrandTotal",
          subject: "财政拨款收、支总计",
          current: "1002.00",
          change: "2.00",
          pct: "0.2",
          sourceLine: 330,
        },
        {
          key: "gpbExpenditure",
          subject: "一般公共预算财政拨款支出",
          current: "1000.00",
          change: "50.00",
          pct: "5.26",
          sourceLine: 340,
        },
      ],
      shares: [
        {
          key: "income.fiscal",
          subject: "财政拨款收入",
          amount: "1000.00",
          pct: "99.01",
          base: "incomeTotal",
          sourceLine: 305,
        },
        {
          key: "income.other",
          subject: "其他收入",
          amount: "10.00",
          pct: "0.99",
          base: "incomeTotal",
          sourceLine: 305,
        },
        {
          key: "expenditure.basic",
          subject: "基本支出",
          amount: "705.00",
          pct: "70.15",
          base: "expenditureTotal",
          sourceLine: 315,
        },
        {
          key: "expenditure.project",
          subject: "项目支出",
          amount: "300.00",
          pct: "29.85",
          base: "expenditureTotal",
          sourceLine: 315,
        },
        {
          key: "gpbExpenditure",
          subject: "一般公共预算财政拨款支出",
          amount: "1000.00",
          pct: "99.5",
          base: "expenditureTotal",
          sourceLine: 340,
        },
        {
          key: "class:一般公共服务",
          subject: "一般公共服务（类）支出",
          amount: "900.00",
          pct: "90",
          base: "gpbExpenditure",
          sourceLine: 345,
        },
        {
          key: "class:社会保障和就业",
          subject: "社会保障和就业（类）支出",
          amount: "100.00",
          pct: "10",
          base: "gpbExpenditure",
          sourceLine: 345,
        },
      ],
      budgetExecution: {
        initialBudget: "800.00",
        final: "1000.00",
        rate: "125",
        reason: "追加项目",
        sourceLine: 350,
        items: [
          {
            path: ["一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行"],
            code: "2010301",
            initialBudget: "500.00",
            final: "600.00",
            rate: "120",
            sourceLine: 352,
          },
          {
            path: ["一般公共服务支出", "政府办公厅（室）及相关机构事务", "一般行政管理事务"],
            initialBudget: "200.00",
            final: "300.00",
            rate: "150",
            sourceLine: 354,
          },
          {
            path: ["社会保障和就业支出", "行政事业单位养老支出", "机关事业单位基本养老保险缴费支出"],
            initialBudget: "100.00",
            final: "100.00",
            rate: "100",
            sourceLine: 356,
          },
        ],
      },
      basicExpenditure: { total: "700.00", personnel: "560.00", public: "140.00", sourceLine: 360 },
      sangong: {
        total: { budget: "37.00", final: "34.00", rate: "91.89", sourceLine: 370 },
        abroad: { budget: "5.00", final: "4.00", rate: "80", sourceLine: 372 },
        vehicle: { budget: "20.00", final: "20.00", rate: "100", sourceLine: 374 },
        vehiclePurchase: "0",
        vehicleOperation: "20.00",
        reception: { budget: "12.00", final: "10.00", rate: "83.33", sourceLine: 378 },
        abroadGroups: 1,
        abroadPersons: 2,
        vehiclesPurchased: 0,
        vehiclesKept: 2,
        receptionDomestic: {
          amount: "10.00",
          batches: 5,
          persons: 40,
          foreignAffairsBatches: 0,
          foreignAffairsPersons: 0,
        },
        receptionForeign: { amount: "0", batches: 0, persons: 0 },
        sourceLine: 370,
      },
      operatingCost: { amount: "140.00", changeVsBudget: "-10.00", pct: "-6.67", reason: "压减开支", sourceLine: 380 },
      procurement: {
        total: "200.00",
        goods: "50.00",
        works: "0",
        services: "150.00",
        sme: "125.00",
        smeShare: "62.5",
        smallMicro: "80.00",
        smallMicroShare: "40",
        goodsSmeShare: "100",
        servicesSmeShare: "50",
        sourceLine: 390,
      },
      assets: { vehicles: 3, vehiclesByUse: { 机要通信用车: 2, 其他用车: 1 }, largeEquipment: 0, sourceLine: 395 },
      performance: {
        projectCount: 2,
        funds: "150.00",
        gradeCounts: { 优: 1, 中: 1 },
        sheetsStated: 2,
        summaries: [
          { name: "信息系统运维", score: "97.5", budget: "100.00", executed: "95.00", rate: "95", sourceLine: 402 },
          { name: "办公设备购置", score: "73", budget: "50.00", executed: "40.00", rate: "80", sourceLine: 404 },
        ],
        sourceLine: 400,
      },
    },
    glossary: [
      { term: "财政拨款收入", definition: "指单位本年度从本级财政部门取得的财政拨款。" },
      { term: "基本支出", definition: "指单位为保障机构正常运转、完成日常工作任务而发生的各项支出。" },
    ],
    appendix: {
      performanceSummary: {
        rows: [
          {
            no: 1,
            name: "信息系统运维",
            unit: "示例市测试局",
            budget: "100.00",
            score: "97.50",
            grade: "优",
            sourceLine: 420,
          },
          {
            no: 2,
            name: "办公设备购置",
            unit: "示例市测试局",
            budget: "50.00",
            score: "73.00",
            grade: "中",
            sourceLine: 421,
          },
        ],
        total: "150.00",
        sourceLine: 419,
      },
      performanceSheets: [
        sheet(
          "信息系统运维",
          430,
          { initial: "100.00", annual: "100.00", executed: "95.00", weight: "10", rate: "95", score: "9.5" },
          ["20", "18", "20", "20", "10"],
          "97.5",
        ),
        sheet(
          "办公设备购置",
          460,
          { initial: "60.00", annual: "50.00", executed: "40.00", weight: "10", rate: "80", score: "8" },
          ["15", "15", "15", "15", "5"],
          "73",
        ),
      ],
    },
    ambiguities: [],
    ...overrides,
  };
  return reportSchema.parse(input);
}

let lineCounter = 100;
function nextLine(): number {
  return ++lineCounter;
}

function inc(key: string, name: string, line: number, values: Record<string, string>): TableRow {
  return { section: "income", key, name, line, values, sourceLine: nextLine() };
}
function exp(key: string, name: string, line: number, values: Record<string, string>, code?: string): TableRow {
  return { section: "expenditure", key, name, line, values, sourceLine: nextLine(), ...(code ? { code } : {}) };
}
function total(values: Record<string, string>): TableRow {
  return { key: "total", name: "合计", values, sourceLine: nextLine() };
}
function subj(code: string, name: string, values: Record<string, string>): TableRow {
  return { code, name, values, sourceLine: nextLine() };
}
function econ(code: string, name: string, amount: string, section: "personnel" | "public"): TableRow {
  return { code, name, section, values: { amount }, sourceLine: nextLine() };
}
function table(id: TableId, title: string, rows: TableRow[]) {
  return { id, title, status: "data" as const, sourceLine: rows[0]?.sourceLine, rows };
}

const INDICATORS = [
  ["成本指标", "经济成本指标", "总成本", "≤预算"],
  ["产出指标", "数量指标", "完成数量", "≥10个"],
  ["产出指标", "质量指标", "合格率", "=100%"],
  ["效益指标", "社会效益指标", "服务改善", "明显改善"],
  ["满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90%"],
] as const;

const WEIGHTS = ["20", "20", "20", "20", "10"];

function sheet(
  name: string,
  line: number,
  funds: { initial: string; annual: string; executed: string; weight: string; rate: string; score: string },
  scores: string[],
  totalScore: string,
) {
  return {
    name,
    department: "示例市测试局",
    implementingUnit: "示例市测试局",
    funds: { total: funds, fiscal: { initial: funds.initial, annual: funds.annual, executed: funds.executed } },
    goals: { planned: "完成年度任务。", actual: "基本完成年度任务。" },
    indicators: INDICATORS.map(([level1, level2, level3, target], i) => ({
      level1,
      level2,
      level3,
      target,
      actual: "已完成",
      weight: WEIGHTS[i],
      score: scores[i],
      sourceLine: line + 10 + i,
    })),
    totalScore,
    sourceLine: line,
  };
}

/** A deep copy to mutate: tests break one thing in it. */
export function mutate(report: Report, change: (r: Report) => void): Report {
  const copy = structuredClone(report);
  change(copy);
  return copy;
}

/** The row of a table by key (and section) or code, for mutations. */
export function rowOf(report: Report, id: TableId, pred: { key?: string; code?: string; section?: string }): TableRow {
  const t = report.tables.find((x) => x.id === id);
  const row = t?.rows.find(
    (r) =>
      (pred.key === undefined || r.key === pred.key) &&
      (pred.code === undefined || r.code === pred.code) &&
      (pred.section === undefined || r.section === pred.section),
  );
  if (!row) throw new Error(`no row ${JSON.stringify(pred)} in ${id}`);
  return row;
}

/** Sets one cell (undefined empties it). */
export function setCell(
  report: Report,
  id: TableId,
  pred: { key?: string; code?: string; section?: string },
  column: string,
  value: string | undefined,
): Report {
  return mutate(report, (r) => {
    const row = rowOf(r, id, pred);
    if (value === undefined) delete row.values[column];
    else row.values[column] = value;
  });
}

export function removeTable(report: Report, id: TableId): Report {
  return mutate(report, (r) => {
    r.tables = r.tables.filter((t) => t.id !== id);
  });
}
