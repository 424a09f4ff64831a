import { normaliseName } from "./report-access";

/**
 * A 绩效 project name reduced to what identifies it. The summary, the sheets and the narrative print the same
 * project with a year suffix ("…运行维护2023"), with or without a trailing 项目, with different quotes and spaces.
 */
export function projectKey(name: string): string {
  return normaliseName(name)
    .replace(/[、，,·．.\-—_：:;；《》〈〉<>]/g, "")
    .replace(/^(20\d{2})年?度?/, "")
    .replace(/(20\d{2})年?度?$/, "")
    .replace(/项目$/, "");
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Dice coefficient over character bigrams: robust to one inserted or dropped character (…宣传等经费 / …宣传经费). */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common++;
      pool.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

const MIN_SIMILARITY = 0.6;

export type ProjectMatch = { a: number; b: number; exact: boolean };

/**
 * Pairs two lists of project names: identical keys first, then one key containing the other, then the most similar
 * pair above a threshold. Each name is used once; what stays unpaired is reported by the caller.
 */
export function matchProjects(as: readonly string[], bs: readonly string[]): ProjectMatch[] {
  const ka = as.map(projectKey);
  const kb = bs.map(projectKey);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: ProjectMatch[] = [];
  const take = (a: number, b: number) => {
    usedA.add(a);
    usedB.add(b);
    out.push({ a, b, exact: ka[a] === kb[b] });
  };
  for (let a = 0; a < ka.length; a++) {
    const b = kb.findIndex((k, i) => !usedB.has(i) && k === ka[a]);
    if (b >= 0) take(a, b);
  }
  for (let a = 0; a < ka.length; a++) {
    if (usedA.has(a)) continue;
    const b = kb.findIndex(
      (k, i) => !usedB.has(i) && Math.min(k.length, ka[a].length) >= 4 && (k.includes(ka[a]) || ka[a].includes(k)),
    );
    if (b >= 0) take(a, b);
  }
  const candidates: [number, number, number][] = [];
  for (let a = 0; a < ka.length; a++) {
    if (usedA.has(a)) continue;
    for (let b = 0; b < kb.length; b++) {
      if (usedB.has(b)) continue;
      const s = similarity(ka[a], kb[b]);
      if (s >= MIN_SIMILARITY) candidates.push([s, a, b]);
    }
  }
  candidates.sort((x, y) => y[0] - x[0]);
  for (const [, a, b] of candidates) if (!usedA.has(a) && !usedB.has(b)) take(a, b);
  return out.sort((x, y) => x.a - y.a);
}
