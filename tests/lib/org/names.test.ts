import { describe, expect, test } from "vitest";
import { normalizeOrgName, sameOrg } from "@/lib/org/names";

// Names as the documents print them: ../shared/seeds (烟台), ../shared/corpus (上海市普陀区: the 财政局 决算's 单位构成,
// the 万里街道 and 区政府办公室 budgets' 机构设置, their covers and table headers).
const SAME: [string, string, string][] = [
  ["上海市普陀区人民政府办公室", "上海市普陀区人民政府办公室", "上海市普陀区人民政府办公室"],
  ["上海市普陀区人民政府办公室本部", "上海市普陀区人民政府办公室", "the 部门预算's own unit, unbracketed"],
  ["1.上海市普陀区人民政府办公室本部。", "上海市普陀区人民政府办公室", "as a numbered list item with its full stop"],
  ["上海市普陀区人民政府万里街道办事处（本部）", "上海市普陀区人民政府万里街道办事处", "bracketed 本部"],
  [
    "上海市普陀区人民政府万里街道办事处（本部）。",
    "上海市普陀区人民政府万里街道办事处",
    "bracketed, with the list's full stop",
  ],
  ["上海市普陀区人民政府万里街道办事处(本部)", "上海市普陀区人民政府万里街道办事处", "half-width brackets"],
  ["上海市普陀区财政局（本级）", "上海市普陀区财政局", "the 决算's 单位构成 row for the 部门 itself"],
  ["上海市普陀区财政局", "上海市普陀区财政局", "as the 决算's cover prints it"],
  ["烟台市大数据局本级", "烟台市大数据局", "the seed's unit list"],
  ["烟台市人民政府办公室本级", "烟台市人民政府办公室", "the 本级决算's table header"],
  ["烟台市 大数据局", "烟台市大数据局", "a layout space"],
  ["烟台市\u3000大数据局", "烟台市大数据局", "an ideographic space"],
  ["上海市普陀区人民政府办公室2025年部门预算", "上海市普陀区人民政府办公室", "a budget cover"],
  ["上海市普陀区人民政府办公室2025年单位预算", "上海市普陀区人民政府办公室", "a unit budget cover"],
  ["上海市普陀区财政局2024年度部门决算", "上海市普陀区财政局", "a 决算 cover"],
  ["烟台市人民政府办公室本级决算", "烟台市人民政府办公室", "本级决算"],
  ["上海市普陀区财政局部门决算", "上海市普陀区财政局", "kind without a year"],
  [
    "上海市普陀区万里街道城市运行管理中⼼",
    "上海市普陀区万里街道城市运行管理中心",
    "a Kangxi radical from a PDF font (⼼ U+2F3C)",
  ],
  ["上海市普陀区人民政府办公室部⻔", "上海市普陀区人民政府办公室部门", "a radicals-supplement form (⻔ U+2ED4)"],
  ["第１中学", "第1中学", "full-width digits"],
  ["“烟台市大数据局”", "烟台市大数据局", "quoted"],
  ["2、烟台市大数据中心", "烟台市大数据中心", "a list number with 、"],
  [
    "（三）上海市普陀区万里街道综合行政执法队。",
    "上海市普陀区万里街道综合行政执法队",
    "a bracketed Chinese list number",
  ],
];

describe("normalizeOrgName: the same organisation", () => {
  test.each(SAME)("%s → %s (%s)", (printed, key) => {
    expect(normalizeOrgName(printed)).toBe(key);
  });

  test("one department across years and document kinds has one key", () => {
    const forms = [
      "上海市普陀区人民政府万里街道办事处",
      "上海市普陀区人民政府万里街道办事处（本部）",
      "上海市普陀区人民政府万里街道办事处2024年部门预算",
      "上海市普陀区人民政府万里街道办事处2025年部门预算",
      "上海市普陀区人民政府万里街道办事处 （本部）",
    ];
    expect(new Set(forms.map(normalizeOrgName)).size).toBe(1);
  });
});

// Pairs of different organisations, mostly a 部门 and one of its own units, whose names share a prefix.
const DIFFERENT: [string, string][] = [
  ["上海市普陀区财政局", "上海市普陀区财政局机关服务中心"],
  ["上海市普陀区财政局", "上海市普陀区财政局财政所"],
  ["上海市普陀区财政局（本级）", "上海市普陀区财政局财政所"],
  ["上海市普陀区财政局", "上海市普陀区国库收付中心"],
  ["烟台市大数据局", "烟台市大数据中心"],
  ["烟台市大数据局本级", "烟台市大数据中心"],
  ["上海市普陀区人民政府办公室", "上海市普陀区人民政府万里街道办事处"],
  ["上海市普陀区人民政府办公室", "上海市普陀区交流服务中心"],
  ["上海市普陀区万里街道社区事务受理服务中心", "上海市普陀区万里街道社区党群服务中心"],
  ["上海市普陀区人民政府万里街道办事处（本部）", "上海市普陀区万里街道综合行政执法队"],
  ["烟台市人民政府办公室", "上海市普陀区人民政府办公室"],
  ["某区某局", "某区某局信息中心"],
];

describe("normalizeOrgName: different organisations never collide", () => {
  test.each(DIFFERENT)("%s ≠ %s", (a, b) => {
    expect(normalizeOrgName(a)).not.toBe(normalizeOrgName(b));
    expect(sameOrg(a, b)).toBe(false);
  });

  test("a budget word inside a name is kept (only a trailing document kind is dropped)", () => {
    expect(normalizeOrgName("某市预算编审中心")).toBe("某市预算编审中心");
    expect(normalizeOrgName("某市部门预算管理中心")).toBe("某市部门预算管理中心");
  });

  test("a name that is only an own-unit mark has no key, and matches nothing", () => {
    expect(normalizeOrgName("（本级）")).toBe("");
    expect(sameOrg("本级", "（本部）")).toBe(false);
  });
});
