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
  const line = coverLineOf(doc, m[0]);
  throw new ParseError({
    file: doc.fileName,
    section: "封面",
    line: line || undefined,
    message: `这是一份${m[0]}（预算公开文件），不是决算；本工具目前只读取部门决算和单位决算`,
    expected: "部门决算或单位决算",
    found: m[0],
  });
}

/** The line where a cover's words begin, even when the title wraps (…部门预 / 算). */
export function coverLineOf(doc: SourceDoc, words: string): number {
  const compactLines = doc.lines.map((l) => l.replace(/\s+/g, ""));
  const next = (i: number) => compactLines.slice(i + 1).find((l) => l !== "") ?? "";
  return (
    compactLines.findIndex((l, i) => l.includes(words) || ((l + next(i)).includes(words) && !next(i).includes(words))) +
    1
  );
}
