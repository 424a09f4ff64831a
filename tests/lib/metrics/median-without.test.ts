import { describe, expect, test } from "vitest";
import { medianWindow, medianWithout } from "../../../lib/metrics/median-without";
import { median } from "../../../lib/metrics/stats";
import { D } from "../../../lib/money/decimal";

/** Deterministic pseudo-random integers (mulberry32), so a failure names a reproducible case. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sorted = (xs: string[]) => [...xs].sort((a, b) => new D(a).cmp(new D(b)));
const windowOf = (xs: string[]) => {
  const s = sorted(xs);
  const { from, to } = medianWindow(s.length);
  return s.slice(from - 1, to);
};
function without(xs: string[], removed: string[]) {
  const rest = [...xs];
  for (const r of removed)
    rest.splice(
      rest.findIndex((x) => new D(x).eq(r)),
      1,
    );
  return rest;
}

describe("medianWithout: the median of the others from a window around the middle", () => {
  test("small cases worked by hand", () => {
    // 1 2 3 4 5 without 3 → 1 2 4 5 → 3
    expect(medianWithout(5, windowOf(["1", "2", "3", "4", "5"]), ["3"])).toBe("3");
    // without 1 → 2 3 4 5 → 3.5
    expect(medianWithout(5, windowOf(["1", "2", "3", "4", "5"]), ["1"])).toBe("3.5");
    // without 5 and 4 → 1 2 3 → 2
    expect(medianWithout(5, windowOf(["1", "2", "3", "4", "5"]), ["5", "4"])).toBe("2");
    // nothing removed: the plain median, with the exact half of an even count
    expect(medianWithout(4, windowOf(["103.69", "108.29", "100.00", "125.00"]), [])).toBe("105.99");
    // the only value removed: no median, never 0
    expect(medianWithout(1, windowOf(["7.00"]), ["7.00"])).toBeUndefined();
    expect(medianWithout(0, [], [])).toBeUndefined();
  });

  test("agrees with the full median on 3,000 random lists (duplicates, negatives, 0–2 removed)", () => {
    const next = rng(20260523);
    for (let c = 0; c < 3000; c++) {
      const n = 1 + Math.floor(next() * 40);
      const spread = 1 + Math.floor(next() * 8); // small spreads give many ties
      const xs = Array.from({ length: n }, () =>
        (Math.floor(next() * spread * 2) - spread + Math.floor(next() * 100) / 100).toFixed(2),
      );
      const k = Math.min(n, Math.floor(next() * 3));
      const removed = Array.from({ length: k }, () => xs[Math.floor(next() * n)]);
      // the same element cannot be removed twice unless it occurs twice
      const unique =
        removed.length === 2 && removed[0] === removed[1] && xs.filter((x) => x === removed[0]).length < 2
          ? [removed[0]]
          : removed;
      const expected = median(without(xs, unique));
      expect(medianWithout(n, windowOf(xs), unique), `case ${c}: [${xs.join(",")}] without [${unique.join(",")}]`).toBe(
        expected,
      );
    }
  });

  test("rejects a window of the wrong size and more than two removals", () => {
    expect(() => medianWithout(10, ["1", "2"], [])).toThrow(/window/);
    expect(() =>
      medianWithout(10, windowOf(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]), ["1", "2", "3"]),
    ).toThrow(/two/);
  });
});
