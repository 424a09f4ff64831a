import type { Report } from "@/lib/report/schema";
import { markdownAppendix } from "./appendix-markdown";
import { PART_TITLES, type Block } from "./blocks";
import { contents, coverLines, glossaryBlocks, overviewBlocks } from "./front";
import { narrativeBlocks } from "./narrative";
import { markdownTable } from "./tables-markdown";

/**
 * The report as a complete disclosure in the layout of the markdown seed (004): headings and paragraphs in markdown,
 * tables as tab-separated rows that keep their empty cells. `parseDocument` reads it back to the same report.
 */
export function renderMarkdown(report: Report): string {
  const titles = PART_TITLES(report);
  const out: string[] = ["", ""];
  const [year, name, kind] = coverLines(report);
  out.push(`**${year}**  `, `**${name}**  `, `**${kind}**`, "", "# 目 录", "");
  for (const c of contents(report)) {
    if (c.entries.length === 0) out.push(`#### **${c.part}**`, "");
    else out.push(`## ${c.part}`, "", ...c.entries.map((e) => `- ${e}`), "");
  }

  out.push("# 第一部分", "", `## ${titles[1]}`, "");
  out.push(...blocks(overviewBlocks(report)));

  out.push("## 第二部分", "", `# ${titles[2]}`, "");
  for (const t of report.tables) out.push(...markdownTable(report, t));

  out.push(" ", "## **第三部分**", "", `# **${titles[3]}**`, "");
  out.push(...blocks(narrativeBlocks(report)));

  out.push("## 第四部分", "", "### 名词解释", "");
  for (const g of glossaryBlocks(report)) out.push(`**${g.number}、${g.term}：**${g.definition}`, "");

  out.push("## 第五部分", "", "## 附 件", "");
  out.push(...markdownAppendix(report));
  return out.join("\n");
}

function blocks(list: Block[]): string[] {
  return list.flatMap((b) => {
    if (b.kind === "heading") return [`${b.level === 2 ? "##" : "###"} ${b.text}`, ""];
    return [b.text, ""];
  });
}
