import type { ReactNode } from "react";
import { formatScore, formatWanyuan } from "@/lib/money/format";
import type { Column } from "@/lib/views/columns";
import { SortableTable, type SortRow } from "./sortable-table";
import { Pct, Wan } from "./ui";

type Row = Record<string, unknown>;

/**
 * One table of a page, rendered from the same column declaration as its CSV and JSON (lib/views). Each format prints
 * one way (万元 and % with two decimals, "—" for what the document does not give); `cells` overrides a column's cell
 * with a link or badge. On a phone the table scrolls sideways with its first column held in place. Headers sort the
 * rows in view, so a paged list (whose order the query sets) passes `sortable={false}`.
 */
export function DataTable<R extends Row>(props: {
  columns: readonly Column[];
  rows: readonly R[];
  rowKey: (r: R) => string | number;
  cells?: Partial<Record<string, (r: R) => ReactNode>>;
  rowClass?: (r: R) => string | undefined;
  minWidth?: string;
  sortable?: boolean;
  /** said after the unit line under the table */
  note?: ReactNode;
}) {
  const columns = props.columns.filter((c) => !c.csvOnly);
  const head = columns.map((c) => ({
    label: c.label,
    title: c.title,
    numeric: c.format !== "text",
    sortable: !c.pageOnly,
  }));
  const rows: SortRow[] = props.rows.map((r) => ({
    key: String(props.rowKey(r)),
    className: props.rowClass?.(r),
    values: columns.map((c) => sortValue(r[c.key])),
    cells: columns.map((c) => props.cells?.[c.key]?.(r) ?? cell(c, r[c.key])),
  }));
  const money = columns.some((c) => c.format === "wan");
  return (
    <div className="overflow-x-auto">
      <SortableTable
        head={head}
        rows={rows}
        minWidth={props.minWidth ?? "min-w-[560px]"}
        sortable={props.sortable ?? props.rows.length > 1}
      />
      <p className="mt-1 text-xs text-gray-500">
        {money ? "金额单位：万元。" : ""}“—”表示文件未披露或无法计算，不等于零。{props.note}
      </p>
    </div>
  );
}

function cell(c: Column, v: unknown): ReactNode {
  const s = v === null || v === undefined ? undefined : String(v);
  switch (c.format) {
    case "wan":
      return <Wan v={s} />;
    case "pct":
      return <Pct v={s} />;
    case "yuan":
      return s === undefined || s === "" ? <span className="text-gray-400">—</span> : formatWanyuan(s);
    case "score":
    case "decimal":
      return formatScore(s);
    default:
      return s === undefined || s === "" ? <span className="text-gray-400">—</span> : s;
  }
}

function sortValue(v: unknown): string | null {
  return v === null || v === undefined || v === "" ? null : String(v);
}
