import { locationText, tableOfTitle, type unreadNotes } from "@/lib/report/coverage";
import { TABLE_IDS, type Report, type TableId } from "@/lib/report/schema";

/** The nine tables' unread notes, by table id (the first note's place in the original): a table section says where they are. */
export function unreadTablesOf(report: Report, notes: ReturnType<typeof unreadNotes>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const u of notes) {
    const id = u.part === "table" ? tableOfTitle(u.where) : null;
    if (id && !(id in out)) out[id] = locationText(report, u);
  }
  return out;
}

/**
 * Cells (rows × columns) shown on one tab of the tables page. A cell costs ~330 bytes of page — its HTML, and the
 * React payload that repeats it for hydration — so a tab stays well under 200 KB; a small document's nine tables
 * fit on one tab, a large one's on two or three.
 */
const CELLS_PER_TAB = 400;

/** The nine tables in tabs of consecutive tables, each at most CELLS_PER_TAB cells (or one larger table on its own). */
export function tableTabs(report: Report): TableId[][] {
  const tabs: TableId[][] = [];
  let cells = Infinity;
  for (const id of TABLE_IDS) {
    const t = report.tables.find((x) => x.id === id);
    const columns = new Set(t?.rows.flatMap((r) => Object.keys(r.values)));
    const n = (t?.rows.length ?? 0) * (columns.size + 1) + 1;
    if (cells + n > CELLS_PER_TAB) {
      tabs.push([]);
      cells = 0;
    }
    tabs[tabs.length - 1].push(id);
    cells += n;
  }
  return tabs;
}

/** The tables page at the tab showing `table` (default the first tab), for the same year and revision. */
export function tablesHref(deptId: number, year: number, revision: number | undefined, table?: string): string {
  const q = new URLSearchParams({ year: String(year) });
  if (revision !== undefined) q.set("revision", String(revision));
  if (table) q.set("t", table);
  return `/departments/${deptId}/tables?${q}${table ? `#${table}` : ""}`;
}
