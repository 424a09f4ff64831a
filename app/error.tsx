"use client";

/** Shown when a page cannot be rendered — most often because the database is unreachable. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-rose-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold text-rose-800">页面暂时无法显示</h1>
      <p className="mt-2 text-sm text-gray-700">
        读取数据时出错，可能是数据库暂时不可用或正在维护。数据没有丢失；数据库恢复后页面会自动恢复正常。
      </p>
      {error.digest ? <p className="mt-2 text-xs text-gray-500">错误编号：{error.digest}（联系管理员时请提供）</p> : null}
      <button type="button" onClick={() => reset()} className="mt-4 rounded bg-blue-600 px-3 py-1.5 text-sm text-white hover:bg-blue-700">
        重试
      </button>
    </div>
  );
}
