"use client";

import { useState, type ReactNode } from "react";
import { formatScore, formatWanyuan } from "@/lib/money/format";
import { compareDecimal, type Format } from "@/lib/views/columns";
import { Pct, Wan } from "./ui";

export type Head = { label: string; title?: string; format: Format; sortable: boolean };
/**
 * A row as data: `values` are the cells as stored (also the sort keys); `cells` holds only the cells the server
 * rendered itself (a link, a badge), by column index. Everything else is printed here from the column's format, so the
 * page's React payload carries each figure once instead of repeating the markup the HTML already has.
 */
export type SortRow = {
  key: string;
  className?: string;
  values: (string | null)[];
  cells?: Record<number, ReactNode>;
};

/** The table's markup with headers that sort the rows in view. */
export function SortableTable({
  head,
  rows,
  minWidth,
  sortable,
  dense,
}: {
  head: Head[];
  rows: SortRow[];
  minWidth: string;
  sortable: boolean;
  /** smaller type and padding, for a table of many rows under another (a project's indicators) */
  dense?: boolean;
}) {
  const [sort, setSort] = useState<{ i: number; dir: 1 | -1 } | null>(null);
  const numeric = head.map((h) => h.format !== "text");
  const shown = sort
    ? [...rows].sort((a, b) => sort.dir * order(numeric[sort.i], a.values[sort.i], b.values[sort.i]))
    : rows;
  const click = (i: number) =>
    setSort((s) => (s?.i === i ? { i, dir: s.dir === 1 ? -1 : 1 } : { i, dir: numeric[i] ? -1 : 1 }));
  // padding and row rules are set once on the table, not on each cell: a long table's HTML is mostly its cells' markup
  return (
    <table className={`sticky-first w-full ${minWidth} border-collapse ${dense ? DENSE : REGULAR}`}>
      <thead>
        <tr className="border-b bg-gray-100 text-left">
          {head.map((h, i) => (
            <th
              key={i}
              className={numeric[i] ? "num" : undefined}
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
          <tr key={r.key} className={r.className}>
            {head.map((h, i) => (
              <td key={i} className={numeric[i] ? "num" : undefined}>
                {r.cells && i in r.cells ? r.cells[i] : cell(h.format, r.values[i])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const REGULAR = "text-sm [&_td]:p-1.5 [&_th]:p-1.5 [&_tbody_tr]:border-b [&_tbody_tr]:border-gray-100";
const DENSE = "text-xs [&_td]:p-1 [&_td]:align-top [&_th]:p-1 [&_tbody_tr]:border-b [&_tbody_tr]:border-gray-100";

/** Each format prints one way: 万元 and % with two decimals, "—" for what the document does not give. */
function cell(format: Format, v: string | null): ReactNode {
  const s = v ?? undefined;
  switch (format) {
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

function order(numeric: boolean, a: string | null, b: string | null): number {
  if (numeric) return compareDecimal(a, b);
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.localeCompare(b, "zh-CN");
}
