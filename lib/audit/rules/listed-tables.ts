import { bareTitle, tableIdOfTitle } from "@/lib/ingest/layouts/markdown/titles";
import type { Report } from "@/lib/report/schema";
import { finding } from "../compare";
import type { Rule } from "../rule";
import type { Finding } from "../types";

const TOC_TABLE_MISSING = "TOC_TABLE_MISSING";

/** A 目录 entry without its page number and dot leaders: "一、收入支出决算总表……3" → "一、收入支出决算总表". */
export function tocTitle(entry: string): string {
  return entry
    .trim()
    .replace(/(?:[.．。…·•⋯_—-]{2,}|\s)\s*(?:第\s*)?\d+\s*(?:页)?$/, "")
    .replace(/[.．。…·•⋯_—\s-]+$/, "")
    .trim();
}

/**
 * A table the 目录 lists under 第二部分 must be printed there: as one of the nine tables (matched by its title,
 * whatever its number in this template), as a table the reader does not know (kept as a raw grid), or at least as a
 * table the reader saw but could not read (an unread note already says so). Otherwise the document promises a table
 * it does not publish.
 */
function listedMissing(report: Report): Finding[] {
  const ids = new Set(report.tables.map((t) => t.id));
  const printed = [
    ...report.extraTables.map((t) => t.title),
    ...report.unread.filter((u) => u.part === "table").map((u) => u.where),
  ];
  const printedIds = new Set(printed.map(tableIdOfTitle).filter((id) => id !== null));
  const printedBare = new Set(printed.map(bareTitle));
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const entry of report.listedTables) {
    const title = tocTitle(entry);
    const bare = bareTitle(title);
    // part titles (第二部分 …决算表) and blank entries are not tables
    if (!bare || /^第[一二三四五六七八九十\d]+部分/.test(title) || seen.has(bare)) continue;
    seen.add(bare);
    const id = tableIdOfTitle(title);
    if (id ? ids.has(id) || printedIds.has(id) : printedBare.has(bare)) continue;
    out.push(
      finding(
        TOC_TABLE_MISSING,
        "error",
        `目录列出了“${title}”，但第二部分的决算表中找不到这张表：文件没有公开目录所列的表`,
        [
          { section: "目录", label: `目录 ${title}` },
          { section: "第二部分", ...(id ? { table: id } : {}), label: `第二部分 ${bare}（未见）` },
        ],
        title,
      ),
    );
  }
  return out;
}

export const listedTableRules: Rule[] = [
  { id: TOC_TABLE_MISSING, title: "目录所列的表均在第二部分公开", run: listedMissing },
];
