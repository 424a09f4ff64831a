import { D } from "@/lib/money/decimal";
import type { Location, Severity } from "./types";

/** A finding as stored and as the pages read it (expected/found may be null from the database). */
export type FindingFacts = {
  rule: string;
  severity: Severity | string;
  message: string;
  expected?: string | null;
  found?: string | null;
  locations: Location[];
};

/** Which of the two compared figures the evidence points at. */
export type Suspect = "found" | "expected" | "unknown";
export type Explanation = { text: string; suspect: Suspect };

/*
 * How a finding compares: `sum` — a printed total (first location) against the sum of the figures after it;
 * `computed` — a printed ratio, rate or score (first location) against its recomputation from the figures after it;
 * `pair` — one figure (first location) against the same figure printed elsewhere (the locations after it).
 * The kind follows from the rule id's last part, which names the check in every rule module.
 */
type Kind = "sum" | "computed" | "pair";

const SUM = /(_SUM|_HIERARCHY|_GRAND_TOTAL|_SPLIT|_PARTS|_TOTAL_SCORE|_TOTAL)$/;
const COMPUTED = /(^PCT_|_RATE$|_SHARE$|_SCORE$|_PERCENT$|^PROCUREMENT_CATEGORY_SME$)/;
// not comparisons of two figures: a claim, a wording, a count, a grade, a name, a missing part
const NOT_COMPARED =
  /(^COMPLETENESS_|^HEADING_|^TOC_|_ZERO_BASE$|_UNMATCHED$|_MISSING|_WORDING$|_CLAIM$|_GRADE$|_NAME_MISMATCH$|_LOW_EXECUTION$|_OVER_|_EMPTY_NOTE$|_UNKNOWN$|_DIRECTION$|_FLAT$|_MALFORMED$|_RATE_BASE$|_ORDER$|_KEPT$|_COUNT$|_NOT_IN_SUMMARY$)/;

function kindOf(rule: string): Kind | undefined {
  if (NOT_COMPARED.test(rule)) return undefined;
  if (SUM.test(rule)) return "sum";
  if (COMPUTED.test(rule)) return "computed";
  return "pair";
}

const sameLoc = (a: Location, b: Location) =>
  a.label === b.label && (a.table ?? "") === (b.table ?? "") && (a.sourceLine ?? 0) === (b.sourceLine ?? 0);
const isTable = (l: Location) => /^[tb]0\d$/.test(l.table ?? "");
const TOTAL_KEYS = new Set(["total", "incomeTotal", "expenditureTotal", "grandTotal", "personnelTotal", "publicTotal"]);
/** A total some sum rule always checks: a table's total rows, a 绩效自评表's 总分. */
const isCheckedTotal = (l: Location) =>
  (isTable(l) && TOTAL_KEYS.has(l.rowKey ?? "")) || (l.table === "appendix" && /总分$/.test(l.label));
const failing = (f: FindingFacts) => f.severity === "error" || f.severity === "warning";
const num = (v: string | null | undefined) => (v === null || v === undefined || v === "" ? undefined : new D(v));
const show = (v: string | null | undefined) => (v === null || v === undefined || v === "" ? "（空）" : v);
const partsOf = (l: Location) =>
  l.table === "appendix" && /总分$/.test(l.label) ? "自评表各指标得分与预算执行率得分" : "该表各行";

/** The sum checks among the report's other findings that have `l` as their total. */
function ownSum(l: Location, others: readonly FindingFacts[]) {
  return others.find((o) => o.locations.length > 1 && kindOf(o.rule) === "sum" && sameLoc(o.locations[0], l));
}

/** The same finding read twice (a page's list and its report's findings are separate copies from the store). */
const same = (a: FindingFacts, b: FindingFacts) => a === b || (a.rule === b.rule && a.message === b.message);

/** Another failing finding that names `l` (as either of its figures), other than `self`. */
function contradictedElsewhere(l: Location, self: FindingFacts, others: readonly FindingFacts[]) {
  return others.find(
    (o) => !same(o, self) && failing(o) && kindOf(o.rule) !== undefined && o.locations.some((x) => sameLoc(x, l)),
  );
}

/** "公开05表 合计 小计、公开04表 …" for the places of the second figure. */
const places = (ls: readonly Location[]) => [...new Set(ls.map((l) => l.label))].join("、");
/** The part of the document a place is in ("情况说明", "公开05表", "绩效自评表"), or the whole place when both are in one part. */
const part = (l: Location) => l.label.split(" ")[0];
const who = (l: Location, other: readonly Location[]) => (other.some((o) => part(o) === part(l)) ? l.label : part(l));
const PERCENT = /(^PCT_|_RATE$|_SHARE$|_PERCENT$)/;

function explainPair(f: FindingFacts, others: readonly FindingFacts[]): Explanation {
  const [a, ...bs] = f.locations;
  const head = `${a.label} 写 ${show(f.found)}，${places(bs)} 写 ${show(f.expected)}。`;
  const aWho = who(a, bs);
  const found = num(f.found);
  const expected = num(f.expected);
  const bSum = bs.map((b) => ({ b, s: ownSum(b, others) })).find((x) => x.s && failing(x.s));
  const aSum = ownSum(a, others);
  if (bSum?.s) {
    const rows = num(bSum.s.expected);
    if (rows && found && rows.eq(found)) {
      return {
        suspect: "expected",
        text: `${head}${partsOf(bSum.b)}相加为 ${bSum.s.expected}，与${aWho}相同而与表中合计不符，因此可能是 ${bSum.b.label} 有误。`,
      };
    }
    return {
      suspect: "expected",
      text: `${head}${bSum.b.label} 本身与${partsOf(bSum.b)}相加的 ${show(bSum.s.expected)} 也不符，应先核对它；${aWho}是否也有误，要待它更正后再看。`,
    };
  }
  if (aSum && failing(aSum)) {
    const rows = num(aSum.expected);
    const fits = rows && expected && rows.eq(expected);
    return {
      suspect: "found",
      text: `${head}${a.label} 本身与${partsOf(a)}相加的 ${show(aSum.expected)} 不符${fits ? `，而该和正与${who(bs[0], [a])}相同` : ""}，因此可能是 ${a.label} 有误。`,
    };
  }
  const checked = bs.find(isCheckedTotal);
  if (checked && !isCheckedTotal(a)) {
    return {
      suspect: "found",
      text: `${head}${partsOf(checked)}相加正是 ${show(f.expected)}，因此可能是${aWho}有误。`,
    };
  }
  if (!isTable(a) && bs.some(isTable) && !bs.some((b) => contradictedElsewhere(b, f, others))) {
    return {
      suspect: "found",
      text: `${head}${aWho}应照录决算表，而表中这一数字与本表其他数字没有矛盾，因此可能是${aWho}有误。`,
    };
  }
  const aOther = contradictedElsewhere(a, f, others);
  const bOther = bs.map((b) => contradictedElsewhere(b, f, others)).find(Boolean);
  if (aOther && !bOther)
    return {
      suspect: "found",
      text: `${head}${a.label} 还与 ${places(aOther.locations.filter((l) => !sameLoc(l, a)))} 不符，因此可能是${aWho}有误。`,
    };
  if (bOther && !aOther)
    return {
      suspect: "expected",
      text: `${head}${places(bs)} 还与 ${places(bOther.locations.filter((l) => !bs.some((b) => sameLoc(b, l))))} 不符，因此可能是${who(bs[0], [a])}有误。`,
    };
  // a rule that knows why two honest figures can differ says so after "；"
  const hint = /；([^；]+)$/.exec(f.message)?.[1];
  return {
    suspect: "unknown",
    text: `${head}两处各自没有其他矛盾，仅凭文件无法判断哪一处有误${hint ? `：${hint}` : "，请对照原文核实"}。`,
  };
}

function explainSum(f: FindingFacts, others: readonly FindingFacts[]): Explanation {
  const [total, ...terms] = f.locations;
  const head = `${total.label} 写 ${show(f.found)}，${terms.length > 1 ? `其各分项（${terms.length} 处）相加为` : `${places(terms)} 为`} ${show(f.expected)}。`;
  const totalOther = contradictedElsewhere(total, f, others);
  if (totalOther) {
    return {
      suspect: "found",
      text: `${head}${total.label} 还与 ${places(totalOther.locations.filter((l) => !sameLoc(l, total)))} 不符，两处核对都指向它，因此可能是 ${total.label} 有误。`,
    };
  }
  const term = terms.find((t) => contradictedElsewhere(t, f, others));
  if (term) {
    return {
      suspect: "expected",
      text: `${head}其中 ${term.label} 还与另一处核对不符，因此可能是这一分项有误，而不是合计。`,
    };
  }
  return {
    suspect: "found",
    text: `${head}各分项各自没有其他矛盾，因此可能是 ${total.label} 有误（也可能某一分项漏印或印错）。`,
  };
}

function explainComputed(f: FindingFacts, others: readonly FindingFacts[]): Explanation {
  const [stated, ...inputs] = f.locations;
  const unit = PERCENT.test(f.rule) ? "%" : "";
  const head = `${stated.label} 写 ${show(f.found)}${f.found ? unit : ""}，按 ${places(inputs)} 等文件所列数字重算为 ${show(f.expected)}${f.expected ? unit : ""}。`;
  const input = inputs.find((l) => contradictedElsewhere(l, f, others));
  if (input)
    return {
      suspect: "unknown",
      text: `${head}所依据的 ${input.label} 本身也与另一处不符，应先核对它，再看 ${stated.label}。`,
    };
  // a rule that recognised how the wrong figure came about says so after "；…疑…"
  const own = /；([^；]*疑[^；]*)$/.exec(f.message)?.[1];
  if (own)
    return { suspect: "expected", text: `${head}${own}，因此可能有误的是重算所依据的数字，而不是 ${stated.label}。` };
  return { suspect: "found", text: `${head}所依据的数字没有其他矛盾，因此可能是 ${stated.label} 算错或抄错。` };
}

/**
 * Year N's "与上年相比增加 X" against what year N−1 published: last year's figure is the one on record, so the doubt
 * falls on this year's sentence — unless last year's figure was restated, which the sentence should then say.
 */
function explainRestated(f: FindingFacts): Explanation | undefined {
  const [stated, printed] = f.locations;
  const found = num(f.found);
  const expected = num(f.expected);
  if (!stated || !printed || !found || !expected) return undefined;
  const gap = found.minus(expected).abs().toFixed();
  return {
    suspect: "found",
    text:
      `${stated.label}，由此推算上年为 ${f.found} 万元；而${printed.label}为 ${f.expected} 万元，相差 ${gap} 万元。` +
      `上年决算所列是当时公开的数字，因此可能是本年说明中的本年数或增减额有误；如果上年数后来确有调整（重述），说明中应交代调整的原因。`,
  };
}

/**
 * In plain Chinese, which of a finding's two figures is probably wrong and why, naming both figures and both
 * places, judged from the same report's other findings (`others`): a figure that also fails its own sum, or that a
 * second check contradicts, is the likelier error; a figure whose table adds up is not. Undefined when the finding
 * does not compare two figures (a missing table, a wording, a grade) — its message says all there is.
 */
export function explainFinding(f: FindingFacts, others: readonly FindingFacts[]): Explanation | undefined {
  if (f.rule === "RESTATED_PRIOR_YEAR" && f.severity !== "rounding") return explainRestated(f);
  const kind = kindOf(f.rule);
  if (!kind || f.locations.length < 2 || (num(f.found) === undefined && num(f.expected) === undefined))
    return undefined;
  if (f.severity === "rounding")
    return {
      suspect: "unknown",
      text: `${f.locations[0].label} 写 ${show(f.found)}，${places(f.locations.slice(1))} ${kind === "pair" ? "写" : "得出"} ${show(f.expected)}，只差尾数，在印刷精度允许的误差以内，不算错误。`,
    };
  if (kind === "sum") return explainSum(f, others);
  if (kind === "computed") return explainComputed(f, others);
  return explainPair(f, others);
}
