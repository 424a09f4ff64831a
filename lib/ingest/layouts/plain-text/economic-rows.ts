import type { SourceDoc } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import type { Cell } from "@/lib/ingest/resolve-columns";
import { cellOf, checkGarbled, isCellToken, type Body, type BodyLine, type RawRow } from "./table-body";
import { compact, isStrongHeaderLine, joinName, toHalfWidth, type Token } from "./line-tokens";
import type { TableSection } from "./table-sections";

type Group = { code?: string; nameParts: string[]; cell?: Cell; hasCell: boolean; lineNo: number };

const ECONOMIC_CODE = /^(\d{3}|\d{5})$/;
const isEconomicCode = (t: Token | undefined) => t?.kind === "amount" && ECONOMIC_CODE.test(t.text);
const isTotalLabel = (text: string) => TOTALS.some(([re]) => re.test(toHalfWidth(compact(text))));

// 人员经费 = 301 工资福利支出 + 303 对个人和家庭的补助; everything else in the table is 公用经费.
const PERSONNEL = /^30[13]/;

const TOTALS: [RegExp, string, "personnel" | "public" | undefined][] = [
  [/^人员经费(合计)?$/, "personnelTotal", "personnel"],
  [/^公用经费(合计)?$/, "publicTotal", "public"],
  [/^(基本支出)?合计$/, "total", undefined],
];

/**
 * Table 06 prints up to three code / name / amount groups per line (人员经费 | 公用经费 | 公用经费, continued).
 * Each amount sits right after its name, so the columns are never in doubt; what needs care is telling a code from
 * an integer amount: a code is followed by its name.
 */
export function readEconomicRows(doc: SourceDoc, sec: TableSection, body: Body): RawRow[] {
  const groups: Group[] = [];
  /** a group whose name is still wrapping onto the following lines (its code stood alone) */
  let wrapping: Group | undefined;

  const err = (line: BodyLine, message: string, expected: string, found: string) =>
    new ParseError({ file: doc.fileName, table: sec.label, line: line.lineNo, message, expected, found });

  for (const line of body.lines) {
    if (isStrongHeaderLine(line.text, line.tokens, line.compact)) {
      wrapping = undefined;
      continue;
    }
    checkGarbled(doc, sec, line);
    const toks = line.tokens;
    const startsGroup = isEconomicCode(toks[0]) || toks[0]?.kind === "text";
    if (wrapping && !isEconomicCode(toks[0])) {
      let i = 0;
      while (i < toks.length && toks[i].kind === "text") wrapping.nameParts.push(toks[i++].raw);
      if (i < toks.length) {
        if (toks.length - i > 1 || !isCellToken(toks[i]))
          throw err(line, "科目名称之后应只有一个金额", "科目名称 金额", line.text.trim());
        wrapping.cell = cellOf(toks[i]);
        wrapping.hasCell = true;
        wrapping = undefined;
      }
      continue;
    }
    if (toks.every((t) => t.kind === "text") && !isTotalLabel(line.text)) {
      wrapping = undefined;
      continue;
    }
    if (!startsGroup)
      throw err(
        line,
        "无法识别的数据行",
        "以经济分类科目编码或“人员经费合计/公用经费合计”开头的数据行",
        line.text.trim(),
      );

    const lineGroups: Group[] = [];
    let cur: Group | undefined;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      const next = toks[i + 1];
      // A code is followed by its name; a 合计 label, or a name that is itself a 合计 label, takes the number instead.
      const startsCode =
        !cur || cur.hasCell || (cur.code !== undefined && next?.kind === "text" && !isTotalLabel(next.raw));
      if (isEconomicCode(t) && startsCode) {
        cur = { code: (t as { text: string }).text, nameParts: [], hasCell: false, lineNo: line.lineNo };
        lineGroups.push(cur);
      } else if (t.kind === "text") {
        if (!cur || cur.hasCell) {
          cur = { nameParts: [], hasCell: false, lineNo: line.lineNo };
          lineGroups.push(cur);
        }
        cur.nameParts.push(t.raw);
      } else {
        if (!cur || cur.hasCell)
          throw err(
            line,
            "金额前缺少科目",
            "科目编码 科目名称 金额",
            toks
              .slice(0, i + 1)
              .map((x) => x.raw)
              .join(" "),
          );
        cur.cell = cellOf(t);
        cur.hasCell = true;
      }
    }
    groups.push(...lineGroups);
    const last = lineGroups[lineGroups.length - 1];
    wrapping = last && last.code !== undefined && last.nameParts.length === 0 && !last.hasCell ? last : undefined;
  }

  const coded: RawRow[] = [];
  const totals: RawRow[] = [];
  for (const g of groups) {
    const name = joinName(g.nameParts);
    const fixed: Record<string, string> = g.cell ? { amount: g.cell } : {};
    if (g.code) {
      coded.push({
        section: PERSONNEL.test(g.code) ? "personnel" : "public",
        code: g.code,
        name,
        fixed,
        sourceLine: g.lineNo,
      });
      continue;
    }
    const total = TOTALS.find(([re]) => re.test(toHalfWidth(compact(name))));
    if (!total)
      throw new ParseError({
        file: doc.fileName,
        table: sec.label,
        line: g.lineNo,
        message: "无法识别的行",
        expected: "经济分类科目编码，或“人员经费合计”“公用经费合计”",
        found: name,
      });
    totals.push({ ...(total[2] ? { section: total[2] } : {}), key: total[1], name, fixed, sourceLine: g.lineNo });
  }
  // Groups come interleaved from three printed columns; ordered by code they read as the classification does.
  const order = (r: RawRow) => (r.section === "personnel" ? 0 : 1);
  coded.sort((a, b) => order(a) - order(b) || a.code!.localeCompare(b.code!));
  return [...coded, ...totals];
}
