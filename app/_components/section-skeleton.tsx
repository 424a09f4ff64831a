/** Stands in for a section while its statements run, so the page's frame and the sections already read show first. */
export function SectionSkeleton({ title }: { title: string }) {
  return (
    <section className="mb-6 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" aria-busy="true">
      <h2 className="mb-3 text-lg font-semibold text-gray-900">{title}</h2>
      <div className="animate-pulse space-y-2">
        <div className="h-4 w-2/3 rounded bg-gray-100" />
        <div className="h-32 rounded bg-gray-100" />
        <div className="h-4 w-1/2 rounded bg-gray-100" />
      </div>
      <p className="mt-2 text-xs text-gray-400">正在读取…</p>
    </section>
  );
}
