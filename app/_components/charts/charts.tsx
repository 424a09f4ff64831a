"use client";

import { BarChart, DonutChart, LineChart } from "@tremor/react";

// Formatters live here because functions cannot cross from server components to client components.
const wan = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const formatters = {
  wanyuan: (v: number) => `${wan.format(v)} 万元`,
  percent: (v: number) => `${wan.format(v)}%`,
  count: (v: number) => new Intl.NumberFormat("zh-CN").format(v),
};
export type Unit = keyof typeof formatters;

type Row = Record<string, string | number | null>;

export function Bars(props: {
  data: Row[];
  index: string;
  categories: string[];
  unit?: Unit;
  stack?: boolean;
  relative?: boolean;
  layout?: "horizontal" | "vertical";
  height?: string;
  colors?: string[];
  /** fixes the value axis end, e.g. 100 for stacked shares that Tremor would otherwise pad past 100% */
  maxValue?: number;
}) {
  return (
    <BarChart
      className={props.height ?? "h-72"}
      data={props.data}
      index={props.index}
      categories={props.categories}
      colors={props.colors ?? ["blue", "amber", "emerald", "violet", "rose", "cyan", "slate"]}
      valueFormatter={formatters[props.unit ?? "wanyuan"]}
      stack={props.stack}
      relative={props.relative}
      layout={props.layout}
      yAxisWidth={props.layout === "vertical" ? 160 : 88}
      maxValue={props.maxValue}
      showAnimation={false}
    />
  );
}

export function Lines(props: { data: Row[]; index: string; categories: string[]; unit?: Unit; height?: string }) {
  return (
    <LineChart
      className={props.height ?? "h-72"}
      data={props.data}
      index={props.index}
      categories={props.categories}
      colors={["blue", "amber", "emerald", "violet", "rose", "cyan"]}
      valueFormatter={formatters[props.unit ?? "wanyuan"]}
      yAxisWidth={88}
      connectNulls={false}
      showAnimation={false}
    />
  );
}

export function Donut(props: { data: Row[]; index: string; category: string; unit?: Unit }) {
  return (
    <DonutChart
      className="h-56"
      data={props.data}
      index={props.index}
      category={props.category}
      colors={["blue", "amber", "emerald", "violet", "rose", "cyan", "slate"]}
      valueFormatter={formatters[props.unit ?? "wanyuan"]}
      showAnimation={false}
    />
  );
}

type RefBar = { label: string; value: number; display: string; href?: string; tone?: "bad" | "good" | "neutral"; note?: string };
type RefLine = { value: number; label: string };

/**
 * A ranked list of horizontal bars with optional reference lines (a policy target, a peer median, thresholds),
 * drawn in plain HTML so the lines are exact, labels never get cut, and it stays legible at phone width.
 * Negative values (changes, deviations) grow left from a zero line.
 */
export function ReferenceBars(props: { rows: RefBar[]; references?: RefLine[]; label?: string }) {
  const refs = props.references ?? [];
  const values = [...props.rows.map((r) => r.value), ...refs.map((r) => r.value)];
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const span = hi - lo || 1;
  const at = (v: number) => `${(((v - lo) / span) * 100).toFixed(3)}%`;
  const TONE = { bad: "bg-rose-500", good: "bg-emerald-500", neutral: "bg-blue-500" } as const;
  const DASH = ["border-dashed border-gray-800", "border-dotted border-amber-600", "border-dotted border-rose-600"];
  return (
    <div role="img" aria-label={props.label}>
      {refs.length ? (
        <div className="mb-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-gray-600">
          {refs.map((r, i) => (
            <span key={r.label} className="flex items-center gap-1.5">
              <span className={`inline-block h-3 w-0 border-l-2 ${DASH[i % DASH.length]}`} aria-hidden />
              {r.label}
            </span>
          ))}
        </div>
      ) : null}
      <ul className="space-y-1">
        {props.rows.map((r, i) => (
          <li key={`${r.label}-${i}`} className="grid grid-cols-[minmax(5rem,7.5rem)_1fr_auto] items-center gap-2 text-xs sm:grid-cols-[minmax(5.5rem,11rem)_1fr_auto]">
            <span className="truncate text-gray-800" title={r.label}>
              {r.href ? <a className="text-blue-700 hover:underline" href={r.href}>{r.label}</a> : r.label}
            </span>
            <span className="relative h-4 rounded bg-gray-100" title={r.note ?? `${r.label}：${r.display}`}>
              <span
                className={`absolute top-0 h-4 rounded ${TONE[r.tone ?? "neutral"]}`}
                style={{ left: at(Math.min(0, r.value)), width: `${((Math.abs(r.value) / span) * 100).toFixed(3)}%` }}
              />
              {lo < 0 ? <span className="absolute top-0 h-4 border-l border-gray-500" style={{ left: at(0) }} aria-hidden /> : null}
              {refs.map((ref, k) => (
                <span key={ref.label} className={`absolute -top-0.5 h-5 border-l-2 ${DASH[k % DASH.length]}`} style={{ left: at(ref.value) }} aria-hidden />
              ))}
            </span>
            <span className="w-24 whitespace-nowrap text-right tabular-nums text-gray-700 sm:w-32">{r.display}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
