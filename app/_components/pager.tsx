import Link from "next/link";

/**
 * Page links for a long list: first, last and the pages around the current one, so a province's twenty thousand
 * departments give a dozen links, not a thousand. `href(n)` builds the URL of page n (filters kept in the URL).
 */
export function Pager({
  page,
  pageSize,
  total,
  href,
  unit = "个",
}: {
  page: number;
  pageSize: number;
  total: number;
  href: (n: number) => string;
  unit?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const link = "rounded border border-gray-300 px-2 py-0.5";
  return (
    <nav className="no-print my-2 flex flex-wrap items-center gap-1 text-sm" aria-label="分页">
      <span className="mr-2 text-gray-500">
        第 {from}–{to} {unit}，共 {total} {unit}
      </span>
      {page > 1 ? (
        <Link className={link} href={href(page - 1)}>
          上一页
        </Link>
      ) : null}
      {shown.map((n, i) => (
        <span key={n} className="contents">
          {i > 0 && n - shown[i - 1] > 1 ? <span className="px-1 text-gray-400">…</span> : null}
          {n === page ? (
            <span className="rounded bg-blue-600 px-2 py-0.5 text-white" aria-current="page">
              {n}
            </span>
          ) : (
            <Link className={link} href={href(n)}>
              {n}
            </Link>
          )}
        </span>
      ))}
      {page < pages ? (
        <Link className={link} href={href(page + 1)}>
          下一页
        </Link>
      ) : null}
    </nav>
  );
}
