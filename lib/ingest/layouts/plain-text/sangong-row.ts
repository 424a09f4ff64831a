import type { SourceDoc } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import { TABLE_COLUMNS } from "@/lib/report/schema";
import { cellOf, checkGarbled, isCellToken, type Body, type RawRow } from "./table-body";
import { compact, isStrongHeaderLine, toHalfWidth } from "./line-tokens";
import type { TableSection } from "./table-sections";

const ALL = TABLE_COLUMNS.t09;
const BUDGET = ALL.slice(0, 6);
const FINAL = ALL.slice(6);

/**
 * Table 09 is one row of 预算数 and 决算数 (合计, 因公出国（境）费, 公务用车 小计/购置费/运行维护费, 公务接待费).
 * Usually all twelve cells are on one line (empty ones missing); some layouts print 预算数 and 决算数 as two
 * labelled lines, which fixes the half each number belongs to. Returns one part per line group to place.
 */
export function readSangongParts(doc: SourceDoc, sec: TableSection, body: Body): RawRow[] {
  const parts: RawRow[] = [];
  let unlabelled: RawRow | undefined;
  for (const line of body.lines) {
    if (isStrongHeaderLine(line.text, line.tokens, line.compact)) continue;
    checkGarbled(doc, sec, line);
    const toks = line.tokens;
    let i = 0;
    while (i < toks.length && toks[i].kind === "text") i++;
    const label = toHalfWidth(
      compact(
        toks
          .slice(0, i)
          .map((t) => t.raw)
          .join(""),
      ),
    );
    const rest = toks.slice(i);
    if (rest.length === 0) continue;
    const stray = rest.find((t) => !isCellToken(t));
    // After the row, anything that is not numbers is what follows the table, not a broken row.
    if (parts.length && (stray || (i > 0 && !/^(预算|决算)(数)?$/.test(label)))) break;
    if (stray)
      throw new ParseError({
        file: doc.fileName,
        table: sec.label,
        line: line.lineNo,
        message: "“三公”经费数据行中有非金额内容",
        expected: "至多 12 个金额",
        found: stray.raw,
      });
    const cells = rest.map(cellOf);
    const half = /^预算(数)?$/.test(label) ? BUDGET : /^决算(数)?$/.test(label) ? FINAL : undefined;
    if (half) {
      parts.push({ key: "sangong", name: label, cells, columns: half, sourceLine: line.lineNo });
      continue;
    }
    // One row spread over several lines by the extractor: the numbers continue left to right.
    if (unlabelled) unlabelled.cells!.push(...cells);
    else {
      unlabelled = { key: "sangong", name: "“三公”经费", cells, columns: ALL, sourceLine: line.lineNo };
      parts.push(unlabelled);
    }
  }
  if (unlabelled && parts.length > 1)
    throw new ParseError({
      file: doc.fileName,
      table: sec.label,
      line: unlabelled.sourceLine,
      message: "“三公”经费表既有按预算数/决算数分行的数据，又有未标明的数据",
      expected: "一行 12 栏，或“预算数”“决算数”两行各 6 栏",
      found: body.lines.find((l) => l.lineNo === unlabelled!.sourceLine)?.text.trim(),
    });
  return parts;
}
