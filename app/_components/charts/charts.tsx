"use client";

import { BarChart, DonutChart, LineChart, type CustomTooltipProps } from "@tremor/react";

// Formatters live here because functions cannot cross from server components to client components.
const two = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });
const short = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 1 });
const small = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });
/** as many decimals as a tick of this size needs (0.25, 2.5, 250), never more than two */
const tick = (v: number) => (Math.abs(v) < 10 ? small : Math.abs(v) < 100 ? short : whole).format(v);

/** Exact values, for tooltips and legends: two decimals as the tables print them. */
const exact = {
  wanyuan: (v: number) => `${two.format(v)} 万元`,
  percent: (v: number) => `${two.format(v)}%`,
  count: (v: number) => whole.format(v),
};
export type Unit = keyof typeof exact;

/** Axis ticks: short enough never to wrap in the axis width (1.2 亿元, 3,500 万元, 120%, 3). */
const axis: Record<Unit, (v: number) => string> = {
  wanyuan: (v) => (Math.abs(v) >= 10000 ? `${tick(v / 10000)} 亿元` : `${tick(v)} 万元`),
  percent: (v) => `${tick(v)}%`,
  count: (v) => whole.format(v),
};

const PALETTE = ["blue", "amber", "emerald", "violet", "rose", "cyan", "slate"];
const DOT: Record<string, string> = {
  blue: "bg-blue-500",
  amber: "bg-amber-500",
  emerald: "bg-emerald-500",
  violet: "bg-violet-500",
  rose: "bg-rose-500",
  cyan: "bg-cyan-500",
  slate: "bg-slate-500",
};

type Row = Record<string, string | number | null>;

/** The tooltip of every chart: the label and each series at the tables' precision (the axis is abbreviated). */
function tooltipFor(unit: Unit) {
  return function Tip({ payload, active, label }: CustomTooltipProps) {
    if (!active || !payload?.length) return null;
    return (
      <div className="rounded border border-gray-200 bg-white p-2 text-xs shadow">
        <div className="mb-1 font-medium text-gray-800">{label}</div>
        {payload.map((p) => (
          <div key={String(p.dataKey)} className="flex items-center justify-between gap-3">
            <span className="flex items-center gap-1">
              <span className={`inline-block h-2 w-2 rounded-full ${DOT[String(p.color)] ?? "bg-gray-400"}`} />
              {String(p.name)}
            </span>
            <span className="tabular-nums">
              {p.value === null || p.value === undefined ? "—" : exact[unit](Number(p.value))}
            </span>
          </div>
        ))}
      </div>
    );
  };
}
const TOOLTIPS = { wanyuan: tooltipFor("wanyuan"), percent: tooltipFor("percent"), count: tooltipFor("count") };

/** The series' legend, wrapping onto as many lines as it needs: Tremor's own cuts the last entries off on a phone. */
function SeriesLegend({ categories, colors }: { categories: string[]; colors: string[] }) {
  return (
    <ul className="mb-1 flex flex-wrap justify-end gap-x-3 gap-y-0.5 text-xs text-gray-600">
      {categories.map((c, i) => (
        <li key={c} className="flex items-center gap-1">
          <span
            className={`inline-block h-2 w-2 rounded-full ${DOT[colors[i % colors.length]] ?? "bg-gray-400"}`}
            aria-hidden
          />
          {c}
        </li>
      ))}
    </ul>
  );
}

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
  const unit = props.unit ?? "wanyuan";
  const colors = props.colors ?? PALETTE;
  return (
    <div>
      <SeriesLegend categories={props.categories} colors={colors} />
      <BarChart
        className={props.height ?? "h-72"}
        data={props.data}
        index={props.index}
        categories={props.categories}
        colors={colors}
        valueFormatter={axis[unit]}
        customTooltip={TOOLTIPS[unit]}
        allowDecimals={unit !== "count"}
        stack={props.stack}
        relative={props.relative}
        layout={props.layout}
        yAxisWidth={props.layout === "vertical" ? 160 : 76}
        maxValue={props.maxValue}
        showLegend={false}
        showAnimation={false}
      />
    </div>
  );
}

export function Lines(props: {
  data: Row[];
  index: string;
  categories: string[];
  unit?: Unit;
  height?: string;
  colors?: string[];
}) {
  const unit = props.unit ?? "wanyuan";
  const colors = props.colors ?? PALETTE;
  return (
    <div>
      <SeriesLegend categories={props.categories} colors={colors} />
      <LineChart
        className={props.height ?? "h-72"}
        data={props.data}
        index={props.index}
        categories={props.categories}
        colors={colors}
        valueFormatter={axis[unit]}
        customTooltip={TOOLTIPS[unit]}
        allowDecimals={unit !== "count"}
        yAxisWidth={76}
        connectNulls={false}
        showLegend={false}
        showAnimation={false}
      />
    </div>
  );
}

/** A donut with its legend: each slice named with its amount and share, so the chart reads without hovering. */
export function Donut(props: { data: Row[]; index: string; category: string; unit?: Unit }) {
  const unit = props.unit ?? "wanyuan";
  const total = props.data.reduce((a, r) => a + Number(r[props.category] ?? 0), 0);
  const colors = props.data.map((_, i) => PALETTE[i % PALETTE.length]);
  return (
    <div>
      <DonutChart
        className="h-56"
        data={props.data}
        index={props.index}
        category={props.category}
        colors={colors}
        valueFormatter={exact[unit]}
        showAnimation={false}
      />
      {/* a list, not Tremor's Legend: its items are cut off at a narrow width, and a legend must be read whole */}
      <ul className="mt-3 space-y-0.5 text-xs text-gray-700">
        {props.data.map((r, i) => {
          const v = Number(r[props.category] ?? 0);
          return (
            <li key={String(r[props.index])} className="flex items-start gap-1.5">
              <span className={`mt-1 inline-block h-2 w-2 shrink-0 rounded-full ${DOT[colors[i]]}`} aria-hidden />
              <span>
                {String(r[props.index])}{" "}
                <span className="whitespace-nowrap tabular-nums">
                  {exact[unit](v)}
                  {total > 0 ? `（${two.format((v / total) * 100)}%）` : ""}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

type RefBar = {
  label: string;
  value: number;
  display: string;
  href?: string;
  tone?: "bad" | "good" | "neutral";
  note?: string;
};
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
          <li
            key={`${r.label}-${i}`}
            className="grid grid-cols-[minmax(5rem,7.5rem)_1fr_auto] items-center gap-2 text-xs sm:grid-cols-[minmax(5.5rem,11rem)_1fr_auto]"
          >
            <span className="truncate text-gray-800" title={r.label}>
              {r.href ? (
                <a className="text-blue-700 hover:underline" href={r.href}>
                  {r.label}
                </a>
              ) : (
                r.label
              )}
            </span>
            <span className="relative h-4 rounded bg-gray-100" title={r.note ?? `${r.label}：${r.display}`}>
              <span
                className={`absolute top-0 h-4 rounded ${TONE[r.tone ?? "neutral"]}`}
                style={{ left: at(Math.min(0, r.value)), width: `${((Math.abs(r.value) / span) * 100).toFixed(3)}%` }}
              />
              {lo < 0 ? (
                <span className="absolute top-0 h-4 border-l border-gray-500" style={{ left: at(0) }} aria-hidden />
              ) : null}
              {refs.map((ref, k) => (
                <span
                  key={ref.label}
                  className={`absolute -top-0.5 h-5 border-l-2 ${DASH[k % DASH.length]}`}
                  style={{ left: at(ref.value) }}
                  aria-hidden
                />
              ))}
            </span>
            <span className="w-24 whitespace-nowrap text-right tabular-nums text-gray-700 sm:w-32">{r.display}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
