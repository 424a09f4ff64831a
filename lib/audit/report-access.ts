import { D, type Dec } from "@/lib/money/decimal";
import { getTable, type Report, type Table, type TableId, type TableRow } from "@/lib/report/schema";
import { cellLoc } from "./labels";
import type { Location } from "./types";

/**
 * One side of a comparison: the printed value (undefined = empty cell / not stated), a label for the message,
 * and where it came from. A computed side (a sum) carries the locations of all its terms.
 */
export type Side = { value: string | undefined; label: string; locs: Location[] };

/** A table the rules can check: present and carrying data (a table declared empty has nothing to add up). */
export function dataTable(report: Report, id: TableId): Table | undefined {
  const t = getTable(report, id);
  return t && t.status === "data" ? t : undefined;
}

/**
 * A keyed row. t01/t04 print "总计" on both sides, so the section decides; parsers that leave `section` unset
 * emit the income side first (it is the left half of the printed line).
 */
export function keyRow(
  table: Table | undefined,
  key: string,
  section?: "income" | "expenditure",
): TableRow | undefined {
  if (!table) return undefined;
  const rows = table.rows.filter((r) => r.key === key);
  if (!section) return rows[0];
  const bySection = rows.find((r) => r.section === section);
  if (bySection) return bySection;
  if (rows.some((r) => r.section !== undefined)) return undefined;
  return section === "income" ? rows[0] : rows.length > 1 ? rows[1] : undefined;
}

/** A table cell as a Side; its label is built only when a finding needs it (most cells are checked and pass). */
class CellSide implements Side {
  private loc: Location | undefined;
  constructor(
    readonly value: string | undefined,
    private readonly table: TableId,
    private readonly row: Pick<TableRow, "key" | "code" | "name" | "section" | "sourceLine">,
    private readonly column: string,
  ) {}
  private get location(): Location {
    return (this.loc ??= cellLoc(this.table, this.row, this.column));
  }
  get label(): string {
    return this.location.label;
  }
  get locs(): Location[] {
    return [this.location];
  }
}

export function cell(table: TableId, row: TableRow | undefined, column: string, fallbackName = ""): Side {
  return new CellSide(row?.values[column], table, row ?? { name: fallbackName }, column);
}

/** A cell of a keyed row; when the row is missing the label still names it (its value is then empty). */
export function keyCell(
  id: TableId,
  table: Table | undefined,
  key: string,
  column: string,
  section?: "income" | "expenditure",
): Side {
  const row = keyRow(table, key, section);
  if (row) return cell(id, row, column);
  return new CellSide(undefined, id, { key, name: "", section }, column);
}

/** An empty cell counts as zero in an identity: "nothing printed" adds nothing. */
export function dv(value: string | undefined): Dec {
  return value === undefined ? new D(0) : new D(value);
}

export function present(values: readonly (string | undefined)[]): string[] {
  return values.filter((v): v is string => v !== undefined);
}

/** The level of a 功能分类 code: 类 3 digits, 款 5, 项 7. */
export function codeLevel(code: string | undefined): 0 | 1 | 2 | 3 {
  if (!code) return 0;
  return code.length === 3 ? 1 : code.length === 5 ? 2 : code.length === 7 ? 3 : 0;
}

export function subjectRows(table: Table): TableRow[] {
  return table.rows.filter((r) => r.code !== undefined);
}

const NUMBERING = /^[（(]?[一二三四五六七八九十百]+[、.．)）]\s*/;
const BRACKETS: Record<string, string> = { "(": "（", ")": "）", "“": "", "”": "", '"': "", "‘": "", "’": "", "'": "" };

/** Names compared across tables and the narrative: no spaces, unified brackets and quotes, no 一、 numbering, no （类）/（款）/（项）. */
export function normaliseName(name: string): string {
  return name
    .replace(/\s+/g, "")
    .replace(/[()“”"‘’']/g, (c) => BRACKETS[c] ?? c)
    .replace(NUMBERING, "")
    .replace(/（[类款项]）/g, "");
}

/** 类 names appear as "社会保障和就业支出", "社会保障和就业（类）支出", "社会保障和就业". */
export function className(name: string): string {
  return normaliseName(name).replace(/支出$/, "");
}

/** A 类 row of a subject table (t02/t03/t05) or a class row of t01/t04, by code when both sides know it, else by name. */
export function findClassRow(table: Table | undefined, code: string | undefined, name: string): TableRow | undefined {
  if (!table) return undefined;
  const classes = table.rows.filter((r) => r.key === "class" || codeLevel(r.code) === 1);
  if (code) {
    const byCode = classes.find((r) => r.code === code);
    if (byCode) return byCode;
  }
  const n = className(name);
  return classes.find((r) => className(r.name) === n);
}

/** The t01/t04 expenditure class rows. */
export function classRows(table: Table | undefined): TableRow[] {
  return table ? table.rows.filter((r) => r.key === "class") : [];
}

export function sumValues(values: readonly (string | undefined)[]): Dec {
  return values.reduce<Dec>((acc, v) => acc.plus(dv(v)), new D(0));
}

/** A sum printed at the finest scale of its terms, so "8979.1" + "0.18" shows as "8979.28". */
export function showSum(sum: Dec, terms: readonly (string | undefined)[]): string {
  const scales = present(terms).map((t) => (t.includes(".") ? t.length - t.indexOf(".") - 1 : 0));
  return sum.toFixed(Math.max(0, ...scales));
}

export function show(value: string | undefined): string {
  return value === undefined ? "（空）" : value;
}

/** A term that enters a balance with a minus sign, printed at its own scale so the tolerance stays right. */
export function negate(side: Side): Side {
  if (side.value === undefined) return side;
  const scale = side.value.includes(".") ? side.value.length - side.value.indexOf(".") - 1 : 0;
  return { value: new D(side.value).neg().toFixed(scale), label: side.label, locs: side.locs };
}
