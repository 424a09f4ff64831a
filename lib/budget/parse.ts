import type { SourceDoc } from "../ingest/document";
import { joinLines } from "../ingest/document";
import { ParseError } from "../ingest/errors";
import { compact } from "../ingest/layouts/markdown/cells";
import type { Layout } from "../ingest/parse";
import { D } from "../money/decimal";
import type { ExtraTable, Unread } from "../report/schema";
import { codeOfPath, num, readExplanation, readOtherNotes, readSubjects } from "./narrative";
import { type Budget, type BudgetProject, budgetSchema, getBudgetTable } from "./schema";
import { budgetTableIdOfTitle, readBudgetTables } from "./tables";

/**
 * What a document says it is on its cover: a 部门预算 or 单位预算 (and of which year and department), or neither.
 * A 决算 names 决算 on its cover and in its table titles; a budget never does.
 */
export function budgetKindOf(doc: SourceDoc): { scope: "部门预算" | "单位预算" } | null {
  const head = doc.lines.slice(0, 60).join("").replace(/\s+/g, "");
  const whole = doc.text.length > 200_000 ? doc.text.slice(0, 200_000) : doc.text;
  if (/决算/.test(head) || /决算表|决算情况说明/.test(whole)) return null;
  const m = /(部门|单位)预算/.exec(head);
  if (!m) return null;
  const unit =
    /单位预算/.test(head) && !/部门预算/.test(head.replace(/区级部门预算/, ""))
      ? true
      : /^预算单位[：:]/m.test(doc.lines.slice(0, 20).map(compact).join("\n"));
  return { scope: unit || m[1] === "单位" ? "单位预算" : "部门预算" };
}

const HEADING = {
  duties: /^(?:[一二三四五六七八九十]+、)?(?:.*)主要职能(?:及机构设置)?$/,
  units: /^(?:[一二三四五六七八九十]+、)?(?:.*)机构设置$/,
  glossary: /^(?:[一二三四五六七八九十]+、)?名词解释$/,
  // 2025年部门预算编制说明 (Shanghai), 部门预算情况说明 / 关于…2025年部门预算的说明 / 收支预算总体情况 (national)
  explanation:
    /^(?:[一二三四五六七八九十]+、)?.{0,40}?预算(?:编制|安排)?(?:情况)?的?说明$|^(?:[一二三四五六七八九十]+、)?(?:部门)?收支(?:预算)?总体情况$/,
  other: /^(?:[一二三四五六七八九十]+、)?其他(?:相关)?(?:重要事项|情况)(?:的)?说明$/,
  project: /项目(?:经费)?(?:情况)?说明$/,
};
type Part = keyof typeof HEADING;

const TOC_LEADER = /[…．.·]{3,}/;

function headingOf(line: string): Part | null {
  if (line.includes("\t") || TOC_LEADER.test(line)) return null;
  const t = compact(line);
  if (t.length > 50 || /[，。；：:]/.test(t)) return null;
  for (const part of ["other", "explanation", "glossary", "units", "duties", "project"] as Part[]) {
    // 一、2025年“三公”经费预算情况说明 heads a paragraph inside 其他相关情况说明, not the 编制说明
    if (part === "explanation" && /三公|项目|绩效|采购|资产|机关运行/.test(t)) continue;
    if (HEADING[part].test(t)) return part;
  }
  return null;
}

export type BudgetParseOptions = {
  layout: Exclude<Layout, "json">;
  pdf?: { pages: number; pageStarts: number[] };
  extraTables?: ExtraTable[];
};

export function parseBudgetDoc(doc: SourceDoc, scope: "部门预算" | "单位预算", opts: BudgetParseOptions): Budget {
  const unread: Unread[] = [];
  const lines = doc.lines;
  const cover = lines.slice(0, 30).map(compact);
  const year = yearOf(cover, doc);
  const department = departmentOf(lines, doc);

  // section starts (after the 目录): heading lines and table titles, in order
  const toc = tocLines(doc, opts.pdf?.pageStarts);
  const marks: { line: number; part: Part | "table" }[] = [];
  lines.forEach((l, i) => {
    if (toc.has(i + 1)) return;
    const h = headingOf(l);
    if (h) marks.push({ line: i, part: h });
    else if (budgetTableIdOfTitle(l)) marks.push({ line: i, part: "table" });
  });
  const endOf = (i: number) => marks.find((m) => m.line > i)?.line ?? lines.length;
  // a part's own sub-headings (一、收支预算总体情况 under 部门预算情况说明) do not end it
  const endOfPart = (i: number, part: Part) => marks.find((m) => m.line > i && m.part !== part)?.line ?? lines.length;
  const first = (part: Part) => marks.find((m) => m.part === part);

  const tablesRead = readBudgetTables(doc, (t) => headingOf(t) !== null, toc);
  unread.push(...tablesRead.unread);
  const tables = tablesRead.tables;

  let duties: string | undefined;
  const d = first("duties");
  if (d)
    duties =
      lines
        .slice(d.line + 1, endOf(d.line))
        .map((l) => l.trim())
        .join("")
        .slice(0, 4000) || undefined;

  const units: string[] = [];
  const u = first("units");
  if (u) {
    const text = joinLines(doc, u.line + 1, endOf(u.line)).text;
    for (const m of text.matchAll(/(?:^|[。；;：:])\s*\d+[.．、]\s*([^。；;]+)/g)) {
      const name = m[1]
        .replace(/^下属(?:事业|行政)?单位/, "")
        .replace(/(?:不单列预算|单列预算)?[，,]?(?:并入本部)?$/, "")
        .trim();
      if (name) units.push(name);
    }
  }

  const glossary: Budget["glossary"] = [];
  const g = first("glossary");
  if (g) {
    for (const m of joinLines(doc, g.line + 1, endOf(g.line)).text.matchAll(
      /[（(][一二三四五六七八九十]+[）)]\s*([^：:]{2,30})[：:](.+?)(?=[（(][一二三四五六七八九十]+[）)]|$)/g,
    )) {
      glossary.push({ term: m[1].replace(/[“”"]/g, ""), definition: m[2].trim() });
    }
  }

  let narrative: Budget["narrative"] = { subjects: [], sangong: {}, procurement: {} };
  const e = first("explanation");
  if (e) {
    const j = joinLines(doc, e.line + 1, endOfPart(e.line, "explanation"));
    const { subjectsText: _unused, ...explained } = readExplanation(j, year);
    narrative = { ...narrative, ...explained, subjects: readSubjects(j, year, unread, compact(lines[e.line])) };
  } else {
    // no heading this reader knows: the totals are still looked for in the text before the first table
    const firstTable = marks.find((m) => m.part === "table")?.line ?? lines.length;
    const j = joinLines(doc, 0, firstTable);
    const { subjectsText: _none, ...explained } = readExplanation(j, year);
    narrative = { ...narrative, ...explained, subjects: readSubjects(j, year, unread, "预算说明") };
    if (!explained.incomeTotal && !explained.expenditureTotal)
      unread.push({
        part: "section",
        where: "预算编制说明",
        text: "",
        message: "文件中没有找到预算编制说明（收支总体情况和科目说明）",
      });
  }
  const subjectRows = [
    ...(getBudgetTable({ tables } as Budget, "b05")?.rows ?? []),
    ...(getBudgetTable({ tables } as Budget, "b03")?.rows ?? []),
  ];
  for (const s of narrative.subjects) {
    const code = codeOfPath(s.path, subjectRows);
    if (code) s.code = code;
  }

  const o = first("other");
  if (o) {
    // 其他相关情况说明 runs until the project descriptions (or the end)
    const end = marks.find((m) => m.line > o.line && m.part !== "other" && m.part !== "table")?.line ?? lines.length;
    narrative = { ...narrative, ...readOtherNotes(joinLines(doc, o.line + 1, end), year) };
  } else {
    // the 三公, 机关运行经费 and 政府采购 paragraphs may stand under headings of their own after the tables
    const lastTable = [...marks].reverse().find((m) => m.part === "table")?.line ?? 0;
    const other = readOtherNotes(joinLines(doc, lastTable, lines.length), year);
    narrative = { ...narrative, ...other };
    if (!other.sangong.total && !other.operatingCost && !other.procurement.total)
      unread.push({
        part: "section",
        where: "其他相关情况说明",
        text: "",
        message: "文件中没有找到其他相关情况说明（三公、机关运行经费、政府采购预算等）",
      });
  }

  const projects: BudgetProject[] = [];
  for (const m of marks.filter((x) => x.part === "project")) {
    if (o && m.line < o.line) continue;
    const end = endOf(m.line);
    const sections: BudgetProject["sections"] = [];
    for (let i = m.line + 1; i < end; i++) {
      const t = lines[i].trim();
      const h = /^[一二三四五六七八九十]+、\s*(.{2,20})$/.exec(t);
      if (h) sections.push({ heading: h[1], text: "" });
      else if (sections.length && t) sections[sections.length - 1].text += t;
    }
    const title = compact(lines[m.line]).replace(/(?:项目)?(?:经费)?(?:情况)?说明$/, "");
    const overview = sections[0]?.text ?? "";
    const name = title || /建设的(.{2,40}?)[，,]/.exec(overview)?.[1] || overview.slice(0, 30) || "（未列名称）";
    const project: BudgetProject = { name, sections, sourceLine: m.line + 1 };
    const plan = sections.find((s) => /预算安排|资金安排|用款计划/.test(s.heading));
    if (plan) {
      const amounts = [...plan.text.matchAll(/([\d,，]+(?:\.\d+)?)万元/g)].map((x) => num(x[1]));
      if (amounts.length === 1) project.amount = amounts[0];
      else if (amounts.length > 1 && /季度/.test(plan.text))
        project.amount = amounts.reduce((a, b) => a.plus(b), new D(0)).toFixed();
    }
    projects.push(project);
  }

  const budget = {
    schemaVersion: 1 as const,
    kind: "budget" as const,
    department,
    year,
    scope,
    source: {
      fileName: doc.fileName,
      sha256: doc.sha256,
      layout: opts.layout,
      lines: lines.length,
      ...(opts.pdf ? { pages: opts.pdf.pages, pageStarts: opts.pdf.pageStarts } : {}),
    },
    ...(duties ? { duties } : {}),
    units,
    tables,
    narrative,
    projects,
    glossary,
    unread: unread.map((n) =>
      opts.pdf && n.sourceLine
        ? { ...n, page: opts.pdf.pageStarts.filter((p) => p <= n.sourceLine!).length || undefined }
        : n,
    ),
    extraTables: opts.extraTables ?? [],
  };
  if (tables.length === 0) {
    throw new ParseError({
      file: doc.fileName,
      message: "这份预算文件中没有一张预算表能读出来",
      expected: "财务收支预算总表、收入预算总表、支出预算总表等",
      found: unread[0]?.message ?? "没有找到预算表标题",
    });
  }
  if (tables.every((t) => t.rows.every((r) => Object.keys(r.values).length === 0))) {
    throw new ParseError({
      file: doc.fileName,
      message: "预算表都是空的：这可能是一份样张或模板，不是公开的预算",
      expected: "填有金额的预算表",
      found: `${tables.length} 张空表`,
    });
  }
  const parsed = budgetSchema.safeParse(budget);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ParseError({ file: doc.fileName, message: `读出的预算不完整：${issue.path.join(".")} ${issue.message}` });
  }
  return parsed.data;
}

/**
 * The 目录's lines (1-based): they name every part and table, so they must not be taken for the parts themselves.
 * The 目录 runs from its heading to the end of its page (a PDF), or while lines stay short titles without
 * sentence punctuation (text).
 */
function tocLines(doc: SourceDoc, pageStarts?: number[]): Set<number> {
  const out = new Set<number>();
  const start = doc.lines.slice(0, 80).findIndex((l) => /^目\s*录$/.test(l.trim()));
  if (start < 0) return out;
  const pageEnd = pageStarts ? pageStarts.find((p) => p > start + 1) : undefined;
  for (let i = start + 1; i < doc.lines.length; i++) {
    if (pageEnd !== undefined) {
      if (i + 1 >= pageEnd) break;
    } else {
      const t = compact(doc.lines[i]);
      if (t === "") continue;
      if (doc.lines[i].includes("\t") || t.length > 45 || /[，。；]/.test(t)) break;
    }
    out.add(i + 1);
  }
  return out;
}

function yearOf(cover: string[], doc: SourceDoc): number {
  for (const l of cover) {
    const m = /(20\d{2})年.*预算/.exec(l);
    if (m) return Number(m[1]);
  }
  const m = /(20\d{2})年(?:部门|单位|预算单位)?.{0,20}预算(?:总)?表/.exec(doc.text.replace(/\s+/g, ""));
  if (m) return Number(m[1]);
  throw new ParseError({
    file: doc.fileName,
    section: "封面",
    message: "找不到预算年度",
    expected: "封面或表题中的“20XX年…预算”",
    found: cover.slice(0, 2).join(" "),
  });
}

function departmentOf(lines: string[], doc: SourceDoc): string {
  for (const l of lines.slice(0, 40)) {
    const m = /^(?:预算主管部门|预算单位|主管部门|部门名称|单位名称|编制部门|编制单位)\s*[：:]\s*(.+?)\s*$/.exec(
      l.trim(),
    );
    if (m) return cleanName(m[1]);
  }
  for (const l of lines) {
    const m = /(?:编制部门|编制单位|部门名称|单位名称)\s*[：:]\s*(\S+?)(?:\s|单位[：:]|$)/.exec(l);
    if (m) return cleanName(m[1]);
  }
  // a cover that says "XX局2025年部门预算"
  for (const l of lines.slice(0, 10)) {
    const m = /^(.{2,40}?)(?:20\d{2})年(?:度)?(?:部门|单位)预算/.exec(compact(l));
    if (m && !/^上海市|区级|市级$/.test(m[1])) return m[1];
  }
  throw new ParseError({
    file: doc.fileName,
    section: "封面",
    message: "找不到预算部门名称",
    expected: "“预算主管部门：…”或表头“编制部门：…”",
    found: lines.slice(0, 2).join(" ").slice(0, 60),
  });
}

function cleanName(s: string): string {
  return s.replace(/\s+/g, "").replace(/[（(]部门[）)]$/, "");
}
