import type { ReactNode } from "react";
import { citationQuery } from "@/lib/report/cite";
import type { Report } from "@/lib/report/schema";

/** A report whose original file the store keeps: its figures link to the source view. */
export type SourceRef = { reportId: number; source: Report["source"] };

/** The source view at a cited line (a PDF's page), with the figure to box; undefined when there is nowhere to go. */
export function sourceHref(
  ref: SourceRef | undefined,
  line: number | undefined,
  figure?: string,
  context?: string,
): string | undefined {
  if (!ref) return undefined;
  const q = citationQuery(ref.source, line, figure, context);
  return q ? `/reports/${ref.reportId}/source?${q}` : undefined;
}

/** Its children as a link to the cited place in the original, or as they are when the place is unknown. */
export function SourceLink(props: {
  href: string | undefined;
  children: ReactNode;
  className?: string;
  title?: string;
}) {
  if (!props.href) return <>{props.children}</>;
  return (
    <a
      className={props.className ?? "text-blue-700 hover:underline"}
      href={props.href}
      title={props.title ?? "在原文中查看"}
    >
      {props.children}
    </a>
  );
}
