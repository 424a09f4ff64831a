import { ParseError } from "@/lib/ingest/errors";
import type { Indicator, PerformanceSheet } from "@/lib/report/schema";
import {
  amountCell,
  cleanName,
  cleanText,
  compact,
  percentCell,
  scoreCell,
  type CellContext,
  type GridLine,
} from "./cells";
import { matchColumns, type ColumnSpec } from "./header";
import type { Region } from "./regions";

type FundLine = PerformanceSheet["funds"]["total"];
type FundKey = keyof PerformanceSheet["funds"];

const FUND_SPEC: ColumnSpec = [
  ["initial", /年初预算/, "年初预算数"],
  ["annual", /全年预算/, "全年预算数(A)"],
  ["rate", /执行率/, "执行率(B/A)"],
  ["executed", /执行数/, "全年执行数(B)"],
  ["weight", /分值/, "分值"],
  ["score", /得分/, "得分"],
];
const FUND_ROWS: [RegExp, FundKey][] = [
  [/^(?:其中[：:]?)?(?:年度)?资金总额/, "total"],
  [/^(?:其中[：:]?)?(?:当年)?财政拨款/, "fiscal"],
  [/^(?:其中[：:]?)?上年结转/, "carryover"],
  [/^(?:其中[：:]?)?其他资金/, "other"],
];
const QIZHONG = /^其中[：:]?$/;

const INDICATOR_SPEC: ColumnSpec = [
  ["level1", /一级/, "一级指标"],
  ["level2", /二级/, "二级指标"],
  ["level3", /三级/, "三级指标"],
  ["actual", /实际/, "实际完成指标值"],
  ["target", /指标值|目标值|年度指标/, "年度指标值"],
  ["weight", /分值|权重/, "分值"],
  ["score", /得分/, "得分"],
  ["deviation", /偏差|原因|改进/, "偏差原因分析及改进措施"],
];

type Mode = "head" | "funds" | "goals" | "indicators" | "done";

/**
 * One 项目绩效自评表: name, 主管部门, 实施单位; the funds block (年度资金总额 and its 其中 lines against
 * 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分); the goals; the indicator tree; 总分.
 * Cells merged over several rows in the PDF are printed once, so 一级/二级指标 carry down to the rows below.
 * Returns null when the block has no 项目名称 (not a project sheet).
 */
export function parsePerformanceSheet(
  file: string,
  region: Region<string>,
  toWanyuan: (v: string) => string,
): PerformanceSheet | null {
  let name: string | undefined;
  let department: string | undefined;
  let implementingUnit: string | undefined;
  let fundCols: Map<string, number> | undefined;
  const funds: Partial<Record<FundKey, FundLine>> = {};
  let pending: FundLine | undefined;
  let goalCols: { planned?: number; actual?: number } | undefined;
  const goals: { planned?: string; actual?: string } = {};
  let indicatorCols: Map<string, number> | undefined;
  const indicators: Indicator[] = [];
  let level1: string | undefined;
  let level2: string | undefined;
  let totalScore: string | undefined;
  let mode: Mode = "head";
  const section = () => `附件 绩效自评表${name ? `（${name}）` : ""}`;

  for (const row of region.rows) {
    const cells = row.cells;
    const li = cells.findIndex((c) => c !== "");
    if (li < 0) continue;
    // every cell without its spacing, once per row: the labels below are all matched on that
    const flat = cells.map(compact);
    const label = flat[li];
    const at: CellContext = { file, section: section(), line: row.lineNo };

    if (/^项目名称/.test(label)) {
      const d = flat.findIndex((c, i) => i > li && /^主管(部门|单位)/.test(c));
      name = cleanText(firstText(cells, li + 1, d < 0 ? cells.length : d) ?? "") || undefined;
      if (d >= 0) department = cleanText(firstText(cells, d + 1, cells.length) ?? "") || undefined;
      continue;
    }
    if (/^(项目)?实施单位/.test(label)) {
      const t = flat.findIndex((c, i) => i > li && /联系电话|电话/.test(c));
      implementingUnit = cleanText(firstText(cells, li + 1, t < 0 ? cells.length : t) ?? "") || undefined;
      continue;
    }
    if (
      (mode === "head" || mode === "funds") &&
      flat.some((c) => /年初预算/.test(c)) &&
      flat.some((c) => /全年预算|执行数/.test(c))
    ) {
      fundCols = matchColumns(
        flat,
        cells.map((_, i) => i),
        FUND_SPEC,
      ).map;
      mode = "funds";
      continue;
    }
    if (/总体目标/.test(label)) {
      mode = "goals";
      const planned = flat.findIndex((c) => /预期目标|年初目标|绩效目标/.test(c));
      const actual = flat.findIndex((c) => /实际完成|完成情况/.test(c));
      if (planned >= 0 || actual >= 0)
        goalCols = { ...(planned >= 0 ? { planned } : {}), ...(actual >= 0 ? { actual } : {}) };
      else readGoals(cells.slice(li + 1), undefined, goals);
      continue;
    }
    if (flat.some((c) => /一级指标/.test(c))) {
      indicatorCols = matchColumns(
        flat,
        cells.map((_, i) => i),
        INDICATOR_SPEC,
      ).map;
      mode = "indicators";
      continue;
    }
    if (/^总分/.test(label) && !/^总分在/.test(label)) {
      totalScore = scoreCell(firstText(cells, li + 1, cells.length) ?? "", at, "总分");
      mode = "done";
      continue;
    }

    const fundAt = flat.findIndex((c) => QIZHONG.test(c) || FUND_ROWS.some(([re]) => re.test(c)));
    if (fundAt >= 0 && mode === "funds") {
      if (!fundCols)
        throw new ParseError({
          ...at,
          message: "资金行之前缺少表头",
          expected: "年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
          found: cells.join(" | "),
        });
      const first = Math.min(...fundCols.values());
      if (fundAt >= first) {
        throw new ParseError({
          ...at,
          message: "资金行与表头错位",
          expected: "资金项目名称在金额列之前",
          found: cells.join(" | "),
        });
      }
      const line = fundLine(cells, fundCols, at, toWanyuan);
      const text = flat[fundAt];
      if (QIZHONG.test(text)) {
        // "其中：当年财政拨款" wrapped in the PDF: the figures stay on the 其中 line, the words go below.
        pending = line;
        continue;
      }
      const key = FUND_ROWS.find(([re]) => re.test(text))![1];
      const merged = key === "total" ? line : { ...(pending ?? {}), ...line };
      pending = undefined;
      if (key === "total" || Object.keys(merged).length > 0) funds[key] = merged;
      continue;
    }

    if (mode === "goals") {
      readGoals(cells, goalCols, goals);
      continue;
    }
    if (mode === "indicators" && indicatorCols) {
      const get = (k: string) => {
        const c = indicatorCols!.get(k);
        return c === undefined ? "" : (cells[c] ?? "");
      };
      const l1 = cleanName(get("level1"));
      const l2 = cleanName(get("level2"));
      const l3 = cleanName(get("level3"));
      const target = cleanText(get("target"));
      const actual = cleanText(get("actual"));
      const weight = scoreCell(get("weight"), at, "分值");
      const score = scoreCell(get("score"), at, "得分");
      const deviation = cleanText(get("deviation"));
      if (l1) {
        level1 = l1;
        level2 = l2 || undefined;
      } else if (l2) level2 = l2;
      if (!l3 && !target && !actual && weight === undefined && score === undefined) {
        if (!l1 && !l2 && deviation && indicators.length > 0) {
          const last = indicators[indicators.length - 1];
          last.deviation = (last.deviation ?? "") + deviation;
        }
        continue;
      }
      if (!level1) {
        throw new ParseError({
          ...at,
          message: "绩效指标行缺少一级指标",
          expected: "一级指标（如 产出指标）",
          found: cells.join(" | "),
        });
      }
      indicators.push({
        level1,
        ...(level2 ? { level2 } : {}),
        ...(l3 ? { level3: l3 } : {}),
        ...(target ? { target } : {}),
        ...(actual ? { actual } : {}),
        ...(weight !== undefined ? { weight } : {}),
        ...(score !== undefined ? { score } : {}),
        ...(deviation ? { deviation } : {}),
        sourceLine: row.lineNo,
      });
    }
  }

  if (!name) return null;
  return {
    name,
    ...(department ? { department } : {}),
    ...(implementingUnit ? { implementingUnit } : {}),
    funds: {
      total: funds.total ?? {},
      ...(funds.fiscal ? { fiscal: funds.fiscal } : {}),
      ...(funds.carryover ? { carryover: funds.carryover } : {}),
      ...(funds.other ? { other: funds.other } : {}),
    },
    goals,
    indicators,
    ...(totalScore !== undefined ? { totalScore } : {}),
    sourceLine: region.titleLine,
  };
}

function firstText(cells: string[], from: number, to: number): string | undefined {
  for (let i = from; i < to && i < cells.length; i++) if (cells[i] !== "") return cells[i];
  return undefined;
}

function fundLine(
  cells: string[],
  cols: Map<string, number>,
  at: CellContext,
  toWanyuan: (v: string) => string,
): FundLine {
  const out: FundLine = {};
  for (const [key, col] of cols) {
    const text = cells[col] ?? "";
    if (key === "initial" || key === "annual" || key === "executed") {
      const v = amountCell(text, at, key === "initial" ? "年初预算数" : key === "annual" ? "全年预算数" : "全年执行数");
      if (v !== undefined) out[key] = toWanyuan(v);
    } else if (key === "rate") {
      const v = percentCell(text, at, "执行率");
      if (v !== undefined) out.rate = v;
    } else {
      const v = scoreCell(text, at, key === "weight" ? "分值" : "得分");
      if (v !== undefined) out[key as "weight" | "score"] = v;
    }
  }
  return out;
}

/** Goal texts sit under their labels; without labels the first text is the plan and the second the result. */
function readGoals(
  cells: string[],
  cols: { planned?: number; actual?: number } | undefined,
  goals: { planned?: string; actual?: string },
) {
  let planned: string | undefined;
  let actual: string | undefined;
  if (cols && (cols.planned !== undefined || cols.actual !== undefined)) {
    const p = cols.planned ?? 0;
    const a = cols.actual ?? cells.length;
    planned = firstText(cells, p, a);
    actual = cols.actual !== undefined ? firstText(cells, a, cells.length) : undefined;
  } else {
    const texts = cells.filter((c) => c !== "");
    [planned, actual] = texts;
  }
  if (planned) goals.planned = (goals.planned ?? "") + cleanText(planned);
  if (actual) goals.actual = (goals.actual ?? "") + cleanText(actual);
}
