import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { decodeDocument, docFromText } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import { parsePlainTextAppendix } from "@/lib/ingest/layouts/plain-text/appendix";
import { D } from "@/lib/money/decimal";
import { appendixSchema, type Indicator, type PerformanceSheet } from "@/lib/report/schema";

const SEED = path.resolve(import.meta.dirname, "../../fixtures/documents/000_de383ccec50b5c0e.txt");
const seedBytes = readFileSync(SEED);
const seedDoc = () => decodeDocument("000_de383ccec50b5c0e.txt", seedBytes);
const appendix = parsePlainTextAppendix(seedDoc());
const sheets = appendix.performanceSheets;
const sheet = (name: string): PerformanceSheet => {
  const s = sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};

/** The seed with its lines edited: `edit` gets 0-based line arrays. */
function mutatedSeed(edit: (lines: string[]) => void) {
  const lines = seedBytes.toString("utf8").split("\n");
  edit(lines);
  return docFromText("000_mutated.txt", lines.join("\n"));
}

function thrown(f: () => unknown): ParseError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error("expected a ParseError");
}

describe("seed 000: 绩效自评情况汇总表", () => {
  const summary = appendix.performanceSummary!;

  test("has the title line, nine rows, 合计 and the note", () => {
    expect(summary.sourceLine).toBe(1411);
    expect(summary.rows).toHaveLength(9);
    expect(summary.total).toBe("1695.43");
    expect(summary.note).toBe(
      "注：本部门 2023年度市级预算项目支出绩效自评 44个，其余项目支出绩效自评情况因涉密和参照涉密管理未予公开。",
    );
  });

  test.each([
    [1, "数字烟台建设基础设施运行维护", "烟台市大数据局", "425.24", 1424],
    [2, "烟台市城市大脑运行场所配套设施", "烟台市大数据局", "604.62", 1426],
    [3, "爱山东烟台分厅优化升级", "烟台市大数据局", "189.57", 1428],
    [4, "烟台市政务数据汇聚共享实施服务", "烟台市大数据局", "112.60", 1430],
    [5, "三级等保测评（市大数据局）", "烟台市大数据局", "11.25", 1432],
    [6, "“数字强市”培训调研考察科普宣传等经费", "烟台市大数据中心", "27.00", 1434],
    [7, "数字化人才能力提升、考察、调研等经费", "烟台市大数据中心", "20.00", 1436],
    [8, "烟台市民卡胶东公交一卡通综合业务管理平台", "烟台市大数据中心", "291.71", 1438],
    [9, "运转类-购置费", "烟台市大数据中心", "13.44", 1440],
  ])("row %i: %s", (no, name, unit, budget, line) => {
    expect(summary.rows[no - 1]).toEqual({ no, name, unit, budget, score: "100.00", grade: "优", sourceLine: line });
  });

  test("合计 equals the sum of the rows", () => {
    const sum = summary.rows.reduce((acc, r) => acc.plus(r.budget!), new D(0));
    expect(sum.eq(summary.total!)).toBe(true);
  });
});

describe("seed 000: the nine 绩效自评表", () => {
  test("nine sheets in document order, valid against the schema", () => {
    expect(sheets.map((s) => s.sourceLine)).toEqual([1446, 1589, 1739, 1843, 1967, 2109, 2217, 2339, 2485]);
    expect(() => appendixSchema.parse(appendix)).not.toThrow();
  });

  const full = (initial: string, annual: string, executed: string) => ({ initial, annual, executed });
  const total = (initial: string, annual: string, executed: string) => ({
    ...full(initial, annual, executed),
    weight: "10",
    rate: "100",
    score: "10",
  });

  test.each([
    [
      "数字烟台建设基础设施运行维护2023",
      "烟台市大数据局",
      total("7000.00", "425.24", "425.24"),
      { fiscal: full("7000.00", "425.24", "425.24") },
      9,
    ],
    [
      "烟台市城市大脑运行场所配套设施",
      "烟台市大数据局",
      total("604.6242", "604.6242", "604.6242"),
      { carryover: full("604.6242", "604.6242", "604.6242") },
      8,
    ],
    [
      "爱山东烟台分厅优化升级",
      "烟台市大数据局",
      total("189.57", "189.57", "189.57"),
      { carryover: full("189.57", "189.57", "189.57") },
      7,
    ],
    [
      "烟台市政务数据汇聚共享实施服务",
      "烟台市大数据局",
      total("225.21", "112.605", "112.605"),
      { carryover: full("225.21", "112.605", "112.605") },
      7,
    ],
    [
      "三级等保测评（市大数据局）",
      "烟台市大数据局",
      total("25", "11.25", "11.25"),
      { fiscal: full("25", "11.25", "11.25") },
      7,
    ],
    [
      "“数字强市”培训调研考察科普宣传经费",
      "烟台市大数据中心",
      total("30", "27", "27"),
      { fiscal: full("30", "27", "27") },
      7,
    ],
    [
      "数字化人才能力提升、考察、调研等经费",
      "烟台市大数据中心",
      total("20", "20", "20"),
      { fiscal: full("20", "20", "20") },
      7,
    ],
    [
      "烟台市民卡胶东公交一卡通综合业务管理平台",
      "烟台市大数据中心",
      total("291.71", "291.71", "291.71"),
      { carryover: full("291.71", "291.71", "291.71") },
      10,
    ],
    [
      "运转类-购置费",
      "烟台市大数据中心",
      total("15.16", "13.44", "13.44"),
      { fiscal: full("15.16", "13.44", "13.44") },
      7,
    ],
  ])("%s: header, funds and indicator count", (name, unit, totalLine, parts, count) => {
    const s = sheet(name);
    expect(s.department).toBe("烟台市大数据局");
    expect(s.implementingUnit).toBe(unit);
    // the empty 其中 lines ("上年结转资金 - -") leave no key
    expect(s.funds).toEqual({ total: totalLine, ...parts });
    expect(s.indicators).toHaveLength(count);
    expect(s.totalScore).toBe("100");
  });

  test.each(sheets.map((s) => [s.name, s] as const))("%s: Σ indicator scores + funds score = 总分", (_, s) => {
    const sum = s.indicators.reduce((acc, i) => acc.plus(i.score!), new D(s.funds.total.score!));
    expect(sum.eq(s.totalScore!)).toBe(true);
    const weights = s.indicators.reduce((acc, i) => acc.plus(i.weight!), new D(s.funds.total.weight!));
    expect(weights.toString()).toBe("100");
  });

  const ind = (
    level1: string,
    level2: string,
    level3: string,
    target: string,
    actual: string,
    weight: string,
    score: string,
    sourceLine: number,
  ): Indicator => ({ level1, level2, level3, target, actual, weight, score, sourceLine });

  test("数字烟台建设基础设施运行维护2023: every indicator", () => {
    expect(sheet("数字烟台建设基础设施运行维护2023").indicators).toEqual([
      ind("成本指标", "经济成本指标", "严格控制成本", "≤425.24万元", "425.24万元", "10", "10", 1541),
      ind("成本指标", "经济成本指标", "政务云上云金额审减率", "≥10%", "45%", "10", "10", 1543),
      ind("产出指标", "数量指标", "运维项目数量", "≥14个", "14个", "10", "10", 1555),
      ind("产出指标", "质量指标", "政务云服务质量评估分数", "≥85分", "86.13分", "10", "10", 1559),
      ind("产出指标", "质量指标", "政务外网稳定运行率", "≥90%", "95%", "10", "10", 1561),
      ind("产出指标", "时效指标", "响应延误率", "≤10%", "0", "10", "10", 1563),
      ind("效益指标", "社会效益指标", "有利于优化营商环境", "有效优化", "有效优化", "10", "10", 1572),
      ind("效益指标", "可持续影响指标", "保障业务系统稳定运行", "持续保障", "持续保障", "10", "10", 1574),
      ind("满意度指标", "服务对象满意度指标", "使用部门满意度指标", "≥95%", "99%", "10", "10", 1582),
    ]);
  });

  test("烟台市城市大脑运行场所配套设施: a target wrapped over two lines, a name wrapped with the level carried down", () => {
    expect(sheet("烟台市城市大脑运行场所配套设施").indicators).toEqual([
      ind("成本指标", "经济成本指标", "总成本", "≤604.6242万元", "604.6242万元", "20", "20", 1698),
      ind("产出指标", "数量指标", "值守席、会议席席位", "≥80个", "80个", "10", "10", 1704),
      ind("产出指标", "质量指标", "物理设备运转异常", "≤2小时", "2小时", "10", "10", 1708),
      ind("产出指标", "质量指标", "配套系统运行异常", "≤2小时", "2小时", "10", "10", 1710),
      ind("产出指标", "时效指标", "故障修复时间", "≤2小时", "2小时", "10", "10", 1712),
      ind("效益指标", "社会效益指标", "提高大厅使用", "有效提高", "有效提高", "10", "10", 1719),
      ind("效益指标", "社会效益指标", "保障城市大脑系统平台正常运行", "有效保障", "有效保障", "10", "10", 1724),
      ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%", "99%", "10", "10", 1732),
    ]);
  });

  test("三级等保测评（市大数据局）: names wrapped over up to three lines", () => {
    expect(sheet("三级等保测评（市大数据局）").indicators).toEqual([
      ind("成本指标", "经济成本指标", "严格控制项目成本", "≤11.25万元", "11.25万元", "20", "20", 2056),
      ind("产出指标", "数量指标", "信息系统报告个数", "≥5个", "5个", "20", "20", 2066),
      ind("产出指标", "质量指标", "系统合格率", "=100%", "100%", "10", "10", 2068),
      ind("产出指标", "时效指标", "等保测评及时率", "=100%", "100%", "10", "10", 2074),
      // printed so: the last character of 能力 is missing in the source
      ind("效益指标", "社会效益指标", "提升防御网络安全威胁的能", "显著提升", "显著提升", "10", "10", 2085),
      ind("效益指标", "社会效益指标", "保障系统使用安全", "持续保障", "持续保障", "10", "10", 2090),
      ind("满意度指标", "服务对象满意度指标", "使用部门对象满意度", "≥95%", "97%", "10", "10", 2103),
    ]);
  });

  test("烟台市民卡胶东公交一卡通综合业务管理平台: values wrapped onto their own lines", () => {
    expect(sheet("烟台市民卡胶东公交一卡通综合业务管理平台").indicators).toEqual([
      ind("成本指标", "经济成本指标", "年度预算总成本", "≤291.71万元", "291.71万元", "20", "20", 2416),
      ind("产出指标", "数量指标", "市民卡综合业务平台（含17个子系统）", "系统数=17", "17", "10", "10", 2426),
      ind(
        "产出指标",
        "质量指标",
        "系统日常业务处理时间",
        "批量业务≤5秒；其他业务≤1秒",
        "批量业务≤5秒；其他业务≤1秒",
        "10",
        "10",
        2438,
      ),
      ind("产出指标", "质量指标", "查询个人账务信息时间", "≤2秒", "≤2秒", "5", "5", 2440),
      ind("产出指标", "质量指标", "查询单位账务信息时间", "≤5秒", "≤5秒", "5", "5", 2442),
      ind("产出指标", "质量指标", "支撑并发能力", "≥500次", "≥500次", "5", "5", 2444),
      ind("产出指标", "时效指标", "按期验收", "完成", "完成", "5", "5", 2446),
      ind(
        "效益指标",
        "社会效益指标",
        "通过平台建设，丰富市民卡管理平台功能渠道，为市民提供更好的使用体验",
        "有效提升",
        "有效提升",
        "10",
        "10",
        2460,
      ),
      ind(
        "效益指标",
        "经济效益指标",
        "对区域内公交出行刷卡数据的管理，提升数据颗粒度，助力数字经济",
        "有效提升",
        "有效提升",
        "10",
        "10",
        2470,
      ),
      ind("满意度指标", "服务对象满意度指标", "使用人满意度", "≥90%", "95%", "10", "10", 2478),
    ]);
  });

  test("运转类-购置费: targets that are words, not comparisons", () => {
    const rows = sheet("运转类-购置费").indicators.map((i) => [i.level2, i.level3, i.target, i.actual]);
    expect(rows).toContainEqual(["社会效益指标", "功能满足实际需求程度", "有效满足", "达到有效满足"]);
    expect(rows).toContainEqual(["生态效益指标", "环保节能产品", "符合标准", "均符合标准"]);
  });

  test.each([
    [
      "数字烟台建设基础设施运行维护2023",
      "当年预期完成市政务云、网、大数据平台等关键基础设施的运维保障，支持其他市直政务部门开展多个政务信息系统建设。",
      "如期完成市政务云、网、大数据平台等关键基础设施的运维保障，支持了其他市直政务部门开展多个政务信息系统建设。",
    ],
    [
      "三级等保测评（市大数据局）",
      "对5个政务信息系统进行等保测评，发现系统漏洞，防范安全风险。",
      "完成5个系统的等保测评工作。",
    ],
    [
      "运转类-购置费",
      "购置办公家具及设备，保障新入职人员正常工作，提高办公效率。",
      "完成购置办公家具及设备，保障了新入职人员正常工作，提高了办公效率。",
    ],
  ])("%s: the two goal cells are split", (name, planned, actual) => {
    expect(sheet(name).goals).toEqual({ planned, actual });
  });

  test.each([
    ["烟台市城市大脑运行场所配套设施", "让管理者决策更科学。", "完成了场地基础装修", "均给予了充分肯定。"],
    ["烟台市政务数据汇聚共享实施服务", "并完成相关接口开发。", "汇聚共享目录643条。", "公共交通主题库。"],
    // the planned cell ends in an unmatched quote, not a full stop; its short last line marks the end
    ["烟台市民卡胶东公交一卡通综合业务管理平台", '以支持未来业务发展"', "已按要求完成系统建设", "并按期验收"],
  ])("%s: goals split where the first cell ends", (name, plannedEnd, actualStart, actualEnd) => {
    const g = sheet(name).goals;
    expect(g.planned!.endsWith(plannedEnd)).toBe(true);
    expect(g.actual!.startsWith(actualStart)).toBe(true);
    expect(g.actual!.endsWith(actualEnd)).toBe(true);
  });
});

describe("seed 000 mutated", () => {
  test("a page footer inside an indicator table changes nothing", () => {
    const doc = mutatedSeed((l) => l.splice(1553, 0, "第99页，共102页"));
    const a = parsePlainTextAppendix(doc);
    const before = sheets[0].indicators.map(({ sourceLine: _, ...rest }) => rest);
    expect(a.performanceSheets[0].indicators.map(({ sourceLine: _, ...rest }) => rest)).toEqual(before);
  });

  test("a sheet without its 总分 line is a ParseError naming the sheet and the line", () => {
    // line 1839 is "总分 100" of 爱山东烟台分厅优化升级
    const doc = mutatedSeed((l) => {
      expect(l[1838]).toBe("总分 100");
      l[1838] = "";
    });
    const e = thrown(() => parsePlainTextAppendix(doc));
    expect(e.section).toBe("第五部分 附件");
    expect(e.table).toContain("爱山东烟台分厅优化升级");
    expect(e.line).toBe(1841);
    expect(e.describe()).toMatch(/缺少总分行/);
  });

  test("an unreadable number on a funds line is a ParseError with the token", () => {
    const doc = mutatedSeed((l) => {
      expect(l[1474]).toBe("年度资金总额 7000.00 425.24 425.24 10 100% 10");
      l[1474] = "年度资金总额 7000.00 425.2a 425.24 10 100% 10";
    });
    const e = thrown(() => parsePlainTextAppendix(doc));
    expect(e).toMatchObject({ section: "第五部分 附件", line: 1475, found: "425.2a" });
    expect(e.table).toContain("数字烟台建设基础设施运行维护2023");
  });
});

/** A minimal plain-text sheet as this extractor prints it; the parts can be replaced. */
function handSheet(p: { funds?: string[]; indicators: string[]; total?: string | null; unit?: string }): string {
  return [
    "第五部分 附件",
    " 2023年度市级预算项目绩效自评表",
    "",
    `单位：${p.unit ?? "万元"}`,
    "项目名称 测试项目 主管部门 测试局",
    "项目实施单位 测试中心 联系电话 123",
    "项目预算",
    "执行情况",
    "（10分）",
    "年初预算数 全年预算数（A） 全年执行数（B） 分值",
    "执行率",
    "（B/A)",
    "得分",
    ...(p.funds ?? [
      "年度资金总额 100.00 100.00 90.00 10 90% 9",
      "其中：当年财政拨款 100.00 100.00 90.00 - -",
      "     上年结转资金 - -",
      "     其他资金 - -",
    ]),
    "年度总体目标",
    "年初预期目标 目标实际完成情况",
    "完成测试任务。 ",
    "基本完成测试任务。",
    "年",
    "度",
    "绩",
    "效",
    "指",
    "标",
    "一级",
    "指标",
    "二级",
    "指标",
    "三级指标 年度指标值（A） 实际完成",
    "指标值（B）",
    "分值 得分",
    "偏差原因分析",
    "及改进措施",
    ...p.indicators,
    ...(p.total === null ? [] : [p.total ?? "总分 100"]),
    "总分在80分以下的项目未实现绩效目",
    "标的原因分析及拟采取的措施说明：",
  ].join("\n");
}

const parseHand = (text: string) => parsePlainTextAppendix(docFromText("hand.txt", text));

describe("hand-made sheets", () => {
  test("a 三级 name wrapped over three lines after a vertical 一级 label", () => {
    const [s] = parseHand(
      handSheet({
        indicators: ["产", "出", "指", "标", "（90分）", "数量指标", "完成测试", "报告的", "份数", "≥10份 10份 90 81"],
        total: "总分 90",
      }),
    ).performanceSheets;
    expect(s.indicators).toEqual([
      {
        level1: "产出指标",
        level2: "数量指标",
        level3: "完成测试报告的份数",
        target: "≥10份",
        actual: "10份",
        weight: "90",
        score: "81",
        sourceLine: 46,
      },
    ]);
    expect(s).toMatchObject({ name: "测试项目", department: "测试局", implementingUnit: "测试中心", totalScore: "90" });
    expect(s.goals).toEqual({ planned: "完成测试任务。", actual: "基本完成测试任务。" });
  });

  test("deviation reasons after the score, also when they wrap", () => {
    const [s] = parseHand(
      handSheet({
        indicators: [
          "产出指标（50分）",
          "数量指标 测试报告份数 ≥10份 8份 25 20 因人员调整，",
          "部分报告延期完成",
          "质量指标 报告合格率 =100% 100% 25 25",
          "满意度指标（40分）",
          "服务对象满意度指标 用户满意度 ≥90% 80% 40 30 宣传不足，",
          "下一年加强沟通",
        ],
        total: "总分 84",
      }),
    ).performanceSheets;
    expect(s.indicators.map((i) => [i.level1, i.level2, i.level3, i.score, i.deviation])).toEqual([
      ["产出指标", "数量指标", "测试报告份数", "20", "因人员调整，部分报告延期完成"],
      ["产出指标", "质量指标", "报告合格率", "25", undefined],
      ["满意度指标", "服务对象满意度指标", "用户满意度", "30", "宣传不足，下一年加强沟通"],
    ]);
  });

  test("a missing 一级 label is taken from the 二级 it contains", () => {
    const [s] = parseHand(
      handSheet({ indicators: ["时效指标 按时完成率 ≥95% 100% 90 90"], total: "总分 100" }),
    ).performanceSheets;
    expect(s.indicators[0]).toMatchObject({ level1: "产出指标", level2: "时效指标", level3: "按时完成率" });
  });

  test("a missing 总分 is a ParseError at the line where it belongs", () => {
    const e = thrown(() =>
      parseHand(handSheet({ indicators: ["产出指标（90分）", "数量指标 份数 ≥1份 1份 90 90"], total: null })),
    );
    expect(e).toMatchObject({ file: "hand.txt", section: "第五部分 附件", line: 39, expected: "总分 N" });
    expect(e.table).toContain("测试项目");
  });

  test("an indicator line without 分值 and 得分 is a ParseError, not glued onto the next name", () => {
    const e = thrown(() =>
      parseHand(
        handSheet({
          indicators: ["产出指标（90分）", "数量指标 份数 ≥1份 1份 45 四十", "质量指标 合格率 =100% 100% 45 45"],
        }),
      ),
    );
    expect(e).toMatchObject({ line: 38, found: "≥1份" });
  });

  test("amounts printed in 元 are converted to 万元; points and rates are not", () => {
    const [s] = parseHand(
      handSheet({
        unit: "元",
        funds: [
          "年度资金总额 1,000,000.00 1,000,000.00 900,000.00 10 90% 9",
          "其中：当年财政拨款 1,000,000.00 1,000,000.00 900,000.00 - -",
        ],
        indicators: ["产出指标（90分）", "数量指标 份数 ≥1份 1份 90 90"],
        total: "总分 99",
      }),
    ).performanceSheets;
    expect(s.funds).toEqual({
      total: { initial: "100", annual: "100", executed: "90", weight: "10", rate: "90", score: "9" },
      fiscal: { initial: "100", annual: "100", executed: "90" },
    });
  });

  describe("funds lines that print fewer numbers than columns", () => {
    const funds = (lines: string[]) =>
      parseHand(handSheet({ funds: lines, indicators: ["产出指标（90分）", "数量指标 份数 ≥1份 1份 90 90"] }))
        .performanceSheets[0].funds;

    test("a wrapped label and an empty 年初预算数 on the total line, placed by the execution rate", () => {
      expect(
        funds(["年度资金总额 100.00 80.00 10 80% 8", "其中：当年财政拨", "款", "100.00 80.00 - -", "上年结转资金 - -"]),
      ).toEqual({
        total: { annual: "100.00", executed: "80.00", weight: "10", rate: "80", score: "8" },
        fiscal: { annual: "100.00", executed: "80.00" },
      });
    });

    test("two numbers placed by 当年财政拨款 + 上年结转 + 其他 = 总额 against the positional preference", () => {
      expect(
        funds([
          "年度资金总额 100.00 100.00 50.00 10 50% 5",
          "其中：当年财政拨款 60.00 60.00 50.00 - -",
          "上年结转资金 40.00 40.00 - -",
          "其他资金 - -",
        ]),
      ).toEqual({
        total: { initial: "100.00", annual: "100.00", executed: "50.00", weight: "10", rate: "50", score: "5" },
        fiscal: { initial: "60.00", annual: "60.00", executed: "50.00" },
        carryover: { initial: "40.00", annual: "40.00" },
      });
    });

    test("two numbers that neither position nor the sums can place are a ParseError", () => {
      const e = thrown(() =>
        funds([
          "年度资金总额 100.00 80.00 80.00 10 100% 10",
          "其中：当年财政拨款 100.00 80.00 - -",
          "上年结转资金 - -",
        ]),
      );
      expect(e).toMatchObject({ line: 15, found: "当年财政拨款 100.00 80.00 - -" });
    });
  });

  test("a summary row whose name wraps onto the next line, amounts in 元", () => {
    const a = parseHand(
      [
        "附 件",
        "2023年度市级预算项目绩效自评情况汇总表",
        "预算部门：测试局 单位：元",
        "序号 项目名称 资金使用单位 全年预算数 自评得分 自评等级",
        "1 很长的项目名称第一 测试中心 1,234,500.00 92.5 优",
        "行接续",
        "2 短项目 测试局 - - -",
        "合计 1,234,500.00 -",
      ].join("\n"),
    );
    expect(a.performanceSummary).toEqual({
      rows: [
        {
          no: 1,
          name: "很长的项目名称第一行接续",
          unit: "测试中心",
          budget: "123.45",
          score: "92.5",
          grade: "优",
          sourceLine: 5,
        },
        { no: 2, name: "短项目", unit: "测试局", sourceLine: 7 },
      ],
      total: "123.45",
      sourceLine: 2,
    });
    expect(a.performanceSheets).toEqual([]);
  });

  test("a document without an appendix has no sheets and no summary", () => {
    expect(parseHand("第一部分 部门概况\n一、部门职责\n二、机构设置")).toEqual({ performanceSheets: [] });
  });
});
