import { D, type Dec } from "@/lib/money/decimal";

/**
 * Column resolution for layouts where empty cells leave no trace: a row prints k numbers for a table of n columns,
 * and only the table's identities say which columns they belong to.
 *
 * Each row gets a domain of placements (order-preserving assignments of its printed cells to columns that satisfy
 * the row's own identities). Constraints between rows (parent = Σ children per column, cross-table equalities,
 * hints from the narrative) then remove placements that cannot take part in any consistent whole, by generalised
 * arc consistency: for a sum constraint, a placement survives if some choice of the other rows' placements makes the
 * sum hold within tolerance. The hierarchy constraints form a tree, where this is exact; the sums over the children
 * are enumerated as sets of column-sum vectors (the tree DP), pruned by what the remaining terms can still reach.
 */

/** A printed cell: its amount text as normalised, or null for an explicit empty marker ('-', '—'). */
export type Cell = string | null;

export type Placement = {
  /** column index of each printed cell, increasing */
  at: number[];
  /** printed amount per column; undefined = empty cell */
  printed: (string | undefined)[];
  /** value per column; an empty cell counts as 0 */
  value: Dec[];
};

/** value[lhs] = Σ value[plus] − Σ value[minus], within the rounding tolerance. */
export type RowIdentity = { lhs: number; plus: number[]; minus?: number[] };

/**
 * Half of the last printed digit (0.005 for two decimals): each printed figure is off by at most this much, so a sum
 * of t terms compared with a printed total may be off by halfUnit × (t + 1).
 */
export function halfUnitOf(scale: number): Dec {
  return new D(5).times(new D(10).pow(-(scale + 1)));
}

export function tolerance(halfUnit: Dec, terms: number): Dec {
  return halfUnit.times(terms + 1);
}

function holds(v: Dec[], present: boolean[], id: RowIdentity, halfUnit: Dec): boolean {
  let sum = new D(0);
  let terms = 0;
  for (const c of id.plus) {
    sum = sum.plus(v[c]);
    if (present[c]) terms++;
  }
  for (const c of id.minus ?? []) {
    sum = sum.minus(v[c]);
    if (present[c]) terms++;
  }
  return v[id.lhs].minus(sum).abs().lte(tolerance(halfUnit, terms));
}

function* combinations(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  for (;;) {
    yield idx.slice();
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
}

export function placementOf(cells: Cell[], at: number[], width: number): Placement {
  const printed: (string | undefined)[] = new Array(width).fill(undefined);
  at.forEach((col, i) => {
    printed[col] = cells[i] ?? undefined;
  });
  return { at, printed, value: printed.map((p) => (p === undefined ? new D(0) : new D(p))) };
}

/**
 * Every order-preserving placement of `cells` into `width` columns that satisfies the row identities, in
 * lexicographic order of the columns used (leftmost first). A row that fills every column has exactly one
 * placement and is not filtered: its identities are then the audit's business, not the parser's.
 * Returns [] when no placement fits (more cells than columns, or identities that no placement satisfies).
 */
export function enumeratePlacements(cells: Cell[], width: number, identities: RowIdentity[], halfUnit: Dec): Placement[] {
  if (cells.length > width) return [];
  if (cells.length === width) return [placementOf(cells, cells.map((_, i) => i), width)];
  const out: Placement[] = [];
  for (const at of combinations(width, cells.length)) {
    const p = placementOf(cells, at, width);
    const present = p.printed.map((x) => x !== undefined);
    if (identities.every((id) => holds(p.value, present, id, halfUnit))) out.push(p);
  }
  return out;
}

/** A term of a sum constraint: component j of the vector is sign × Σ the row's columns view[j] ([] = 0). */
export type SumTerm = { row: number; sign: 1 | -1; view: number[][] };

/** Σ terms + constant = 0 in every component, within tolerance[j]. */
export type SumConstraint = { kind: "sum"; terms: SumTerm[]; constant: Dec[]; tolerance: Dec[]; label: string };

/** A relation between two rows that is not a sum (e.g. table 03 ≥ its 一般公共预算 part in table 05). */
export type PairConstraint = { kind: "pair"; a: number; b: number; compatible: (a: Placement, b: Placement) => boolean; label: string };

export type Constraint = SumConstraint | PairConstraint;

// Beyond these sizes a constraint is skipped for the round rather than slowing the parse: skipping only keeps
// more placements open (reported as ambiguities), it never removes a right one.
const DP_MAX_STATES = 2_000;
const DP_MAX_WORK = 60_000;
const MITM_MAX_HALF = 60_000;
const MITM_MAX_CHECKS = 200_000;

type Vec = Dec[];
const keyOf = (v: Vec) => v.map((d) => d.toFixed()).join("|");
const addVec = (a: Vec, b: Vec) => a.map((x, i) => x.plus(b[i]));

class TooBig extends Error {}

/** Unique contribution vectors of one term, each with the indexes of the placements that produce it. */
function contributions(term: SumTerm, domain: Placement[]): { vecs: Vec[]; owners: number[][] } {
  const byKey = new Map<string, number>();
  const vecs: Vec[] = [];
  const owners: number[][] = [];
  domain.forEach((p, i) => {
    const v = term.view.map((cols) => cols.reduce((s, c) => s.plus(p.value[c]), new D(0)).times(term.sign));
    const k = keyOf(v);
    let at = byKey.get(k);
    if (at === undefined) {
      at = vecs.length;
      byKey.set(k, at);
      vecs.push(v);
      owners.push([]);
    }
    owners[at].push(i);
  });
  return { vecs, owners };
}

/** One sum constraint over the current domains: each term's distinct contributions and what ranges they span. */
class SumProblem {
  readonly k: number;
  readonly L: number;
  readonly vecs: Vec[][];
  private readonly minOf: Vec[];
  private readonly maxOf: Vec[];

  constructor(
    readonly c: SumConstraint,
    readonly owners: number[][][],
    vecs: Vec[][],
  ) {
    this.k = vecs.length;
    this.L = c.constant.length;
    this.vecs = vecs;
    this.minOf = vecs.map((vs) => Array.from({ length: this.L }, (_, j) => D.min(...vs.map((v) => v[j]))));
    this.maxOf = vecs.map((vs) => Array.from({ length: this.L }, (_, j) => D.max(...vs.map((v) => v[j]))));
  }

  zero(): Vec {
    return Array.from({ length: this.L }, () => new D(0));
  }

  /** min/max reachable by the terms in `ts` */
  range(ts: number[]): { lo: Vec; hi: Vec } {
    const lo = this.zero();
    const hi = this.zero();
    for (const t of ts)
      for (let j = 0; j < this.L; j++) {
        lo[j] = lo[j].plus(this.minOf[t][j]);
        hi[j] = hi[j].plus(this.maxOf[t][j]);
      }
    return { lo, hi };
  }

  /** Can a partial sum still be completed by terms spanning `rest`? */
  viable(partial: Vec, rest: { lo: Vec; hi: Vec }): boolean {
    return partial.every((p, j) => {
      const base = p.plus(this.c.constant[j]);
      return base.plus(rest.lo[j]).lte(this.c.tolerance[j]) && base.plus(rest.hi[j]).gte(this.c.tolerance[j].neg());
    });
  }

  closes(sum: Vec): boolean {
    return sum.every((x, j) => x.plus(this.c.constant[j]).abs().lte(this.c.tolerance[j]));
  }
}

const indexes = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/**
 * The tree DP: sets of partial column-sum vectors from the left (prefix) and from the right (suffix), deduplicated;
 * a contribution of term t is supported if prefix[t] + it + suffix[t+1] closes the sum. Fast when children repeat
 * or are mostly settled; a subset-sum of many open children makes the sets explode, and it gives up.
 */
function supportByDp(pr: SumProblem): boolean[][] {
  const { k } = pr;
  let work = 0;
  const extend = (set: Vec[], vecs: Vec[], rest: { lo: Vec; hi: Vec }): Vec[] => {
    const seen = new Map<string, Vec>();
    for (const s of set)
      for (const v of vecs) {
        if (++work > DP_MAX_WORK) throw new TooBig();
        const n = addVec(s, v);
        if (!pr.viable(n, rest)) continue;
        const key = keyOf(n);
        if (!seen.has(key)) seen.set(key, n);
        if (seen.size > DP_MAX_STATES) throw new TooBig();
      }
    return [...seen.values()];
  };
  const prefix: Vec[][] = [[pr.zero()]];
  for (let t = 0; t < k; t++) prefix.push(extend(prefix[t], pr.vecs[t], pr.range(indexes(t + 1, k))));
  const suffix: Vec[][] = new Array(k + 1);
  suffix[k] = [pr.zero()];
  for (let t = k - 1; t >= 0; t--) suffix[t] = extend(suffix[t + 1], pr.vecs[t], pr.range(indexes(0, t)));

  return pr.vecs.map((vecs, t) => {
    const after = suffix[t + 1];
    const { j, order, keys } = sortedBy(after);
    return vecs.map((v) =>
      prefix[t].some((p) => {
        const r = addVec(p, v);
        const [lo, hi] = window(pr, r, j);
        for (let i = lowerBound(keys, lo); i < keys.length && keys[i].lte(hi); i++) {
          if (++work > DP_MAX_WORK) throw new TooBig();
          if (pr.closes(addVec(r, after[order[i]]))) return true;
        }
        return false;
      }),
    );
  });
}

/** The range component j of a partner vector must lie in so that r + partner closes the sum. */
function window(pr: SumProblem, r: Vec, j: number): [Dec, Dec] {
  const target = r[j].plus(pr.c.constant[j]).neg();
  return [target.minus(pr.c.tolerance[j]), target.plus(pr.c.tolerance[j])];
}

/**
 * Partners are looked up by one component; the 合计 column is the same whichever way a row's numbers are placed,
 * so matching on it would compare every pair. The component with the most distinct values narrows best.
 */
function sortedBy(vs: Vec[]): { j: number; order: number[]; keys: Dec[] } {
  let j = 0;
  let best = -1;
  for (let c = 0; c < (vs[0]?.length ?? 0); c++) {
    const distinct = new Set(vs.map((v) => v[c].toFixed())).size;
    if (distinct > best) {
      best = distinct;
      j = c;
    }
  }
  const order = vs.map((_, i) => i).sort((a, b) => vs[a][j].comparedTo(vs[b][j]));
  return { j, order, keys: order.map((i) => vs[i][j]) };
}

/**
 * Meet in the middle, for many open children (a 款 with twenty 项 each either 基本 or 项目 is a subset sum):
 * enumerate each half's combinations with bound pruning, match them on the sum, and mark the choices that occur in
 * some match. 2 × 2^(k/2) combinations instead of 2^k.
 */
function supportByMeetInTheMiddle(pr: SumProblem): boolean[][] {
  const { k } = pr;
  // Split where the two halves' combination counts balance.
  const logs = pr.vecs.map((v) => Math.log2(v.length));
  const totalLog = logs.reduce((a, b) => a + b, 0);
  let h = 0;
  for (let acc = 0; h < k && acc + logs[h] <= totalLog / 2; h++) acc += logs[h];
  h = Math.min(Math.max(h, 1), k - 1);
  const left = indexes(0, h);
  const right = indexes(h, k);

  type State = { sum: Vec; picks: number[] };
  const enumerate = (ts: number[], others: number[]): State[] => {
    const out: State[] = [];
    const rests = ts.map((_, i) => pr.range([...ts.slice(i + 1), ...others]));
    const walk = (i: number, sum: Vec, picks: number[]) => {
      if (i === ts.length) {
        out.push({ sum, picks: picks.slice() });
        if (out.length > MITM_MAX_HALF) throw new TooBig();
        return;
      }
      pr.vecs[ts[i]].forEach((v, j) => {
        const n = addVec(sum, v);
        if (!pr.viable(n, rests[i])) return;
        picks.push(j);
        walk(i + 1, n, picks);
        picks.pop();
      });
    };
    walk(0, pr.zero(), []);
    return out;
  };
  const A = enumerate(left, right);
  const B = enumerate(right, left);
  const { j, order, keys } = sortedBy(B.map((b) => b.sum));
  const supported = pr.vecs.map((v) => v.map(() => false));
  let checks = 0;
  for (const a of A) {
    const [lo, hi] = window(pr, a.sum, j);
    for (let i = lowerBound(keys, lo); i < keys.length && keys[i].lte(hi); i++) {
      if (++checks > MITM_MAX_CHECKS) throw new TooBig();
      const b = B[order[i]];
      if (!pr.closes(addVec(a.sum, b.sum))) continue;
      a.picks.forEach((p, x) => (supported[left[x]][p] = true));
      b.picks.forEach((p, x) => (supported[right[x]][p] = true));
    }
  }
  return supported;
}

/** For a sum constraint, the placements of each term's row that some choice of the others completes. */
function reviseSum(c: SumConstraint, domains: Placement[][]): Map<number, Placement[]> | "empty" | "unchanged" {
  const contrib = c.terms.map((t) => contributions(t, domains[t.row]));
  if (contrib.some((x) => x.vecs.length === 0)) return "empty";
  const pr = new SumProblem(
    c,
    contrib.map((x) => x.owners),
    contrib.map((x) => x.vecs),
  );
  let supported: boolean[][] | undefined;
  // Few combinations: the DP is cheapest. Many: it would only find out it is too big, so the halves go first.
  const combinations = pr.vecs.reduce((n, v) => n + Math.log2(v.length), 0);
  const methods = combinations <= 12 ? [supportByDp, supportByMeetInTheMiddle] : [supportByMeetInTheMiddle, supportByDp];
  for (const method of methods) {
    try {
      supported = method(pr);
      break;
    } catch (e) {
      if (!(e instanceof TooBig)) throw e;
    }
  }
  if (!supported) return "unchanged";

  const changed = new Map<number, Placement[]>();
  for (let t = 0; t < pr.k; t++) {
    if (supported[t].every(Boolean)) continue;
    const keep = new Set<number>();
    supported[t].forEach((ok, i) => {
      if (ok) for (const o of pr.owners[t][i]) keep.add(o);
    });
    const row = c.terms[t].row;
    const narrowed = domains[row].filter((_, i) => keep.has(i));
    if (narrowed.length === 0) return "empty";
    changed.set(row, narrowed);
  }
  return changed.size ? changed : "unchanged";
}

function lowerBound(sorted: Dec[], x: Dec): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].lt(x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function revisePair(c: PairConstraint, domains: Placement[][]): Map<number, Placement[]> | "empty" | "unchanged" {
  const a = domains[c.a].filter((pa) => domains[c.b].some((pb) => c.compatible(pa, pb)));
  const b = domains[c.b].filter((pb) => domains[c.a].some((pa) => c.compatible(pa, pb)));
  if (a.length === 0 || b.length === 0) return "empty";
  const changed = new Map<number, Placement[]>();
  if (a.length < domains[c.a].length) changed.set(c.a, a);
  if (b.length < domains[c.b].length) changed.set(c.b, b);
  return changed.size ? changed : "unchanged";
}

const rowsOf = (c: Constraint) => (c.kind === "sum" ? c.terms.map((t) => t.row) : [c.a, c.b]);

export class ColumnSolver {
  private domains: Placement[][];
  private readonly active: Constraint[] = [];
  private readonly byRow = new Map<number, Constraint[]>();
  /** constraints that contradicted the ones kept before them: the document's own arithmetic does not hold there */
  readonly rejected: Constraint[] = [];

  constructor(domains: Placement[][]) {
    this.domains = domains.map((d) => d.slice());
  }

  domain(row: number): readonly Placement[] {
    return this.domains[row];
  }


  /** Keeps the constraint unless it empties some row's domain together with those kept before; returns whether kept. */
  add(c: Constraint): boolean {
    const saved = this.domains.map((d) => d.slice());
    this.active.push(c);
    for (const r of rowsOf(c)) {
      const list = this.byRow.get(r) ?? [];
      list.push(c);
      this.byRow.set(r, list);
    }
    if (this.propagate([c])) return true;
    this.domains = saved;
    this.active.pop();
    for (const r of rowsOf(c)) this.byRow.get(r)!.pop();
    this.rejected.push(c);
    return false;
  }

  private propagate(start: Constraint[]): boolean {
    const queue = [...start];
    const queued = new Set(queue);
    while (queue.length) {
      const c = queue.shift()!;
      queued.delete(c);
      const res = c.kind === "sum" ? reviseSum(c, this.domains) : revisePair(c, this.domains);
      if (res === "empty") return false;
      if (res === "unchanged") continue;
      for (const [row, dom] of res) {
        this.domains[row] = dom;
        for (const other of this.byRow.get(row) ?? [])
          if (other !== c && !queued.has(other)) {
            queued.add(other);
            queue.push(other);
          }
      }
    }
    return true;
  }

  /**
   * Narrows every open row to one placement, in row order, taking the first placement (leftmost columns) that stays
   * consistent with everything kept, so that the picks agree with each other. Returns the rows that were open.
   */
  settle(): number[] {
    const open: number[] = [];
    for (let row = 0; row < this.domains.length; row++) {
      const dom = this.domains[row];
      if (dom.length <= 1) continue;
      open.push(row);
      let done = false;
      for (const p of dom) {
        const saved = this.domains.map((d) => d.slice());
        this.domains[row] = [p];
        if (this.propagate(this.byRow.get(row) ?? [])) {
          done = true;
          break;
        }
        this.domains = saved;
      }
      if (!done) this.domains[row] = [dom[0]];
    }
    return open;
  }
}
