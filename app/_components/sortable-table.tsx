"use client";

import { useState, type ReactNode } from "react";
import { compareDecimal } from "@/lib/views/columns";

export type Head = { label: string; title?: string; numeric: boolean; sortable: boolean };
export type SortRow = { key: string; className?: string; values: (string | null)[]; cells: ReactNode[] };

/**
 * The table's markup with headers that sort the rows in view. Only the cells' sort values travel as data; the cells
 * themselves arrive rendered by the server, so the page is the same HTML before and after hydration.
 */
export function SortableTable({
  head,
  rows,
  minWidth,
  sortable,
}: {
  head: Head[];
  rows: SortRow[];
  minWidth: string;
  sortable: boolean;
}) {
  const [sort, setSort] = useState<{ i: number; dir: 1 | -1 } | null>(null);
  const shown = sort
    ? [...rows].sort((a, b) => sort.dir * order(head[sort.i].numeric, a.values[sort.i], b.values[sort.i]))
    : rows;
  const click = (i: number) =>
    setSort((s) => (s?.i === i ? { i, dir: s.dir === 1 ? -1 : 1 } : { i, dir: head[i].numeric ? -1 : 1 }));
  return (
    <table className={`sticky-first w-full ${minWidth} border-collapse text-sm`}>
      <thead>
        <tr className="border-b bg-gray-100 text-left">
          {head.map((h, i) => (
            <th
              key={i}
              className={`p-1.5 ${h.numeric ? "num" : ""}`}
              title={h.title}
              aria-sort={sort?.i === i ? (sort.dir === 1 ? "ascending" : "descending") : undefined}
            >
              {sortable && h.sortable ? (
                <button
                  type="button"
                  className="cursor-pointer whitespace-nowrap font-semibold hover:text-blue-700"
                  onClick={() => click(i)}
                  title={h.title ? `${h.title}（点击排序）` : "点击排序"}
                >
                  {h.label}
                  <span className="ml-0.5 text-xs text-gray-400">
                    {sort?.i === i ? (sort.dir === 1 ? "▲" : "▼") : "↕"}
                  </span>
                </button>
              ) : (
                h.label
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {shown.map((r) => (
          <tr key={r.key} className={`border-b border-gray-100 ${r.className ?? ""}`}>
            {r.cells.map((c, i) => (
              <td key={i} className={`p-1.5 ${head[i].numeric ? "num" : ""}`}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function order(numeric: boolean, a: string | null, b: string | null): number {
  if (numeric) return compareDecimal(a, b);
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.localeCompare(b, "zh-CN");
}
