import type { TableId } from "@/lib/report/schema";

/**
 * Printed titles of the nine tables, current template first, then wordings older or provincial templates use.
 * Tables are found by title because their numbers (公开NN表) differ between 9-, 11-, 12- and 13-table templates.
 */
const TITLES: [TableId, string[]][] = [
  ["t01", ["收入支出决算总表", "收入支出决算表"]],
  ["t02", ["收入决算表"]],
  ["t03", ["支出决算表"]],
  ["t04", ["财政拨款收入支出决算总表", "财政拨款收入支出决算表"]],
  [
    "t05",
    ["一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算明细表", "一般公共预算财政拨款收入支出决算表"],
  ],
  ["t06", ["一般公共预算财政拨款基本支出决算明细表", "一般公共预算财政拨款基本支出决算表"]],
  ["t07", ["政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款支出决算表"]],
  ["t08", ["国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款收入支出决算表"]],
  ["t09", ["财政拨款三公经费支出决算表", "一般公共预算财政拨款三公经费支出决算表", "三公经费支出决算表"]],
];

const BY_TITLE = new Map<string, TableId>(
  TITLES.flatMap(([id, names]) => names.map((n) => [n, id] as [string, TableId])),
);

/**
 * Reduces a title line to the bare table name: no spacing or quotes, no 公开NN表 / 表一 / 一、 numbering,
 * no entity-and-year prefix ("XX局2023年度"), no (续) or unit suffix.
 */
export function bareTitle(plain: string): string {
  let t = plain.replace(/[\s"'“”‘’「」『』]/g, "");
  t = t.replace(/[（(](?:金额)?单位[：:][^）)]*[）)]$/, "");
  t = t.replace(/[（(]续表?[）)]$|续表$/, "");
  t = t.replace(/公开\d+表$/, "");
  t = t.replace(/^.{0,40}?\d{4}年度?/, "");
  t = t.replace(
    /^(?:公开\d+表|附表\d+|表[0-9一二三四五六七八九十]+|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)])[：:、.．]?/,
    "",
  );
  return t;
}

/**
 * 三公 tables carry many names: 财政拨款“三公”经费支出决算表, …“三公”经费情况表, and provincial sets that print 三公
 * with 机关运行经费 in one table (财政拨款“三公”经费、行政参公单位机关运行经费情况表). Any 三公 table of 财政拨款 is
 * table 09; its 三公 columns are found by their header words.
 */
const SANGONG_TITLE = /三公经费.*(?:决算|情况|统计)表$/;

export function tableIdOfTitle(plain: string): TableId | null {
  // Every title above, the 三公 pattern and the numeral retry end in 表, and bareTitle only removes characters: a
  // line without 表 (nearly every line a document scan offers) is no table title, and needs none of the regexes.
  if (!plain.includes("表")) return null;
  const bare = bareTitle(plain);
  const hit = BY_TITLE.get(bare);
  if (hit) return hit;
  if (SANGONG_TITLE.test(bare) && !/基金|资本|预算表$/.test(bare) && bare.length <= 40) return "t09";
  // 表五一般公共预算… : the numeral run swallowed the title's own 一; try shorter numbers
  const m = /^(.{0,40}?表)([一二三四五六七八九十]{2,4})(.+)$/.exec(plain.replace(/[\s"'“”‘’「」『』]/g, ""));
  if (m) {
    for (let k = 1; k < m[2].length; k++) {
      const id = BY_TITLE.get(bareTitle(m[2].slice(k) + m[3]));
      if (id) return id;
    }
  }
  return null;
}
