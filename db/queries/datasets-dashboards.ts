import "server-only";
import type { Dataset } from "./datasets";

/** Datasets of the comparison dashboards (structure, execution, procurement, sangong, performance, benchmark). */
export const dashboardDatasets: Record<string, Dataset> = {};
