import type { SourceDoc } from "@/lib/ingest/document";
import { isAmountText, normaliseAmount, yuanToWanyuan } from "@/lib/money/decimal";
import type { Report } from "@/lib/report/schema";
import {
  appendixError,
  contentLines,
  findUnit,
  isDash,
  joinWrapped,
  type Line,
  squeeze,
  type Unit,
  type Where,
} from "./lines";

type Summary = NonNullable<Report["appendix"]["performanceSummary"]>;
type SummaryRow = Summary["rows"][number];

const ROW = /^(\d{1,4})\s+(\S.*)$/;
const TOTAL = /^合\s*计\s*(.*)$/;
const EXPECTED_ROW = "序号 项目名称 资金使用单位 全年预算数 自评得分 自评等级";

/**
 * 绩效自评（情况）汇总表: lines (0-based) [titleIndex, end). Rows are read from their end (等级, 得分, 预算数);
 * the unit is the last word before the numbers. A line that is not a row continues the previous row's name, which is
 * how a wrapped name cell comes out of the extractor.
 */
export function parsePerformanceSummary(doc: SourceDoc, titleIndex: number, end: number): Summary {
  const where: Where = { file: doc.fileName };
  const lines = contentLines(doc, titleIndex + 1, end);
  const iHead = lines.findIndex((l) => squeeze(l.text).startsWith("序号"));
  if (iHead < 0) {
    throw appendixError(where, {
      message: "绩效自评汇总表缺少表头",
      line: titleIndex + 1,
      expected: EXPECTED_ROW,
      found: lines[0]?.text ?? "（空）",
    });
  }
  const unit: Unit = findUnit(lines.slice(0, iHead + 1)) ?? "万元";
  const summary: Summary = { rows: [], sourceLine: titleIndex + 1 };
  let header = squeeze(lines[iHead].text);
  let k = iHead + 1;
  for (; k < lines.length; k++) {
    const l = lines[k];
    const total = TOTAL.exec(l.text);
    if (total) {
      const first = total[1].trim().split(/\s+/)[0] ?? "";
      if (first !== "" && !isDash(first)) summary.total = amount(first, l, unit, where, "合计");
      k++;
      break;
    }
    const m = ROW.exec(l.text);
    if (m) {
      summary.rows.push(readRow(Number(m[1]), m[2], l, header, unit, where));
      continue;
    }
    const last = summary.rows[summary.rows.length - 1];
    if (last) last.name = joinWrapped([last.name, l.text]);
    else header += squeeze(l.text);
  }
  const note = readNote(lines.slice(k));
  if (note) summary.note = note;
  return summary;
}

function readRow(no: number, rest: string, l: Line, header: string, unit: Unit, where: Where): SummaryRow {
  const toks = rest.split(/\s+/);
  let grade: string | undefined;
  if (header.includes("等级") && toks.length > 0 && !isAmountText(toks[toks.length - 1])) {
    const g = toks.pop()!;
    if (!isDash(g)) grade = g;
  }
  const score = header.includes("得分") ? toks.pop() : undefined;
  const budget = toks.pop();
  for (const [cell, what] of [
    [budget, "全年预算数"],
    [score, "自评得分"],
  ] as const) {
    if (cell !== undefined && !isDash(cell) && !isAmountText(cell)) {
      throw appendixError(where, {
        message: `绩效自评汇总表第 ${no} 行的${what}无法识别`,
        line: l.no,
        expected: EXPECTED_ROW,
        found: l.text,
      });
    }
  }
  if (toks.length === 0) {
    throw appendixError(where, {
      message: `绩效自评汇总表第 ${no} 行缺少项目名称`,
      line: l.no,
      expected: EXPECTED_ROW,
      found: l.text,
    });
  }
  const hasUnitColumn = header.includes("单位");
  const unitName = hasUnitColumn && toks.length >= 2 ? toks.pop() : undefined;
  const out: SummaryRow = { no, name: toks.join(" ") };
  if (unitName) out.unit = unitName;
  if (budget !== undefined && !isDash(budget)) out.budget = amount(budget, l, unit, where, "全年预算数");
  if (score !== undefined && !isDash(score)) out.score = normaliseAmount(score)!;
  if (grade) out.grade = grade;
  out.sourceLine = l.no;
  return out;
}

function amount(text: string, l: Line, unit: Unit, where: Where, what: string): string {
  if (!isAmountText(text)) {
    throw appendixError(where, {
      message: `绩效自评汇总表的${what}无法识别`,
      line: l.no,
      expected: "金额",
      found: text,
    });
  }
  const v = normaliseAmount(text)!;
  return unit === "元" ? yuanToWanyuan(v) : v;
}

/** The (注：…) under the table, without its brackets; it may wrap over several lines. */
function readNote(lines: Line[]): string | undefined {
  if (lines.length === 0 || !/^[（(]?\s*注/.test(lines[0].text)) return undefined;
  const parts: string[] = [];
  for (const l of lines) {
    parts.push(l.text);
    if (/[)）]$/.test(l.text)) break;
  }
  const text = joinWrapped(parts);
  const inner = /^[（(]\s*(.*?)\s*[）)]$/.exec(text);
  return inner ? inner[1] : text;
}
