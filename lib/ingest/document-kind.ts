import type { SourceDoc } from "./document";
import { ParseError } from "./errors";

/**
 * A 预算 (budget) document is published in spring from a template of its own (收入预算总表, 支出预算总表 …);
 * it names 部门预算 / 单位预算 on its cover and never 决算. Until budgets are read, it gets its own message rather
 * than a confusing one about the cover.
 */
export function rejectBudgetDocument(doc: SourceDoc): void {
  const head = doc.lines.slice(0, 60).join("").replace(/\s+/g, "");
  const whole = doc.text.length > 200_000 ? doc.text.slice(0, 200_000) : doc.text;
  if (/决算/.test(head) || /决算表|决算情况说明/.test(whole)) return;
  const m = /(部门|单位)预算/.exec(head);
  if (!m) return;
  // the title may wrap (…部门预 / 算): the line where the words begin
  const compactLines = doc.lines.map((l) => l.replace(/\s+/g, ""));
  const next = (i: number) => compactLines.slice(i + 1).find((l) => l !== "") ?? "";
  const line = compactLines.findIndex((l, i) => l.includes(m[0]) || ((l + next(i)).includes(m[0]) && !next(i).includes(m[0]))) + 1;
  throw new ParseError({
    file: doc.fileName,
    section: "封面",
    line: line || undefined,
    message: `这是一份${m[0]}（预算公开文件），不是决算；本工具目前只读取部门决算和单位决算`,
    expected: "部门决算或单位决算",
    found: m[0],
  });
}
