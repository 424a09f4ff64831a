/**
 * A shortcut for the audit's commonest question, "do these printed figures add up exactly?", on scaled integers
 * instead of decimal objects. Nearly every check of a sound document ends there, with no finding to write; the
 * decimal path stays the judge of everything else (a difference, its tolerance, the message).
 */
import { D } from "@/lib/money/decimal";

const AMOUNT = /^(-?)(\d+)(?:\.(\d+))?$/;
/** Digits an amount may carry (integer and fraction) and still be an exact JS integer once scaled. */
const MAX_DIGITS = 15;

/**
 * Whether Σ left equals Σ right exactly (an undefined figure counts as zero): true or false when every figure is a
 * plain decimal string whose scaled sums stay exact integers, undefined when it cannot tell (then ask decimal.js).
 */
export function sumsEqual(
  left: readonly (string | undefined)[],
  right: readonly (string | undefined)[],
): boolean | undefined {
  let scale = 0;
  for (const list of [left, right])
    for (const v of list) {
      if (v === undefined) continue;
      const dot = v.indexOf(".");
      if (dot >= 0 && v.length - dot - 1 > scale) scale = v.length - dot - 1;
    }
  if (scale > MAX_DIGITS) return undefined;
  const l = scaledSum(left, scale);
  if (l === undefined) return undefined;
  const r = scaledSum(right, scale);
  if (r === undefined) return undefined;
  return l === r;
}

/**
 * Whether a ≤ b for two printed figures, on scaled integers when both are plain decimals that fit, else by decimal.js
 * (the same answer: both are exact). The performance and procurement rules ask it of every indicator and part.
 */
export function notGreater(a: string, b: string): boolean {
  const scale = Math.max(decimalsOf(a), decimalsOf(b));
  const x = scale > MAX_DIGITS ? undefined : scaledUnits(a, scale);
  const y = x === undefined ? undefined : scaledUnits(b, scale);
  return x !== undefined && y !== undefined ? x <= y : new D(a).lte(b);
}

function decimalsOf(v: string): number {
  const dot = v.indexOf(".");
  return dot < 0 ? 0 : v.length - dot - 1;
}

function scaledSum(values: readonly (string | undefined)[], scale: number): number | undefined {
  let sum = 0;
  for (const v of values) {
    if (v === undefined) continue;
    const n = scaledUnits(v, scale);
    if (n === undefined) return undefined;
    sum += n;
    if (!Number.isSafeInteger(sum)) return undefined;
  }
  return sum;
}

const ZERO = 48;
const NINE = 57;
const MINUS = 45;
const POINT = 46;

/**
 * A plain decimal string (what AMOUNT matches) as an integer count of 10^-scale, read digit by digit: the audit asks
 * this of every figure it adds, and a regex match and a digit string per figure were most of its garbage. Undefined
 * when it is not plain, has more decimals than `scale`, or would carry more than MAX_DIGITS digits (leading zeros
 * count), so every value formed here is an exact integer.
 */
function scaledUnits(v: string, scale: number): number | undefined {
  const negative = v.charCodeAt(0) === MINUS;
  let i = negative ? 1 : 0;
  let n = 0;
  let intDigits = 0;
  for (; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < ZERO || c > NINE) break;
    n = n * 10 + (c - ZERO);
    intDigits++;
  }
  if (intDigits === 0) return undefined;
  let frac = 0;
  if (i < v.length) {
    if (v.charCodeAt(i) !== POINT) return undefined;
    for (i++; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c < ZERO || c > NINE) return undefined;
      if (intDigits + ++frac > MAX_DIGITS) return undefined;
      n = n * 10 + (c - ZERO);
    }
    if (frac === 0) return undefined;
  }
  if (frac > scale || intDigits + scale > MAX_DIGITS) return undefined;
  for (let k = frac; k < scale; k++) n *= 10;
  return negative ? -n : n;
}

/** A plain decimal string as an integer and its count of decimals: "-7.22" → { n: −722n, scale: 2 }. */
type Exact = { n: bigint; scale: number };

function exactOf(v: string): Exact | undefined {
  const m = AMOUNT.exec(v);
  if (!m) return undefined;
  const frac = m[3] ?? "";
  const n = BigInt(m[2] + frac);
  return { n: m[1] === "-" ? -n : n, scale: frac.length };
}

function digitCount(n: bigint): number {
  return (n < 0n ? -n : n).toString().length;
}

/** Beyond this many digits in the bound below, decimal.js's 40 significant digits might round across a tie. */
const SAFE_DIGITS = 36;

/**
 * Whether a printed rate `stated` is what `part` / `whole` × `factor` rounds to (half away from zero) at the
 * decimals `stated` prints, computed exactly on integers. This is the question judgePrinted answers with 40-digit
 * decimals; the answer is the same unless an exact quotient lies within 10^-39 (relative) of a rounding tie without
 * being on it, which the digit bound rules out (the quotient's distance from any tie is at least one part in
 * whole × 10^(decimals)). true: the rate checks out exactly, no finding; false or undefined: ask judgePrinted
 * (undefined also for a zero whole, non-plain figures or numbers too long for the bound).
 * `whole` may be given as [a, b] for a − b (the prior year as current − change); `factor` is a plain decimal too.
 */
export function ratioRoundsTo(
  stated: string,
  part: string,
  whole: string | [string, string],
  factor = "100",
): boolean | undefined {
  const s = exactOf(stated);
  const p = exactOf(part);
  const f = exactOf(factor);
  let w: Exact | undefined;
  if (typeof whole === "string") w = exactOf(whole);
  else {
    const a = exactOf(whole[0]);
    const b = exactOf(whole[1]);
    if (a && b) {
      const scale = Math.max(a.scale, b.scale);
      w = { n: a.n * 10n ** BigInt(scale - a.scale) - b.n * 10n ** BigInt(scale - b.scale), scale };
    }
  }
  if (!s || !p || !f || !w || w.n === 0n) return undefined;
  // r = factor × part / whole; r × 10^places = num / den with
  const num = f.n * p.n * 10n ** BigInt(w.scale + s.scale);
  const den = w.n * 10n ** BigInt(p.scale + f.scale);
  // |r| < 10^(digits(num) − digits(den) + 1 − places); the bound on |r| × 10^places × |den| in digits:
  if (digitCount(num) + 1 + digitCount(den) > SAFE_DIGITS) return undefined;
  const negative = num < 0n !== den < 0n;
  const an = num < 0n ? -num : num;
  const ad = den < 0n ? -den : den;
  // round half away from zero: floor((2|num| + |den|) / (2|den|))
  const q = (2n * an + ad) / (2n * ad);
  const rounded = negative ? -q : q;
  return rounded === s.n;
}
