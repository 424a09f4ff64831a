import type { z } from "zod";
import type { benchmarkParamsSchema } from "@/lib/filters";
import { hrefWith } from "../_components/ui";

type Keep = { year: number; synthetic?: string; metric?: string; size?: string; scope?: string; vs?: number };
export type BenchmarkView = {
  sp: z.infer<typeof benchmarkParamsSchema>;
  year: number;
  /** the earlier year compared with, when it is in the store */
  vs?: number;
  keep: Keep;
  href: (over: Partial<Record<keyof Keep | "page", string | number | undefined>>) => string;
};

export function benchmarkView(sp: BenchmarkView["sp"], year: number, years: number[]): BenchmarkView {
  const vs = sp.vs !== undefined && sp.vs !== year && years.includes(sp.vs) ? sp.vs : undefined;
  const keep = {
    year,
    synthetic: sp.synthetic ? "1" : undefined,
    metric: sp.metric === "executionRate" ? undefined : sp.metric,
    size: sp.size === "all" ? undefined : sp.size,
    scope: sp.scope === "department" ? undefined : sp.scope,
    vs,
  };
  return { sp, year, vs, keep, href: (over) => hrefWith("/benchmark", { ...keep, ...over }) };
}
