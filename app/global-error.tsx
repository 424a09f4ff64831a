"use client";

import "./globals.css";
import ErrorPage from "./error";

/**
 * Replaces the root layout when the layout itself fails (app/error.tsx sits inside the layout and cannot catch
 * that): the same Chinese message and 重试, in a document of its own, as Next requires of global-error.
 */
export default function GlobalError(props: { error: unknown; retry: () => void }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-gray-50 text-gray-900">
        <title>页面暂时无法显示 · 决算透视</title>
        <main className="mx-auto max-w-7xl px-4 py-6">
          <ErrorPage {...props} />
        </main>
      </body>
    </html>
  );
}
