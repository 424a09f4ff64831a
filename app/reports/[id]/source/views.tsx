import Link from "next/link";
import { decodeDocument } from "@/lib/ingest/document";
import { figureRanges } from "@/lib/report/cite";
import { PdfPage } from "./pdf-page";

/** The views of a kept original, shared by a 决算's source page and a budget's: a PDF page, or text lines. */

/** lines shown above and below the cited one */
const AROUND = 15;
/** lines below the cited one a wrapped sentence may continue on (extractors put a blank line between wrapped lines) */
const WRAP = 8;

export type Raw = Record<string, string | string[] | undefined>;

export function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
function positive(v: string | undefined): number | undefined {
  return v && /^\d{1,7}$/.test(v) && Number(v) > 0 ? Number(v) : undefined;
}
/** the cited figure and its row's name travel in the URL; anything long or odd is dropped */
export function short(v: string | undefined): string | undefined {
  const s = v?.trim();
  return s && s.length <= 60 ? s : undefined;
}

export function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function PdfView(props: {
  base: string;
  document: string;
  pages?: number;
  page?: number;
  figures: string[];
  context?: string;
}) {
  const pages = props.pages;
  const page = Math.min(props.page ?? 1, pages ?? Infinity);
  return (
    <section className="space-y-2" aria-label="原文页面">
      <nav className="no-print flex items-center gap-3 text-sm">
        {page > 1 ? (
          <Link
            className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-50"
            href={`${props.base}?page=${page - 1}`}
          >
            上一页
          </Link>
        ) : null}
        <span>
          第 {page} 页{pages ? ` / 共 ${pages} 页` : ""}
        </span>
        {pages === undefined || page < pages ? (
          <Link
            className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-50"
            href={`${props.base}?page=${page + 1}`}
          >
            下一页
          </Link>
        ) : null}
      </nav>
      <PdfPage src={props.document} page={page} figures={props.figures} context={props.context} />
    </section>
  );
}

function TextView(props: {
  base: string;
  file: { fileName: string; bytes: Uint8Array } | null;
  line?: number;
  figures: string[];
}) {
  const file = props.file;
  if (!file) return <p className="text-sm text-rose-700">原文件读取失败。</p>;
  const lines = decodeDocument(file.fileName, file.bytes).lines;
  const cited = props.line !== undefined && props.line <= lines.length ? props.line : undefined;
  const center = cited ?? AROUND + 1;
  const from = Math.max(1, center - AROUND);
  const to = Math.min(lines.length, center + AROUND);
  const go = (l: number) => `${props.base}?line=${l}`;
  // A sentence of extracted text often wraps: the figure may be printed a line or two below where it starts.
  let figure = props.figures[0];
  let last = cited;
  if (cited) {
    search: for (let n = cited; n <= Math.min(lines.length, cited + WRAP); n++) {
      for (const f of props.figures) {
        if (figureRanges(lines[n - 1], f).length) {
          figure = f;
          last = n;
          break search;
        }
      }
    }
  }
  return (
    <section className="space-y-2" aria-label="原文行">
      <p className="text-sm text-gray-700">
        {cited
          ? `第 ${cited} 行${figure ? `，已标出 ${figure}` : ""}（显示第 ${from}–${to} 行，共 ${lines.length} 行）`
          : `显示第 ${from}–${to} 行，共 ${lines.length} 行`}
      </p>
      <nav className="no-print flex gap-3 text-sm">
        {from > 1 ? (
          <Link
            className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-50"
            href={go(Math.max(1, from - AROUND - 1))}
          >
            向上
          </Link>
        ) : null}
        {to < lines.length ? (
          <Link
            className="rounded border border-gray-300 px-2 py-0.5 hover:bg-gray-50"
            href={go(Math.min(lines.length, to + AROUND + 1))}
          >
            向下
          </Link>
        ) : null}
      </nav>
      <div className="overflow-x-auto rounded border border-gray-300 bg-white">
        <table className="w-full border-collapse font-mono text-xs leading-5">
          <tbody>
            {lines.slice(from - 1, to).map((text, i) => {
              const n = from + i;
              const here = cited !== undefined && last !== undefined && n >= cited && n <= last;
              return (
                <tr
                  key={n}
                  id={`L${n}`}
                  className={here ? "bg-yellow-100" : undefined}
                  {...(here ? { "data-testid": "source-line" } : {})}
                >
                  <td className="w-12 select-none border-r border-gray-200 px-2 text-right align-top text-gray-400">
                    {n}
                  </td>
                  <td className="whitespace-pre-wrap break-all px-2">
                    {n === last && figure ? <Marked text={text} figure={figure} /> : text}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The cited line with each place it prints the figure marked; the whole line stays highlighted either way. */
function Marked({ text, figure }: { text: string; figure: string }) {
  const ranges = figureRanges(text, figure);
  const out: React.ReactNode[] = [];
  let at = 0;
  for (const [a, b] of ranges) {
    out.push(text.slice(at, a));
    out.push(
      <mark
        key={a}
        data-testid="source-highlight"
        className="rounded-sm bg-yellow-300 px-0.5 outline outline-2 outline-rose-600"
      >
        {text.slice(a, b)}
      </mark>,
    );
    at = b;
  }
  out.push(text.slice(at));
  return <>{out}</>;
}

/** The kept original at the cited place: its PDF page with the figure boxed, or its text lines; or why there is none. */
export async function SourceDocument(props: {
  base: string;
  /** the route serving the original's bytes */
  document: string;
  kept: boolean;
  /** said when the store keeps no original */
  missing: string;
  source: { layout: string; pageStarts?: unknown; pages?: number };
  sp: Raw;
  figures: string[];
  context?: string;
  file: () => Promise<{ fileName: string; bytes: Uint8Array } | null>;
}) {
  if (!props.kept)
    return <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{props.missing}</p>;
  const pdf = props.source.layout === "pdf" || props.source.pageStarts !== undefined;
  return pdf ? (
    <PdfView
      base={props.base}
      document={props.document}
      pages={props.source.pages}
      page={positive(one(props.sp.page))}
      figures={props.figures}
      context={props.context}
    />
  ) : (
    <TextView base={props.base} file={await props.file()} line={positive(one(props.sp.line))} figures={props.figures} />
  );
}
