import { TABLE_COLUMNS, type TableRow } from "@/lib/report/schema";
import { amountCell, compact, fitWidth, isColumnNumberLine, type GridLine } from "./cells";
import { cellAt, noteAmbiguity, tableError, type TableContext } from "./context";
import { columnLabels, widthOf } from "./header";

const HAS_CJK = /[\u4e00-\u9fff]/;

/** Which 三公 figure a column holds, from its own header words (the 预算数/决算数 group is decided separately). */
const PARTS: [RegExp, string][] = [
  [/合计|总计/, "Total"],
  [/出国|出境/, "Abroad"],
  [/小计/, "Vehicle"],
  [/购置及运行|购置和运行/, "Vehicle"],
  [/购置/, "VehiclePurchase"],
  // 机关运行经费 / 机构运行经费 columns sit beside 三公 in some provincial tables: not the vehicles' running costs
  [/(?<!机关|机构)运行/, "VehicleOperation"],
  [/接待/, "Reception"],
];

/**
 * 三公 table: 预算数 and 决算数, six figures each, all on one data line under a three-row header.
 * Column meaning comes from the header: the group row (预算数 | 决算数) spans to the right, the rows below name
 * each figure. The data becomes one row keyed "sangong".
 */
export function parseSangongTable(ctx: TableContext, rows: GridLine[]): TableRow[] {
  const header = rows.filter((r) => r.cells.some((c) => HAS_CJK.test(c)));
  const data = rows.filter((r) => !header.includes(r) && !isColumnNumberLine(r.cells));
  if (data.length === 0) return [];
  if (data.length > 1) {
    throw tableError(
      ctx,
      data[1].lineNo,
      "“三公”经费表应只有一行数据",
      "预算数、决算数各 6 个金额在同一行",
      `${data.length} 行数据`,
    );
  }
  const line = data[0];
  const keys = TABLE_COLUMNS.t09 as readonly string[];
  const width = Math.max(widthOf(header), keys.length);
  const cols = columnsOf(header, width) ?? columnsByCategory(header, width) ?? positional(ctx, line);
  const cells = fitWidth(line, width, { file: ctx.file, table: ctx.label });
  const values: Record<string, string> = {};
  for (const key of keys) {
    const v = amountCell(cells[cols.get(key)!] ?? "", cellAt(ctx, line.lineNo));
    if (v !== undefined) values[key] = v;
  }
  return [{ key: "sangong", name: "财政拨款“三公”经费", values, sourceLine: line.lineNo }];
}

function columnsOf(header: GridLine[], width: number): Map<string, number> | null {
  const groupRow = header.find((r) => r.cells.some((c) => /^(预算数?|决算数?|全年预算数?)$/.test(compact(c))));
  if (!groupRow) return null;
  const starts: [number, "budget" | "final"][] = [];
  groupRow.cells.forEach((c, i) => {
    const t = compact(c);
    if (/^决算/.test(t)) starts.push([i, "final"]);
    else if (/预算/.test(t)) starts.push([i, "budget"]);
  });
  const labels = columnLabels(
    header.filter((r) => r !== groupRow),
    width,
  );
  const map = new Map<string, number>();
  for (let col = 0; col < width; col++) {
    const group = starts.filter(([i]) => i <= col).pop();
    if (!group) continue;
    const part = PARTS.find(([re]) => re.test(labels[col]));
    if (!part) continue;
    const key = group[1] + part[1];
    if (map.has(key)) return null;
    map.set(key, col);
  }
  return map.size === TABLE_COLUMNS.t09.length ? map : null;
}

function positional(ctx: TableContext, line: GridLine): Map<string, number> {
  const keys = TABLE_COLUMNS.t09 as readonly string[];
  if (line.cells.length > keys.length && line.cells.slice(keys.length).some((c) => c !== "")) {
    throw tableError(
      ctx,
      line.lineNo,
      "“三公”经费表头无法识别，数据列数也不符",
      `${keys.length} 列：预算数、决算数各 6 列`,
      `${line.cells.length} 列`,
    );
  }
  noteAmbiguity(ctx, line.lineNo, "“三公”经费表头未能识别，按国家模板列序读取");
  return new Map(keys.map((k, i) => [k, i]));
}

/**
 * The Shanghai layout: each category heads its own 预算数 | 决算数 pair (合计, 因公出国（境）费, 公务用车… with 小计 /
 * 购置费 / 运行费 under it, 公务接待费), with spanning labels repeated over the columns they head. A column's group is
 * its own 预算数/决算数 cell; its figure is the lowest header cell above it that names one.
 */
function columnsByCategory(header: GridLine[], width: number): Map<string, number> | null {
  const map = new Map<string, number>();
  for (let col = 0; col < width; col++) {
    const cells = header.map((r) => compact(r.cells[col] ?? ""));
    const groupCell = cells.find((c) => /^(预算数?|决算数?|全年预算数?)$/.test(c));
    if (!groupCell) continue;
    const group = /^决算/.test(groupCell) ? "final" : "budget";
    let part: string | undefined;
    for (let k = cells.length - 1; k >= 0 && !part; k--) {
      if (cells[k] === groupCell) continue;
      part = PARTS.find(([re]) => re.test(cells[k]))?.[1];
    }
    if (!part) continue;
    const key = group + part;
    if (map.has(key)) return null;
    map.set(key, col);
  }
  return map.size === TABLE_COLUMNS.t09.length ? map : null;
}
