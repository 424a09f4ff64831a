import Decimal from "decimal.js";

// Sums of many NUMERIC(20,4) amounts exceed decimal.js's default 20 significant digits.
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

const FULL_WIDTH = /[０-９．，－]/g;
const PLAIN_AMOUNT = /^-?\d+(?:\.\d+)?$/;

/** Normalises a printed amount ("8,979.10", "８，９７９．１０", "－", "0.00") to a decimal string, or null for an empty cell. */
export function normaliseAmount(text: string): string | null {
  // Most cells are printed plain already, and the steps below would return them unchanged.
  if (PLAIN_AMOUNT.test(text)) return text;
  let t = text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  t = t.replace(/[\s,]/g, "");
  if (t === "" || t === "-" || t === "—" || t === "–" || t === "－") return null;
  if (!/^[-+]?\d+(\.\d+)?$/.test(t)) throw new Error(`不是金额: ${text}`);
  if (t.startsWith("+")) t = t.slice(1);
  return t;
}

export function isAmountText(text: string): boolean {
  try {
    return normaliseAmount(text) !== null;
  } catch {
    return false;
  }
}

/** Digits after the decimal point as printed: "8979.10" → 2, "604.6242" → 4, "27" → 0. */
export function printedScale(amount: string): number {
  const i = amount.indexOf(".");
  return i < 0 ? 0 : amount.length - i - 1;
}

/** 元 → 万元, exact: shifts the decimal point four places. */
export function yuanToWanyuan(amount: string): string {
  return new D(amount).div(10000).toFixed();
}
