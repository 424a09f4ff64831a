import type { TrendPanel } from "@/lib/metrics/trend-panel";

const names = (xs: { name: string }[]) => xs.map((x) => x.name).join("、");
const span = (ys: number[]) => (ys.length > 1 ? `${ys[0]}–${ys[ys.length - 1]} 年` : `${ys[0]} 年`);

/** Which departments a year series sums (the same in every year), and which were left out and why. */
export function TrendPanelNote({ panel, figure }: { panel: TrendPanel; figure: string }) {
  const shown = 12;
  return (
    <div className="mb-2 rounded border border-gray-200 bg-gray-50 p-2 text-xs leading-relaxed text-gray-700">
      {panel.years.length ? (
        <p>
          各年都是同一批 <b>{panel.included.length}</b> 个部门（{span(panel.years)}每年都披露{figure}）：
          {panel.included.length <= shown ? names(panel.included) : `${names(panel.included.slice(0, shown))} 等`}。
        </p>
      ) : (
        <p>没有部门在两个以上年度都披露{figure}，不画历年走势：把不同部门的年份相加，变化只反映部门的进出。</p>
      )}
      {panel.excluded.length ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-blue-700">未纳入的 {panel.excluded.length} 个部门及原因</summary>
          <ul className="mt-1 grid gap-x-4 sm:grid-cols-2">
            {panel.excluded.map((x) => (
              <li key={x.id}>
                {x.name}：{x.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {panel.included.length > shown ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-blue-700">纳入的全部 {panel.included.length} 个部门</summary>
          <p className="mt-1">{names(panel.included)}</p>
        </details>
      ) : null}
    </div>
  );
}
