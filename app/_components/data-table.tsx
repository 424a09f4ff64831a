import type { ReactNode } from "react";
import type { Column } from "@/lib/views/columns";
import { SortableTable, type SortRow } from "./sortable-table";

type Row = Record<string, unknown>;

/**
 * One table of a page, rendered from the same column declaration as its CSV and JSON (lib/views). The rows travel
 * to the browser as data and each format prints one way there (see SortableTable); `cells` overrides a column's cell
 * with a link or badge rendered here (undefined: the format's own cell). On a phone the table scrolls sideways with its first column held in place.
 * Headers sort the rows in view, so a paged list (whose order the query sets) passes `sortable={false}`.
 */
export function DataTable<R extends Row>(props: {
  columns: readonly Column[];
  rows: readonly R[];
  rowKey: (r: R) => string | number;
  cells?: Partial<Record<string, (r: R) => ReactNode>>;
  rowClass?: (r: R) => string | undefined;
  minWidth?: string;
  sortable?: boolean;
  dense?: boolean;
  /** false: no unit line under the table (tables stacked one after another, whose section says it once) */
  legend?: false;
  /** said after the unit line under the table */
  note?: ReactNode;
}) {
  const columns = props.columns.filter((c) => !c.csvOnly);
  const head = columns.map((c) => ({
    label: c.label,
    format: c.format,
    sortable: !c.pageOnly,
    ...(c.title ? { title: c.title } : {}),
  }));
  const overrides = columns.flatMap((c, i) => {
    const f = props.cells?.[c.key];
    return f ? [[i, f] as const] : [];
  });
  const rows: SortRow[] = props.rows.map((r) => {
    const row: SortRow = { key: String(props.rowKey(r)), values: columns.map((c) => sortValue(r[c.key])) };
    const className = props.rowClass?.(r);
    if (className) row.className = className;
    // an override that gives nothing leaves the cell to its format
    const cells = overrides.flatMap(([i, f]) => {
      const c = f(r);
      return c === undefined ? [] : [[i, c] as const];
    });
    if (cells.length) row.cells = Object.fromEntries(cells);
    return row;
  });
  const money = columns.some((c) => c.format === "wan");
  return (
    <div className="overflow-x-auto">
      <SortableTable
        head={head}
        rows={rows}
        minWidth={props.minWidth ?? "min-w-[560px]"}
        sortable={props.sortable ?? props.rows.length > 1}
        dense={props.dense}
      />
      {props.legend === false ? null : (
        <p className="mt-1 text-xs text-gray-500">
          {money ? "金额单位：万元。" : ""}“—”表示文件未披露或无法计算，不等于零。{props.note}
        </p>
      )}
    </div>
  );
}

function sortValue(v: unknown): string | null {
  return v === null || v === undefined || v === "" ? null : String(v);
}
