import Link from "next/link";
import { hrefWith } from "./ui";

/** Real and synthetic data are never mixed silently: the page says which it shows and links to the other view. */
export function SyntheticToggle({ path, synthetic, params }: { path: string; synthetic: boolean; params: Record<string, string | number | undefined> }) {
  return (
    <span className="text-sm text-gray-600">
      {synthetic ? "含合成示例数据" : "仅真实公开文件"} ·{" "}
      <Link className="text-blue-700 hover:underline" href={hrefWith(path, { ...params, synthetic: synthetic ? "0" : undefined })}>
        {synthetic ? "只看真实公开文件" : "包括合成示例"}
      </Link>
    </span>
  );
}
