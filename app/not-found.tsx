import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">没有找到这个页面</h1>
      <p className="mt-2 text-sm text-gray-700">网址中的部门或年度在库中不存在，或网址有误。</p>
      <Link href="/departments" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
        查看全部部门 →
      </Link>
    </div>
  );
}
