import { ParseError } from "@/lib/ingest/errors";
import type { Report } from "@/lib/report/schema";
import { amountCell, cleanText, compact, intCell, scoreCell } from "./cells";
import { matchColumns, columnLabels, widthOf, type ColumnSpec } from "./header";
import type { Region } from "./regions";

type Summary = NonNullable<Report["appendix"]["performanceSummary"]>;
type SummaryRow = Summary["rows"][number];

const SPEC: ColumnSpec = [
  ["no", /序号/, "序号"],
  ["name", /项目名称|^项目$/, "项目名称"],
  ["unit", /单位|部门/, "资金使用单位"],
  ["budget", /预算|金额|资金/, "全年预算数"],
  ["score", /得分|分数|分值/, "自评得分"],
  ["grade", /等级|评级|等次|结果/, "自评等级"],
];
const TOTAL = /^(合计|总计)$/;
const EMPTY = /^[-—–－]*$/;

/**
 * 绩效自评情况汇总表: one row per self-evaluated project (序号, 名称, 单位, 预算, 得分, 等级) and a 合计 row
 * whose budget is the sum the document states. `toWanyuan` converts amounts when the table is printed in 元.
 */
export function parsePerformanceSummary(
  file: string,
  region: Region<string>,
  toWanyuan: (v: string) => string,
): Summary {
  const section = "附件 绩效自评情况汇总表";
  const headerAt = region.rows.findIndex((r) => r.cells.some((c) => /项目名称/.test(compact(c))));
  if (headerAt < 0) {
    const first = region.rows[0];
    throw new ParseError({
      file,
      section,
      line: first?.lineNo,
      message: "找不到汇总表表头",
      expected: "含“项目名称”的表头行",
      found: first?.cells.join(" | ") ?? "（无表格行）",
    });
  }
  const header = region.rows.slice(0, headerAt + 1);
  const width = widthOf(header);
  const labels = columnLabels(header, width);
  const { map } = matchColumns(
    labels,
    labels.map((_, i) => i),
    SPEC,
  );
  const col = (key: string) => map.get(key);
  const cell = (cells: string[], key: string) => {
    const c = col(key);
    return c === undefined ? "" : (cells[c] ?? "");
  };

  const rows: SummaryRow[] = [];
  let total: string | undefined;
  for (const row of region.rows.slice(headerAt + 1)) {
    const cells = row.cells;
    if (cells.some((c) => /项目名称/.test(compact(c)))) continue;
    const at = { file, section, line: row.lineNo };
    if (TOTAL.test(compact(cell(cells, "no"))) || TOTAL.test(compact(cell(cells, "name")))) {
      const v = amountCell(cell(cells, "budget"), at, "预算数合计");
      total = v === undefined ? undefined : toWanyuan(v);
      continue;
    }
    const no = intCell(cell(cells, "no"));
    const name = cleanText(cell(cells, "name"));
    const unit = cleanText(cell(cells, "unit"));
    const budget = amountCell(cell(cells, "budget"), at, "全年预算数");
    const score = scoreCell(cell(cells, "score"), at, "自评得分");
    const grade = cleanText(cell(cells, "grade"));
    if (no === undefined && budget === undefined && score === undefined && rows.length > 0 && (name || unit)) {
      // A name or unit wrapped onto its own row.
      const prev = rows[rows.length - 1];
      if (name) prev.name += name;
      if (unit) prev.unit = prev.unit ? `${prev.unit}${unit}` : unit;
      continue;
    }
    if (!name) {
      if (no === undefined && budget === undefined && score === undefined) continue;
      throw new ParseError({
        file,
        section,
        line: row.lineNo,
        message: "汇总表行缺少项目名称",
        expected: "序号 | 项目名称 | 单位 | 预算数 | 得分 | 等级",
        found: cells.join(" | "),
      });
    }
    rows.push({
      ...(no !== undefined ? { no } : {}),
      name,
      ...(unit ? { unit } : {}),
      ...(budget !== undefined ? { budget: toWanyuan(budget) } : {}),
      ...(score !== undefined ? { score } : {}),
      ...(grade && !EMPTY.test(grade) ? { grade } : {}),
      sourceLine: row.lineNo,
    });
  }
  return {
    rows,
    ...(total !== undefined ? { total } : {}),
    ...(region.note ? { note: region.note.text } : {}),
    sourceLine: region.titleLine,
  };
}
