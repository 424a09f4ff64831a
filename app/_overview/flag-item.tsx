import Link from "next/link";
import type { Flag } from "@/db/queries/overview-flags";
import { SyntheticBadge } from "../_components/ui";

/**
 * One flag: the department, what was found with its figures, and the evidence — the place in the original that
 * prints the figure (the title says which one when the flag rests on several).
 */
export function FlagItem({ flag: f }: { flag: Flag }) {
  return (
    <li>
      <Link href={f.href} className="text-blue-700 hover:underline">
        {f.department}
      </Link>
      <SyntheticBadge synthetic={f.synthetic} />：<span className="text-gray-700">{f.text}</span>
      {f.evidence ? (
        <a
          className="ml-1 whitespace-nowrap text-xs text-blue-700 hover:underline"
          href={f.evidence.href}
          title={f.evidence.title}
          data-testid="flag-evidence"
        >
          原文证据
        </a>
      ) : (
        <span
          className="ml-1 whitespace-nowrap text-xs text-gray-400"
          title={f.synthetic ? "合成示例由程序生成，没有原文件" : "库中未保存这份报告的原文件"}
        >
          （无原文）
        </span>
      )}
    </li>
  );
}
