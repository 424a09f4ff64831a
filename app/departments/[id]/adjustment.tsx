import { ADJUSTMENT_TEXT, budgetAdjustment } from "@/lib/metrics/policy";
import { formatWanyuan } from "@/lib/money/format";
import { D } from "@/lib/money/decimal";

/**
 * Under a 全年预算: whether it was cut or raised from the 年初预算, by how much and by what share — so a rate against
 * a cut budget is not read as the whole story. Nothing when the document gives only one budget or they are equal.
 */
export function AdjustmentNote({ initial, annual }: { initial?: string; annual?: string }) {
  const a = budgetAdjustment(initial, annual);
  if (!a || a.direction === "unchanged") return null;
  const text = `${ADJUSTMENT_TEXT[a.direction]} ${formatWanyuan(new D(a.change).abs().toFixed())}${a.pct !== undefined ? `（${a.direction === "cut" ? "−" : "+"}${new D(a.pct).abs().toFixed(2)}%）` : ""}`;
  return (
    <div
      className={`text-xs ${a.notable ? "font-semibold text-rose-700" : "text-amber-700"}`}
      title={`年初预算 ${formatWanyuan(initial)} 万元，全年预算 ${formatWanyuan(annual)} 万元。${ADJUSTMENT_TEXT.policy}`}
    >
      {text}
    </div>
  );
}
