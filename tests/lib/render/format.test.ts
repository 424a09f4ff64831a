import { describe, expect, test } from "vitest";
import { D } from "@/lib/money/decimal";
import { chineseNumber, groupThousands, wrap } from "@/lib/render/format";
import { scaleAmount, shiftAmount } from "./perturb";

describe("金额与序号的印法", () => {
  test.each([
    ["8979.10", "8,979.10"],
    ["604.6242", "604.6242"],
    ["1839.9", "1,839.9"],
    ["-1234567", "-1,234,567"],
    ["0", "0"],
  ])("%s → %s", (v, printed) => {
    expect(groupThousands(v)).toBe(printed);
  });

  test.each([
    [1, "一"],
    [10, "十"],
    [14, "十四"],
    [20, "二十"],
    [27, "二十七"],
    [105, "一百零五"],
    [110, "一百一十"],
  ])("%d → %s", (n, cn) => {
    expect(chineseNumber(n)).toBe(cn);
  });
});

describe("像 PDF 提取那样折行", () => {
  test("不在数字、英文词或空格处断开，行首不放收尾标点", () => {
    const text = "负责答复和协调解决群众通过 12345 政务服务热线、网络等向市政府反映的问题，共计 8,979.10 万元。";
    const lines = wrap(text, 10);
    expect(lines.join("")).toBe(text);
    for (const l of lines) expect(l).not.toMatch(/^[，。、；：）]/);
    expect(lines.some((l) => l.includes("12345"))).toBe(true);
    expect(lines.some((l) => l.includes("8,979.10"))).toBe(true);
  });

  test("折行后的片段不以规则禁止的内容开头", () => {
    const lines = wrap("一、财政拨款收入：指单位取得的资金，包括二、三项内容和1.其他", 6, {
      badStart: /^(?:[一二三四五六七八九十]+|\d{1,3})(?:、|[.．](?!\d))/,
    });
    for (const l of lines.slice(1)) expect(l).not.toMatch(/^(?:[一二三四五六七八九十]+|\d{1,3})(?:、|[.．](?!\d))/);
  });

  test("steady：除末行外，每行不比上一行短一个字以上", () => {
    const lines = wrap(
      "通过驻外工作与驻地间的联络和交流，为我市在北京、上海、济南等地政务服务提供保障，拓宽信息渠道。",
      12,
      { steady: true },
    );
    for (let i = 1; i < lines.length - 1; i++) expect(lines[i].length).toBeGreaterThanOrEqual(lines[i - 1].length - 1);
  });
});

describe("扰动工具", () => {
  test.each([
    ["8979.10", "3", "26937.30"],
    ["0.01", "0.5", "0.005"],
    ["604.6242", "2", "1209.2484"],
    ["0", "7", "0"],
  ])("%s × %s = %s（精度不变，除非需要更多位才精确）", (v, k, out) => {
    expect(scaleAmount(v, new D(k))).toBe(out);
  });

  test.each([
    ["8979.10", 1, "89791.0"],
    ["8979.10", 2, "897910"],
    ["8979.10", -1, "897.910"],
    ["8979.1", 0, "8979.1"],
  ])("%s × 10^%d = %s（末位随之移动）", (v, m, out) => {
    expect(shiftAmount(v, m)).toBe(out);
  });
});
