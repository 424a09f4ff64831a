import type { QualityFinding } from "@/db/queries/quality";
import { evidenceHref, otherYearOf } from "@/lib/report/evidence";
import { placeOfLine, type Report } from "@/lib/report/schema";
import type { FindingPlace } from "../_components/finding-rows";

/** A place in the original as the reader finds it (原文第 N 页 / 第 N 行) and the link that opens it there. */
type PlaceLink = NonNullable<FindingPlace["source"]>;

/**
 * Each place of a finding as the reader finds it in the original — 第 N 页 of a PDF, 第 N 行 of a text, in whichever
 * report prints it (a cross-year finding's second place is in last year's) — and the link that opens it there.
 * A report whose original the store does not keep (a synthetic one) has no page to open.
 */
export function findingPlaces(
  f: QualityFinding,
  sources: ReadonlyMap<number, { source: Report["source"]; hasDocument: boolean }>,
): (PlaceLink | undefined)[] {
  return f.locations.map((l, at) => {
    if (!l.sourceLine) return undefined;
    const other = otherYearOf(l.label, f.year) !== undefined;
    const doc = sources.get(other ? (f.priorReportId ?? -1) : f.reportId);
    return {
      text: `原文${doc ? placeOfLine(doc, l.sourceLine) : `第 ${l.sourceLine} 行`}`,
      href: doc?.hasDocument ? evidenceHref(f.reportId, { finding: f.id, at }) : undefined,
    };
  });
}

/** The reports whose sources name the places of these findings. */
export const placeReports = (fs: readonly QualityFinding[]) =>
  fs.flatMap((f) => (f.priorReportId === null ? [f.reportId] : [f.reportId, f.priorReportId]));
