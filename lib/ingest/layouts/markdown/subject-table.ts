import { TABLE_COLUMNS, type TableRow } from "@/lib/report/schema";
import {
  amountCell,
  compactCells,
  cleanName,
  codeCell,
  compact,
  fitWidth,
  isColumnNumberLine,
  type GridLine,
} from "./cells";
import { cellAt, noteAmbiguity, tableError, type TableContext } from "./context";
import { columnLabels, matchColumns, widthOf, type ColumnSpec } from "./header";

export type SubjectTableId = "t02" | "t03" | "t05" | "t07" | "t08";

const SPECS: Record<SubjectTableId, ColumnSpec> = {
  t02: [
    ["total", /合计|总计/, "本年收入合计"],
    ["fiscal", /财政拨款/, "财政拨款收入"],
    ["superior", /上级补助/, "上级补助收入"],
    ["business", /事业收入/, "事业收入"],
    ["operating", /经营收入/, "经营收入"],
    ["affiliated", /附属单位/, "附属单位上缴收入"],
    ["other", /其他收入/, "其他收入"],
  ],
  t03: [
    ["total", /合计|总计/, "本年支出合计"],
    ["basic", /基本支出/, "基本支出"],
    ["project", /项目支出/, "项目支出"],
    ["upstream", /上缴上级/, "上缴上级支出"],
    ["operating", /经营支出/, "经营支出"],
    ["subsidy", /附属单位/, "对附属单位补助支出"],
  ],
  t05: [
    ["total", /小计|合计/, "小计"],
    ["basic", /基本支出/, "基本支出"],
    ["project", /项目支出/, "项目支出"],
  ],
  t07: [
    ["carryBegin", /年初/, "年初结转和结余"],
    ["income", /本年收入/, "本年收入"],
    ["total", /小计|合计/, "本年支出小计"],
    ["basic", /基本支出/, "基本支出"],
    ["project", /项目支出/, "项目支出"],
    ["carryEnd", /年末/, "年末结转和结余"],
  ],
  t08: [
    ["total", /小计|合计/, "小计"],
    ["basic", /基本支出/, "基本支出"],
    ["project", /项目支出/, "项目支出"],
  ],
};

const TOTAL = /^(合计|总计)$/;
// 支出功能分类科目编码 and other qualified forms, as a header repeated on the next page prints them
const HEADER_WORD = /^(项目|.{0,8}科目编码|科目名称|栏次|类|款|项|编码|名称)$/;

type Layout = { codeCols: number[]; nameCol: number; values: [key: string, col: number][]; width: number };

/** Tables by 支出功能分类 subject: 合计 row, then 类/款/项 rows with code and name, amounts in fixed columns. */
export function parseSubjectTable(ctx: TableContext, id: SubjectTableId, rows: GridLine[]): TableRow[] {
  const start = rows.findIndex(isDataStart);
  if (start < 0) {
    const numeric = rows.find(
      (r) => !isColumnNumberLine(r.cells) && r.cells.some((c) => /\d/.test(c) && !/[\u4e00-\u9fff]/.test(c)),
    );
    if (numeric) {
      throw tableError(
        ctx,
        numeric.lineNo,
        "找不到科目数据行",
        "以科目编码或“合计”开头的数据行",
        numeric.cells.join(" | "),
      );
    }
    return [];
  }
  const layout = layoutOf(ctx, id, rows.slice(0, start), rows[start]);
  const out: TableRow[] = [];
  const lastCode: string[] = [];
  for (const row of rows.slice(start)) {
    if (isColumnNumberLine(row.cells) || isHeaderRepeat(row.cells)) continue;
    const cells = fitWidth(row, layout.width, { file: ctx.file, table: ctx.label });
    const codeText = layout.codeCols.map((c) => cells[c]);
    const name = cleanName(cells[layout.nameCol] ?? "");
    const values: Record<string, string> = {};
    for (const [key, col] of layout.values) {
      const v = amountCell(cells[col] ?? "", cellAt(ctx, row.lineNo));
      if (v !== undefined) values[key] = v;
    }
    const hasValues = Object.keys(values).length > 0;
    const code = subjectCode(codeText, lastCode);
    if (code) {
      out.push({ code, name, values, sourceLine: row.lineNo });
    } else if (codeText.some((c) => TOTAL.test(compact(c))) || TOTAL.test(compact(name))) {
      out.push({ key: "total", name: "合计", values, sourceLine: row.lineNo });
    } else if (codeText.every((c) => c === "") && name !== "" && !hasValues && out.length > 0) {
      // A long subject name wrapped onto its own row: it belongs to the row above.
      out[out.length - 1].name += name;
    } else if (codeText.every((c) => c === "") && name === "" && !hasValues) {
      continue;
    } else {
      throw tableError(
        ctx,
        row.lineNo,
        "数据行缺少科目编码",
        "科目编码（3、5 或 7 位数字）或“合计”",
        row.cells.join(" | "),
      );
    }
  }
  return out;
}

function isDataStart(row: GridLine): boolean {
  // A header row can hold 合计 too (the 合计 column of a three-column 财政拨款 table): it also names 编码/名称.
  return (
    row.cells.slice(0, 3).some((c) => codeCell(c) !== undefined || TOTAL.test(compact(c))) && !isHeaderRepeat(row.cells)
  );
}

function isHeaderRepeat(cells: string[]): boolean {
  return compactCells(cells).some((c) => HEADER_WORD.test(c));
}

/** One code column, or 类/款/项 in three columns where an empty 类 or 款 means "the one above". */
function subjectCode(parts: string[], last: string[]): string | undefined {
  if (parts.length === 1) return codeCell(parts[0]);
  const digits = parts.map((p) => compact(p));
  if (digits.every((d) => d === "") || !digits.every((d) => d === "" || /^\d+$/.test(d))) return undefined;
  const [lei, kuan, xiang] = digits;
  const code = lei ? lei + kuan + xiang : kuan ? (last[0] ?? "") + kuan + xiang : (last[1] ?? "") + xiang;
  if (!/^\d{3}(\d{2}(\d{2})?)?$/.test(code)) return undefined;
  last[0] = code.slice(0, 3);
  if (code.length >= 5) last[1] = code.slice(0, 5);
  return code;
}

function layoutOf(ctx: TableContext, id: SubjectTableId, header: GridLine[], firstData: GridLine): Layout {
  const width = Math.max(widthOf(header), firstData.cells.length);
  const labels = columnLabels(header, width);
  let codeCols: number[];
  // 类 | 款 | 项 under a spanning 科目编码 label stack as "…科目编码类" etc.
  const split = labels.findIndex(
    (l, i) => /类$/.test(l) && /款$/.test(labels[i + 1] ?? "") && /项$/.test(labels[i + 2] ?? ""),
  );
  if (split >= 0) codeCols = [split, split + 1, split + 2];
  else {
    const c = labels.findIndex((l) => /编码|代码/.test(l));
    codeCols = [c >= 0 ? c : 0];
  }
  const afterCode = codeCols[codeCols.length - 1] + 1;
  const n = labels.findIndex((l, i) => i >= afterCode && /名称/.test(l));
  const nameCol = n >= 0 ? n : afterCode;
  const valueCols = labels.map((_, i) => i).filter((i) => i > nameCol);
  const spec = SPECS[id];
  const { map, unmatched } = matchColumns(labels, valueCols, spec);
  const keys = TABLE_COLUMNS[id] as readonly string[];
  if (map.size === spec.length) {
    for (const col of unmatched) noteAmbiguity(ctx, header[0]?.lineNo, `表头列“${labels[col]}”不属于规范列，已忽略`);
    return { codeCols, nameCol, width, values: keys.map((k) => [k, map.get(k)!]) };
  }
  // Header words not recognised: the national template's column order is the only other evidence.
  if (valueCols.length === keys.length) {
    noteAmbiguity(ctx, header[0]?.lineNo ?? firstData.lineNo, "表头未能识别，按国家模板列序读取金额列");
    return { codeCols, nameCol, width, values: keys.map((k, i) => [k, valueCols[i]]) };
  }
  const missing = spec.filter(([k]) => !map.has(k)).map(([, , d]) => d);
  throw tableError(
    ctx,
    header[0]?.lineNo ?? firstData.lineNo,
    "表头无法识别",
    `科目编码、科目名称和 ${spec.length} 个金额列：${spec.map(([, , d]) => d).join("、")}`,
    `表头：${labels.filter(Boolean).join(" | ") || "（无）"}；未找到：${missing.join("、")}`,
  );
}
