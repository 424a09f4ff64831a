import type { Narrative } from "@/lib/report/schema";
import type { SectionKey } from "./outline";
import { AMT, PCT, amountOf, fail, find, findAll, lineOf, pctOf, reasonIn, signOf, type Hit, type Section } from "./text";

type Change = Narrative["changes"][number];
type Share = Narrative["shares"][number];

/** A subject whose amount the narrative states, and the key the audit knows it by. */
type Subject = { key: string; pattern: string };

// Item subjects must not be the tail of a longer name (信息化项目支出, 一般公共预算财政拨款收入).
const ITEM = "(?<=^|[^\\u4e00-\\u9fa5]|其中|包括)";

const SUBJECTS: Partial<Record<SectionKey, { base: string; subjects: Subject[] }>> = {
  overall: {
    base: "grandTotal",
    subjects: [{ key: "grandTotal", pattern: "(?<!财政拨款)(?:收[、,，]?支(?:决算)?总计|收入(?:决算)?总计)" }],
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
    subjects: [{ key: "fiscalGrandTotal", pattern: "财政拨款收[、,，]?支(?:决算)?总计" }],
  },
  gpb: {
    base: "expenditureTotal",
    subjects: [{ key: "gpbExpenditure", pattern: "一般公共预算财政拨款支出(?:决算)?" }],
  },
};

const STATEMENT_TAIL = `(?:均为|各为|均|为|共计|共|合计|总额)?${AMT("cur")}`;
const SHARE_TAIL = new RegExp(`^[，,]?\\s*占(?<of>[^\\d%％。；;]{0,14}?)${PCT("p")}`);

/**
 * Year-over-year statements ("财政拨款收入 8,979.1 万元。与 2022 年度相比，减少 698.24 万元，下降 7.22%。主要是…")
 * and stated shares ("其中：财政拨款收入 8,979.1 万元，占 100%") of sections 一 to 五.
 */
export function parseChangesAndShares(sections: Map<SectionKey, Section>): { changes: Change[]; shares: Share[] } {
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
      const current = amountOf(sec, h, "cur");
      const windowEnd = hits[i + 1]?.h.index ?? to;
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
          subject: h.group("subj") ?? s.key,
          amount: current,
          pct: pctOf(sec, shareHit, "p"),
          base: /支出合计/.test(of) ? "expenditureTotal" : /收入合计/.test(of) ? "incomeTotal" : spec.base,
          sourceLine: lineOf(sec, h.start("cur")),
        });
      }
      const from = share ? h.end + share[0].length : h.end;
      const stated = readChange(sec, from, windowEnd);
      const change: Change = {
        key: s.key,
        subject: h.group("subj") ?? s.key,
        current,
        ...stated,
        sourceLine: lineOf(sec, h.start("cur")),
      };
      // A subject stated twice (structure, then detail) is one fact; the statement that carries a change wins.
      // A share with no comparison is not a change statement; a bare total ("收入合计 X 万元，其中：…") is kept as a
      // stated fact with no change, so the audit can still hold it against the tables.
      if (share && !stated.change && !stated.unchanged) return;
      const prior = byKey.get(s.key);
      if (!prior || (!prior.change && !prior.unchanged && (stated.change || stated.unchanged))) byKey.set(s.key, change);
    });
    changes.push(...[...byKey.values()].sort((a, b) => (a.sourceLine ?? 0) - (b.sourceLine ?? 0)));
  }
  return { changes, shares };
}

/** Where the opening statement of 五 ends: at its class structure (主要用于) or its budget execution (年初预算). */
export function gpbOpeningEnd(sec: Section): number {
  const stops = [/主要用于/, /年初预算/, /[（(]二[)）]/].map((re) => find(sec, re)?.index ?? sec.text.length);
  const first = find(sec, /一般公共预算财政拨款支出/);
  return Math.max(first ? first.end : 0, Math.min(...stops));
}

// "与 2022 年度相比，减少…", "与上年决算数一致", and the shorter "比上年减少…".
const COMPARE = /(?:与|比|较)(?:\d{4}年度?|上(?:一)?年度?|去年)(?:决算数?|同期|决算)?(?:相比|比较|对比)?[，,]?/;

/** The comparison that follows a stated amount, if any, within [from, to). */
export function readChange(sec: Section, from: number, to: number): Pick<Change, "change" | "pct" | "unchanged" | "reason"> {
  const cmp = find(sec, COMPARE, from, to);
  if (!cmp) return {};
  const sentenceEnd = find(sec, /[。；;]/, cmp.end, to)?.index ?? to;
  const out: Pick<Change, "change" | "pct" | "unchanged" | "reason"> = {};
  const amt = find(sec, `(?<dir>增加|减少|增长|下降|上升|降低)了?${AMT("chg")}`, cmp.index, sentenceEnd);
  if (amt) {
    const v = amountOf(sec, amt, "chg");
    out.change = signOf(amt.group("dir") ?? "") === -1 && !/^-/.test(v) && !/^0+(?:\.0+)?$/.test(v) ? `-${v}` : v;
  }
  const pct = find(sec, `(?<dir>增长|下降|增加|减少|上升|降低)了?${PCT("p")}`, cmp.index, sentenceEnd);
  if (pct) out.pct = pctOf(sec, pct, "p", signOf(pct.group("dir") ?? ""));
  if (!amt && !pct) {
    const words = find(sec, /持平|一致|无变化|没有变化|未发生变化|无增减|相同/, cmp.index, sentenceEnd);
    if (words) out.unchanged = true;
    else if (find(sec, /增加|减少|增长|下降|上升|降低/, cmp.index, sentenceEnd)) {
      return fail(sec, cmp.index, "增减变动无法识别", "增加/减少 X 万元，增长/下降 Y%", sec.text.slice(cmp.index, sentenceEnd));
    }
  }
  const reason = reasonIn(sec, cmp.end, to);
  if (reason) out.reason = reason;
  return out;
}
