"use client";

import { BarChart, DonutChart, LineChart, ScatterChart } from "@tremor/react";

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

export function Scatter(props: { data: Row[]; x: string; y: string; category: string; size?: string; height?: string }) {
  return (
    <ScatterChart
      className={props.height ?? "h-80"}
      data={props.data}
      x={props.x}
      y={props.y}
      category={props.category}
      size={props.size}
      colors={["emerald", "amber", "rose", "blue"]}
      valueFormatter={{ x: formatters.percent, y: (v: number) => `${wan.format(v)} 分` }}
      showLegend
      showAnimation={false}
    />
  );
}
