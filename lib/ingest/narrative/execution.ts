import type { Narrative } from "@/lib/report/schema";
import { gpbOpeningEnd } from "./changes";
import { AMT, PCT, amountOf, fail, find, findAll, lineOf, pctOf, reasonIn, type Section } from "./text";

type Share = Narrative["shares"][number];
type Execution = NonNullable<Narrative["budgetExecution"]>;
type Item = Execution["items"][number];

const CLASS = "[（(]类[)）]";

/** "主要用于以下方面：社会保障和就业（类）支出 112.81 万元，占 1.26%；…" → shares of 一般公共预算财政拨款支出 by 类. */
export function parseClassShares(sec: Section): Share[] {
  const use = find(sec, /主要用于/, gpbOpeningEnd(sec) - 1);
  if (!use) return [];
  const to = find(sec, /年初预算/, use.end)?.index ?? sec.text.length;
  const name = "(?<name>[^：:；;，,。、（()）]+?)";
  const tail = `(?:为)?${AMT("a")}[，,]?占(?:比)?(?:[^\\d%％。；;]{0,10}?)${PCT("p")}`;
  let hits = findAll(sec, `${name}${CLASS}(?<sfx>支出)?${tail}`, use.end, to);
  // Some templates print the class name without the （类） marker: "一般公共服务支出 6,736.85 万元，占 81.64%".
  if (hits.length === 0) hits = findAll(sec, `${name}(?<sfx>支出)${tail}`, use.end, to);
  return hits.map((h) => {
    const printed = h.group("name") ?? "";
    const key = printed.replace(/支出$/, "");
    return {
      key: `class:${key}`,
      subject: sec.text.slice(h.index, h.start("a")).replace(/为$/, ""),
      amount: amountOf(sec, h, "a"),
      pct: pctOf(sec, h, "p"),
      base: "gpbExpenditure",
      sourceLine: lineOf(sec, h.start("a")),
    };
  });
}

const FIGURES = `年初预算(?:数)?(?:为|是)?${AMT("init")}[，,]?(?:支出)?决算(?:数)?(?:为|是)?${AMT("fin")}`;
const RATE = `完成(?:年初)?预算的?${PCT("rate")}`;
const NO_BUDGET = /年初(?:无|未安排)预算|无年初预算/;
const ITEM_START = /(?<=^|[。：:；;])(?<no>\d{1,3})(?:、|[.．](?!\d))/;

/**
 * "年初预算为 8,291.49 万元，支出决算为 8,979.11 万元，完成年初预算的 108.29%。…主要原因是…。其中：
 *  1、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。年初预算为…"
 */
export function parseBudgetExecution(sec: Section): Execution | undefined {
  const first = find(sec, /年初预算/);
  if (!first) return undefined;
  const total = find(sec, FIGURES, first.index);
  if (!total || total.index !== first.index) {
    return fail(sec, first.index, "年初预算与决算数无法识别", "年初预算为 X 万元，支出决算为 Y 万元", snippet(sec, first.index));
  }
  const starts = findAll(sec, ITEM_START, total.end).filter((s) => /[（(][类款项][)）]|年初预算/.test(sec.text.slice(s.end, s.end + 200)));
  const totalEnd = starts[0]?.index ?? sec.text.length;
  const rate = find(sec, RATE, total.end, find(sec, /[。；;]/, total.end)?.index ?? totalEnd);
  const execution: Execution = {
    initialBudget: amountOf(sec, total, "init"),
    final: amountOf(sec, total, "fin"),
    ...(rate ? { rate: pctOf(sec, rate, "rate") } : {}),
    ...optional("reason", reasonIn(sec, total.end, totalEnd)),
    sourceLine: lineOf(sec, total.index),
    items: [],
  };
  starts.forEach((s, i) => {
    const end = starts[i + 1]?.index ?? sec.text.length;
    execution.items.push(parseItem(sec, s.end, end, s.index));
  });
  return execution;
}

function parseItem(sec: Section, from: number, to: number, at: number): Item {
  const fig = find(sec, /年初预算/, from, to);
  if (!fig) return fail(sec, at, "预算执行明细缺少年初预算与决算数", "…（项）。年初预算为 X 万元，支出决算为 Y 万元", snippet(sec, at));
  const figures = find(sec, FIGURES, fig.index, to);
  if (!figures || figures.index !== fig.index) {
    return fail(sec, fig.index, "年初预算与决算数无法识别", "年初预算为 X 万元，支出决算为 Y 万元", snippet(sec, fig.index));
  }
  const printedPath = sec.text.slice(from, fig.index).replace(/[。.，,：:；;\s]+$/, "");
  const { path, code } = splitPath(printedPath);
  const sentenceEnd = find(sec, /[。；;]/, figures.end, to)?.index ?? to;
  const rate = find(sec, RATE, figures.end, sentenceEnd);
  const noBudget = NO_BUDGET.test(sec.text.slice(figures.end, sentenceEnd + 1));
  return {
    path,
    ...(code ? { code } : {}),
    initialBudget: amountOf(sec, figures, "init"),
    final: amountOf(sec, figures, "fin"),
    ...(rate ? { rate: pctOf(sec, rate, "rate") } : {}),
    ...(noBudget ? { noInitialBudget: true } : {}),
    ...optional("reason", reasonIn(sec, figures.end, to)),
    sourceLine: lineOf(sec, at),
  };
}

/** "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）" → its three names. */
export function splitPath(printed: string): { path: string[]; code?: string } {
  let code: string | undefined;
  let text = printed.replace(/^[（(]?(\d{3,7})[)）]?(?=\D)/, (_, c: string) => ((code = c), ""));
  text = text.replace(/[（(](\d{3,7})[)）]$/, (_, c: string) => ((code = c), ""));
  const parts = [...text.matchAll(/(.+?)[（(](?:类|款|项)[)）]/g)].map((m) => m[1].trim()).filter(Boolean);
  return { path: parts.length ? parts : [text.trim()], ...(code ? { code } : {}) };
}

function snippet(sec: Section, at: number): string {
  return sec.text.slice(at, at + 60);
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
