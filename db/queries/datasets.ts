import "server-only";
import type { z } from "zod";
import type { RawParams } from "@/lib/filters";
import type { Column } from "@/lib/views/columns";
import { budgetDatasets } from "./datasets-budgets";
import { coreDatasets } from "./datasets-core";
import { dashboardDatasets } from "./datasets-dashboards";
import { packDatasets } from "./datasets-pack";

/** A table a page shows, served as JSON under /api/<name> and as CSV under /export/<name> from the same query. */
export type Dataset = {
  title: string;
  /** parses the URL's search params (bad values fall back to defaults, never throw) */
  params: z.ZodTypeAny;
  /** typed columns (lib/views): the label, the unit and the printed precision of every column */
  columns: readonly Column[];
  fetch: (params: never) => Promise<Record<string, unknown>[]>;
};

export const DATASETS: Record<string, Dataset> = {
  ...coreDatasets,
  ...dashboardDatasets,
  ...budgetDatasets,
  ...packDatasets,
};

export async function runDataset(name: string, raw: RawParams) {
  const ds = Object.hasOwn(DATASETS, name) ? DATASETS[name] : undefined;
  if (!ds) return null;
  const params = ds.params.parse(raw);
  const rows = await (ds.fetch as (p: unknown) => ReturnType<Dataset["fetch"]>)(params);
  // a page-only column (a link, a control) has nothing to download
  const columns = ds.columns.filter((c) => !c.pageOnly);
  return { name, title: ds.title, params, columns, rows };
}
