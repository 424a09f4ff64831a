"use client";

export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded border border-gray-300 bg-white px-3 py-1 text-sm hover:bg-gray-50"
    >
      打印审查材料
    </button>
  );
}
