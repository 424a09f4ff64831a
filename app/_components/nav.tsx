import Link from "next/link";

const ITEMS = [
  ["/", "总览"],
  ["/departments", "部门"],
  ["/structure", "支出结构"],
  ["/execution", "预算执行"],
  ["/budget-review", "预算审查"],
  ["/procurement", "政府采购"],
  ["/sangong", "三公经费"],
  ["/performance", "绩效"],
  ["/benchmark", "对标"],
  ["/quality", "数据质量"],
] as const;

export function Nav() {
  return (
    <nav className="border-b border-gray-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3">
        <Link href="/" className="mr-4 text-lg font-semibold text-gray-900">
          决算透视
        </Link>
        {ITEMS.map(([href, label]) => (
          <Link key={href} href={href} className="text-sm text-gray-600 hover:text-blue-700">
            {label}
          </Link>
        ))}
        <form action="/search" method="get" role="search" className="ml-auto">
          <input
            name="q"
            type="search"
            maxLength={50}
            placeholder="查找部门或项目"
            aria-label="查找部门或项目"
            className="w-40 rounded border border-gray-300 px-2 py-1 text-sm"
          />
        </form>
      </div>
    </nav>
  );
}
