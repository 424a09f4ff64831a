import { TABLE_COLUMNS, type TableRow } from "@/lib/report/schema";
import {
  amountCell,
  compactCells,
  cleanName,
  compact,
  fitWidth,
  intCell,
  isColumnNumberLine,
  type GridLine,
} from "./cells";
import { cellAt, noteAmbiguity, tableError, type TableContext } from "./context";
import { columnLabels, matchColumns, widthOf, type ColumnSpec } from "./header";
import { summaryRowKey } from "./row-keys";

export type SummaryTableId = "t01" | "t04";
type Section = "income" | "expenditure";

const AMOUNT: ColumnSpec = [["amount", /金额|决算数|合计/, "金额"]];
const SPECS: Record<SummaryTableId, Record<Section, ColumnSpec>> = {
  t01: { income: AMOUNT, expenditure: AMOUNT },
  t04: {
    income: AMOUNT,
    expenditure: [
      ["gpb", /一般公共预算/, "一般公共预算财政拨款"],
      ["govFund", /政府性基金/, "政府性基金预算财政拨款"],
      ["soe", /国有资本/, "国有资本经营预算财政拨款"],
      ["total", /合计|小计|金额/, "合计"],
    ],
  },
};

const COLUMN_ORDER = TABLE_COLUMNS.t04 as readonly string[];

type Side = { section: Section; nameCol: number; lineCol?: number; values: [key: string, col: number][] };

const HEADER_WORD = /^(项目|收入项目|支出项目|行次|栏次|收入|支出|金额)$/;

/**
 * The two summary tables print income and expenditure side by side: 项目 | 行次 | 金额… twice on each line.
 * Each side becomes its own rows (section income / expenditure), keyed by what the printed name means.
 */
export function parseSummaryTable(ctx: TableContext, id: SummaryTableId, rows: GridLine[]): TableRow[] {
  const headerAt = rows.findIndex((r) => r.cells.filter((c) => compact(c) === "行次").length >= 2);
  const byName =
    headerAt >= 0
      ? -1
      : rows.findIndex((r) => r.cells.filter((c) => /^(收入|支出)?项目$/.test(compact(c))).length >= 2);
  const at = headerAt >= 0 ? headerAt : byName;
  if (at < 0) {
    throw tableError(
      ctx,
      rows[0]?.lineNo,
      "找不到收入、支出两栏的表头",
      "表头含两组“项目 | 行次 | 金额”",
      rows[0]?.cells.join(" | ") ?? "（无表格行）",
    );
  }
  let dataStart = at + 1;
  while (
    dataStart < rows.length &&
    (isColumnNumberLine(rows[dataStart].cells) || isHeaderRepeat(rows[dataStart].cells))
  )
    dataStart++;
  const header = rows.slice(0, dataStart);
  const width = widthOf(header);
  const labels = columnLabels(header, width);
  const sides = sidesOf(ctx, id, rows[at], labels, headerAt >= 0);

  const out: Record<Section, TableRow[]> = { income: [], expenditure: [] };
  const afterCarry: Record<Section, boolean> = { income: false, expenditure: false };
  for (const row of rows.slice(dataStart)) {
    if (isColumnNumberLine(row.cells) || isHeaderRepeat(row.cells)) continue;
    const cells = fitWidth(row, width, { file: ctx.file, table: ctx.label });
    for (const side of sides) {
      const name = cleanName(cells[side.nameCol] ?? "");
      const lineText = side.lineCol !== undefined ? (cells[side.lineCol] ?? "") : "";
      // 行次 is a small number; digits run together from neighbouring rows are not one
      const lineNo = intCell(lineText);
      const printedLine = lineNo !== undefined && lineNo < 1000 ? lineNo : undefined;
      const values: Record<string, string> = {};
      for (const [key, col] of side.values) {
        const v = amountCell(cells[col] ?? "", cellAt(ctx, row.lineNo));
        if (v !== undefined) values[key] = v;
      }
      const hasValues = Object.keys(values).length > 0;
      const list = out[side.section];
      if (name === "") {
        if (!hasValues) continue;
        throw tableError(
          ctx,
          row.lineNo,
          `${side.section === "income" ? "收入" : "支出"}栏有金额但没有项目名称`,
          "项目名称与金额在同一行",
          row.cells.join(" | "),
        );
      }
      if (side.lineCol !== undefined && lineText === "" && !hasValues && list.length > 0) {
        // A wrapped name: no 行次, no amount, only the rest of the name above.
        list[list.length - 1].name += name;
        continue;
      }
      const role = summaryRowKey(side.section, name, afterCarry[side.section]);
      if (role?.key === "carryBegin" || role?.key === "carryEnd") afterCarry[side.section] = true;
      if (!role)
        noteAmbiguity(
          ctx,
          row.lineNo,
          `未识别的${side.section === "income" ? "收入" : "支出"}项目“${name}”，未赋予行含义`,
        );
      list.push({
        section: side.section,
        ...(role?.key ? { key: role.key } : {}),
        ...(role?.code ? { code: role.code } : {}),
        name,
        ...(printedLine !== undefined ? { line: printedLine } : {}),
        values,
        sourceLine: row.lineNo,
      });
    }
  }
  return [...out.income, ...out.expenditure];
}

function isHeaderRepeat(cells: string[]): boolean {
  return compactCells(cells).some((c) => HEADER_WORD.test(c));
}

function sidesOf(
  ctx: TableContext,
  id: SummaryTableId,
  headerRow: GridLine,
  labels: string[],
  byLineCol: boolean,
): Side[] {
  const anchors = headerRow.cells
    .map((c, i) => ((byLineCol ? compact(c) === "行次" : /^(收入|支出)?项目$/.test(compact(c))) ? i : -1))
    .filter((i) => i >= 0)
    .slice(0, 2);
  const starts = anchors.map((a) => (byLineCol ? a - 1 : a));
  const sections: Section[] =
    /支出/.test(labels[starts[0]] ?? "") && /收入/.test(labels[starts[1]] ?? "")
      ? ["expenditure", "income"]
      : ["income", "expenditure"];
  return starts.map((nameCol, k) => {
    const lineCol = byLineCol ? anchors[k] : undefined;
    const end = k + 1 < starts.length ? starts[k + 1] : labels.length;
    const cols: number[] = [];
    for (let c = (lineCol ?? nameCol) + 1; c < end; c++) cols.push(c);
    const section = sections[k];
    const spec = SPECS[id][section];
    const { map, unmatched } = matchColumns(labels, cols, spec);
    let values: [string, number][];
    if (map.size === spec.length) {
      values = COLUMN_ORDER.filter((k) => map.has(k)).map((key) => [key, map.get(key)!]);
      for (const col of unmatched) noteAmbiguity(ctx, headerRow.lineNo, `表头列“${labels[col]}”不属于规范列，已忽略`);
    } else if (cols.length === spec.length) {
      const order = id === "t04" && section === "expenditure" ? ["total", "gpb", "govFund", "soe"] : ["amount"];
      values = order.map((key, i) => [key, cols[i]]);
      noteAmbiguity(
        ctx,
        headerRow.lineNo,
        `${section === "income" ? "收入" : "支出"}栏表头未能识别，按国家模板列序读取金额列`,
      );
    } else {
      throw tableError(
        ctx,
        headerRow.lineNo,
        `${section === "income" ? "收入" : "支出"}栏表头无法识别`,
        spec.map(([, , d]) => d).join("、"),
        cols.map((c) => labels[c] || "（空）").join(" | ") || "（无金额列）",
      );
    }
    return { section, nameCol, lineCol, values };
  });
}
