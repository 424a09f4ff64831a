import "server-only";
import { departmentParamsSchema, overviewParamsSchema, qualityParamsSchema } from "@/lib/filters";
import type { z } from "zod";
import type { Dataset } from "./datasets";
import { getDepartmentList, getDepartmentReport } from "./department";
import { resolveYear, getYearFigures } from "./figures";
import { ruleName } from "@/lib/audit/rule-names";
import { FLAG_TITLES, getOverview } from "./overview-flags";
import { evidenceHref, otherYearOf } from "@/lib/report/evidence";
import { placeOfLine } from "@/lib/report/schema";
import { getSourcesOf } from "./source";
import { departmentListColumns } from "@/lib/views/departments";
import {
  completenessColumns,
  coverageColumns,
  departmentFindingColumns,
  findingColumns,
  unreadNoteColumns,
} from "@/lib/views/quality";
import { flagColumns, reportColumns } from "@/lib/views/overview";
import { getCompletenessRanking, getCoverageRanking, getFindings, getUnreadNotes, type UnreadNoteRow } from "./quality";

type Base = z.infer<typeof overviewParamsSchema>;

const PART_TEXT: Record<UnreadNoteRow["part"], string> = {
  table: "表格",
  statement: "语句",
  section: "段落",
  cover: "封面与概况",
  appendix: "附件",
};
/** severity as the pages say it, for the CSV (the JSON keeps `severity` as stored beside it) */
const SEVERITY_TEXT: Record<string, string> = { error: "错误", warning: "警告", rounding: "尾数差异" };
const noteWhere = (n: { page: number | null; sourceLine: number | null }) =>
  n.page !== null ? `第${n.page}页` : n.sourceLine !== null ? `第${n.sourceLine}行` : "";

export const coreDatasets: Record<string, Dataset> = {
  overview: {
    title: "总览-各部门主要数字",
    params: overviewParamsSchema,
    columns: reportColumns,
    fetch: (async (p: Base) => {
      const { year } = await resolveYear(p.year, p.synthetic);
      if (year === undefined) return [];
      const rs = await getYearFigures(year, p.synthetic);
      return rs.map((r) => ({
        department: r.department,
        year: r.year,
        scope: r.scope,
        synthetic: r.synthetic,
        completeness: r.completeness,
        ...r.figures,
      }));
    }) as Dataset["fetch"],
  },
  flags: {
    title: "总览-需要关注的情况",
    params: overviewParamsSchema,
    columns: flagColumns,
    fetch: (async (p: Base) => {
      const { year } = await resolveYear(p.year, p.synthetic);
      if (year === undefined) return [];
      // the category by its Chinese title (the page's), never the internal kind
      // site links (made absolute by the export); a flag with no kept original says why it has no evidence link
      return (await getOverview(year, p.synthetic)).flags.map(({ evidence, ...f }) => ({
        ...f,
        kind: FLAG_TITLES[f.kind],
        evidence: evidence?.href ?? "",
        evidenceNote: evidence?.title ?? (f.synthetic ? "合成示例，没有原文件" : "库中未保存原文件"),
      }));
    }) as Dataset["fetch"],
  },
  departments: {
    title: "部门列表",
    params: overviewParamsSchema,
    columns: departmentListColumns,
    fetch: (async (p: Base) =>
      (await getDepartmentList(p.synthetic)).map((d) => ({ ...d, years: d.years.join(" ") }))) as Dataset["fetch"],
  },
  "department-findings": {
    title: "部门审核发现",
    params: departmentParamsSchema.extend({ id: departmentParamsSchema.shape.revision }),
    columns: departmentFindingColumns,
    fetch: (async (p: { id?: number; year?: number; revision?: number }) => {
      if (!p.id) return [];
      const d = await getDepartmentReport(p.id, p.year, p.revision);
      // a PDF's places by page, as the page and `check` name them (a place in last year's report by its label alone)
      return (d?.findings ?? []).map((f) => ({
        ...f,
        severityText: SEVERITY_TEXT[f.severity] ?? f.severity,
        ruleName: ruleName(f.rule) ?? "",
        where: f.locations
          .map(
            (l) =>
              l.label +
              (l.sourceLine && otherYearOf(l.label, d!.report.year) === undefined
                ? `（${placeOfLine(d!.report, l.sourceLine)}）`
                : ""),
          )
          .join("；"),
      }));
    }) as Dataset["fetch"],
  },
  findings: {
    title: "数据质量-审核发现",
    params: qualityParamsSchema,
    columns: findingColumns,
    fetch: (async (p: z.infer<typeof qualityParamsSchema>) => {
      const fs = await getFindings(p, 5000);
      // a place in a PDF is named by its page, as the pages and `check` name it; a cross-year place by last year's report
      const sources = await getSourcesOf(
        fs.flatMap((f) => (f.priorReportId === null ? [f.reportId] : [f.reportId, f.priorReportId])),
      );
      return fs.map((f) => {
        const where = f.locations.map((l) => {
          if (!l.sourceLine) return l.label;
          const doc = sources.get(otherYearOf(l.label, f.year) !== undefined ? (f.priorReportId ?? -1) : f.reportId);
          return `${l.label}（${doc ? placeOfLine(doc, l.sourceLine) : `第 ${l.sourceLine} 行`}）`;
        });
        const at = f.locations.findIndex((l) => l.sourceLine);
        const evidence =
          at < 0 || !sources.get(f.reportId)?.hasDocument ? "" : evidenceHref(f.reportId, { finding: f.id, at });
        return {
          ...f,
          severityText: SEVERITY_TEXT[f.severity] ?? f.severity,
          ruleName: ruleName(f.rule) ?? "",
          where: where.join("；"),
          evidence,
        };
      });
    }) as Dataset["fetch"],
  },
  completeness: {
    title: "数据质量-信息完整度",
    params: qualityParamsSchema,
    columns: completenessColumns,
    fetch: (async (p: z.infer<typeof qualityParamsSchema>) => getCompletenessRanking(p)) as Dataset["fetch"],
  },
  coverage: {
    title: "数据质量-读取覆盖（未完整读取的报告，由低到高）",
    params: qualityParamsSchema,
    columns: coverageColumns,
    fetch: (async (p: z.infer<typeof qualityParamsSchema>) =>
      (await getCoverageRanking(p, undefined, 0, 20)).map((r) => ({
        ...r,
        notes: r.notes.map((n) => `${noteWhere(n)} ${PART_TEXT[n.part]}·${n.place}：${n.message}`.trim()).join("；"),
      }))) as Dataset["fetch"],
  },
  "unread-notes": {
    title: "数据质量-未能读取的部分",
    params: qualityParamsSchema,
    columns: unreadNoteColumns,
    fetch: (async (p: z.infer<typeof qualityParamsSchema>) =>
      (await getUnreadNotes(p)).map((n) => ({ ...n, part: PART_TEXT[n.part] }))) as Dataset["fetch"],
  },
};
