import Link from "next/link";
import { formatPercent, formatWanyuan } from "@/lib/money/format";
import { SyntheticToggle } from "./synthetic-toggle";

export function PageHeader(props: { title: string; subtitle?: string; children?: React.ReactNode }) {
  return (
    <header className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold text-gray-900">{props.title}</h1>
        {props.subtitle ? <p className="mt-1 text-sm text-gray-600">{props.subtitle}</p> : null}
      </div>
      {props.children ? <div className="no-print flex flex-wrap items-center gap-2">{props.children}</div> : null}
    </header>
  );
}

export function Section(props: {
  title: string;
  id?: string;
  note?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section
      id={props.id}
      className={`mb-6 rounded-lg border border-gray-200 bg-white p-4 shadow-sm ${props.className ?? ""}`}
    >
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold text-gray-900">{props.title}</h2>
        {props.actions ? <div className="no-print flex gap-2 text-sm">{props.actions}</div> : null}
      </div>
      {props.children}
      {props.note ? <p className="mt-3 text-xs leading-relaxed text-gray-500">{props.note}</p> : null}
    </section>
  );
}

/** Decimal places a value carries beyond its trailing zeros ("604.6242" → 4, "112.60" → 1). */
function places(v: string): number {
  const i = v.indexOf(".");
  return i < 0 ? 0 : v.slice(i + 1).replace(/0+$/, "").length;
}

/**
 * Money cell: 万元 with two decimals, one precision per column; a value printed with more (604.6242) shows its exact
 * figure on hover, marked with a dotted underline. "—" with a title for missing values (never drawn as zero).
 */
export function Wan({ v }: { v: string | null | undefined }) {
  if (v === null || v === undefined || v === "")
    return (
      <span className="text-gray-400" title="未披露">
        —
      </span>
    );
  const p = places(v);
  if (p <= 2) return <span>{formatWanyuan(v)}</span>;
  return (
    <span
      className="cursor-help underline decoration-gray-300 decoration-dotted"
      title={`精确值 ${formatWanyuan(v, Math.min(p, 6))} 万元（表中统一显示两位小数）`}
    >
      {formatWanyuan(v)}
    </span>
  );
}

export function Pct({ v }: { v: string | null | undefined }) {
  if (v === null || v === undefined || v === "")
    return (
      <span className="text-gray-400" title="无法计算或未披露">
        —
      </span>
    );
  return <span>{formatPercent(v)}</span>;
}

export function SyntheticBadge({ synthetic }: { synthetic: boolean }) {
  if (!synthetic) return null;
  return (
    <span
      className="ml-1 whitespace-nowrap rounded bg-amber-100 px-1.5 py-0.5 text-xs font-normal text-amber-800"
      title="由生成器合成的示例数据，不是真实公开文件"
    >
      合成示例
    </span>
  );
}

const SEVERITY_STYLE = {
  error: "bg-rose-100 text-rose-800",
  warning: "bg-amber-100 text-amber-800",
  rounding: "bg-gray-100 text-gray-700",
} as const;
const SEVERITY_TEXT = { error: "错误", warning: "警告", rounding: "尾数差异" } as const;

export function SeverityBadge({ severity }: { severity: string }) {
  const s = (severity in SEVERITY_STYLE ? severity : "warning") as keyof typeof SEVERITY_STYLE;
  return (
    <span className={`whitespace-nowrap rounded px-1.5 py-0.5 text-xs ${SEVERITY_STYLE[s]}`}>{SEVERITY_TEXT[s]}</span>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="rounded border border-dashed border-gray-300 p-4 text-sm text-gray-500">{children}</p>;
}

export function CsvLink({
  dataset,
  params,
}: {
  dataset: string;
  params?: Record<string, string | number | undefined>;
}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== "") qs.set(k, String(v));
  const q = qs.toString();
  return (
    <>
      <a
        className="rounded border border-gray-300 px-2 py-1 text-xs text-gray-700 hover:bg-gray-50"
        href={`/export/${dataset}${q ? `?${q}` : ""}`}
        download
      >
        下载 CSV
      </a>
      <a
        className="rounded border border-gray-300 px-2 py-1 text-xs text-gray-700 hover:bg-gray-50"
        href={`/api/${dataset}${q ? `?${q}` : ""}`}
      >
        JSON
      </a>
    </>
  );
}

/** A term with its definition from the document's own 名词解释 (or the product's formula) on hover. */
export function Term({ children, definition }: { children: React.ReactNode; definition?: string }) {
  if (!definition) return <>{children}</>;
  return (
    <abbr className="cursor-help decoration-dotted" title={definition}>
      {children}
    </abbr>
  );
}

export function YearPicker({
  years,
  current,
  path,
  params,
}: {
  years: number[];
  current?: number;
  path: string;
  params?: Record<string, string | number | undefined>;
}) {
  if (years.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-1 text-sm">
      <span className="text-gray-500">年度</span>
      {years.map((y) => {
        const qs = new URLSearchParams();
        for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== "") qs.set(k, String(v));
        qs.set("year", String(y));
        return (
          <Link
            key={y}
            href={`${path}?${qs}`}
            className={`rounded px-2 py-0.5 ${y === current ? "bg-blue-600 text-white" : "border border-gray-300 text-gray-700 hover:bg-gray-50"}`}
          >
            {y}
          </Link>
        );
      })}
    </div>
  );
}

export function hrefWith(path: string, params: Record<string, string | number | undefined | null>) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") qs.set(k, String(v));
  const q = qs.toString();
  return q ? `${path}?${q}` : path;
}

/**
 * The whole page when the store has no report for the view. With real documents only (the default) it says so and,
 * given the page's path, offers the demo city: a store loaded with DEMO_CITY=0 and no document yet is not an error.
 */
export function NoReports({
  title,
  purpose,
  synthetic,
  path,
}: {
  title: string;
  purpose: string;
  synthetic: boolean;
  path?: string;
}) {
  return (
    <div>
      <PageHeader title={title}>
        {path ? <SyntheticToggle path={path} synthetic={synthetic} params={{}} /> : null}
      </PageHeader>
      <Empty>
        库中还没有{synthetic ? "" : "真实公开的"}决算报告，无法{purpose}。用{" "}
        <code>npm run cli -- ingest &lt;文件或目录&gt;</code> 载入{synthetic ? "" : "，或加入合成示例城市查看演示"}。
      </Empty>
    </div>
  );
}
