import { normaliseAmount } from "@/lib/money/decimal";
import type { Indicator } from "@/lib/report/schema";
import { appendixError, isPoints, joinWrapped, type Line, squeeze, type Where } from "./lines";

type Tok = { text: string; line: number };

/** The four 一级指标 of the national template. */
const LEVEL1_NAMES = ["成本指标", "产出指标", "效益指标", "满意度指标"];

/** 二级指标 of the national framework and the 一级 each belongs to; lets a row find its 一级 when the label is elsewhere. */
const LEVEL2_PARENT: Record<string, string> = {
  经济成本指标: "成本指标",
  社会成本指标: "成本指标",
  生态环境成本指标: "成本指标",
  数量指标: "产出指标",
  质量指标: "产出指标",
  时效指标: "产出指标",
  经济效益指标: "效益指标",
  社会效益指标: "效益指标",
  生态效益指标: "效益指标",
  生态环境效益指标: "效益指标",
  可持续影响指标: "效益指标",
  服务对象满意度指标: "满意度指标",
};

const POINTS = "[（(]\\d+(?:\\.\\d+)?分[）)]";
const LEVEL1_KNOWN = new RegExp(`^(${LEVEL1_NAMES.join("|")})(?:${POINTS})?$`);
// any 一级 label that carries its points, for templates with other names
const LEVEL1_GENERIC = new RegExp(`^(\\S{2,8}指标)${POINTS}$`);
const COMPARATOR_START = /^[≥≤=＝<>＜＞≧≦]/;
const COMPARATOR_ANY = /[≥≤=＝<>＜＞≧≦]/;

/**
 * Reads the indicator rows between the table header and 总分. A row ends on the line whose last two numbers are
 * 分值 and 得分 (anything after them is the 偏差原因); everything since the previous row is that row's text: the
 * 一级 label (printed one character per line), the 二级 label, the wrapped 三级 name, and the 年度指标值 and
 * 实际完成值, which are read from the end.
 */
export function parseIndicators(lines: Line[], where: Where): Indicator[] {
  const out: Indicator[] = [];
  let pending: Line[] = [];
  let level1: string | undefined;
  let level2: string | undefined;

  for (const line of lines) {
    const toks = line.text.split(/\s+/);
    const s = scoreIndex(toks);
    if (s < 0) {
      pending.push(line);
      continue;
    }
    const prev = out[out.length - 1];
    // a 偏差原因 that wrapped: its tail lines stand before the next row, which then carries its own name on its line
    if (prev?.deviation !== undefined && s - 1 >= 3) {
      while (pending.length > 0 && !looksLikeLabel(pending[0].text)) {
        prev.deviation = joinWrapped([prev.deviation, pending.shift()!.text]);
      }
    }
    const row = readRow(pending, line, toks.slice(0, s - 1), where);
    pending = [];

    if (row.level1 !== undefined) {
      level1 = row.level1;
      level2 = undefined;
    } else if (row.level2 !== undefined && LEVEL2_PARENT[row.level2] && LEVEL2_PARENT[row.level2] !== level1) {
      level1 = LEVEL2_PARENT[row.level2];
      level2 = undefined;
    }
    if (row.level2 !== undefined) level2 = row.level2;
    if (level1 === undefined) {
      throw appendixError(where, {
        message: "绩效指标行之前没有一级指标",
        line: line.no,
        expected: "成本指标、产出指标、效益指标或满意度指标",
        found: line.text,
      });
    }
    const ind: Indicator = { level1 };
    if (level2 !== undefined) ind.level2 = level2;
    if (row.level3 !== undefined) ind.level3 = row.level3;
    if (row.target !== undefined) ind.target = row.target;
    if (row.actual !== undefined) ind.actual = row.actual;
    ind.weight = normaliseAmount(toks[s - 1])!;
    ind.score = normaliseAmount(toks[s])!;
    const deviation = toks.slice(s + 1).join(" ");
    if (deviation !== "") ind.deviation = deviation;
    ind.sourceLine = line.no;
    out.push(ind);
  }

  if (pending.length > 0) {
    const last = out[out.length - 1];
    if (last?.deviation !== undefined) {
      last.deviation = joinWrapped([last.deviation, ...pending.map((l) => l.text)]);
    } else {
      throw appendixError(where, {
        message: "绩效指标行缺少分值和得分",
        line: pending[0].no,
        expected: "三级指标 年度指标值 实际完成值 分值 得分",
        found: pending.map((l) => l.text).join(" "),
      });
    }
  }
  return out;
}

/** Index of 得分: the right one of the last two adjacent bare numbers on the line, or -1. */
function scoreIndex(toks: string[]): number {
  for (let i = toks.length - 1; i >= 1; i--) if (isPoints(toks[i]) && isPoints(toks[i - 1])) return i;
  return -1;
}

function looksLikeLabel(text: string): boolean {
  const s = squeeze(text);
  return (
    new RegExp(`^${POINTS}$`).test(s) ||
    s.endsWith("指标") ||
    LEVEL1_NAMES.some((n) => n.startsWith(s) || s.startsWith(n)) ||
    Object.keys(LEVEL2_PARENT).some((n) => n.startsWith(s) || s.startsWith(n))
  );
}

type Row = { level1?: string; level2?: string; level3?: string; target?: string; actual?: string };

function readRow(pending: Line[], dataLine: Line, values: string[], where: Where): Row {
  const tokensOf = (l: Line): Tok[] => l.text.split(/\s+/).map((text) => ({ text, line: l.no }));
  let before = pending.flatMap(tokensOf);
  let onData = values.map((text) => ({ text, line: dataLine.no }));
  // both value cells wrapped: the line with the row's numbers holds nothing else, the values end the pending text
  if (onData.length === 0 && pending.length > 0 && pending[pending.length - 1].text.split(/\s+/).length >= 2) {
    onData = tokensOf(pending[pending.length - 1]);
    before = pending.slice(0, -1).flatMap(tokensOf);
  }

  const row: Row = {};
  let all = [...before, ...onData];
  const l1 = matchLevel1(all);
  if (l1) {
    row.level1 = l1.name;
    all = all.slice(l1.count);
  }

  let name: Tok[];
  if (onData.length > 0) {
    const a = all.length - 1;
    row.actual = all[a].text;
    let t = -1;
    for (let x = a - 1; x >= 0; x--) {
      if (COMPARATOR_START.test(all[x].text)) {
        t = x;
        break;
      }
    }
    if (t < 0) t = a - 1;
    if (t >= 0) row.target = joinWrapped(all.slice(t, a).map((x) => x.text));
    name = all.slice(0, Math.max(t, 0));
  } else {
    const split = splitValueLines(groupByLine(all), dataLine, where);
    row.target = split.target;
    row.actual = split.actual;
    name = split.name;
  }

  const stray = name.find((x) => COMPARATOR_START.test(x.text));
  if (stray) {
    throw appendixError(where, {
      message: "绩效指标行缺少分值和得分",
      line: stray.line,
      expected: "三级指标 年度指标值 实际完成值 分值 得分",
      found: stray.text,
    });
  }

  const l2 = matchLevel2(name);
  if (l2) {
    row.level2 = l2.name;
    name = name.slice(l2.count);
  }
  if (name.length > 0) row.level3 = joinWrapped(name.map((x) => x.text));
  return row;
}

/** The longest run of leading tokens that spells a 一级 label, e.g. 产 / 出 / 指 / 标 / （40分）. */
function matchLevel1(toks: Tok[]): { name: string; count: number } | undefined {
  let found: { name: string; count: number } | undefined;
  let s = "";
  for (let k = 0; k < toks.length && s.length <= 16; k++) {
    s += squeeze(toks[k].text);
    const m = LEVEL1_KNOWN.exec(s) ?? LEVEL1_GENERIC.exec(s);
    if (m) found = { name: m[1], count: k + 1 };
  }
  return found;
}

/** A leading 二级 label, possibly wrapped ("社会效益" / "指标"); never the whole name, so a 三级 ending in 指标 stays. */
function matchLevel2(toks: Tok[]): { name: string; count: number } | undefined {
  let s = "";
  for (let k = 0; k < toks.length - 1 && k < 4; k++) {
    s += squeeze(toks[k].text);
    if (LEVEL2_PARENT[s]) return { name: s, count: k + 1 };
  }
  const first = squeeze(toks[0]?.text ?? "");
  if (toks.length > 1 && first.endsWith("指标") && first.length >= 4 && first.length <= 10)
    return { name: first, count: 1 };
  return undefined;
}

function groupByLine(toks: Tok[]): Tok[][] {
  const lines: Tok[][] = [];
  for (const t of toks) {
    const last = lines[lines.length - 1];
    if (last && last[0].line === t.line) last.push(t);
    else lines.push([t]);
  }
  return lines;
}

const lineText = (l: Tok[]) => joinWrapped(l.map((x) => x.text));

/**
 * Both value cells wrapped onto lines of their own. They are told apart from the name by being equal (the common
 * “有效保障 / 有效保障” case, also over several lines) or by carrying a comparator, and from each other by starting
 * alike; anything less certain is reported rather than guessed.
 */
function splitValueLines(
  lines: Tok[][],
  dataLine: Line,
  where: Where,
): { name: Tok[]; target: string; actual: string } {
  const n = lines.length;
  for (let m = Math.floor(n / 2); m >= 1; m--) {
    const a = lines.slice(n - 2 * m, n - m).map(lineText);
    const b = lines.slice(n - m).map(lineText);
    if (a.join("\n") === b.join("\n"))
      return { name: lines.slice(0, n - 2 * m).flat(), target: a.join(""), actual: b.join("") };
  }
  const f = lines.findIndex((l) => COMPARATOR_ANY.test(lineText(l)));
  if (f >= 0) {
    const v = lines.slice(f);
    let k = -1;
    if (v.length === 2) k = 1;
    else {
      const head = (l: Tok[]) => lineText(l).split(/[≥≤=＝<>＜＞≧≦\d]/)[0];
      const h0 = head(v[0]);
      if (h0 !== "") k = v.findIndex((l, i) => i > 0 && head(l) === h0);
    }
    if (k > 0) {
      return {
        name: lines.slice(0, f).flat(),
        target: joinWrapped(v.slice(0, k).map(lineText)),
        actual: joinWrapped(v.slice(k).map(lineText)),
      };
    }
  }
  throw appendixError(where, {
    message: "无法区分三级指标、年度指标值和实际完成值",
    line: dataLine.no,
    expected: "三级指标 年度指标值 实际完成值 分值 得分",
    found: lines.map(lineText).join(" / "),
  });
}
