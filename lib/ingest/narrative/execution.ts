import type { Narrative } from "@/lib/report/schema";
import { gpbOpeningEnd } from "./changes";
import {
  AMT,
  PCT,
  amountOf,
  attempt,
  fail,
  find,
  findAll,
  lineOf,
  markRead,
  pctOf,
  reasonIn,
  shorten,
  statedIn,
  type Notes,
  type Section,
} from "./text";

type Share = Narrative["shares"][number];
type Execution = NonNullable<Narrative["budgetExecution"]>;
type Item = Execution["items"][number];

const CLASS = "[（(]类[)）]";

/** "主要用于以下方面：社会保障和就业（类）支出 112.81 万元，占 1.26%；…" → shares of 一般公共预算财政拨款支出 by 类. */
export function parseClassShares(sec: Section, notes: Notes = []): Share[] {
  const use = find(sec, /主要用于/, Math.max(0, gpbOpeningEnd(sec) - 1));
  if (!use) return [];
  // The structure restates the total it divides ("一般公共预算财政拨款支出 2940.05 万元，主要用于…"): the opening
  // statement holds it; here it is context.
  const lead = find(sec, `${AMT("t")}[，,]?$`, Math.max(0, use.index - 40), use.index);
  if (lead) markRead(sec, lead.start("t"), lead.end);
  const to = find(sec, /年初预算/, use.end)?.index ?? sec.text.length;
  const name = "(?<name>[^：:；;，,。、（()）]+?)";
  const tail = `(?:为)?${AMT("a")}[，,]?占(?:比)?(?:[^\\d%％。；;]{0,10}?)${PCT("p")}`;
  let hits = findAll(sec, `${name}${CLASS}(?<sfx>支出)?${tail}`, use.end, to);
  // Some templates print the class name without the （类） marker: "一般公共服务支出 6,736.85 万元，占 81.64%".
  if (hits.length === 0) hits = findAll(sec, `${name}(?<sfx>支出)${tail}`, use.end, to);
  return hits.flatMap((h) => {
    const share = attempt(notes, sec, (): Share => {
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
    return share ? [share] : [];
  });
}

// 年初预算 (the initial budget) and/or 全年预算 (the adjusted budget, also 调整后预算), then 支出决算: "年初预算为 0 万元，
// 全年预算为 321.02 万元，支出决算为 307.82 万元".
const IS = "(?:数)?(?:为|是)?";
const FIGURES = `(?:年初预算${IS}${AMT("init")}[，,]?)?(?:(?:全年|调整后)预算${IS}${AMT("annual")}[，,]?)?(?:支出)?决算${IS}${AMT("fin")}`;
// 完成年初预算的 / 完成全年预算的 / 完成预算的 X%
const RATE = `完成(?<base>年初|全年|调整后)?预算(?:数)?的?${PCT("rate")}`;
const NO_BUDGET = /年初(?:无|未安排)预算|无年初预算/;
const ITEM_START = /(?<=^|[。：:；;])(?<no>\d{1,3})(?:、|[.．](?!\d))/;
const BUDGET_WORD = /年初预算|全年预算|调整后预算/;
const EXPECTED = "年初预算为 X 万元，（全年预算为 Y 万元，）支出决算为 Z 万元";

type Figures = Pick<Item, "initialBudget" | "annualBudget" | "final" | "rate" | "rateBase" | "stated">;

/**
 * "年初预算为 8,291.49 万元，支出决算为 8,979.11 万元，完成年初预算的 108.29%。决算数大于年初预算数的主要原因是…。其中：
 *  1、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。年初预算为…"
 * A statement that cannot be read is noted and left out; the other items still read.
 */
export function parseBudgetExecution(sec: Section, notes: Notes = []): Execution | undefined {
  const first = find(sec, BUDGET_WORD);
  if (!first) return undefined;
  const starts = findAll(sec, ITEM_START, first.end).filter((s) =>
    /[（(][类款项][)）]|年初预算|全年预算/.test(sec.text.slice(s.end, s.end + 200)),
  );
  const totalEnd = starts[0]?.index ?? sec.text.length;
  const total = attempt(notes, sec, () => readFigures(sec, first.index, totalEnd));
  if (!total) {
    if (starts.length) {
      const last = notes[notes.length - 1];
      last.message += `；总数未读出，其下 ${starts.length} 项明细未载入`;
      // this note speaks for the items: their figures are not reported once more
      markRead(sec, starts[0].index, sec.text.length);
    }
    return undefined;
  }
  const execution: Execution = {
    ...total,
    ...optional("reason", reasonIn(sec, first.index, totalEnd)),
    sourceLine: lineOf(sec, first.index),
    items: [],
  };
  starts.forEach((s, i) => {
    const end = starts[i + 1]?.index ?? sec.text.length;
    const item = attempt(notes, sec, () => parseItem(sec, s.end, end, s.index));
    if (item) execution.items.push(item);
    // the note quotes the item from its number, so the reader sees which subject it is about
    else notes[notes.length - 1].text = shorten(sec.text.slice(s.index, end));
  });
  return execution;
}

/** The budget and final figures of the statement starting at `at` (a budget word), up to `to`. */
function readFigures(sec: Section, at: number, to: number): Figures {
  const figures = find(sec, FIGURES, at, to);
  if (!figures || figures.index !== at) return fail(sec, at, "预算与决算数无法识别", EXPECTED, snippet(sec, at));
  if (figures.group("init") === undefined) {
    // The schema needs 年初预算 (every execution check starts from it); a text giving only 全年预算 is noted.
    return fail(sec, at, "只给出全年预算，未给出年初预算", EXPECTED, snippet(sec, at));
  }
  const sentenceEnd = find(sec, /[。；;]/, figures.end, to)?.index ?? to;
  const rate = find(sec, RATE, figures.end, sentenceEnd);
  const base = rate?.group("base");
  const stated = statedIn(sec, figures.end, to);
  return {
    initialBudget: amountOf(sec, figures, "init"),
    ...(figures.group("annual") !== undefined ? { annualBudget: amountOf(sec, figures, "annual") } : {}),
    final: amountOf(sec, figures, "fin"),
    ...(rate ? { rate: pctOf(sec, rate, "rate") } : {}),
    ...(base ? { rateBase: base === "年初" ? ("initial" as const) : ("annual" as const) } : {}),
    ...(stated ? { stated } : {}),
  };
}

function parseItem(sec: Section, from: number, to: number, at: number): Item {
  const fig = find(sec, BUDGET_WORD, from, to);
  if (!fig) return fail(sec, at, "预算执行明细缺少预算与决算数", `…（项）。${EXPECTED}`, snippet(sec, at));
  const figures = readFigures(sec, fig.index, to);
  const printedPath = sec.text.slice(from, fig.index).replace(/[。.，,：:；;\s]+$/, "");
  const { path, code } = splitPath(printedPath);
  // "年初无预算" in the statement's sentence or the next one
  const noBudget = NO_BUDGET.test(
    sec.text
      .slice(fig.index, to)
      .split(/[。；;]/)
      .slice(0, 2)
      .join("。"),
  );
  return {
    path,
    ...(code ? { code } : {}),
    ...figures,
    ...(noBudget ? { noInitialBudget: true } : {}),
    ...optional("reason", reasonIn(sec, fig.index, to)),
    sourceLine: lineOf(sec, at),
  };
}

/** "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）" → its three names. */
function splitPath(printed: string): { path: string[]; code?: string } {
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
