"use client";

/**
 * Shown when a page cannot be rendered — most often because the database is unreachable. 重试 calls Next's
 * `retry()`, which fetches the page from the server again (`reset()` would only re-render what already failed).
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <div role="alert" className="mx-auto max-w-xl rounded-lg border border-rose-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold text-rose-800">页面暂时无法显示</h1>
      <p className="mt-2 text-sm text-gray-700">
        读取数据时出错，可能是数据库暂时不可用或正在维护。数据没有丢失；数据库恢复后，点“重试”或刷新页面即可。
      </p>
      {digest ? <p className="mt-2 text-xs text-gray-500">错误编号：{digest}（联系管理员时请提供）</p> : null}
      <button
        type="button"
        onClick={() => retry()}
        className="mt-4 rounded bg-blue-600 px-3 py-1.5 text-sm text-white hover:bg-blue-700"
      >
        重试
      </button>
    </div>
  );
}
