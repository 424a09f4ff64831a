import type { TableRow } from "@/lib/report/schema";
import {
  amountCell,
  compactCells,
  cleanName,
  codeCell,
  compact,
  fitWidth,
  isColumnNumberLine,
  looksLikeAmount,
  type GridLine,
} from "./cells";
import { cellAt, noteAmbiguity, tableError, type TableContext } from "./context";
import { widthOf } from "./header";

type Section = "personnel" | "public";
type Group = { codeCol: number; nameCol: number; amountCol: number; section?: Section };

const TOTALS: [RegExp, "personnelTotal" | "publicTotal"][] = [
  [/^人员经费(合计)?$/, "personnelTotal"],
  [/^公用经费(合计)?$/, "publicTotal"],
];
const HEADER_WORD = /^(.{0,8}科目编码|科目名称|金额|决算数|人员经费|公用经费|项目|栏次|类|款)$/;

/**
 * 基本支出明细: 经济分类 rows printed in two or three code | name | amount groups side by side, the first under
 * 人员经费, the others under 公用经费; the last line carries 人员经费合计 and 公用经费合计.
 * Rows come out group by group (each group read down the pages), then the two totals.
 */
export function parseEconomicTable(ctx: TableContext, rows: GridLine[]): TableRow[] {
  // Usually two or three code | name | amount groups side by side; some templates print one long column.
  const headerAt = rows.findIndex(
    (r) => r.cells.some((c) => /编码/.test(compact(c))) && r.cells.some((c) => /名称/.test(compact(c))),
  );
  if (headerAt < 0) {
    throw tableError(
      ctx,
      rows[0]?.lineNo,
      "找不到经济分类表头",
      "表头含多组“科目编码 | 科目名称 | 金额”",
      rows[0]?.cells.join(" | ") ?? "（无表格行）",
    );
  }
  let dataStart = headerAt + 1;
  while (
    dataStart < rows.length &&
    (isColumnNumberLine(rows[dataStart].cells) || isHeaderRepeat(rows[dataStart].cells))
  )
    dataStart++;
  const header = rows.slice(0, dataStart);
  const width = widthOf(header);
  const groups = groupsOf(ctx, rows[headerAt], header, width);

  const perGroup: TableRow[][] = groups.map(() => []);
  const totals: TableRow[] = [];
  for (const row of rows.slice(dataStart)) {
    if (isColumnNumberLine(row.cells)) continue;
    const cells = fitWidth(row, width, { file: ctx.file, table: ctx.label });
    const totalCols = compactCells(cells)
      .map((c, i) => (TOTALS.some(([re]) => re.test(c)) ? i : -1))
      .filter((i) => i >= 0);
    // The repeated group header (人员经费 | 公用经费) has the totals' words but no amount.
    if (totalCols.length > 0 && cells.some(looksLikeAmount)) {
      totalCols.forEach((col, k) => {
        const label = compact(cells[col]);
        const key = TOTALS.find(([re]) => re.test(label))![1];
        // A merged amount cell sits in the last column of its span: take the first amount before the next label.
        const end = k + 1 < totalCols.length ? totalCols[k + 1] : cells.length;
        const values: Record<string, string> = {};
        for (let c = col + 1; c < end; c++) {
          const v = amountCell(cells[c], cellAt(ctx, row.lineNo));
          if (v !== undefined) {
            values.amount = v;
            break;
          }
        }
        totals.push({ key, name: cleanName(cells[col]), values, sourceLine: row.lineNo });
      });
      continue;
    }
    if (isHeaderRepeat(cells)) continue;
    groups.forEach((g, gi) => {
      const codeText = cells[g.codeCol] ?? "";
      const name = cleanName(cells[g.nameCol] ?? "");
      const amount = amountCell(cells[g.amountCol] ?? "", cellAt(ctx, row.lineNo));
      const code = codeCell(codeText);
      const list = perGroup[gi];
      if (code) {
        const section = g.section ?? sectionOfCode(code);
        list.push({ section, code, name, values: amount !== undefined ? { amount } : {}, sourceLine: row.lineNo });
      } else if (codeText === "" && name !== "" && amount === undefined && list.length > 0) {
        list[list.length - 1].name += name;
      } else if (codeText !== "" || name !== "" || amount !== undefined) {
        throw tableError(
          ctx,
          row.lineNo,
          "经济分类行缺少科目编码",
          "科目编码（3 或 5 位数字）| 科目名称 | 金额",
          [codeText, name, cells[g.amountCol] ?? ""].join(" | "),
        );
      }
    });
  }
  const out = perGroup.flat();
  for (const key of ["personnelTotal", "publicTotal"] as const) {
    const found = totals.filter((t) => t.key === key);
    if (found.length > 1) noteAmbiguity(ctx, found[1].sourceLine, `“${found[1].name}”出现多次，取第一次`);
    if (found[0]) out.push(found[0]);
  }
  return out;
}

function isHeaderRepeat(cells: string[]): boolean {
  return compactCells(cells).some((c) => HEADER_WORD.test(c));
}

/** 301 工资福利支出 and 303 对个人和家庭的补助 are 人员经费; every other 经济分类 in 基本支出 is 公用经费. */
function sectionOfCode(code: string): Section {
  return /^30[13]/.test(code) ? "personnel" : "public";
}

function groupsOf(ctx: TableContext, headerRow: GridLine, header: GridLine[], width: number): Group[] {
  const codeCols = headerRow.cells.map((c, i) => (/编码/.test(compact(c)) ? i : -1)).filter((i) => i >= 0);
  const groups: Group[] = codeCols.map((codeCol, k) => {
    const end = k + 1 < codeCols.length ? codeCols[k + 1] : width;
    const cells = headerRow.cells.slice(codeCol, end).map(compact);
    const name = cells.findIndex((c) => /名称/.test(c));
    const amount = cells.findIndex((c) => /金额|决算数|合计/.test(c));
    if (name < 0 || amount < 0) {
      throw tableError(
        ctx,
        headerRow.lineNo,
        "经济分类表头不完整",
        "每组为“科目编码 | 科目名称 | 金额”",
        headerRow.cells.slice(codeCol, end).join(" | "),
      );
    }
    return { codeCol, nameCol: codeCol + name, amountCol: codeCol + amount };
  });
  // The group row above names the spans: 人员经费 over the first group, 公用经费 over the ones right of it.
  const spans: [number, Section][] = [];
  for (const row of header) {
    if (row === headerRow) continue;
    row.cells.forEach((c, i) => {
      const t = compact(c);
      if (/^人员经费/.test(t)) spans.push([i, "personnel"]);
      else if (/^公用经费/.test(t)) spans.push([i, "public"]);
    });
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (const g of groups) {
    const span = spans.filter(([i]) => i <= g.codeCol).pop();
    if (span) g.section = span[1];
  }
  if (spans.length === 0) noteAmbiguity(ctx, headerRow.lineNo, "表头未标明人员经费/公用经费分栏，按经济分类编码归属");
  return groups;
}
