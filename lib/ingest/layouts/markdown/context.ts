import { ParseError } from "@/lib/ingest/errors";
import type { TableId } from "@/lib/report/schema";
import type { CellContext } from "./cells";

export type Ambiguity = { table: string; sourceLine?: number; message: string };

/** What a table parser needs to report: the file, which table (as the document numbers it), and where to note doubts. */
export type TableContext = { file: string; id: TableId; label: string; ambiguities: Ambiguity[] };

export function cellAt(ctx: TableContext, line: number): CellContext {
  return { file: ctx.file, table: ctx.label, line };
}

export function tableError(
  ctx: TableContext,
  line: number | undefined,
  message: string,
  expected: string,
  found: string,
): ParseError {
  return new ParseError({ file: ctx.file, table: ctx.label, line, message, expected, found });
}

export function noteAmbiguity(ctx: TableContext, sourceLine: number | undefined, message: string): void {
  ctx.ambiguities.push({ table: ctx.id, sourceLine, message });
}
