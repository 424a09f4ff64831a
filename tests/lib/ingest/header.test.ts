import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { decodeDocument, docFromText, type SourceDoc } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import { budgetUnits, parseHeader } from "@/lib/ingest/header";

const FIXTURES = path.resolve(__dirname, "../../fixtures/documents");

function seed(name: string): SourceDoc {
  return decodeDocument(name, readFileSync(path.join(FIXTURES, name)));
}

function snippet(...lines: string[]): SourceDoc {
  return docFromText("snippet.txt", lines.join("\n"));
}

describe("seeds", () => {
  test("000: a 部门决算 whose title wraps mid-word (烟台市大数据局部门决 / 算)", () => {
    const h = parseHeader(seed("000_de383ccec50b5c0e.txt"));
    expect(h.department).toBe("烟台市大数据局");
    expect(h.year).toBe(2023);
    expect(h.scope).toBe("部门决算");
    expect(h.overview.units).toEqual(["烟台市大数据局本级", "烟台市大数据中心"]);
    // duties run from （一） to （八） across 28 wrapped lines; the join must not leave breaks or layout spaces
    expect(h.overview.duties?.startsWith("（一）贯彻执行大数据相关法律法规和方针政策,配合做好起草有关地方性法规")).toBe(
      true,
    );
    expect(h.overview.duties?.endsWith("（八）完成市委、市政府交办的其他工作任务。")).toBe(true);
    expect(h.overview.duties).toContain("推进“数字烟台”“智慧城市”建设。（二）负责统筹云网和大数据基础设施建设");
    expect(h.overview.duties).not.toMatch(/\n|二、机构设置/);
  });

  test("004: 本级决算 is a 单位决算 and 本级 is not part of the name", () => {
    const h = parseHeader(seed("004_fcc6ab7362c41973.txt"));
    expect(h.department).toBe("烟台市人民政府办公室");
    expect(h.year).toBe(2023);
    expect(h.scope).toBe("单位决算");
    // the 28 内设科室 are offices of one unit, not budget units
    expect(h.overview.units).toEqual([]);
    expect(h.overview.duties?.startsWith("烟台市人民政府办公室主要职责：1.协助市政府领导同志")).toBe(true);
    // a paragraph broken in the middle ("提出有关" / "建议。9.") is joined again
    expect(h.overview.duties).toContain("及时向市政府领导同志报告并提出有关建议。9.负责组织或者参与");
    expect(h.overview.duties?.endsWith("18.完成市委、市政府交办的其他任务。")).toBe(true);
  });
});

describe("cover variants", () => {
  test.each([
    [["2023年度", "某市财政局部门决算", "目 录"], "某市财政局", 2023, "部门决算"],
    [["某市财政局 2022 年度部门决算", "目录"], "某市财政局", 2022, "部门决算"],
    [["**2024 年度**  ", "**某市档案馆**  ", "**单位决算**", "# 目 录"], "某市档案馆", 2024, "单位决算"],
    [["2023 年度", "某市档案馆本级决算"], "某市档案馆", 2023, "单位决算"],
    [["２０２３ 年 度", "某 市 档 案 馆 决 算", "第一部分 单位概况"], "某市档案馆", 2023, "单位决算"],
    [["2023年度某市档案馆决算", "第一部分 部门概况"], "某市档案馆", 2023, "部门决算"],
  ])("%j", (lines, department, year, scope) => {
    const h = parseHeader(snippet(...lines));
    expect({ department: h.department, year: h.year, scope: h.scope }).toEqual({ department, year, scope });
  });

  test("no cover title: the entity above the first table and the year of 第三部分", () => {
    const h = parseHeader(
      snippet(
        "收入支出决算总表",
        "单位：某市档案馆本级",
        "公开01表",
        "金额单位：万元",
        "第三部分 2023 年度单位决算情况说明",
      ),
    );
    expect({ department: h.department, year: h.year, scope: h.scope }).toEqual({
      department: "某市档案馆",
      year: 2023,
      scope: "单位决算",
    });
  });

  test.each([
    [["随便一段文字", "没有标题"], "无法识别部门名称"],
    [["2023 年度", "某市财政局决算"], "无法识别决算范围（部门决算或单位决算）"],
  ])("%j → ParseError", (lines, message) => {
    try {
      parseHeader(snippet(...lines));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      const err = e as ParseError;
      expect(err.message).toBe(message);
      expect(err.file).toBe("snippet.txt");
      expect(err.section).toBe("封面");
      expect(err.line).toBe(1);
    }
  });
});

describe("机构设置", () => {
  test.each([
    [
      "纳入本部门决算编制范围的预算单位包括：1、某局本级 2、某局信息中心；3、某局档案室。",
      ["某局本级", "某局信息中心", "某局档案室"],
    ],
    ["本部门决算包括的预算单位有：某局本级、某局信息中心。", ["某局本级", "某局信息中心"]],
    ["本单位内设 3 个科室：1、办公室 2、财务科 3、综合科。", []],
    ["", []],
  ])("%s", (text, units) => {
    expect(budgetUnits(text)).toEqual(units);
  });

  test("a numbered list on separate lines after a heading", () => {
    const h = parseHeader(
      snippet(
        "2023年度某局部门决算",
        "一、部门职责",
        "负责某事。",
        "二、机构设置",
        "二级预算单位包括:",
        "1、某局本级",
        "",
        "2、某局中心",
        "第 二 部 分",
      ),
    );
    expect(h.overview).toEqual({ duties: "负责某事。", units: ["某局本级", "某局中心"] });
  });
});
