import { D } from "./decimal";

const wan = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 万元 with thousands separators and two decimals; null/undefined/"" → "—" (missing is never shown as zero). */
export function formatWanyuan(v: string | null | undefined, digits = 2): string {
  if (v === null || v === undefined || v === "") return "—";
  // Intl formats a decimal *string* exactly; a Number would lose digits beyond 2^53.
  const rounded = new D(v).toFixed(digits, D.ROUND_HALF_UP);
  const f =
    digits === 2
      ? wan
      : new Intl.NumberFormat("zh-CN", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return f.format(rounded as unknown as number);
}

export function formatPercent(v: string | null | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  return `${pct.format(new D(v).toFixed(2, D.ROUND_HALF_UP) as unknown as number)}%`;
}

/** Signed change: "+12.30" / "−5.00" with a real minus sign. */
export function formatChange(v: string | null | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  const d = new D(v);
  const s = formatWanyuan(d.abs().toFixed());
  return d.isZero() ? s : d.isNeg() ? `−${s}` : `+${s}`;
}

/** Scores and other non-money decimals as printed, without the storage scale's trailing zeros: "100.0000" → "100". */
export function formatScore(v: string | null | undefined, dp = 2): string {
  if (v === null || v === undefined || v === "") return "—";
  return new D(v).toDecimalPlaces(dp, D.ROUND_HALF_UP).toFixed();
}
