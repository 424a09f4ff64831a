import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { decodeDocument, docFromText } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import { parseMarkdownAppendix } from "@/lib/ingest/layouts/markdown/appendix";
import { appendixSchema, type Indicator, type PerformanceSheet } from "@/lib/report/schema";

const SEED = path.resolve(__dirname, "../../fixtures/documents/004_fcc6ab7362c41973.txt");
const seedText = readFileSync(SEED, "utf8");
const seed = parseMarkdownAppendix(decodeDocument("004_fcc6ab7362c41973.txt", readFileSync(SEED)));

function parseText(text: string, name = "hand.txt") {
  return parseMarkdownAppendix(docFromText(name, text));
}

function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error("expected a ParseError");
}

function sheet(name: string): PerformanceSheet {
  const s = seed.performanceSheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

describe("seed 004: 绩效自评情况汇总表", () => {
  const summary = seed.performanceSummary!;
  const rows: [number, string, string, string, string, string, number][] = [
    [1, "12345 政务热线平台运营项目经费", "烟台市人民政府办公室", "3300", "97.54", "优", 676],
    [2, "会议费及接待调研考察经费", "烟台市人民政府办公室", "280", "96.67", "优", 677],
    [3, "决策支持服务平台建设专项经费", "烟台市人民政府办公室", "200", "91.74", "优", 678],
    [4, "印刷、会议线路及考察打私经费", "烟台市人民政府办公室", "285", "99.99", "优", 679],
    [5, "优化营商环境工作经费", "烟台市人民政府办公室", "350", "90.52", "优", 680],
    [6, "政务公开优化提升、运维、租赁专项经费", "烟台市人民政府办公室", "240", "90.72", "优", 681],
    [7, "政府工作报告起草专项经费", "烟台市人民政府办公室", "22", "90.8", "优", 682],
    [8, "购买办公家具、办公设备专项经费", "烟台市人民政府办公室", "15", "91.43", "优", 683],
    [
      9,
      "驻外机构工作保障经费",
      "烟台市人民政府驻北京联络处 烟台市人民政府驻沪联络处 烟台市人民政府驻济南办事处",
      "303",
      "98.63",
      "优",
      684,
    ],
  ];

  test("title line, 合计 4995 and no note", () => {
    expect(summary.sourceLine).toBe(669);
    expect(summary.total).toBe("4995");
    expect(summary.note).toBeUndefined();
    expect(summary.rows).toHaveLength(9);
  });

  test.each(rows)("%i %s", (no, name, unit, budget, score, grade, sourceLine) => {
    expect(summary.rows[no - 1]).toEqual({ no, name, unit, budget, score, grade, sourceLine });
  });

  test("the appendix satisfies the canonical schema", () => {
    expect(() => appendixSchema.parse(seed)).not.toThrow();
  });
});

type Funds = [initial: string, annual: string, executed: string, weight: string, rate: string, score: string];
type Ind = [
  level1: string,
  level2: string,
  level3: string,
  target: string,
  actual: string,
  weight: string,
  score: string,
  line: number,
  deviation?: string,
];
type SheetCase = {
  name: string;
  line: number;
  unit: string;
  total: Funds;
  /** the 其中 line: 年初预算数, 全年预算数, 全年执行数 (and 执行率 where printed) */
  fiscal: Record<string, string>;
  totalScore: string;
  goals: { planned: [string, string]; actual: [string, string] };
  indicators: Ind[];
};

const OFFICE = "烟台市人民政府办公室";
const SHEETS: SheetCase[] = [
  {
    name: "12345政务热线平台运营项目经费",
    line: 687,
    unit: OFFICE,
    total: ["3300", "3300", "2486.4", "10", "75.35", "7.54"],
    fiscal: { initial: "3300", annual: "3300", executed: "2486.4" },
    totalScore: "97.54",
    goals: {
      planned: ["以“一号受理、互联互通、方便群众、服务决策”为目标", "不断提升政务服务能力和水平。"],
      actual: ["以“一号受理", "市民满意率达98.38%。"],
    },
    indicators: [
      ["成本指标(20分)", "经济成本指标", "经济成本指标", "≤3300万元", "2486.4万元", "20", "20", 702],
      ["产出指标(40分)", "数量指标", "服务差错数量", "超时转办次数≤365次", "无", "10", "10", 703],
      [
        "产出指标(40分)",
        "质量指标",
        "呼叫接通率：连续24小时内接通的来电数量与来电总量的比率",
        "≥95%",
        "99.25%",
        "20",
        "20",
        704,
      ],
      [
        "产出指标(40分)",
        "时效指标",
        "15秒及时应答率：考核周期内话务人员在规定时间内应答服务对象诉求数量与总来电量的比率",
        "≥80%",
        "96.53%",
        "10",
        "10",
        705,
      ],
      [
        "效益指标(20分)",
        "社会效益指标",
        "方便群众、高效办理，提高社会效益，诉求按期限办结",
        "≥95%",
        "99.87%",
        "10",
        "10",
        706,
      ],
      ["效益指标(20分)", "社会效益指标", "群众幸福感提升程度", "明显提升", "明显提升", "10", "10", 707],
      [
        "满意度指标(10分)",
        "服务对象满意度指标",
        "市民满意率：市民对话务人员的服务情况进行满意度的评价，市民满意的比率",
        "≥98%",
        "98.38%",
        "10",
        "10",
        708,
      ],
    ],
  },
  {
    name: "会议费及接待调研考察经费",
    line: 712,
    unit: OFFICE,
    total: ["280", "280", "214.83", "10", "76.73", "7.67"],
    fiscal: { initial: "280", annual: "280", executed: "214.83" },
    totalScore: "96.67",
    goals: {
      planned: ["通过办公室召开会议", "提升城市形象和招商引资效果。"],
      actual: ["2023年度烟台市人民政府办公室共完成41次/季公务接待批次", "提升了城市形象和招商引资效果。"],
    },
    indicators: [
      ["成本指标(20分)", "经济成本指标", "总成本", "≤280万元", "214.83万元", "20", "20", 727],
      ["产出指标(40分)", "数量指标", "公务接待批次", "≥38次/季", "41次/季", "10", "10", 728],
      ["产出指标(40分)", "数量指标", "会议批次", "≥15次/月", "18次/月", "10", "10", 729],
      ["产出指标(40分)", "质量指标", "会议参与度", "≥90%", "92%", "10", "10", 730],
      [
        "产出指标(40分)",
        "时效指标",
        "会议、公务接待结算时效性",
        "≤3月",
        "4月",
        "10",
        "9",
        731,
        "个别会议或公务接待结算时间超过3个月。下步，提高结算效率，尽早结算。",
      ],
      ["效益指标(20分)", "社会效益指标", "会议调研考察成果转化程度", "转化效果明显", "转化效果明显", "10", "10", 732],
      [
        "效益指标(20分)",
        "社会效益指标",
        "城市形象和招商引资提升程度",
        "明显改善、明显提升",
        "城市形象明显改善、招商引资提升程度明显提升",
        "10",
        "10",
        733,
      ],
      ["满意度指标(10分)", "服务对象满意度指标", "上级主管部门满意度", "≥90%", "95%", "5", "5", 734],
      ["满意度指标(10分)", "服务对象满意度指标", "被接待人员满意程度", "≥90%", "90%", "5", "5", 735],
    ],
  },
  {
    name: "决策支持服务平台建设专项经费",
    line: 739,
    unit: OFFICE,
    total: ["200", "200", "34.71", "10", "17.36", "1.74"],
    // This sheet's 其中 line also prints the rate.
    fiscal: { initial: "200", annual: "200", executed: "34.71", rate: "17.36" },
    totalScore: "91.74",
    goals: {
      planned: ["充分调动高等院校、科研院所、社会智库等“外脑”智库作用", "法治化水平。"],
      actual: ["全年开展各类课题研究、政策评估、经济分析等近30项", "为市政府决策提供了精准、前沿、高效咨询参考。"],
    },
    indicators: [
      ["成本指标(20分)", "经济成本指标", "项目经费总成本", "≤200万元", "34.71万元", "20", "20", 754],
      ["产出指标(40分)", "数量指标", "开展重大战略性问题研究", "≥1个", "3", "10", "10", 755],
      ["产出指标(40分)", "数量指标", "组织开展烟台市人民政府决策咨询研究重点课题", "≥6个", "9", "10", "10", 756],
      ["产出指标(40分)", "质量指标", "初步研究成果通过率", "≥80%", "90%", "10", "10", 757],
      ["产出指标(40分)", "时效指标", "初步研究成果提交时限", "12月底前完成", "已完成", "10", "10", 758],
      ["效益指标(20分)", "社会效益指标", "已提交研究成果批示率或采纳率", "≥30%", "35%", "10", "10", 759],
      [
        "效益指标(20分)",
        "社会效益指标",
        "对我市建设为更具影响力的现代化国际滨海城市的作用",
        "明显提升",
        "明显提升",
        "10",
        "10",
        760,
      ],
      ["满意度指标(10分)", "服务对象满意度指标", "研究项目负责人满意度", "≥90%", "100%", "10", "10", 761],
    ],
  },
  {
    name: "印刷、会议线路及考察打私经费",
    line: 765,
    unit: OFFICE,
    total: ["285", "285", "284.64", "10", "99.87", "9.99"],
    fiscal: { initial: "285", annual: "285", executed: "284.64" },
    totalScore: "99.99",
    goals: {
      planned: ["通过印刷、会议线路及考察打私经费", "达到对我市建设持续影响的目标。"],
      actual: ["2023年度设备保养维修次数2次/台/月", "达到了对我市建设持续影响的目标。"],
    },
    indicators: [
      ["成本指标（20分）", "经济成本指标", "总成本", "≤285万元", "284.64万元", "20", "20", 780],
      ["产出指标（40分）", "数量指标", "设备保养维修次数", "≤1次/台/月", "2次/台/月", "5", "5", 781],
      ["产出指标（40分）", "数量指标", "举办会议次数", "≥20场/月", "34场/月", "5", "5", 782],
      ["产出指标（40分）", "数量指标", "出差人次", "≥30人次/月", "42人次/月", "5", "5", 783],
      ["产出指标（40分）", "质量指标", "文件印刷准确率", "≥92%", "93%", "5", "5", 784],
      ["产出指标（40分）", "质量指标", "员工技能达标率", "≥92%", "93%", "5", "5", 785],
      ["产出指标（40分）", "质量指标", "会议线路通畅率", "≥99%", "100%", "5", "5", 786],
      ["产出指标（40分）", "时效指标", "会议线路部署完成时限", "≥开会前1小时", "1小时", "5", "5", 787],
      ["产出指标（40分）", "时效指标", "文件印发完成时限", "≤2天", "2天", "5", "5", 788],
      ["效益指标（20分）", "社会效益指标", "保障工作运行情况，正常运行率", "≥90%", "90%", "10", "10", 789],
      [
        "效益指标（20分）",
        "社会效益指标",
        "开展印刷、出差调研、会议线路保障工作对我市建设的影响",
        "长期影响",
        "长期影响",
        "10",
        "10",
        790,
      ],
      ["满意度指标（10分）", "服务对象满意度指标", "办公室工作人员满意度", "≥90%", "92%", "10", "10", 791],
    ],
  },
  {
    name: "优化营商环境工作经费",
    line: 795,
    unit: OFFICE,
    // 执行率 printed "5.17%"
    total: ["350", "350", "18.09", "10", "5.17", "0.52"],
    fiscal: { initial: "350", annual: "350", executed: "18.09" },
    totalScore: "90.52",
    goals: {
      planned: ["通过持续推进优化营商环境建设", "达到提升我市营商环境的效果"],
      actual: ["通过开展营商环境创新提升行动", "我市在2023年度省营商环境考核中获第一档次。"],
    },
    indicators: [
      ["成本指标(20分)", "经济成本指标", "总成本", "≤350万元", "18.09万元", "20", "20", 810],
      ["产出指标(40分)", "数量指标", "营商环境指标优化提升完成率", "100%", "100%", "10", "10", 811],
      ["产出指标(40分)", "质量指标", "营商环境省评成绩", "全省第一档次", "全省第一档次", "20", "20", 812],
      ["产出指标(40分)", "时效指标", "工作完成时间", "2023年度内完成", "年度内完成", "10", "10", 813],
      [
        "效益指标(20分)",
        "社会效益指标",
        "“政企通”专线诉求解决情况",
        "诉求解决率≥90%",
        "诉求解决率90.8%",
        "10",
        "10",
        814,
      ],
      ["效益指标(20分)", "社会效益指标", "实质提升营商环境", "省级评定保持第一档", "年度全省第一档次", "10", "10", 815],
      ["满意度指标(10分)", "服务对象满意度指标", "企业群众满意度", "≥90%", "90.20%", "10", "10", 816],
    ],
  },
  {
    name: "政务公开优化提升、运维、租赁专项经费",
    line: 820,
    unit: OFFICE,
    total: ["240", "240", "17.22", "10", "7.18", "0.72"],
    fiscal: { initial: "240", annual: "240", executed: "17.22" },
    totalScore: "90.72",
    goals: {
      planned: ["保障市政府办公室机关内部办公室系统及设备正常运行；", "依托专业机构全面提升全市政务公开工作质效。"],
      actual: ["办公室设施运转正常；", "政务公开评估成绩居全省第一，政务公开质效大幅提升。"],
    },
    indicators: [
      ["成本指标（20分）", "经济成本指标", "项目经费总成本", "≤240万元", "17.22万元", "20", "20", 835],
      ["产出指标（40分）", "数量指标", "市政府部门政务公开业务咨询完成数量", "≥38个", "38个", "10", "10", 836],
      ["产出指标（40分）", "数量指标", "区市政务公开业务咨询完成数量", "≥16个", "16个", "10", "10", 837],
      [
        "产出指标（40分）",
        "质量指标",
        "对制度基础建设、政策落实、解读回应、政民互动等工作进行优化",
        "制度基础建设、政策落实、解读回应、政民互动等工作提升效果超过30%",
        "已完成",
        "8",
        "8",
        838,
      ],
      [
        "产出指标（40分）",
        "质量指标",
        "为依申请公开、公开平台建设、组织保障等提供咨询服务",
        "依申请公开答复规范度超过90%",
        "已完成",
        "7",
        "7",
        839,
      ],
      [
        "产出指标（40分）",
        "时效指标",
        "按时完成当年度“政务公开咨询服务和优化提升”工作",
        "在省政府办公厅考核结束前完成1次政务公开相关评估指标体系培训和解读",
        "已完成",
        "5",
        "5",
        840,
      ],
      [
        "效益指标（20分）",
        "社会效益指标",
        "通过咨询服务和优化提升，科学系统地改进我市政务公开工作，更好服务全市经济社会发展",
        "政务公开时效性、依申请公开按时答复率超过90%",
        "已完成",
        "10",
        "10",
        841,
      ],
      [
        "效益指标（20分）",
        "社会效益指标",
        "畅通依申请公开渠道，保障公众的知情权，监督行政机关依法行政",
        "依申请公开可网办率100%",
        "已完成",
        "10",
        "10",
        842,
      ],
      ["满意度指标（10分）", "服务对象满意度指标", "咨询提升服务对象满意度", "≥90%", "95%", "10", "10", 843],
    ],
  },
  {
    name: "政府工作报告起草专项经费",
    line: 847,
    unit: OFFICE,
    total: ["22", "22", "1.75", "10", "7.95", "0.8"],
    fiscal: { initial: "22", annual: "22", executed: "1.75" },
    totalScore: "90.8",
    goals: {
      planned: ["通过项目支持", "科学安排全市政府系统年度工作。"],
      actual: ["通过项目支持", "各单位征求意见通过率达到100%。"],
    },
    indicators: [
      ["成本指标（20分）", "经济成本指标", "政府工作报告起草总成本", "≤22万元", "1.75万元", "20", "20", 862],
      ["产出指标（40分）", "数量指标", "政府工作报告完成数量情况", "≥3部分", "4部分", "10", "10", 863],
      ["产出指标（40分）", "数量指标", "完成调研数量", "≥3个", "3个", "10", "10", 864],
      ["产出指标（40分）", "质量指标", "各单位征求意见通过率", "≥92%", "100%", "10", "10", 865],
      ["产出指标（40分）", "时效指标", "政府工作报告起草完成时间", "12月31日之前", "12月31日之前完成", "10", "10", 866],
      ["效益指标（20分）", "社会效益指标", "政府报告知晓率", "≥80%", "90%", "10", "10", 867],
      [
        "效益指标（20分）",
        "社会效益指标",
        "政府开展以后的工作",
        "方便政府进一步开展以后工作",
        "方便政府进一步开展以后工作",
        "10",
        "10",
        868,
      ],
      ["满意度指标（10分）", "服务对象满意度指标", "人代会代表满意率", "≥90%", "95%", "10", "10", 869],
    ],
  },
  {
    name: "购买办公家具、办公设备专项经费",
    line: 873,
    unit: OFFICE,
    total: ["15", "15", "3.64", "10", "24.27", "2.43"],
    fiscal: { initial: "15", annual: "15", executed: "3.64" },
    totalScore: "91.43",
    goals: {
      planned: ["通过购买办公家具", "促进事业发展的影响力。"],
      actual: ["通过购买办公家具", "促进事业发展的影响力。"],
    },
    indicators: [
      ["成本指标(20分)", "经济成本指标", "总成本", "≤15万元", "3.64", "20", "20", 888],
      [
        "产出指标(40分)",
        "数量指标",
        "办公家具购置数量",
        "≥25件 (套)",
        "22件 (套)",
        "15",
        "14",
        889,
        "厉行节约，调减部分家具采购",
      ],
      ["产出指标(40分)", "质量指标", "正规厂商购买，质量合格率", "=100%", "100%", "15", "15", 890],
      ["产出指标(40分)", "时效指标", "采购完成时限", "12个月内完成采购", "12个月", "10", "10", 891],
      ["效益指标(20分)", "社会效益指标", "办公环境改善程度", "明显改善", "明显改善", "10", "10", 892],
      [
        "效益指标(20分)",
        "社会效益指标",
        "设备使用年限",
        "满足资产使用年限15年以上的要求",
        "满足资产使用年限15年以上的要求",
        "10",
        "10",
        893,
      ],
      ["满意度指标(10分)", "服务对象满意度指标", "办公室人员满意率", "≥95%", "98%", "10", "10", 894],
    ],
  },
  {
    name: "驻外机构工作保障经费",
    line: 898,
    unit: "烟台市人民政府驻北京联络处、驻沪联络处、驻济南办事处",
    total: ["303", "303", "261.58", "10", "86.33", "8.63"],
    fiscal: { initial: "303", annual: "303", executed: "261.58" },
    totalScore: "98.63",
    goals: {
      planned: ["通过驻外工作的联络和交流", "为宣传烟台、推动区域间合作与文化交流提供助力。"],
      actual: ["通过驻外工作与驻地间的联络和交流", "为双招双引等合作交流牵线搭桥。"],
    },
    indicators: [
      ["成本指标(20分)", "经济成本指标", "驻外工作保障经费总成本", "≤303万元", "261.58万元", "20", "20", 913],
      ["产出指标(40分)", "数量指标", "在职人员总数", "≥23人", "23人", "15", "15", 914],
      ["产出指标(40分)", "质量指标", "工作保障经费使用对象合格率", "100%", "100%", "15", "15", 915],
      ["产出指标(40分)", "时效指标", "公用经费结算时效性", "≤2月", "2月内发放", "10", "10", 916],
      [
        "效益指标(20分)",
        "社会效益指标",
        "招商引资、招才引智",
        "为烟台提供推介合作项目、深入推进政务联络与文化交流",
        "搭建平台，保障服务",
        "10",
        "10",
        917,
      ],
      [
        "效益指标(20分)",
        "社会效益指标",
        "为市政府在京服务提供保障，为宣传烟台、推动合作提供助力",
        "通过宣传烟台，提升烟台在驻地的形象",
        "显著提升",
        "10",
        "10",
        918,
      ],
      ["满意度指标(10分)", "服务对象满意度指标", "职工满意率", "≥90%", "91%", "10", "10", 919],
    ],
  },
];

describe("seed 004: the nine 项目绩效自评表", () => {
  test("nine sheets, in order, named as printed", () => {
    expect(seed.performanceSheets.map((s) => [s.name, s.sourceLine])).toEqual(SHEETS.map((s) => [s.name, s.line]));
  });

  describe.each(SHEETS)("$name", (c) => {
    const s = sheet(c.name);

    test("主管部门 and 实施单位", () => {
      expect(s.department).toBe(OFFICE);
      expect(s.implementingUnit).toBe(c.unit);
    });

    test("funds: 年度资金总额 and the 其中 line (its words wrapped below onto 当年财政拨款); empty lines absent", () => {
      const [initial, annual, executed, weight, rate, score] = c.total;
      expect(s.funds).toEqual({ total: { initial, annual, executed, weight, rate, score }, fiscal: c.fiscal });
    });

    test("goals: plan and result", () => {
      expect(s.goals.planned?.startsWith(c.goals.planned[0])).toBe(true);
      expect(s.goals.planned?.endsWith(c.goals.planned[1])).toBe(true);
      expect(s.goals.actual?.startsWith(c.goals.actual[0])).toBe(true);
      expect(s.goals.actual?.endsWith(c.goals.actual[1])).toBe(true);
    });

    test("every indicator, 一级/二级 carried down to the rows that leave them blank", () => {
      const expected: Indicator[] = c.indicators.map(
        ([level1, level2, level3, target, actual, weight, score, sourceLine, deviation]) => ({
          level1,
          level2,
          level3,
          target,
          actual,
          weight,
          score,
          ...(deviation ? { deviation } : {}),
          sourceLine,
        }),
      );
      expect(s.indicators).toEqual(expected);
    });

    test("总分", () => {
      expect(s.totalScore).toBe(c.totalScore);
    });
  });
});

describe("hand-made sheets", () => {
  const yuanSheet = [
    "附件2：2023年度项目支出绩效自评表",
    "",
    "单位：元",
    "",
    "| 项目名称 | | 示范项目 | | 主管部门 | 某某局 |",
    "| 项目实施单位 | | 某某中心 | | 联系电话 | 123 |",
    "| 项目资金 | | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分 |",
    "| | 年度资金总额 | １，０００，０００．００ | 1,000,000.00 | 1,000,000.00 | 10 | 100% | 10 |",
    "| | 其中：当年财政拨款 | 800,000.00 | 800,000.00 | 800,000.00 | — | — | — |",
    "| | 上年结转资金 | 200,000.00 | 200,000.00 | 200,000.00 | - | - | - |",
    "| | 其他资金 | - | - | - | - | - | - |",
    "| 年度总体目标 | 完成示范任务 | 已完成示范任务 |",
    "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
    "| | 产出指标 | 数量指标 | 完成数量 | ≥10个 | 9个 | 50 | 45 | 个别任务顺延， |",
    "| | | | | | | | | 次年完成 |",
    "| | | 质量指标 | 合格率 | 100% | 100% | 20 | 20 | |",
    "| | 满意度指标 | | 满意度 | ≥90% | 95% | 20分 | 20分 | |",
    "| 总分 | | | 95 | | | | | |",
  ].join("\n");

  test("元 amounts become 万元 exactly; rates lose their % sign; 分 suffixes dropped; '-' and '—' absent", () => {
    const a = parseText(yuanSheet);
    expect(a.performanceSummary).toBeUndefined();
    expect(a.performanceSheets).toHaveLength(1);
    const s = a.performanceSheets[0];
    expect(s.name).toBe("示范项目");
    expect(s.department).toBe("某某局");
    expect(s.implementingUnit).toBe("某某中心");
    expect(s.funds).toEqual({
      total: { initial: "100", annual: "100", executed: "100", weight: "10", rate: "100", score: "10" },
      fiscal: { initial: "80", annual: "80", executed: "80" },
      carryover: { initial: "20", annual: "20", executed: "20" },
    });
    expect(s.goals).toEqual({ planned: "完成示范任务", actual: "已完成示范任务" });
    expect(s.totalScore).toBe("95");
  });

  test("indicator tree: 一级 and 二级 carried down; a new 一级 does not inherit the old 二级; wrapped deviation joined", () => {
    const s = parseText(yuanSheet).performanceSheets[0];
    expect(s.indicators).toEqual([
      {
        level1: "产出指标",
        level2: "数量指标",
        level3: "完成数量",
        target: "≥10个",
        actual: "9个",
        weight: "50",
        score: "45",
        deviation: "个别任务顺延，次年完成",
        sourceLine: 14,
      },
      {
        level1: "产出指标",
        level2: "质量指标",
        level3: "合格率",
        target: "100%",
        actual: "100%",
        weight: "20",
        score: "20",
        sourceLine: 16,
      },
      {
        level1: "满意度指标",
        level3: "满意度",
        target: "≥90%",
        actual: "95%",
        weight: "20",
        score: "20",
        sourceLine: 17,
      },
    ]);
  });

  test("a broken amount in the funds block is a ParseError naming the sheet and line", () => {
    const broken = yuanSheet.replace(
      "| 800,000.00 | 800,000.00 | 800,000.00 |",
      "| 800,000.00 | 8OO,000.00 | 800,000.00 |",
    );
    const e = parseError(() => parseText(broken, "sheet.md"));
    expect(e.file).toBe("sheet.md");
    expect(e.section).toBe("附件 绩效自评表（示范项目）");
    expect(e.line).toBe(9);
    expect(e.found).toBe("8OO,000.00");
    expect(e.describe()).toContain("全年预算数");
  });

  test("a broken score is a ParseError with the line", () => {
    const broken = yuanSheet.replace("| 9个 | 50 | 45 |", "| 9个 | 50 | 四十五 |");
    const e = parseError(() => parseText(broken));
    expect(e.line).toBe(14);
    expect(e.found).toBe("四十五");
  });

  test("an indicator row before any 一级指标 is refused", () => {
    const broken = yuanSheet.replace("| | 产出指标 | 数量指标 | 完成数量 |", "| | | 数量指标 | 完成数量 |");
    const e = parseError(() => parseText(broken));
    expect(e.line).toBe(14);
    expect(e.expected).toContain("一级指标");
  });

  test("sentences that mention the sheets are not titles; blocks without 项目名称 are not sheets", () => {
    const text = [
      "今年在单位决算中反映了 9 个项目的绩效自评表。",
      "",
      "部门整体支出绩效自评表",
      "部门名称\t某某局",
      "",
      "2023年度项目绩效自评情况汇总表",
      "单位：元",
      "序号\t项目名称\t资金使用单位\t全年预算数\t自评得分\t自评等级",
      "1\t示范项目\t某某中心\t1,000,000\t95\t优",
      "2\t第二个项目，名称较长\t某某中心\t５００，０００\t-\t—",
      "\t（续行）\t\t\t\t",
      "合计\t\t\t1,500,000\t—\t",
      "注：自评等级按得分划分。",
    ].join("\n");
    const a = parseText(text);
    expect(a.performanceSheets).toEqual([]);
    expect(a.performanceSummary).toEqual({
      rows: [
        { no: 1, name: "示范项目", unit: "某某中心", budget: "100", score: "95", grade: "优", sourceLine: 9 },
        { no: 2, name: "第二个项目，名称较长（续行）", unit: "某某中心", budget: "50", sourceLine: 10 },
      ],
      total: "150",
      note: "自评等级按得分划分。",
      sourceLine: 6,
    });
  });

  test("a broken budget in the summary is a ParseError", () => {
    const text = [
      "绩效自评情况汇总表",
      "序号\t项目名称\t资金使用单位\t全年预算数\t自评得分\t自评等级",
      "1\t示范项目\t某某中心\t3,3OO\t95\t优",
    ].join("\n");
    const e = parseError(() => parseText(text));
    expect([e.section, e.line, e.found]).toEqual(["附件 绩效自评情况汇总表", 3, "3,3OO"]);
  });
});

describe("seed 004 mutated", () => {
  test("as markdown pipe tables the appendix reads the same", () => {
    const piped = seedText
      .split("\n")
      .map((l) => (l.includes("\t") ? `| ${l.split("\t").join(" | ")} |` : l))
      .join("\n");
    expect(parseText(piped)).toEqual(seed);
  });
});
