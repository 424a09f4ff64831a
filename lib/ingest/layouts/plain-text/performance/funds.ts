import { D, type Dec, normaliseAmount, printedScale, yuanToWanyuan } from "@/lib/money/decimal";
import type { PerformanceSheet } from "@/lib/report/schema";
import { appendixError, isDash, joinForLabels, type Line, squeeze, type Unit, type Where } from "./lines";

type Funds = PerformanceSheet["funds"];
type FundLine = Funds["total"];
type Col = "initial" | "annual" | "executed" | "weight" | "rate" | "score";
type PartKey = "fiscal" | "carryover" | "other";

const DEFAULT_ORDER: Col[] = ["initial", "annual", "executed", "weight", "rate", "score"];
const HEADER_LABELS: [Col, string][] = [
  ["initial", "年初预算数"],
  ["annual", "全年预算数"],
  ["executed", "全年执行数"],
  ["weight", "分值"],
  ["rate", "执行率"],
  ["score", "得分"],
];
const AMOUNT_COLS: Col[] = ["initial", "annual", "executed"];
const EXPECTED_COLUMNS = "年初预算数 全年预算数（A） 全年执行数（B） 分值 执行率（B/A） 得分";

/** The column order the sheet's header prints; the national order when a label cannot be found. */
export function fundColumnOrder(headerLines: Line[]): Col[] {
  const text = squeeze(headerLines.map((l) => l.text).join(""));
  const pos = HEADER_LABELS.map(([c, label]) => [c, text.indexOf(label)] as const);
  if (pos.some(([, i]) => i < 0)) return DEFAULT_ORDER;
  return [...pos].sort((a, b) => a[1] - b[1]).map(([c]) => c);
}

type Cell = { kind: "amount" | "percent" | "dash"; value?: string; printed: string; line: number };
type Segment = { key: "total" | PartKey; label: string; line: number; cells: Cell[]; text: string };

const LABEL = /(年度资金总额|资金总额)|((?:当年)?财政拨款(?:资金)?)|(上年结转(?:资金)?)|(其他资金)/g;

/**
 * Reads 年度资金总额 and its 其中 lines. Empty cells leave no trace in this layout, so a line that prints fewer numbers
 * than columns is placed by position preferences and, for the 其中 lines, by 当年财政拨款 + 上年结转 + 其他 = 总额 per
 * column; a line that stays ambiguous is an error rather than a guess.
 */
export function parseFunds(lines: Line[], order: Col[], unit: Unit, where: Where): Funds {
  const segments = segmentsOf(lines, where);
  const totalSeg = segments.find((s) => s.key === "total");
  if (!totalSeg) {
    throw appendixError(where, {
      message: "找不到年度资金总额行",
      line: lines[0]?.no,
      expected: "年度资金总额 及其各列数字",
      found: lines[0]?.text ?? "（空）",
    });
  }
  const total = placeTotal(totalSeg, order, where);
  const parts = segments.filter((s): s is Segment & { key: PartKey } => s.key !== "total");
  const placedParts = placeParts(parts, total, order, where);

  const funds: Funds = { total: toFundLine(total, unit) };
  for (const [i, seg] of parts.entries()) {
    const fl = toFundLine(placedParts[i], unit);
    if (Object.keys(fl).length > 0) funds[seg.key] = fl;
  }
  return funds;
}

function segmentsOf(lines: Line[], where: Where): Segment[] {
  const { text, lineAt } = joinForLabels(lines);
  const hits: { key: Segment["key"]; label: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(LABEL)) {
    const key = m[1] ? "total" : m[2] ? "fiscal" : m[3] ? "carryover" : "other";
    hits.push({ key, label: m[0], start: m.index, end: m.index + m[0].length });
  }
  const segments: Segment[] = [];
  for (const [i, h] of hits.entries()) {
    if (segments.some((s) => s.key === h.key)) {
      throw appendixError(where, {
        message: `资金行“${h.label}”重复出现`,
        line: lineAt(h.start),
        expected: "年度资金总额、当年财政拨款、上年结转资金、其他资金各一行",
        found: h.label,
      });
    }
    const end = i + 1 < hits.length ? hits[i + 1].start : text.length;
    const cells: Cell[] = [];
    for (const m of text.slice(h.end, end).matchAll(/\S+/g)) {
      const token = m[0].replace(/^[：:]/, "");
      if (token === "" || /^其中[：:]?$/.test(token)) continue;
      cells.push(readCell(token, lineAt(h.end + m.index), h.label, where));
    }
    segments.push({ key: h.key, label: h.label, line: lineAt(h.start), cells, text: text.slice(h.start, end).trim() });
  }
  return segments;
}

function readCell(token: string, line: number, label: string, where: Where): Cell {
  if (isDash(token)) return { kind: "dash", printed: token, line };
  const pct = /^(.+?)[%％]$/.exec(token);
  try {
    const value = normaliseAmount(pct ? pct[1] : token);
    if (value !== null) return { kind: pct ? "percent" : "amount", value, printed: token, line };
  } catch {
    // falls through to the located error below
  }
  throw appendixError(where, {
    message: `资金行“${label}”含有无法识别的数字`,
    line,
    expected: "金额、百分比或表示空白的“-”",
    found: token,
  });
}

type Assignment = Partial<Record<Col, Cell>>;

/**
 * Every order-preserving way to put `n` printed cells into `m` columns, leftmost first, in one array that changes at
 * every step (each is read once, by assign).
 */
function* placements(n: number, m: number): Generator<number[]> {
  if (n > m) return;
  const idx = Array.from({ length: n }, (_, i) => i);
  for (;;) {
    yield idx;
    let i = n - 1;
    while (i >= 0 && idx[i] === m - n + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < n; j++) idx[j] = idx[j - 1] + 1;
  }
}

function assign(cells: Cell[], order: Col[], slots: number[]): Assignment | undefined {
  const a: Assignment = {};
  for (let k = 0; k < slots.length; k++) {
    const col = order[slots[k]];
    const cell = cells[k];
    // a percent sign only ever belongs to 执行率
    if (cell.kind === "percent" && col !== "rate") return undefined;
    if (cell.kind !== "dash") a[col] = cell;
  }
  return a;
}

const TOTAL_ABSENT: Record<Col, number> = { initial: 1, rate: 2, annual: 4, executed: 4, weight: 8, score: 8 };
const PART_ABSENT: Record<Col, number> = { initial: 1, annual: 2, executed: 2, weight: 0, rate: 0, score: 0 };
const IMPLAUSIBLE = 16;

function ratePenalty(a: Assignment): number {
  let p = a.rate && a.rate.kind !== "percent" ? 3 : 0;
  if (a.annual && a.executed && a.rate) {
    const off = rateOff(a.executed.value!, a.annual.value!, a.rate.value!);
    if (off !== undefined) return off ? p + IMPLAUSIBLE : p;
  }
  if (a.annual && a.executed && a.rate && !new D(a.annual.value!).isZero()) {
    const annual = new D(a.annual.value!);
    const executed = new D(a.executed.value!);
    const rate = new D(a.rate.value!);
    const computed = executed.div(annual).times(100);
    const tol = new D(10).pow(-printedScale(a.rate.value!));
    const capped = executed.gte(annual) && rate.eq(100);
    if (!capped && computed.minus(rate).abs().gt(tol)) p += IMPLAUSIBLE;
  }
  return p;
}

function totalPenalty(a: Assignment): number {
  let p = ratePenalty(a);
  for (const c of DEFAULT_ORDER) if (!a[c]) p += TOTAL_ABSENT[c];
  const w = a.weight?.value;
  const s = a.score?.value;
  if (w !== undefined && greater(w, "100")) p += IMPLAUSIBLE;
  if (s !== undefined && greater(s, "100")) p += IMPLAUSIBLE;
  if (w !== undefined && s !== undefined && greater(s, w)) p += IMPLAUSIBLE;
  return p;
}

// Every placement of every funds line is scored (tens per sheet): the comparisons below run on exact integers, as
// decimal strings scaled to a common number of decimals, rather than on decimal objects.
const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A plain decimal string at `scale` decimals as a BigInt (scale ≥ its own decimals), or undefined. */
function scaled(v: string, scale: number): bigint | undefined {
  const m = PLAIN.exec(v);
  if (!m || (m[3] ?? "").length > scale) return undefined;
  const n = BigInt(m[2] + (m[3] ?? "").padEnd(scale, "0"));
  return m[1] === "-" ? -n : n;
}

/** a > b, exactly, for the normalised amounts cells hold. */
export function greater(a: string, b: string): boolean {
  const scale = Math.max(printedScale(a), printedScale(b));
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  return x !== undefined && y !== undefined ? x > y : new D(a).gt(b);
}

/**
 * Whether executed / annual × 100 misses the printed rate by more than its last digit (and is not the rate capped at
 * 100 for an overspent budget): |executed × 100 − rate × annual| > 10^-places × |annual|, on integers — the decimal
 * path's answer (its 40-digit quotient cannot round across that boundary for figures this short). Undefined for a
 * zero annual figure, figures that are not plain decimals or very long ones (the decimal path decides those).
 */
export function rateOff(executed: string, annual: string, rate: string): boolean | undefined {
  // far below where 40-digit decimals could round across the boundary
  if (executed.length + annual.length + rate.length > 40) return undefined;
  const places = printedScale(rate);
  const scale = Math.max(printedScale(executed), printedScale(annual), places);
  const e = scaled(executed, scale);
  const an = scaled(annual, scale);
  const r = scaled(rate, scale);
  if (e === undefined || an === undefined || r === undefined || an === 0n) return undefined;
  const capped = e >= an && r === 100n * 10n ** BigInt(scale);
  if (capped) return false;
  // all three at `scale` decimals: |e·100 − r·an| / 10^scale > |an| / 10^places
  const diff = e * 100n * 10n ** BigInt(scale) - r * an;
  const abs = diff < 0n ? -diff : diff;
  const absAnnual = an < 0n ? -an : an;
  return abs > absAnnual * 10n ** BigInt(scale - places);
}

function partPenalty(a: Assignment): number {
  let p = ratePenalty(a);
  for (const c of DEFAULT_ORDER) if (!a[c]) p += PART_ABSENT[c];
  // 其中 lines print “-” for 分值 and 得分; a number there means the numbers belong further left
  if (a.weight) p += 8;
  if (a.score) p += 8;
  return p;
}

/**
 * The figure in each column, in the national order: equal for two assignments exactly when they put the same figures
 * in the same columns (figures are normalised amounts, which never hold “;”). Built for every placement of every line.
 */
function signature(a: Assignment): string {
  let s = "";
  for (const c of DEFAULT_ORDER) s += `${a[c]?.value ?? ""};`;
  return s;
}

/** Distinct assignments of a segment with the lowest penalty each reaches. */
function candidates(seg: Segment, order: Col[], penalty: (a: Assignment) => number, where: Where) {
  if (seg.cells.length > order.length) {
    throw appendixError(where, {
      message: `资金行“${seg.label}”的数字多于列数`,
      line: seg.line,
      expected: EXPECTED_COLUMNS,
      found: seg.text,
    });
  }
  const best = new Map<string, { a: Assignment; penalty: number }>();
  for (const slots of placements(seg.cells.length, order.length)) {
    const a = assign(seg.cells, order, slots);
    if (!a) continue;
    const sig = signature(a);
    const p = penalty(a);
    const prev = best.get(sig);
    if (!prev || p < prev.penalty) best.set(sig, { a, penalty: p });
  }
  if (best.size === 0) {
    throw appendixError(where, {
      message: `资金行“${seg.label}”的数字无法对应到各列`,
      line: seg.line,
      expected: EXPECTED_COLUMNS,
      found: seg.text,
    });
  }
  return [...best.values()];
}

function placeTotal(seg: Segment, order: Col[], where: Where): Assignment {
  const all = candidates(seg, order, totalPenalty, where);
  const min = Math.min(...all.map((c) => c.penalty));
  const top = all.filter((c) => c.penalty === min);
  if (top.length > 1) {
    throw appendixError(where, {
      message: "年度资金总额一行印出的数字少于列数，无法确定各数所在列",
      line: seg.line,
      expected: EXPECTED_COLUMNS,
      found: seg.text,
    });
  }
  return top[0].a;
}

function placeParts(parts: Segment[], total: Assignment, order: Col[], where: Where): Assignment[] {
  const options = parts.map((p) => candidates(p, order, partPenalty, where));
  let best: { score: number; picks: Assignment[] }[] = [];
  let bestScore = Infinity;
  const picks: Assignment[] = [];
  const walk = (i: number, penalty: number) => {
    // Penalties only add up: a branch already above the best score cannot reach it (ties are still all visited).
    if (penalty > bestScore) return;
    if (i === options.length) {
      const score = mismatches(total, picks) * 100 + penalty;
      if (score < bestScore) {
        bestScore = score;
        best = [{ score, picks: picks.slice() }];
      } else if (score === bestScore) best.push({ score, picks: picks.slice() });
      return;
    }
    for (const c of options[i]) {
      picks[i] = c.a;
      walk(i + 1, penalty + c.penalty);
    }
    picks.length = i;
  };
  walk(0, 0);
  if (best.length > 1) {
    const i = parts.findIndex((_, k) => new Set(best.map((b) => signature(b.picks[k]))).size > 1);
    throw appendixError(where, {
      message: `资金行“${parts[i].label}”印出的数字少于列数，按位置和“其中各项之和等于年度资金总额”都无法确定各数所在列`,
      line: parts[i].line,
      expected: EXPECTED_COLUMNS,
      found: parts[i].text,
    });
  }
  return best[0]?.picks ?? [];
}

/** How many amount columns break 当年财政拨款 + 上年结转 + 其他 = 年度资金总额, allowing the printed rounding. */
function mismatches(total: Assignment, parts: Assignment[]): number {
  let n = 0;
  for (const col of AMOUNT_COLS) {
    const printed = parts.map((p) => p[col]?.value).filter((v): v is string => v !== undefined);
    const t = total[col]?.value;
    if (t === undefined && printed.length === 0) continue;
    if (t === undefined) {
      n++;
      continue;
    }
    const scale = Math.min(printedScale(t), ...printed.map(printedScale));
    const exact = missesExactly(t, printed, scale);
    if (exact !== undefined) {
      if (exact) n++;
      continue;
    }
    const sum = printed.reduce((acc: Dec, v) => acc.plus(v), new D(0));
    const tol = new D(10)
      .pow(-scale)
      .div(2)
      .times(printed.length + 1);
    if (sum.minus(t).abs().gt(tol)) n++;
  }
  return n;
}

const PLAIN_AMOUNT = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * |Σ printed − total| > half a unit at `scale` per figure, on integers counted at the finest printed digit (this
 * check runs for every combination of the 其中 lines' placements); undefined when the figures do not fit exactly.
 */
export function missesExactly(total: string, printed: string[], scale: number): boolean | undefined {
  const fine = Math.max(printedScale(total), ...printed.map(printedScale));
  if (fine - scale > 12) return undefined;
  let diff = -1 * (unitsAt(total, fine) ?? NaN);
  for (const v of printed) diff += unitsAt(v, fine) ?? NaN;
  const bound = 10 ** (fine - scale) * (printed.length + 1);
  if (!Number.isSafeInteger(diff) || !Number.isSafeInteger(2 * Math.abs(diff)) || !Number.isSafeInteger(bound))
    return undefined;
  return 2 * Math.abs(diff) > bound;
}

/** A plain decimal string as an integer count of 10^-scale, when it is one exactly. */
function unitsAt(v: string, scale: number): number | undefined {
  const m = PLAIN_AMOUNT.exec(v);
  if (!m) return undefined;
  const frac = m[3] ?? "";
  if (frac.length > scale) return undefined;
  const digits = m[2] + frac + "0".repeat(scale - frac.length);
  if (digits.length > 15) return undefined;
  const n = Number(digits);
  return m[1] === "-" ? -n : n;
}

function toFundLine(a: Assignment, unit: Unit): FundLine {
  const out: FundLine = {};
  for (const col of DEFAULT_ORDER) {
    const v = a[col]?.value;
    if (v === undefined) continue;
    out[col] = unit === "元" && AMOUNT_COLS.includes(col) ? yuanToWanyuan(v) : v;
  }
  return out;
}
