import type { Report } from "@/lib/report/schema";
import { finding } from "../compare";
import { familyRules, type Rule } from "../rule";
import type { Finding, Location } from "../types";

const HEADING_PLACEHOLDER = "HEADING_PLACEHOLDER";
const HEADING_YEAR = "HEADING_YEAR";
const HEADING_NAME = "HEADING_NAME";

type Heading = Report["headings"][number];

/**
 * Template placeholders left in place: XX局, ××单位, 上海市 XX 局, 20XX 年度, 某某, ○○. Two or more in a row, so a
 * single × or x (a multiplication sign, a roman numeral) never counts; asterisks are left alone (markdown bold).
 */
const PLACEHOLDER = /[XxＸｘ×✕╳]{2,}|某某|[○〇□]{2,}|^[（(【\[]?(?:部门|单位)名称[）)】\]]?$/;

function isPlaceholder(text: string | undefined): boolean {
  return text !== undefined && PLACEHOLDER.test(text.replace(/\s+/g, ""));
}

/** Names compared as bare characters: no spaces, no brackets, no 本级. */
function bareName(name: string): string {
  return name
    .replace(/\s+/g, "")
    .replace(/[（(]本级[）)]|本级$/g, "")
    .replace(/[（）()【】\[\]“”"]/g, "");
}

function headingLoc(h: Heading): Location {
  return { section: "标题", ...(h.sourceLine ? { sourceLine: h.sourceLine } : {}), label: `标题“${h.text.trim()}”` };
}

/** Where the document states its own year or name: the first heading that agrees, else the cover. */
function ownLoc(report: Report, agrees: (h: Heading) => boolean, fallback: string): Location {
  const h = report.headings.find(agrees);
  return h ? headingLoc(h) : { section: "封面", label: fallback };
}

function headingFindings(report: Report): Finding[] {
  const out: Finding[] = [];
  const own = [report.department, report.entity, ...report.overview.units]
    .filter((n): n is string => !!n)
    .map(bareName)
    .filter((n) => n.length >= 2);
  const ownName =
    report.entity && report.entity !== report.department
      ? `${report.department}（${report.entity}）`
      : report.department;
  const nameAgrees = (name: string) => {
    const n = bareName(name);
    // a short form (普陀区财政局) or a unit of the department (…财政局财政所) names the same body
    return own.some((o) => n === o || o.includes(n) || n.includes(o));
  };
  for (const h of report.headings) {
    if (isPlaceholder(h.name) || isPlaceholder(h.text)) {
      const what = isPlaceholder(h.name) ? `单位名称写作“${h.name!.trim()}”` : "含有“XX”一类的占位符";
      const whose = isPlaceholder(report.department) ? "" : `（本文件是 ${ownName} ${report.year} 年度决算）`;
      out.push(
        finding(
          HEADING_PLACEHOLDER,
          "error",
          `标题“${h.text.trim()}”${what}，是模板占位符未替换成本部门的名称或年度${whose}`,
          [
            headingLoc(h),
            ownLoc(
              report,
              (x) => x !== h && x.name !== undefined && nameAgrees(x.name) && !isPlaceholder(x.name),
              `封面 ${ownName}`,
            ),
          ],
          ownName,
          isPlaceholder(h.name) ? h.name!.trim() : h.text.trim(),
        ),
      );
    }
    if (h.year !== undefined && h.year !== report.year) {
      const why = h.year === report.year - 1 ? "，疑为沿用上年文件时未改年份" : "";
      out.push(
        finding(
          HEADING_YEAR,
          "error",
          `标题“${h.text.trim()}”写的是 ${h.year} 年，而本文件是 ${report.year} 年度决算${why}`,
          [headingLoc(h), ownLoc(report, (x) => x.year === report.year, `封面 ${report.year} 年度`)],
          String(report.year),
          String(h.year),
        ),
      );
    }
    if (
      h.name !== undefined &&
      !isPlaceholder(h.name) &&
      !isPlaceholder(report.department) &&
      bareName(h.name).length >= 2 &&
      !nameAgrees(h.name)
    ) {
      out.push(
        finding(
          HEADING_NAME,
          "warning",
          `标题“${h.text.trim()}”写的单位是“${h.name.trim()}”，与本文件的 ${ownName} 不一致，疑为套用其他单位的文件未改名称`,
          [headingLoc(h), ownLoc(report, (x) => x.name !== undefined && nameAgrees(x.name), `封面 ${ownName}`)],
          ownName,
          h.name.trim(),
        ),
      );
    }
  }
  return out;
}

export const headingRules: Rule[] = familyRules(headingFindings, [
  { id: HEADING_PLACEHOLDER, title: "标题中没有未替换的模板占位符（XX局、××单位）" },
  { id: HEADING_YEAR, title: "标题中的年度 = 文件的决算年度" },
  { id: HEADING_NAME, title: "标题中的单位名称 = 文件的部门（单位）名称" },
]);
