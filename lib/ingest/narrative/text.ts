import type { Unread } from "@/lib/report/schema";
import { joinLines, type SourceDoc } from "../document";
import { ParseError } from "../errors";
import { normaliseAmount, yuanToWanyuan } from "@/lib/money/decimal";

/**
 * Narrative text comes from PDF extractors (words broken across lines, spaces between every token) and from
 * markdown (headings, **bold**). Each line is reduced to its bare characters first, so that one set of patterns
 * reads every layout; line numbers stay those of the source file.
 */
export function cleanLine(line: string): string {
  // A page separator an extractor writes between pages ("---- page 22") is layout, like a page footer.
  if (PAGE_MARKER.test(line)) return "";
  // Each step is skipped when the line lacks the characters it acts on (most lines are plain text or table rows);
  // a line with none of them at all only loses its spaces.
  if (!MARKUP_OR_LATIN.test(line)) return line.replace(/\s+/g, "");
  let l = line;
  if (l.includes("<")) l = l.replace(/<[^>]+>/g, "");
  if (l.includes("](")) l = l.replace(/!\[[^\]]*\]\([^)]*\)/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
  l = l.replace(/^\s*(?:#{1,6}\s*|>\s*|[-*+]\s+)/, "");
  if (l.includes("**") || l.includes("__") || l.includes("\\")) l = l.replace(/\*\*|__|\\(?=[*_#])/g, "");
  l = l.replace(/[０-９％]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\u00a0\u3000]/g, " ");
  // Spaces only matter between two Latin words; elsewhere they are layout noise ("2023 年 度", "8,979.1 万元").
  if (!LATIN.test(l)) return l.replace(/\s+/g, "");
  l = l.replace(/\s+/g, (ws: string, at: number, all: string) =>
    LATIN.test(all[at - 1] ?? "") && LATIN.test(all[at + ws.length] ?? "") ? " " : "",
  );
  return l;
}

const LATIN = /[A-Za-z]/;
const PAGE_MARKER = /^\s*-{2,}\s*page\s*\d+\s*-*\s*$/i;
/** Anything a step of cleanLine acts on besides whitespace (a superset: a false alarm only takes the long way). */
const MARKUP_OR_LATIN = /[<\]*_\\０-９％\u00a0\u3000A-Za-z]|^\s*[#>\-+]/;

const cleanCache = new WeakMap<SourceDoc, SourceDoc>();

/** The document with every line cleaned; same line numbering, so joinLines offsets still map to source lines. */
export function cleanDoc(doc: SourceDoc): SourceDoc {
  let c = cleanCache.get(doc);
  if (!c) {
    c = { ...doc, lines: doc.lines.map(cleanLine) };
    cleanCache.set(doc, c);
  }
  return c;
}

/** One narrative section as a single string (wrapped lines joined, page footers dropped) that knows its source lines. */
export type Section = {
  doc: SourceDoc;
  /** the heading as printed, e.g. "五、一般公共预算财政拨款支出决算情况说明" — used in error messages */
  title: string;
  /** 1-based line of the heading */
  headingLine: number;
  text: string;
  lineAt: (offset: number) => number;
};

/** Lines [from, to) (0-based indices) of the cleaned document as one section. */
export function makeSection(doc: SourceDoc, title: string, headingIndex: number, from: number, to: number): Section {
  const { text, lineAt } = joinLines(cleanDoc(doc), from, to);
  return { doc, title, headingLine: headingIndex + 1, text, lineAt };
}

// ---- pattern fragments ----------------------------------------------------------------------------------------
// Figures also match spelled-out Chinese numerals so that "支出决算为八千万元" is caught and reported, not skipped.
const CN_NUM = "[零〇一二三四五六七八九十百千万亿两点]+?";
const NUM_BODY = `[-－]?(?:\\d(?:[\\d,，.．]*\\d)?|${CN_NUM})`;

/** An amount with its unit: groups `${g}` (number) and `${g}U` (万元 | 元). */
export const AMT = (g: string) => `(?<${g}>${NUM_BODY})(?<${g}U>万元|元)`;
/** A percentage: group `${g}`, the % sign consumed. */
export const PCT = (g: string) => `(?<${g}>[-－+]?(?:\\d+(?:[.．]\\d+)?|[零〇一二三四五六七八九十百点]+?))[%％]`;
/** A count (批次, 人次, 辆, 个): arabic with thousands separators, or small Chinese numerals. */
export const INT = (g: string) => `(?<${g}>\\d[\\d,，]*|[零〇一二三四五六七八九十百千两]+?)`;
/** A plain number without unit (自评得分). */
export const NUM = (g: string) => `(?<${g}>${NUM_BODY})`;

/** A regex match with offsets into the section text. */
export type Hit = {
  index: number;
  end: number;
  text: string;
  group(name: string): string | undefined;
  start(name: string): number;
};

/** First match of `pattern` in section.text[from, to). */
export function find(sec: Section, pattern: string | RegExp, from = 0, to = sec.text.length): Hit | null {
  return findAll(sec, pattern, from, to, 1)[0] ?? null;
}

// The narrative readers ask for the same few dozen patterns in every document: each is compiled once (bounded, in
// case a caller ever builds patterns from document text).
const GLOBAL_PATTERNS = new Map<string, RegExp>();
function globalPattern(source: string): RegExp {
  let re = GLOBAL_PATTERNS.get(source);
  if (!re) {
    if (GLOBAL_PATTERNS.size >= 1000) GLOBAL_PATTERNS.clear();
    re = new RegExp(source, "gd");
    GLOBAL_PATTERNS.set(source, re);
  }
  return re;
}

export function findAll(
  sec: Section,
  pattern: string | RegExp,
  from = 0,
  to = sec.text.length,
  limit = Infinity,
): Hit[] {
  const re = globalPattern(typeof pattern === "string" ? pattern : pattern.source);
  re.lastIndex = 0;
  const slice = sec.text.slice(from, to);
  const hits: Hit[] = [];
  let m: RegExpExecArray | null;
  while (hits.length < limit && (m = re.exec(slice)) !== null) {
    if (m[0] === "") {
      re.lastIndex++;
      continue;
    }
    const mm = m;
    hits.push({
      index: from + mm.index,
      end: from + mm.index + mm[0].length,
      text: mm[0],
      group: (name) => mm.groups?.[name],
      start: (name) => {
        const span = mm.indices?.groups?.[name];
        return span ? from + span[0] : from + mm.index;
      },
    });
  }
  return hits;
}

/** A ParseError of a narrative reader, with the offset in its section's text (so a note can quote the sentence). */
class NarrativeError extends ParseError {
  constructor(
    p: ConstructorParameters<typeof ParseError>[0],
    readonly offset: number,
  ) {
    super(p);
  }
}

export function fail(sec: Section, offset: number, message: string, expected: string, found: string): never {
  throw new NarrativeError(
    {
      file: sec.doc.fileName,
      section: sec.title,
      line: lineOf(sec, offset),
      message,
      expected,
      found,
    },
    offset,
  );
}

export function lineOf(sec: Section, offset: number): number {
  return sec.text.length ? sec.lineAt(offset) : sec.headingLine;
}

// Thousands separators, when used, must group by three: "89,79.1" is a misprint, not 8979.1.
const PRINTED_AMOUNT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** The amount captured by AMT(g), in 万元 as an exact decimal string; an unreadable figure is a located ParseError. */
export function amountOf(sec: Section, hit: Hit, g: string): string {
  const raw = hit.group(g) ?? "";
  const unit = hit.group(`${g}U`) ?? "万元";
  const printed = raw.replace(/，/g, ",").replace(/．/g, ".").replace(/^－/, "-");
  if (!PRINTED_AMOUNT.test(printed)) {
    return fail(sec, hit.start(g), "金额无法识别", "阿拉伯数字金额（如 8,979.10 万元）", `${raw}${unit}`);
  }
  const value = normaliseAmount(printed) as string;
  markRead(sec, hit.start(g), hit.start(g) + raw.length + (hit.group(`${g}U`) ?? "").length);
  return unit === "元" ? yuanToWanyuan(value) : value;
}

/** The percentage captured by PCT(g), as a decimal string; `sign` −1 for 下降/减少. */
export function pctOf(sec: Section, hit: Hit, g: string, sign: 1 | -1 = 1): string {
  const raw = hit.group(g) ?? "";
  const t = raw.replace(/[．]/g, ".").replace(/^－/, "-").replace(/^\+/, "");
  if (!/^-?\d+(?:\.\d+)?$/.test(t))
    return fail(sec, hit.start(g), "百分比无法识别", "阿拉伯数字百分比（如 7.22%）", `${raw}%`);
  markRead(sec, hit.start(g), hit.start(g) + raw.length + 1);
  if (sign === -1 && !t.startsWith("-") && !/^0+(?:\.0+)?$/.test(t)) return `-${t}`;
  return t;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Small Chinese numerals ("四十三", "十", "一百零五") as written in counts; null when it is not one. */
export function chineseInt(s: string): number | null {
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      if (digit >= 0 && digit !== 0) return null;
      digit = CN_DIGITS[ch];
    } else if (ch in CN_UNITS) {
      total += (digit < 0 ? 1 : digit) * CN_UNITS[ch];
      digit = -1;
    } else return null;
  }
  return total + (digit > 0 ? digit : 0);
}

/** The count captured by INT(g). */
export function intOf(sec: Section, hit: Hit, g: string): number {
  const raw = hit.group(g) ?? "";
  markRead(sec, hit.start(g), hit.start(g) + raw.length + 1);
  if (/^\d[\d,，]*$/.test(raw)) return parseInt(raw.replace(/[,，]/g, ""), 10);
  const n = chineseInt(raw);
  if (n === null) return fail(sec, hit.start(g), "数量无法识别", "数量（如 27 批次）", raw);
  return n;
}

/** Reason text after 主要原因是 / 主要是 …, up to the end of its sentence. */
export function reasonIn(sec: Section, from: number, to: number): string | undefined {
  // "主要原因是…", "主要是…", and the colon form of the 2024 templates: "主要原因：…".
  const hit = find(
    sec,
    /(?:主要原因(?:是|为|系|在于)|主要原因(?=[:：])|主要(?:是|系|由于|因为)|原因(?:是|为))[:：]?(?<r>[^。；;]+)/,
    from,
    to,
  );
  const r = hit
    ?.group("r")
    ?.replace(/[，,、：:]+$/, "")
    .trim();
  return r ? r : undefined;
}

/** Direction words → sign. */
export function signOf(word: string): 1 | -1 {
  return /减少|下降|降低|减/.test(word) ? -1 : 1;
}

// ---- what was read, and what was not ----------------------------------------------------------------------------
// Every figure a reader takes (amountOf, pctOf, intOf, or markRead for a figure it takes as context) is marked on its
// section, so that the figures no reader took can be reported as unread instead of silently dropped.
const READ = new WeakMap<Section, [number, number][]>();

export function markRead(sec: Section, from: number, to: number): void {
  let spans = READ.get(sec);
  if (!spans) READ.set(sec, (spans = []));
  spans.push([from, to]);
}

/** Forgets what was read in a section (sections are cached per document; each reading starts afresh). */
export function resetRead(sec: Section): void {
  READ.delete(sec);
}

/** A figure as the narrative prints it: digits with a unit of money, a percentage or a count. */
const FIGURE = /(?<![\d.,，．])\d(?:[\d,，.．]*\d)?(?:万元|元|%|％|个|辆|台|批次|批|人次|人|分|项|家)/g;

/** The figures in section.text[from, to) that no reader took: [offset, text]. */
export function unreadFigures(sec: Section, from = 0, to = sec.text.length): [number, string][] {
  const spans = READ.get(sec) ?? [];
  const out: [number, string][] = [];
  FIGURE.lastIndex = 0;
  const slice = sec.text.slice(from, to);
  for (const m of slice.matchAll(FIGURE)) {
    const at = from + (m.index ?? 0);
    if (!spans.some(([a, b]) => at >= a && at < b)) out.push([at, m[0]]);
  }
  return out;
}

/** Notes on unread parts, in document order. */
export type Notes = Unread[];

/** The text of a note: the sentence (or clause) as printed, shortened. */
export function shorten(text: string, max = 80): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** The sentence of section.text around `at`: from after the previous 。；; to the next one (inclusive). */
export function sentenceAt(sec: Section, at: number): { from: number; to: number; text: string } {
  let from = at;
  while (from > 0 && !/[。；;]/.test(sec.text[from - 1])) from--;
  let to = at;
  while (to < sec.text.length && !/[。；;]/.test(sec.text[to])) to++;
  if (to < sec.text.length) to++;
  return { from, to, text: sec.text.slice(from, to) };
}

export function note(sec: Section, part: "statement" | "section", at: number, text: string, message: string): Unread {
  return { part, where: sec.title, sourceLine: lineOf(sec, at), text: shorten(text), message };
}

/** A ParseError of a reader as an unread note of its statement. */
function noteFromError(sec: Section, err: ParseError, part: "statement" | "section" = "statement"): Unread {
  const detail = [
    err.expected ? `应为：${err.expected}` : undefined,
    err.found !== undefined ? `实为：${shorten(err.found, 40)}` : undefined,
  ].filter(Boolean);
  const sentence =
    err instanceof NarrativeError && sec.text ? sentenceAt(sec, err.offset).text : (err.found ?? sec.text.slice(0, 60));
  return {
    part,
    where: sec.title,
    sourceLine: err.line ?? sec.headingLine,
    text: shorten(sentence),
    message: `${err.message}${detail.length ? `（${detail.join("；")}）` : ""}`,
  };
}

/**
 * Runs one reader of one statement; a statement it cannot read becomes a note and the reader's result is
 * undefined, so the rest of the section still reads.
 */
export function attempt<T>(
  notes: Notes,
  sec: Section,
  read: () => T,
  part: "statement" | "section" = "statement",
): T | undefined {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    notes.push(noteFromError(sec, e, part));
    return undefined;
  }
}

/** Direction words of a comparison against the budget: 决算数大于/小于/等于 (与…基本持平) 预算数. */
const STATED =
  /决算(?:数)?(?<cmp>大于|多于|超过|高于|超出|小于|少于|低于|等于)(?:年初|全年|调整后)?预算(?:数)?|(?:决算(?:数)?)?(?:与|和)(?:年初|全年|调整后)?预算(?:数)?(?:基本)?(?<eq>持平|一致|相等|相当|相同)/;

/** The stated comparison in section.text[from, to), if any. */
export function statedIn(sec: Section, from: number, to: number): "more" | "less" | "equal" | undefined {
  const hit = find(sec, STATED, from, to);
  if (!hit) return undefined;
  const cmp = hit.group("cmp");
  if (!cmp) return "equal";
  if (/大于|多于|超过|高于|超出/.test(cmp)) return "more";
  if (/小于|少于|低于/.test(cmp)) return "less";
  return "equal";
}

/** How many figures section.text[from, to) prints. */
export function countFigures(sec: Section, from = 0, to = sec.text.length): number {
  return [...sec.text.slice(from, to).matchAll(FIGURE)].length;
}
