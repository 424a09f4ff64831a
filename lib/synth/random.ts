import { D, type Dec } from "../money/decimal";

/** mulberry32: a small seeded PRNG, floats in [0, 1); the one source of seeded randomness in the project. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A small seeded PRNG (mulberry32) so a city is reproducible from its seed on every machine.
 * Money never sees a float: draws are integers, and fractions are built from them with decimal.js.
 */
export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** an independent stream for a sub-problem, so adding a year or a department leaves the others unchanged */
  static derive(...parts: (number | string)[]): Rng {
    let h = 2166136261 >>> 0;
    for (const p of parts) {
      const s = String(p);
      for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 16777619) >>> 0;
      }
      h ^= 0x2f;
      h = Math.imul(h, 16777619) >>> 0;
    }
    return new Rng(h);
  }

  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)];
  }

  /** a decimal in [lo, hi] with 4 places, drawn as an integer so no binary fraction leaks into amounts */
  factor(lo: string, hi: string): Dec {
    const a = new D(lo).times(10000);
    const b = new D(hi).times(10000);
    const span = b.minus(a).toNumber();
    return a.plus(this.int(0, span)).div(10000);
  }

  shuffle<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** k distinct items, in their original order */
  sample<T>(xs: readonly T[], k: number): T[] {
    const idx = this.shuffle(xs.map((_, i) => i))
      .slice(0, Math.min(k, xs.length))
      .sort((a, b) => a - b);
    return idx.map((i) => xs[i]);
  }
}
