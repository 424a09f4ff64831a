import { normaliseAmount, yuanToWanyuan } from "@/lib/money/decimal";
import type { Narrative } from "@/lib/report/schema";
import type { SectionKey } from "./outline";
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
  signOf,
  type Hit,
  type Notes,
  type Section,
} from "./text";

type Change = Narrative["changes"][number];
type Share = Narrative["shares"][number];

/** A subject whose amount the narrative states, and the key the audit knows it by. */
type Subject = { key: string; pattern: string };

// Item subjects must not be the tail of a longer name (信息化项目支出, 一般公共预算财政拨款收入).
const ITEM = "(?<=^|[^\\u4e00-\\u9fa5]|其中|包括)";

const SUBJECTS: Partial<Record<SectionKey, { base: string; subjects: Subject[] }>> = {
  overall: {
    base: "grandTotal",
    // 收、支总计 / 收支总计 (Shandong), 收入支出总计 (Shanghai), 收入总计
    subjects: [
      {
        key: "grandTotal",
        pattern: "(?<!财政拨款)(?:收[、,，]?支(?:决算)?总计|收入(?:和|与|及|、)?支出(?:决算)?总计|收入(?:决算)?总计)",
      },
    ],
  },
  income: {
    base: "incomeTotal",
    subjects: [
      { key: "incomeTotal", pattern: "(?:本年)?收入(?:决算)?合计" },
      { key: "income.fiscal", pattern: `${ITEM}财政拨款收入` },
      { key: "income.superior", pattern: `${ITEM}上级补助收入` },
      { key: "income.business", pattern: `${ITEM}事业收入` },
      { key: "income.operating", pattern: `${ITEM}经营收入` },
      { key: "income.affiliated", pattern: `${ITEM}附属单位上缴收入` },
      { key: "income.other", pattern: `${ITEM}其他收入` },
    ],
  },
  expenditure: {
    base: "expenditureTotal",
    subjects: [
      { key: "expenditureTotal", pattern: "(?:本年)?支出(?:决算)?合计" },
      { key: "expenditure.basic", pattern: `${ITEM}基本支出` },
      { key: "expenditure.project", pattern: `${ITEM}项目支出` },
      { key: "expenditure.upstream", pattern: `${ITEM}上缴上级支出` },
      { key: "expenditure.operating", pattern: `${ITEM}经营支出` },
      { key: "expenditure.subsidy", pattern: `${ITEM}对附属单位补助支出` },
    ],
  },
  fiscal: {
    base: "fiscalGrandTotal",
    subjects: [
      {
        key: "fiscalGrandTotal",
        pattern: "财政拨款收[、,，]?支(?:决算)?总计|财政拨款收入(?:和|与|及|、)?支出(?:决算)?总计",
      },
    ],
  },
  gpb: {
    base: "expenditureTotal",
    subjects: [{ key: "gpbExpenditure", pattern: "一般公共预算财政拨款支出(?:决算)?" }],
  },
};

// "收、支总计均为 X 万元", and the two-value form "收、支总计各是 A、B 万元" / "分别为 A,B 万元" (income, expenditure).
const STATEMENT_TAIL = `(?:各为|各是|分别为|分别是|均为|均是|均|为|是|共计|共|合计|总额)?(?:(?<pre>\\d[\\d,，.．]*)(?:万元|元)?[、和及])?${AMT("cur")}`;
const SHARE_TAIL = new RegExp(`^[，,]?\\s*占(?<of>[^\\d%％。；;]{0,14}?)${PCT("p")}`);

/**
 * Year-over-year statements ("财政拨款收入 8,979.1 万元。与 2022 年度相比，减少 698.24 万元，下降 7.22%。主要是…")
 * and stated shares ("其中：财政拨款收入 8,979.1 万元，占 100%") of sections 一 to 五.
 */
export function parseChangesAndShares(
  sections: Map<SectionKey, Section>,
  notes: Notes = [],
): { changes: Change[]; shares: Share[] } {
  const changes: Change[] = [];
  const shares: Share[] = [];
  for (const [key, spec] of Object.entries(SUBJECTS) as [SectionKey, NonNullable<(typeof SUBJECTS)[SectionKey]>][]) {
    const sec = sections.get(key);
    if (!sec) continue;
    // 五 goes on to the class structure and the budget execution; only its opening statement is a change.
    const to = key === "gpb" ? gpbOpeningEnd(sec) : sec.text.length;
    const hits = spec.subjects
      .flatMap((s) => findAll(sec, `(?<subj>${s.pattern})${STATEMENT_TAIL}`, 0, to).map((h) => ({ s, h })))
      .sort((a, b) => a.h.index - b.h.index);
    const byKey = new Map<string, Change>();
    hits.forEach(({ s, h }, i) => {
      const windowEnd = hits[i + 1]?.h.index ?? to;
      attempt(notes, sec, () => {
        const values = statedValues(sec, h);
        const subject = h.group("subj") ?? s.key;
        const share = SHARE_TAIL.exec(sec.text.slice(h.end, windowEnd));
        if (share) {
          const of = share.groups?.of ?? "";
          const shareHit: Hit = {
            index: h.end,
            end: h.end + share[0].length,
            text: share[0],
            group: (n) => share.groups?.[n],
            start: () => h.end + share[0].indexOf(share.groups?.p ?? ""),
          };
          shares.push({
            key: s.key,
            subject,
            amount: values[0],
            pct: pctOf(sec, shareHit, "p"),
            base: /支出合计/.test(of) ? "expenditureTotal" : /收入合计/.test(of) ? "incomeTotal" : spec.base,
            sourceLine: lineOf(sec, h.start("cur")),
          });
        }
        const from = share ? h.end + share[0].length : h.end;
        // An unreadable comparison is noted on its own: the stated amount still stands.
        const stated =
          attempt(notes, sec, () => readChange(sec, from, windowEnd, compareLimit(sec, from, windowEnd))) ?? {};
        // A share with no comparison is not a change statement; a bare total ("收入合计 X 万元，其中：…") is kept as a
        // stated fact with no change, so the audit can still hold it against the tables.
        if (share && !stated.change && !stated.unchanged) return;
        // Two different values in one phrase are two facts (收入总计, 支出总计), each held against the tables.
        const sides =
          values.length === 2 && values[0] !== values[1] ? (["（收入）", "（支出）"] as const) : ([""] as const);
        sides.forEach((side, k) => {
          const change: Change = {
            key: s.key,
            subject: `${subject}${side}`,
            current: values[k],
            ...stated,
            sourceLine: lineOf(sec, h.start("cur")),
          };
          // A subject stated twice (structure, then detail) is one fact; the statement that carries a change wins.
          const prior = byKey.get(s.key + side);
          if (!prior || (!prior.change && !prior.unchanged && (stated.change || stated.unchanged)))
            byKey.set(s.key + side, change);
        });
      });
    });
    changes.push(...[...byKey.values()].sort((a, b) => (a.sourceLine ?? 0) - (b.sourceLine ?? 0)));
  }
  return { changes, shares };
}

// Thousands separators group by three; anything else between two numbers separates two values.
const SINGLE = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/**
 * The value(s) of a statement: one amount, or two in one phrase — "各是 A、B 万元" (group pre), or "A,B 万元" where the
 * printed figure is no single amount but splits at exactly one comma into two (8979.95,8979.95 or 2,995.39,2,995.39).
 */
function statedValues(sec: Section, h: Hit): string[] {
  const pre = h.group("pre");
  const raw = (h.group("cur") ?? "").replace(/，/g, ",").replace(/．/g, ".");
  const unit = h.group("curU") ?? "万元";
  const toWan = (v: string) => (unit === "元" ? yuanToWanyuan(v) : v);
  if (pre !== undefined) {
    const a = pre.replace(/，/g, ",").replace(/．/g, ".");
    if (SINGLE.test(a) && SINGLE.test(raw)) {
      markRead(sec, h.start("pre"), h.start("pre") + pre.length);
      return [toWan(normaliseAmount(a) as string), amountOf(sec, h, "cur")];
    }
  }
  // A figure that reads as one amount is one ("各为 8,979.95 万元"): totals that balance are never 8 and 979.95.
  if (!SINGLE.test(raw) && /^[\d,.]+$/.test(raw)) {
    const splits: [string, string][] = [];
    for (let i = raw.indexOf(","); i >= 0; i = raw.indexOf(",", i + 1)) {
      const a = raw.slice(0, i);
      const b = raw.slice(i + 1);
      if (SINGLE.test(a) && SINGLE.test(b)) splits.push([a, b]);
    }
    if (splits.length === 1) {
      markRead(sec, h.start("cur"), h.start("cur") + (h.group("cur") ?? "").length + unit.length);
      return splits[0].map((v) => toWan(normaliseAmount(v) as string));
    }
  }
  return [amountOf(sec, h, "cur")];
}

/** Where the opening statement of 五 ends: at its class structure (主要用于) or its budget execution (年初预算). */
export function gpbOpeningEnd(sec: Section): number {
  const stops = [/主要用于/, /年初预算|全年预算|调整后预算/, /[（(]二[)）]/].map(
    (re) => find(sec, re)?.index ?? sec.text.length,
  );
  const first = find(sec, /一般公共预算财政拨款支出/);
  return Math.max(first ? first.end : 0, Math.min(...stops));
}

// "与 2022 年度相比，减少…", "与上年决算数一致", and the shorter "比上年减少…". A comparison with a budget
// ("与 2023 年预算基本持平") is not one with last year.
export const YEAR_COMPARE =
  /(?:与|比|较)(?:\d{4}年度?|上(?:一)?年度?|去年)(?!的?(?:年初|全年)?预算)(?:决算数?|同期|决算)?(?:相比|比较|对比)?[，,]?/;

/**
 * Where the comparison of a statement may start: in its own sentence or the next one ("财政拨款收入 X 万元。与 2022
 * 年度相比，…"), never in a later numbered item — a statement no reader knows must not lend its comparison to the
 * one before it.
 */
function compareLimit(sec: Section, from: number, to: number): number {
  const first = find(sec, /[。；;]/, from, to);
  if (!first) return to;
  // the next sentence continues the statement only when it opens with the comparison ("与…相比", "比上年", "同比")
  if (!/^(?:与|比|较|同比|相比)/.test(sec.text.slice(first.end, first.end + 2))) return first.end;
  const second = find(sec, /[。；;]/, first.end, to);
  const limit = second ? second.end : to;
  const item = find(sec, /(?<=[。；;：:])\d{1,3}(?:、|[.．](?!\d))/, from, limit);
  return item ? item.index : limit;
}

/** The comparison that follows a stated amount, if any, starting within [from, limit) and read up to `to`. */
function readChange(
  sec: Section,
  from: number,
  to: number,
  limit = to,
): Pick<Change, "change" | "pct" | "unchanged" | "reason"> {
  const cmp = find(sec, YEAR_COMPARE, from, limit);
  if (!cmp) return {};
  const sentenceEnd = find(sec, /[。；;]/, cmp.end, to)?.index ?? to;
  const out = readYearChange(sec, cmp.index, sentenceEnd);
  const reason = reasonIn(sec, cmp.end, to);
  if (reason) out.reason = reason;
  return out;
}

/** 增加/减少 X 万元, 增长/下降 Y%, or 持平 in section.text[from, to). */
export function readYearChange(
  sec: Section,
  from: number,
  to: number,
): Pick<Change, "change" | "pct" | "unchanged" | "reason"> {
  const out: Pick<Change, "change" | "pct" | "unchanged" | "reason"> = {};
  const amt = find(sec, `(?<dir>增加|减少|增长|下降|上升|降低)了?${AMT("chg")}`, from, to);
  if (amt) {
    const v = amountOf(sec, amt, "chg");
    out.change = signOf(amt.group("dir") ?? "") === -1 && !/^-/.test(v) && !/^0+(?:\.0+)?$/.test(v) ? `-${v}` : v;
  }
  const pct = find(sec, `(?<dir>增长|下降|增加|减少|上升|降低)了?${PCT("p")}`, from, to);
  if (pct) out.pct = pctOf(sec, pct, "p", signOf(pct.group("dir") ?? ""));
  if (!amt && !pct) {
    const words = find(sec, /持平|一致|无变化|没有变化|未发生变化|无增减|相同/, from, to);
    if (words) out.unchanged = true;
    else if (find(sec, /增加|减少|增长|下降|上升|降低/, from, to)) {
      return fail(sec, from, "增减变动无法识别", "增加/减少 X 万元，增长/下降 Y%", sec.text.slice(from, to));
    }
  }
  return out;
}
