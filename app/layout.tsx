import type { Metadata } from "next";
import { Nav } from "./_components/nav";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "决算透视", template: "%s · 决算透视" },
  description: "部门决算公开数据的审核、对比与分析",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-gray-50 text-gray-900">
        <Nav />
        <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
