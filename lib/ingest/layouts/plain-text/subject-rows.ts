import type { SourceDoc } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import { TABLE_COLUMNS } from "@/lib/report/schema";
import { cellOf, checkGarbled, isCellToken, type Body, type BodyLine, type RawRow } from "./table-body";
import {
  compact,
  isStrongHeaderLine,
  isSubjectCode,
  joinName,
  splitGluedCode,
  toHalfWidth,
  type Token,
} from "./line-tokens";
import type { TableSection } from "./table-sections";

type SubjectTableId = "t02" | "t03" | "t05" | "t07" | "t08";

/**
 * Rows of a table by 支出功能分类 subject (t02 t03 t05 t07 t08): a 合计 row and rows starting with a 3/5/7-digit code.
 * A long name wraps: the code may stand alone on its line, the name follows on one or more lines, then the numbers.
 */
export function readSubjectRows(doc: SourceDoc, sec: TableSection & { id: SubjectTableId }, body: Body): RawRow[] {
  const columns = TABLE_COLUMNS[sec.id];
  const rows: RawRow[] = [];
  /** the last row, while it has no numbers yet (its name may still be wrapping) */
  let open: (RawRow & { nameParts: string[] }) | undefined;
  let inHeader = true;

  const close = () => {
    if (!open) return;
    const { nameParts, ...row } = open;
    row.name = joinName(nameParts);
    row.cells ??= [];
    rows.push(row);
    open = undefined;
  };

  const takeCells = (line: BodyLine, toks: Token[], row: RawRow & { nameParts: string[] }) => {
    let i = 0;
    while (i < toks.length && toks[i].kind === "text") row.nameParts.push(toks[i++].raw);
    const rest = toks.slice(i);
    const stray = rest.find((t) => !isCellToken(t));
    if (stray)
      throw new ParseError({
        file: doc.fileName,
        table: sec.label,
        line: line.lineNo,
        message: "金额之后出现了非金额内容",
        expected: `科目名称之后只有金额（最多 ${columns.length} 个）`,
        found: stray.raw,
      });
    if (rest.length) row.cells = rest.map(cellOf);
  };

  for (const line of body.lines) {
    if (isStrongHeaderLine(line.text, line.tokens, line.compact)) {
      inHeader = true;
      continue;
    }
    checkGarbled(doc, sec, line);
    let toks = line.tokens;
    const glued = toks.length ? splitGluedCode(toks[0].raw) : undefined;
    if (glued)
      toks = [{ kind: "amount", text: glued[0], raw: glued[0] }, { kind: "text", raw: glued[1] }, ...toks.slice(1)];
    toks = joinSplitCode(toks);

    const lead = leadingText(toks);
    if (/^(合计|总计)$/.test(lead.text)) {
      close();
      inHeader = false;
      open = { key: "total", name: lead.text, sourceLine: line.lineNo, columns, nameParts: [lead.text] };
      takeCells(line, toks.slice(lead.count), open);
      if (open.cells) close();
      continue;
    }
    const numbersOnly = toks.every(isCellToken);
    if (
      isSubjectCode(toks[0]) &&
      (toks.length === 1 || toks[1].kind === "text" || !(open && !open.cells && numbersOnly))
    ) {
      close();
      inHeader = false;
      const code = toks[0].kind === "amount" ? toks[0].text : "";
      open = { code, name: "", sourceLine: line.lineNo, columns, nameParts: [] };
      takeCells(line, toks.slice(1), open);
      if (open.cells) close();
      continue;
    }
    if (open && !open.cells) {
      // Header lines repeated by a page break may fall inside a wrapped row; they are not part of its name.
      if (inHeader && toks.every((t) => t.kind === "text")) continue;
      takeCells(line, toks, open);
      if (open.cells) close();
      continue;
    }
    if (toks.every((t) => t.kind === "text")) {
      inHeader = true;
      continue;
    }
    throw new ParseError({
      file: doc.fileName,
      table: sec.label,
      line: line.lineNo,
      message: "无法识别的数据行",
      expected: "以科目编码或“合计”开头的数据行",
      found: line.text.trim(),
    });
  }
  close();
  return rows;
}

function leadingText(toks: Token[]): { text: string; count: number } {
  let i = 0;
  while (i < toks.length && toks[i].kind === "text") i++;
  return {
    text: toHalfWidth(
      compact(
        toks
          .slice(0, i)
          .map((t) => t.raw)
          .join(""),
      ),
    ),
    count: i,
  };
}

const raw2 = (t: Token | undefined) =>
  t?.kind === "amount" && /^\d{2}$/.test(t.raw.trim()) ? t.raw.trim() : undefined;

/**
 * Templates that print the code over 类 | 款 | 项 columns come out of an extractor as "201 06 01 行政运行 …": the
 * three (or two) leading numbers before the name are one code, 2010601.
 */
function joinSplitCode(toks: Token[]): Token[] {
  const lei = toks[0]?.kind === "amount" && /^\d{3}$/.test(toks[0].raw.trim()) ? toks[0].raw.trim() : undefined;
  const kuan = raw2(toks[1]);
  if (!lei || !kuan) return toks;
  const xiang = raw2(toks[2]);
  const n = xiang && toks[3]?.kind === "text" ? 3 : toks[2]?.kind === "text" ? 2 : 0;
  if (!n) return toks;
  const code = lei + kuan + (n === 3 ? xiang : "");
  return [{ kind: "amount", text: code, raw: code }, ...toks.slice(n)];
}
