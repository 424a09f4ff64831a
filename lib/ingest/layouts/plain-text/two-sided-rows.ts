import type { SourceDoc } from "@/lib/ingest/document";
import { ParseError } from "@/lib/ingest/errors";
import type { Cell } from "@/lib/ingest/resolve-columns";
import { cellOf, checkGarbled, type Body, type BodyLine, type RawRow } from "./table-body";
import { asInteger, compact, isStrongHeaderLine, joinName, type Token } from "./line-tokens";
import { FUND_SPLIT, labelRole, type Side } from "./row-labels";
import type { TableSection } from "./table-sections";

/** Columns of a t04 expenditure row; t01 has one amount per side. */
const T04_EXPENDITURE_COLUMNS = ["total", "gpb", "govFund", "soe"] as const;

type Part = { name: string; lineNo?: number; cells: Cell[] };
type Run = { text: boolean; toks: Token[] };

/**
 * Tables 01 and 04 print income and expenditure side by side: name, 行次, amount | name, 行次, amount(s).
 * Empty cells leave no trace, so a line like "30 61" or "一般公共预算财政拨款 29 0.28 61" is split by the 行次
 * sequences: each side counts up by one from row to row.
 */
export function readTwoSidedRows(
  doc: SourceDoc,
  sec: TableSection & { id: "t01" | "t04" },
  body: Body,
): { rows: RawRow[]; unrecognised: { line: number; name: string }[] } {
  const maxExp = sec.id === "t01" ? 1 : T04_EXPENDITURE_COLUMNS.length;
  const income: RawRow[] = [];
  const expenditure: RawRow[] = [];
  let lastInc: number | undefined;
  let lastExp: number | undefined;
  let lastIncKey: string | undefined;
  let lastExpKey: string | undefined;
  let fundSplitsSeen = 0;
  /** text-only lines since the last data line: header fragments, or a wrapped label */
  let loose: string[] = [];
  let previous: { inc?: RawRow; exp?: RawRow } = {};

  const err = (line: BodyLine, message: string, expected: string) =>
    new ParseError({
      file: doc.fileName,
      table: sec.label,
      line: line.lineNo,
      message,
      expected,
      found: line.text.trim(),
    });

  const roleOf = (side: Side, name: string) => labelRole(side, name, side === "income" ? lastIncKey : lastExpKey);

  /** A wrapped label is only joined when the join is a label the template knows; otherwise it was header text. */
  const withLoosePrefix = (side: Side, name: string) => {
    if (!name || roleOf(side, name)) return name;
    for (let k = loose.length; k >= 1; k--) {
      const joined = loose.slice(-k).join("") + name;
      if (roleOf(side, joined)) return joined;
    }
    return name;
  };

  const emit = (side: Side, part: Part, line: BodyLine): RawRow | undefined => {
    const name = withLoosePrefix(side, compact(part.name));
    if (side === "income" && part.cells.length > 1)
      throw err(line, "收入栏的金额多于一个", "收入项目名称、行次、至多一个金额");
    if (side === "expenditure" && part.cells.length > maxExp)
      throw err(line, "支出栏的金额多于栏数", `支出项目名称、行次、至多 ${maxExp} 个金额`);
    let role = roleOf(side, name);
    let shownName = name;
    if (side === "expenditure" && !name && lastExpKey?.startsWith("carryEnd")) {
      // 年末结转和结余's split by fund is sometimes printed without its labels; its position names it.
      const split = FUND_SPLIT[fundSplitsSeen++];
      if (split && part.cells.some((c) => c !== null)) {
        role = { key: `carryEnd${split.suffix}` };
        shownName = split.name;
      }
    } else if (side === "expenditure" && role?.key.startsWith("carryEnd") && role.key !== "carryEnd") {
      fundSplitsSeen = FUND_SPLIT.findIndex((f) => role!.key === `carryEnd${f.suffix}`) + 1;
    }
    if (!shownName && part.cells.every((c) => c === null)) return undefined;
    const row: RawRow = { section: side, name: shownName, sourceLine: line.lineNo };
    if (role) {
      row.key = role.key;
      if (role.code) row.code = role.code;
    }
    if (part.lineNo !== undefined) row.line = part.lineNo;
    if (side === "income" || sec.id === "t01") {
      const amount = part.cells[0];
      row.fixed = amount ? { amount } : {};
    } else {
      row.cells = part.cells;
      row.columns = T04_EXPENDITURE_COLUMNS;
    }
    if (side === "income") {
      if (role) lastIncKey = role.key;
      income.push(row);
    } else {
      if (role) lastExpKey = role.key;
      expenditure.push(row);
    }
    return row;
  };

  /**
   * A label wrapped after its numbers: joined to the row above when that makes a label the template knows, or when
   * it closes a bracket the row left open (使用非财政拨款结余（含专用 / 结余）).
   */
  const joinToPrevious = (text: string): boolean => {
    for (const row of [previous.inc, previous.exp]) {
      if (!row) continue;
      const joined = row.name + text;
      const role = labelRole(row.section as Side, joined);
      const closesBracket = /[（(][^）)]*$/.test(row.name) && /^[^（(]*[）)]/.test(text);
      if (!closesBracket && (row.key || !role)) continue;
      row.name = joined;
      if (role) {
        row.key = role.key;
        if (role.code) row.code = role.code;
      }
      return true;
    }
    return false;
  };

  for (const line of body.lines) {
    if (isStrongHeaderLine(line.text, line.tokens, line.compact)) {
      loose = [];
      previous = {};
      continue;
    }
    checkGarbled(doc, sec, line);
    const runs = toRuns(line.tokens);
    if (runs.every((r) => r.text)) {
      const text = line.compact;
      if (joinToPrevious(text)) previous = {};
      else loose = [...loose, text].slice(-3);
      continue;
    }
    const split = splitSides(
      runs,
      lastInc,
      lastExp,
      maxExp,
      (name) => !!labelRole("expenditure", name, lastExpKey) && !labelRole("income", name, lastIncKey),
    );
    if (!split) throw err(line, "无法区分收入栏和支出栏", "收入项目 行次 金额 支出项目 行次 金额");
    previous = {};
    if (split.inc) {
      if (split.inc.lineNo !== undefined) lastInc = split.inc.lineNo;
      previous.inc = emit("income", split.inc, line);
    }
    if (split.exp) {
      if (split.exp.lineNo !== undefined) lastExp = split.exp.lineNo;
      previous.exp = emit("expenditure", split.exp, line);
    }
    loose = [];
  }
  const rows = [...income, ...expenditure];
  const unrecognised = rows.filter((r) => !r.key).map((r) => ({ line: r.sourceLine, name: r.name }));
  return { rows, unrecognised };
}

function toRuns(tokens: Token[]): Run[] {
  const runs: Run[] = [];
  for (const t of tokens) {
    const text = t.kind === "text";
    const last = runs[runs.length - 1];
    if (last && last.text === text) last.toks.push(t);
    else runs.push({ text, toks: [t] });
  }
  return runs;
}

const nameOf = (r: Run | undefined) => (r ? joinName(r.toks.map((t) => t.raw)) : "");

/** [行次, amounts…] when the first number is an integer, else amounts only (a template without 行次). */
function part(name: string, nums: Token[]): Part {
  const first = nums[0] ? asInteger(nums[0]) : undefined;
  if (first !== undefined) return { name, lineNo: first, cells: nums.slice(1).map(cellOf) };
  return { name, cells: nums.map(cellOf) };
}

function splitSides(
  runs: Run[],
  lastInc: number | undefined,
  lastExp: number | undefined,
  maxExp: number,
  isExpenditureOnly: (name: string) => boolean,
): { inc?: Part; exp?: Part } | undefined {
  const texts = runs.filter((r) => r.text).length;
  if (texts > 2) return undefined;
  const shape = runs.map((r) => (r.text ? "T" : "N")).join("");
  const at = (i: number) => runs[i]?.toks ?? [];
  switch (shape) {
    case "TNTN":
      return { inc: part(nameOf(runs[0]), at(1)), exp: part(nameOf(runs[2]), at(3)) };
    case "TNT":
      return { inc: part(nameOf(runs[0]), at(1)), exp: { name: nameOf(runs[2]), cells: [] } };
    case "NTN":
      return { inc: part("", at(0)), exp: part(nameOf(runs[1]), at(2)) };
    case "NT":
      return { inc: part("", at(0)), exp: { name: nameOf(runs[1]), cells: [] } };
    case "TN":
      if (isExpenditureOnly(nameOf(runs[0]))) return { exp: part(nameOf(runs[0]), at(1)) };
      return splitNumbers(nameOf(runs[0]), at(1), lastInc, lastExp, maxExp);
    case "N":
      return splitNumbers("", at(0), lastInc, lastExp, maxExp);
    default:
      return undefined;
  }
}

/**
 * Numbers with no expenditure name between them: income 行次 [amount] then expenditure 行次 [amounts].
 * Of the possible cuts, the one whose 行次 continue both sequences wins.
 */
function splitNumbers(
  incName: string,
  nums: Token[],
  lastInc: number | undefined,
  lastExp: number | undefined,
  maxExp: number,
): { inc?: Part; exp?: Part } | undefined {
  let best: { score: number; inc: Part; exp?: Part } | undefined;
  let tie = false;
  for (let cut = 1; cut <= Math.min(2, nums.length); cut++) {
    const incNums = nums.slice(0, cut);
    const expNums = nums.slice(cut);
    const incLine = asInteger(incNums[0]);
    if (incLine === undefined) continue;
    let score = lastInc !== undefined && incLine === lastInc + 1 ? 2 : 0;
    let exp: Part | undefined;
    if (expNums.length) {
      const expLine = asInteger(expNums[0]);
      if (expLine === undefined || expNums.length - 1 > maxExp) continue;
      if (lastExp !== undefined) {
        if (expLine !== lastExp + 1) continue;
        score += 2;
      } else if (expLine > incLine) score += 1;
      exp = part("", expNums);
    } else if (lastExp !== undefined) score -= 1;
    const cand = { score, inc: part(incName, incNums), exp };
    if (!best || cand.score > best.score) {
      best = cand;
      tie = false;
    } else if (cand.score === best.score) tie = true;
  }
  if (!best || tie) return undefined;
  return { inc: best.inc, exp: best.exp };
}
