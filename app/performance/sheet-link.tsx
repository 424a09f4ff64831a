import type { PerformanceProject } from "@/db/queries/performance";
import { evidenceHref } from "@/lib/report/evidence";
import { placeOfLine, type Report } from "@/lib/report/schema";
import { SourceLink, sourceHref, type SourceRef } from "../_components/source-link";

/** The sources of the reports whose sheets a page shows (db/queries/source getSourcesOf). */
export type SheetSources = ReadonlyMap<number, { source: Report["source"]; hasDocument: boolean }>;

/** The report of a project's sheet as a link target, when the store keeps its original. */
export function sheetRef(p: PerformanceProject, sources: SheetSources): SourceRef | undefined {
  const s = sources.get(p.reportId);
  return s?.hasDocument ? { reportId: p.reportId, source: s.source } : undefined;
}

/**
 * A figure of the sheet's funds and score, opening the sheet with it boxed. Through the evidence route: the sheet is
 * cited at its title, and in extracted text its funds row lies further below than the source view looks.
 */
const sheetHref = (p: PerformanceProject, sources: SheetSources, q?: string) =>
  sheetRef(p, sources) && p.sourceLine ? evidenceHref(p.reportId, { project: p.sheet, q }) : undefined;

/** "（原文第 N 页）" after a project's name, opening its 绩效自评表 with the execution rate (else the executed amount) boxed. */
export function SheetPlace({ p, sources }: { p: PerformanceProject; sources: SheetSources }) {
  const s = sources.get(p.reportId);
  if (!p.sourceLine || !s) return null;
  return (
    <span className="ml-1 text-xs font-normal text-gray-500">
      （
      <SourceLink href={sheetHref(p, sources)} title="打开原文中的这张绩效自评表">
        原文{placeOfLine(s, p.sourceLine)}
      </SourceLink>
      ）
    </span>
  );
}

const FIGURE_LINK =
  "!text-inherit underline decoration-blue-400 decoration-dotted underline-offset-2 hover:text-blue-700";

/** One of the sheet's own figures (budget, executed, rate, score), opening the sheet where it prints it. */
export function SheetFigure({
  p,
  sources,
  figure,
  children,
}: {
  p: PerformanceProject;
  sources: SheetSources;
  figure: string | undefined;
  children: React.ReactNode;
}) {
  if (figure === undefined) return <>{children}</>;
  return (
    <SourceLink href={sheetHref(p, sources, figure)} className={FIGURE_LINK} title="在原文自评表中查看这个数字">
      {children}
    </SourceLink>
  );
}

/** An indicator's score, opening the sheet at the indicator's own line. */
export function IndicatorFigure({
  cite,
  line,
  figure,
  context,
  children,
}: {
  cite: SourceRef | undefined;
  line: number | undefined;
  figure: string | undefined;
  context?: string;
  children: React.ReactNode;
}) {
  if (figure === undefined) return <>{children}</>;
  return (
    <SourceLink
      href={sourceHref(cite, line, figure, context)}
      className={FIGURE_LINK}
      title="在原文自评表中查看这个得分"
    >
      {children}
    </SourceLink>
  );
}
