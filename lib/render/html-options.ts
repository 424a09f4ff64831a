import { mulberry32 } from "../synth/random";

/**
 * What published 部门决算 PDFs vary in, as options of the HTML renderer (html.ts). Each value names the template it
 * comes from, so a reader failure on a printed document can be traced to a real template feature.
 */
export type HtmlOptions = {
  /**
   * How a table is titled:
   * - "ordinal": 一、收入支出决算总表 (Shanghai 2024, Qinghai 2016)
   * - "gongkai": 收入支出决算总表 with 公开01表 printed beside it (Shandong 2023, the seeds)
   * - "ordinal-gongkai": 一、收入支出决算总表 and 公开01表 on the table itself (Qinghai 2016)
   * - "biao": 表一 收入支出决算总表
   * - "none": the bare title (普陀区 2024 prints its table pages so; the ordinal is only in 目录)
   */
  titleStyle: "ordinal" | "gongkai" | "ordinal-gongkai" | "biao" | "none";
  /** national: 01…09 as the Ministry numbers them. shanghai: 三公 as 七, the fund tables as 八/九 income-and-expenditure tables */
  order: "national" | "shanghai";
  /** 支出功能分类 / 经济分类 codes split into 类/款/项 columns (201 | 06 | 01) or written whole (2010601) */
  codes: "split" | "whole";
  /** how a cell without an amount is printed */
  empty: "blank" | "0.00" | "0" | "-";
  /** thousands separators: always, never, or on every other row (seen mixed on one page) */
  thousands: "on" | "off" | "mixed";
  /** 万元 as stored, or 元 (×10000, exact, two decimals) */
  unit: "万元" | "元";
  /** narrow name columns make long subject names wrap over two or three lines */
  names: "wide" | "narrow";
  /** vertical alignment in cells; "mixed": numbers top, names middle (普陀区 支出决算表: numbers a line above their label) */
  valign: "top" | "middle" | "mixed";
  /** "merged": headers over 2–3 rows with rowspan/colspan as the template prints them; "flat": one row where possible */
  header: "merged" | "flat";
  /** 基本支出 (t06): two blocks side by side (人员经费 | 公用经费, Shanghai), three (Shandong: 302 in the middle), or one list */
  economic: "two" | "three" | "one";
  /** t09: national (预算数 group of six, then 决算数) or Shanghai (each category over its own 预算数 | 决算数 pair) */
  sangong: "national" | "shanghai";
  /** header rows in <thead> (chromium repeats them on every page a table spans) or as plain rows (printed once) */
  repeatHeader: boolean;
  /** ruled cells (the common case) or no borders at all */
  borders: boolean;
  /** 合计 as the first row of the subject tables (most) or the last (普陀区 一般公共预算财政拨款支出决算表) */
  totalRow: "top" | "bottom";
  /** 行次 columns in 01/04 and a 栏次 row under the headers (Shandong, Qinghai) */
  numbering: boolean;
  /** row padding: "loose" makes every long table break across pages */
  density: "compact" | "normal" | "loose";
  /** page orientation: all portrait, all landscape, or landscape for the wide tables only (named @page) */
  orientation: "portrait" | "landscape" | "mixed";
  /** the cover: "2023 年度 / X部门决算" (Shandong) or "X / 2024年度部门决算" (Shanghai) */
  cover: "year-first" | "name-first";
  font: "serif" | "sans";
  /** page numbers in the bottom margin: none, "第 N 页，共 M 页" (Shandong), or "- N -" */
  footer: "none" | "page-of" | "dash";
};

export const HTML_OPTION_VALUES: { [K in keyof HtmlOptions]: readonly HtmlOptions[K][] } = {
  titleStyle: ["ordinal", "gongkai", "ordinal-gongkai", "biao", "none"],
  order: ["national", "shanghai"],
  codes: ["split", "whole"],
  empty: ["blank", "0.00", "0", "-"],
  thousands: ["on", "off", "mixed"],
  unit: ["万元", "元"],
  names: ["wide", "narrow"],
  valign: ["top", "middle", "mixed"],
  header: ["merged", "flat"],
  economic: ["two", "three", "one"],
  sangong: ["national", "shanghai"],
  repeatHeader: [true, false],
  borders: [true, false],
  totalRow: ["top", "bottom"],
  numbering: [true, false],
  density: ["compact", "normal", "loose"],
  orientation: ["portrait", "landscape", "mixed"],
  cover: ["year-first", "name-first"],
  font: ["serif", "sans"],
  footer: ["none", "page-of", "dash"],
};

/** The 普陀区 2024 layout (the real PDF in tests/fixtures/pdf). */
export const SHANGHAI_OPTIONS: HtmlOptions = {
  titleStyle: "none",
  order: "shanghai",
  codes: "split",
  empty: "blank",
  thousands: "on",
  unit: "万元",
  names: "narrow",
  valign: "mixed",
  header: "merged",
  economic: "two",
  sangong: "shanghai",
  repeatHeader: false,
  borders: true,
  totalRow: "top",
  numbering: false,
  density: "normal",
  orientation: "portrait",
  cover: "name-first",
  font: "serif",
  footer: "dash",
};

/** The Shandong 2023 layout (the seeds). */
export const SHANDONG_OPTIONS: HtmlOptions = {
  titleStyle: "gongkai",
  order: "national",
  codes: "whole",
  empty: "blank",
  thousands: "on",
  unit: "万元",
  names: "wide",
  valign: "middle",
  header: "merged",
  economic: "three",
  sangong: "national",
  repeatHeader: true,
  borders: true,
  totalRow: "top",
  numbering: true,
  density: "normal",
  orientation: "portrait",
  cover: "year-first",
  font: "serif",
  footer: "page-of",
};

/** What a render uses when not told otherwise: the seeds' layout. @alias (of SHANDONG_OPTIONS, by design) */
export const DEFAULT_HTML_OPTIONS: HtmlOptions = SHANDONG_OPTIONS;

const KEYS = Object.keys(HTML_OPTION_VALUES) as (keyof HtmlOptions)[];

/**
 * `count` option sets, deterministic for a seed: a greedy pairwise covering (each new set covers as many value pairs
 * not yet seen as 40 random candidates can), so every value appears and most pairs of values do; once every pair is
 * covered the rest are random. Values that appear fewer than `minEach` times are then patched into the sets where
 * they break the fewest pairs.
 */
export function optionMatrix(count: number, seed = 1, minEach = 2): HtmlOptions[] {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const pairKey = (a: keyof HtmlOptions, va: unknown, b: keyof HtmlOptions, vb: unknown) =>
    `${String(a)}=${String(va)}|${String(b)}=${String(vb)}`;
  const uncovered = new Set<string>();
  for (let i = 0; i < KEYS.length; i++)
    for (let j = i + 1; j < KEYS.length; j++)
      for (const va of HTML_OPTION_VALUES[KEYS[i]])
        for (const vb of HTML_OPTION_VALUES[KEYS[j]]) uncovered.add(pairKey(KEYS[i], va, KEYS[j], vb));
  const pairsOf = (o: HtmlOptions) => {
    const out: string[] = [];
    for (let i = 0; i < KEYS.length; i++)
      for (let j = i + 1; j < KEYS.length; j++) out.push(pairKey(KEYS[i], o[KEYS[i]], KEYS[j], o[KEYS[j]]));
    return out;
  };
  const random = (): HtmlOptions =>
    Object.fromEntries(
      KEYS.map((k) => [k, pick(HTML_OPTION_VALUES[k] as readonly unknown[])]),
    ) as unknown as HtmlOptions;
  const out: HtmlOptions[] = [];
  for (let n = 0; n < count; n++) {
    let best = random();
    let bestGain = -1;
    if (uncovered.size > 0) {
      for (let c = 0; c < 40; c++) {
        const cand = random();
        const gain = pairsOf(cand).filter((p) => uncovered.has(p)).length;
        if (gain > bestGain) [best, bestGain] = [cand, gain];
      }
    }
    for (const p of pairsOf(best)) uncovered.delete(p);
    out.push(best);
  }
  // Every value at least minEach times (when count allows): overwrite the most common value of that option.
  for (const k of KEYS) {
    const values = HTML_OPTION_VALUES[k] as readonly unknown[];
    if (values.length * minEach > count) continue;
    for (const v of values) {
      for (;;) {
        const have = out.filter((o) => o[k] === v).length;
        if (have >= minEach) break;
        const tally = new Map<unknown, number>();
        for (const o of out) tally.set(o[k], (tally.get(o[k]) ?? 0) + 1);
        const common = [...tally.entries()].sort((a, b) => b[1] - a[1])[0][0];
        const at =
          out.findIndex((o, i) => o[k] === common && i % values.length === values.indexOf(v) % values.length) ?? -1;
        const idx = at >= 0 ? at : out.findIndex((o) => o[k] === common);
        (out[idx] as Record<string, unknown>)[k] = v;
      }
    }
  }
  return out;
}

/** "titleStyle=gongkai codes=split …": an option set as one line, for test names and truth files. */
export function describeOptions(o: HtmlOptions, against: HtmlOptions = DEFAULT_HTML_OPTIONS): string {
  const diff = KEYS.filter((k) => o[k] !== against[k]).map((k) => `${k}=${String(o[k])}`);
  return diff.length ? diff.join(" ") : "默认（山东版式）";
}
