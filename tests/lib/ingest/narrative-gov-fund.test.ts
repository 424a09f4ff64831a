import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { decodeDocument, docFromText } from "@/lib/ingest/document";
import { parseNarrative } from "@/lib/ingest/narrative";

const FIXTURES = path.resolve(__dirname, "../../fixtures/documents");
const snippet = (...lines: string[]) => docFromText("snippet.txt", lines.join("\n"));
const HEADING = "七、政府性基金预算财政拨款收入支出决算情况说明";

describe("section 七: table 07's figures as the narrative states them", () => {
  test.each(["000_de383ccec50b5c0e.txt", "004_fcc6ab7362c41973.txt"])(
    "%s says it has no 政府性基金 money: no figures",
    (file) => {
      // 000 line 977 / 004 line 517: 本部门（本单位）没有政府性基金财政拨款收支。
      expect(parseNarrative(decodeDocument(file, readFileSync(path.join(FIXTURES, file)))).govFund).toBeUndefined();
    },
  );

  test("every figure the template's wording gives, wrapped and spaced as a PDF extractor leaves it", () => {
    const n = parseNarrative(
      snippet(
        HEADING,
        "2023 年度政府性基金预算财政拨款支出 3,446.42 万",
        "元，其中：基本支出 0 万元，项目支出 3,446.42 万元。年初结转和结余 677.58 万元，本年收入 2,921.17 万元，",
        "年末结转和结余 152.33 万元。",
        "八、国有资本经营预算财政拨款支出决算情况说明",
        "本部门没有国有资本经营预算财政拨款支出。项目支出 9.99 万元。",
      ),
    );
    expect(n.govFund).toEqual({
      total: "3446.42",
      basic: "0",
      project: "3446.42",
      carryBegin: "677.58",
      income: "2921.17",
      carryEnd: "152.33",
    });
  });

  test("only the total, in 元, as the renderer words it", () => {
    const n = parseNarrative(
      snippet(HEADING, "2022 年度政府性基金预算财政拨款支出 34,464,200 元，具体情况详见公开07表。"),
    );
    expect(n.govFund).toEqual({ total: "3446.42" });
  });

  test("a subject's own 项目支出 is not the table's", () => {
    const n = parseNarrative(
      snippet(HEADING, "政府性基金预算财政拨款支出 50 万元，主要用于城市建设项目支出 50 万元。"),
    );
    expect(n.govFund).toEqual({ total: "50" });
  });

  test("an unreadable figure is an unread note of the section, not a rejection", () => {
    const n = parseNarrative(snippet(HEADING, "政府性基金预算财政拨款支出 34,46.42 万元。"));
    expect(n.govFund).toBeUndefined();
    expect(n.unread).toHaveLength(1);
    expect(n.unread[0]).toMatchObject({
      part: "statement",
      where: HEADING,
      sourceLine: 2,
      text: "政府性基金预算财政拨款支出34,46.42万元。",
    });
    expect(n.unread[0].message).toContain("实为：34,46.42万元");
  });
});
