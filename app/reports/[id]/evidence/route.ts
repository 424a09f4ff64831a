import {
  getEvidenceReport,
  getLatestReportId,
  getOriginalFile,
  getReportFinding,
  type EvidenceReport,
} from "@/db/queries/source";
import { decodeDocument } from "@/lib/ingest/document";
import { citationQuery, citedFigure } from "@/lib/report/cite";
import { figurePlace, lineWithFigure, otherYearOf, projectPlace, type FigurePlace } from "@/lib/report/evidence";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Target = { reportId: number; line?: number; figure?: string; context?: string };

/** A finding's `at`-th place (default: the first with a line), in whichever report prints it. */
async function findingTarget(
  r: EvidenceReport,
  findingId: number,
  at: number | undefined,
): Promise<Target | undefined> {
  const f = await getReportFinding(r.reportId, findingId);
  if (!f) return undefined;
  const l = at !== undefined ? f.locations[at] : (f.locations.find((x) => x.sourceLine) ?? f.locations[0]);
  if (!l) return { reportId: r.reportId };
  const year = otherYearOf(l.label, r.year);
  const other = year !== undefined ? await getLatestReportId(r.departmentId, year, r.scope) : undefined;
  const doc = other !== undefined ? await getEvidenceReport(other) : r;
  if (!doc) return { reportId: r.reportId };
  const c = citedFigure(doc.report.tables, l, f);
  return { reportId: doc.reportId, line: l.sourceLine, figure: c.figure, context: c.context };
}

/** In a text original, the line under a heading that prints the figure; a PDF page is searched by the view itself. */
async function printedLine(r: EvidenceReport, p: FigurePlace): Promise<number> {
  if (r.report.source.pageStarts || !p.figure || p.until === undefined) return p.line;
  const file = await getOriginalFile(r.reportId);
  if (!file) return p.line;
  return lineWithFigure(decodeDocument(file.fileName, file.bytes).lines, p.line, p.until, p.figure) ?? p.line;
}

/**
 * The evidence of a figure on the dashboards, one click away: answers with the source view of the report at the page
 * (PDF) or line (text) that prints it, the figure boxed there. `figure=<key>` a headline figure, `project=<ord>` a
 * 绩效自评表 (`&q=` one of its figures), `finding=<id>&at=<i>` a finding's place. Resolved here rather than on every list page, so a page of
 * flags or findings does not read each report's whole document to draw its links.
 */
export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  if (!/^\d{1,9}$/.test(id)) return new Response("没有这份报告", { status: 404 });
  const r = await getEvidenceReport(Number(id));
  if (!r) return new Response("没有这份报告", { status: 404 });
  const sp = new URL(request.url).searchParams;
  const int = (k: string) => (/^\d{1,9}$/.test(sp.get(k) ?? "") ? Number(sp.get(k)) : undefined);
  let t: Target | undefined;
  const key = sp.get("figure");
  const project = int("project");
  const finding = int("finding");
  if (key) {
    const p = figurePlace(r.report, key);
    t = p && { reportId: r.reportId, line: p.line, figure: p.figure, context: p.context };
  } else if (project !== undefined) {
    // `q`: another figure of the sheet than its execution rate (its budget, its score)
    const q = sp.get("q");
    const found = projectPlace(r.report, project);
    const p = found && q && /^-?\d+(\.\d+)?$/.test(q) ? { ...found, figure: q } : found;
    t = p && { reportId: r.reportId, line: await printedLine(r, p), figure: p.figure, context: p.context };
  } else if (finding !== undefined) {
    t = await findingTarget(r, finding, int("at"));
  }
  const target = t ?? { reportId: r.reportId };
  const doc = target.reportId === r.reportId ? r : await getEvidenceReport(target.reportId);
  const q = doc ? citationQuery(doc.report.source, target.line, target.figure, target.context) : undefined;
  // relative: the browser resolves it against the address it asked, whatever proxy stands in front
  // no place to cite: the document from its start, saying so rather than pretending this is the place
  return new Response(null, {
    status: 307,
    headers: { Location: `/reports/${target.reportId}/source?${q ?? "unplaced=1"}`, "Cache-Control": "no-store" },
  });
}
