import { D } from "../money/decimal";

/**
 * The positions (1-based) of a sorted list of `n` values that `medianWithout` needs: enough around the middle to
 * find the median after taking out up to two of the values, whatever they are.
 */
export function medianWindow(n: number): { from: number; to: number } {
  const half = Math.floor(n / 2);
  return { from: Math.max(1, half - 2), to: Math.min(n, half + 3) };
}

/**
 * Exact median of a sorted list of `n` decimal values after removing `removed` (values that are in the list, at most
 * two), knowing only the list's values at the positions of `medianWindow(n)` — so a database can rank one peer group
 * once and every member read "the median of the others" from the same few rows. Undefined when nothing remains.
 * `window` holds the values at positions from..to in ascending order.
 */
export function medianWithout(n: number, window: string[], removed: string[]): string | undefined {
  if (removed.length > 2) throw new Error("medianWithout: at most two values can be removed");
  const { from, to } = medianWindow(n);
  if (window.length !== Math.max(0, to - from + 1))
    throw new Error(`medianWithout: expected ${to - from + 1} window values, got ${window.length}`);
  const m = n - removed.length;
  if (m <= 0) return undefined;
  const vals = window.map((v) => new D(v));
  let start = from; // position, in the list without the removed values, of vals[0]
  for (const r of removed) {
    const x = new D(r);
    if (vals.length === 0 || x.lt(vals[0])) {
      start -= 1; // taken out before the window: everything in it moves up one place
    } else if (x.lte(vals[vals.length - 1])) {
      const i = vals.findIndex((v) => v.eq(x));
      if (i < 0) throw new Error(`medianWithout: ${r} is not in the list`);
      vals.splice(i, 1);
    }
    // after the window: nothing in it moves
  }
  const at = (pos: number) => {
    const i = pos - start;
    if (i < 0 || i >= vals.length) throw new Error(`medianWithout: position ${pos} outside the window`);
    return vals[i];
  };
  const a = Math.floor((m + 1) / 2);
  const b = Math.floor((m + 2) / 2);
  return (a === b ? at(a) : at(a).plus(at(b)).div(2)).toFixed();
}
