import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { decodeDocument, docFromText, type SourceDoc } from "@/lib/ingest/document";
import { parseNarrative } from "@/lib/ingest/narrative";
import { parseDocument } from "@/lib/ingest/parse";
import { D } from "@/lib/money/decimal";
import { extractFigures } from "@/lib/report/figures";
import { narrativeSchema } from "@/lib/report/schema";

/*
 * 编制人数 / 实有人数 in 机构设置: neither seed document states them (000's 机构设置 lists its two units, 004's its 28
 * 科室), so per-staff figures are absent there; a copy of a seed with the sentence other templates print reads them.
 */
const FIXTURES = path.resolve(__dirname, "../../fixtures/documents");
const SEED_000 = "000_de383ccec50b5c0e.txt";
const SEED_004 = "004_fcc6ab7362c41973.txt";

const seed = (name: string): SourceDoc => decodeDocument(name, readFileSync(path.join(FIXTURES, name)));

/** the seed with `sentence` as the first line of its 机构设置 (the heading's last occurrence: the first is the contents) */
function withStaff(name: string, sentence: string): SourceDoc {
  const original = seed(name).text;
  const at = original.indexOf("\n", original.lastIndexOf("二、机构设置"));
  const text = `${original.slice(0, at)}\n${sentence}${original.slice(at)}`;
  expect(text).not.toBe(original);
  return docFromText(name, text);
}

describe("staff numbers in 机构设置", () => {
  test.each([SEED_000, SEED_004])("%s states none: no staff, no per-staff figure", (name) => {
    const n = parseNarrative(seed(name)).narrative;
    expect(n.staff).toBeUndefined();
    const f = extractFigures(parseDocument(name, new Uint8Array(readFileSync(path.join(FIXTURES, name)))));
    expect([f.staffActual, f.expenditurePerStaff, f.personnelCostPerStaff]).toEqual([undefined, undefined, undefined]);
  });

  test.each<[string, string, number | undefined, number | undefined]>([
    [SEED_000, "截至 2023 年 12 月 31 日，烟台市大数据局编制人数 45 人，实有人数 41 人。", 45, 41],
    [SEED_000, "本部门核定编制 45 名，年末实有在职人员 38 人。", 45, 38],
    [SEED_004, "本单位编制数为 60 名。", 60, undefined],
    [SEED_004, "年末实有人数五十二人。", undefined, 52],
  ])("%s with “%s”", (name, sentence, authorised, actual) => {
    const doc = withStaff(name, sentence);
    const n = parseNarrative(doc).narrative;
    expect(() => narrativeSchema.parse(n)).not.toThrow();
    expect({ authorised: n.staff?.authorised, actual: n.staff?.actual }).toEqual({ authorised, actual });
    // the cited line is the inserted sentence's
    expect(doc.lines[n.staff!.sourceLine! - 1]).toContain(sentence.slice(0, 6));
  });

  test("per-staff figures: 本年支出合计 and 人员经费 ÷ 实有人数, in 万元 per person", () => {
    const doc = withStaff(SEED_000, "烟台市大数据局编制人数 45 人，实有人数 41 人。");
    const report = parseDocument(SEED_000, new TextEncoder().encode(doc.text));
    const f = extractFigures(report);
    expect(f.staffActual).toBe(41);
    // 000: 本年支出合计 8,979.10 (公开01表); 人员经费合计 from 公开06表
    expect(f.expenditurePerStaff).toBe("219.00");
    expect(f.personnelCostPerStaff).toBe(
      new D(f.personnelCost!).div(41).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2),
    );
  });
});
