/**
 * The paths the load benches request: every dashboard page, one department's review pack, one CSV export and one
 * JSON dataset. No database import here, so a test that only talks HTTP can use the list; scripts/bench/pages.ts
 * pairs each path with its floor.
 */

/** The datasets requested: the overview table as CSV, and every finding (up to 5,000 rows) as JSON. */
export const CSV_DATASET = "overview";
export const JSON_DATASET = "findings";

/**
 * The paths, in the order the clients cycle through them. The dashboards show real documents only unless asked;
 * the benches ask for the demo city too (`synthetic=1`), since the scale stores hold nothing else.
 */
export function benchPaths(departmentId: number): string[] {
  const all = (p: string) => `${p}?synthetic=1`;
  return [
    all("/"),
    all("/departments"),
    `/departments/${departmentId}`,
    all("/structure"),
    all("/execution"),
    "/budget-review",
    all("/procurement"),
    all("/sangong"),
    all("/performance"),
    all("/benchmark"),
    all("/quality"),
    all(`/export/${CSV_DATASET}`),
    all(`/api/${JSON_DATASET}`),
  ];
}

/**
 * The department whose review pack the benches open: the first of /api/departments (real documents sort before
 * synthetic ones). pages.ts makes the same choice from the store.
 */
export async function departmentIdFromApp(baseUrl: string): Promise<number | undefined> {
  const res = await fetch(`${baseUrl.replace(/\/+$/, "")}/api/departments?synthetic=1`, {
    signal: AbortSignal.timeout(120_000),
  });
  if (!res.ok) throw new Error(`GET /api/departments?synthetic=1: HTTP ${res.status}`);
  const body = (await res.json()) as { rows?: { departmentId?: number }[] };
  const id = body.rows?.[0]?.departmentId;
  return typeof id === "number" ? id : undefined;
}
