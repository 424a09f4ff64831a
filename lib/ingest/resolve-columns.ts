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
 *
 * The search adds and compares millions of amounts per document, so it works on exact scaled integers (FixedPoint)
 * instead of decimal objects: each printed amount is converted once, and only the printed strings leave the solver.
 */

/** A printed cell: its amount text as normalised, or null for an explicit empty marker ('-', '—'). */
export type Cell = string | null;

/** A figure, a sum bound or a conversion that integers cannot hold exactly (the document's numbers are absurd). */
export class AmountRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "AmountRangeError";
  }
}

const AMOUNT_TEXT = /^([-+]?)(\d+)(?:\.(\d+))?$/;
const MAX_DIGITS = 15;

/**
 * Exact fixed point: an amount is an integer count of 10^-digits of the printed unit ("8979.10" at 3 digits is
 * 8979100). Integers below 2^53 add and compare exactly as JS numbers; every conversion and every bound on a sum is
 * checked against that, so an amount never silently loses a digit; no amount is ever divided or held as a fraction.
 */
export class FixedPoint {
  constructor(readonly digits: number) {
    if (!Number.isInteger(digits) || digits < 1 || digits > MAX_DIGITS)
      throw new AmountRangeError(`定点精度应为 1 至 ${MAX_DIGITS} 位小数，实为 ${digits}`);
  }

  /** Room for figures printed with up to `scale` decimals and for half of their last digit (the rounding tolerance). */
  static forScale(scale: number): FixedPoint {
    return new FixedPoint(Math.max(scale, 0) + 1);
  }

  /** A normalised amount ("8979.10", "-0.28", "27") as an integer count of units. */
  units(text: string): number {
    const m = AMOUNT_TEXT.exec(text);
    if (!m) throw new Error(`不是金额: ${text}`);
    const frac = m[3] ?? "";
    if (frac.length > this.digits && /[1-9]/.test(frac.slice(this.digits)))
      throw new AmountRangeError(`金额 ${text} 的小数位多于 ${this.digits} 位，无法精确换算`);
    // An integer digit string: Number() is exact up to 2^53 and lands at or beyond it otherwise, which the check catches.
    const n = Number(m[2] + frac.slice(0, this.digits).padEnd(this.digits, "0"));
    if (!Number.isSafeInteger(n)) throw new AmountRangeError(`金额 ${text} 超出精确整数运算的范围`);
    return m[1] === "-" && n !== 0 ? -n : n;
  }

  /** Half of the last digit of a figure printed with `scale` decimals: 0.005 for two decimals. */
  halfUnit(scale: number): number {
    const shift = this.digits - scale - 1;
    if (!Number.isInteger(scale) || scale < 0 || shift < 0)
      throw new AmountRangeError(`定点精度 ${this.digits} 位不足以表示 ${scale} 位小数金额的舍入误差`);
    return 5 * 10 ** shift;
  }
}

/** a + b, exact, or an AmountRangeError. */
export function addUnits(a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new AmountRangeError(`金额之和超出精确整数运算的范围`);
  return s;
}

/** a × n for an integer factor n (元 per 万元), exact, or an AmountRangeError. */
export function multiplyUnits(a: number, n: number): number {
  const p = a * n;
  if (!Number.isSafeInteger(p) || !Number.isSafeInteger(n))
    throw new AmountRangeError(`金额换算超出精确整数运算的范围`);
  return p;
}

/** Bounds a sum by the absolute values of its terms: when the bound is exact and safe, so is every partial sum. */
function checkBound(absTerms: number, what: string): void {
  // Non-negative terms summed in floating point stay exact up to 2^53 and round to at least 2^53 beyond it.
  if (!(absTerms <= Number.MAX_SAFE_INTEGER)) throw new AmountRangeError(`${what}的金额之和超出精确整数运算的范围`);
}

export type Placement = {
  /** column index of each printed cell, increasing */
  at: number[];
  /** printed amount per column; undefined = empty cell */
  printed: (string | undefined)[];
  /** value per column in FixedPoint units; an empty cell counts as 0 */
  value: number[];
};

/** value[lhs] = Σ value[plus] − Σ value[minus], within the rounding tolerance. */
export type RowIdentity = { lhs: number; plus: number[]; minus?: number[]; identity?: string };

/**
 * Half of the last printed digit (0.005 for two decimals), in `fixed`'s units: each printed figure is off by at most
 * this much, so a sum of t terms compared with a printed total may be off by halfUnit × (t + 1).
 */
export function halfUnitOf(scale: number, fixed: FixedPoint): number {
  return fixed.halfUnit(scale);
}

export function tolerance(halfUnit: number, terms: number): number {
  const t = halfUnit * (terms + 1);
  if (!Number.isSafeInteger(t)) throw new AmountRangeError(`舍入容差超出精确整数运算的范围`);
  return t;
}

function holds(v: number[], printed: (string | undefined)[], id: RowIdentity, halfUnit: number): boolean {
  let sum = 0;
  let terms = 0;
  for (const c of id.plus) {
    sum += v[c];
    if (printed[c] !== undefined) terms++;
  }
  if (id.minus)
    for (const c of id.minus) {
      sum -= v[c];
      if (printed[c] !== undefined) terms++;
    }
  return Math.abs(v[id.lhs] - sum) <= tolerance(halfUnit, terms);
}

/**
 * Every k-subset of 0..n−1 in lexicographic order, in one array the caller must not keep (it changes at every step):
 * most placements fail their row's identities, so only those kept are copied.
 */
function holdsAll(
  v: number[],
  printed: (string | undefined)[],
  ids: readonly RowIdentity[],
  halfUnit: number,
): boolean {
  for (const id of ids) if (!holds(v, printed, id, halfUnit)) return false;
  return true;
}

function* combinations(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  for (;;) {
    yield idx;
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
}

/** The cells' values, once: any sum over one row is then bounded by the sum of their absolute values. */
function cellUnits(cells: Cell[], fixed: FixedPoint): number[] {
  const units = cells.map((c) => (c === null ? 0 : fixed.units(c)));
  checkBound(
    units.reduce((s, u) => s + Math.abs(u), 0),
    `一行（${cells.map((c) => c ?? "-").join(" ")}）`,
  );
  return units;
}

function placed(cells: Cell[], units: number[], at: number[], width: number): Placement {
  const printed: (string | undefined)[] = new Array(width).fill(undefined);
  const value: number[] = new Array(width).fill(0);
  fillPlacement(cells, units, at, printed, value);
  return { at, printed, value };
}

/** Writes the cells at columns `at` into `printed` and `value`, which hold nothing else (undefined / 0). */
function fillPlacement(
  cells: Cell[],
  units: number[],
  at: number[],
  printed: (string | undefined)[],
  value: number[],
): void {
  for (let i = 0; i < at.length; i++) {
    const c = cells[i];
    if (c === null) continue;
    printed[at[i]] = c;
    value[at[i]] = units[i];
  }
}

/** Undoes fillPlacement, so the scratch arrays serve the next combination. */
function clearPlacement(at: number[], printed: (string | undefined)[], value: number[]): void {
  for (const col of at) {
    printed[col] = undefined;
    value[col] = 0;
  }
}

// Documents warn that converting 元 to 万元 leaves 尾数误差: a printed sum may miss its parts by more than the rounding
// of the printed figures alone. A miss of up to one part in this many of the largest figure involved is read as such a
// tail (the audit reports it); beyond that the figures contradict each other.
const SLIP_DIVISOR = 1000;

/** The largest miss beyond `tol` that is still a rounding tail for figures up to `magnitude` (both in units). */
function slipAllowance(magnitude: number, tol: number): number {
  return Math.max(tol, Math.floor(Math.abs(magnitude) / SLIP_DIVISOR));
}

/** How far the placement misses the worst of its identities beyond their tolerance (0 when all hold). */
function excess(v: number[], printed: (string | undefined)[], ids: readonly RowIdentity[], halfUnit: number): number {
  let worst = 0;
  for (const id of ids) {
    let sum = 0;
    let terms = 0;
    for (const c of id.plus) {
      sum += v[c];
      if (printed[c] !== undefined) terms++;
    }
    for (const c of id.minus ?? []) {
      sum -= v[c];
      if (printed[c] !== undefined) terms++;
    }
    worst = Math.max(worst, Math.abs(v[id.lhs] - sum) - tolerance(halfUnit, terms));
  }
  return worst;
}

/**
 * Every order-preserving placement of `cells` into `width` columns that satisfies the row identities, in
 * lexicographic order of the columns used (leftmost first). A row that fills every column has exactly one
 * placement and is not filtered: its identities are then the audit's business, not the parser's.
 * When no placement satisfies the identities but some miss them only by a rounding tail (slipAllowance), those that
 * miss least are returned: the row is still read, the other rows' constraints choose among them, and the audit
 * reports the document's own error.
 * Returns [] when no placement fits (more cells than columns, or identities that no placement comes near).
 * `halfUnit` is in `fixed`'s units, and so are the placements' values.
 */
export function enumeratePlacements(
  cells: Cell[],
  width: number,
  identities: readonly RowIdentity[],
  halfUnit: number,
  fixed: FixedPoint,
): Placement[] {
  if (cells.length > width) return [];
  const units = cellUnits(cells, fixed);
  if (cells.length === width)
    return [
      placed(
        cells,
        units,
        cells.map((_, i) => i),
        width,
      ),
    ];
  const out: Placement[] = [];
  // Combinations that fail, kept only until one holds: the nearest of them are the fallback.
  const failed: number[][] = [];
  const printed: (string | undefined)[] = new Array(width).fill(undefined);
  const value: number[] = new Array(width).fill(0);
  for (const at of combinations(width, cells.length)) {
    fillPlacement(cells, units, at, printed, value);
    if (holdsAll(value, printed, identities, halfUnit)) out.push(placed(cells, units, at.slice(), width));
    else if (out.length === 0) failed.push(at.slice());
    clearPlacement(at, printed, value);
  }
  if (out.length || failed.length === 0) return out;
  const all = failed.map((at) => placed(cells, units, at, width));
  return nearestPlacements(all, units, identities, halfUnit);
}

function nearestPlacements(
  all: Placement[],
  units: number[],
  identities: readonly RowIdentity[],
  halfUnit: number,
): Placement[] {
  const misses = all.map((p) => excess(p.value, p.printed, identities, halfUnit));
  const least = Math.min(...misses);
  const magnitude = units.reduce((m, u) => Math.max(m, Math.abs(u)), 0);
  const widest = identities.reduce(
    (m, id) => Math.max(m, tolerance(halfUnit, id.plus.length + (id.minus?.length ?? 0))),
    0,
  );
  if (least > slipAllowance(magnitude, widest)) return [];
  return all.filter((_, i) => misses[i] === least);
}

/** A term of a sum constraint: component j of the vector is sign × Σ the row's columns view[j] ([] = 0). */
export type SumTerm = { row: number; sign: 1 | -1; view: number[][] };

/** Σ terms + constant = 0 in every component, within tolerance[j]; constant and tolerance in the placements' units. */
export type SumConstraint = {
  kind: "sum";
  terms: SumTerm[];
  constant: number[];
  tolerance: number[];
  label: string;
  identity?: string;
};

/** A relation between two rows that is not a sum (e.g. table 03 ≥ its 一般公共预算 part in table 05). */
type PairConstraint = {
  kind: "pair";
  a: number;
  b: number;
  compatible: (a: Placement, b: Placement) => boolean;
  label: string;
  identity?: string;
};

/** A relation among a few rows that is not a sum (table 03 ≥ its parts in tables 05, 07 and 08 together). */
type RowsConstraint = {
  kind: "rows";
  rows: number[];
  compatible: (ps: Placement[]) => boolean;
  label: string;
  identity?: string;
};

/** `identity`: the id of the declared identity a constraint stands for (lib/report/identities.ts), for tracing only. */
export type Constraint = SumConstraint | PairConstraint | RowsConstraint;

// Beyond these sizes a constraint is skipped for the round rather than slowing the parse: skipping only keeps
// more placements open (reported as ambiguities), it never removes a right one.
const ROWS_MAX_COMBINATIONS = 20_000;
const DP_MAX_STATES = 2_000;
const DP_MAX_WORK = 60_000;
const MITM_MAX_HALF = 60_000;
const MITM_MAX_CHECKS = 200_000;

type Vec = number[];
type Range = { lo: Vec; hi: Vec };

/**
 * Distinct vectors in first-seen order. A term's domain holds a few placements, so a handful of vectors are compared
 * in full one by one; beyond SMALL_SET they are hashed on the integers' low 32 bits (exact for integers) and compared
 * in full within a bucket: no string keys to build for every partial sum.
 */
class VecSet {
  readonly list: Vec[] = [];
  private buckets: Map<number, number[]> | undefined;

  /** index of v in the list; v itself is stored if new, or a copy of it with `copy` (a scratch buffer) */
  indexOf(v: Vec, copy = false): number {
    if (!this.buckets) {
      for (let i = 0; i < this.list.length; i++) if (sameVec(this.list[i], v)) return i;
      this.list.push(copy ? v.slice() : v);
      if (this.list.length >= SMALL_SET) {
        this.buckets = new Map();
        for (let i = 0; i < this.list.length; i++) this.bucketOf(this.list[i]).push(i);
      }
      return this.list.length - 1;
    }
    const bucket = this.bucketOf(v);
    for (const i of bucket) if (sameVec(this.list[i], v)) return i;
    const at = this.list.length;
    this.list.push(copy ? v.slice() : v);
    bucket.push(at);
    return at;
  }

  private bucketOf(v: Vec): number[] {
    let h = 0x811c9dc5;
    for (let j = 0; j < v.length; j++) h = Math.imul(h ^ (v[j] | 0), 16777619);
    let bucket = this.buckets!.get(h);
    if (!bucket) {
      bucket = [];
      this.buckets!.set(h, bucket);
    }
    return bucket;
  }

  get size(): number {
    return this.list.length;
  }
}

const SMALL_SET = 8;

function sameVec(w: Vec, v: Vec): boolean {
  for (let j = 0; j < v.length; j++) if (w[j] !== v[j]) return false;
  return true;
}

function addVec(a: Vec, b: Vec): Vec {
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
  return out;
}

class TooBig extends Error {}

/** Unique contribution vectors of one term, each with the indexes of the placements that produce it. */
type Contributions = { vecs: Vec[]; owners: number[][] };
/** A term's contributions for the domain they were computed from. */
type ContributionCache = Map<SumTerm, { domain: Placement[]; result: Contributions }>;

// Domains are replaced when they narrow, never changed in place: a term's contributions are computed once per domain.
function contributionsOf(term: SumTerm, domain: Placement[], cache?: ContributionCache): Contributions {
  const hit = cache?.get(term);
  if (hit && hit.domain === domain) return hit.result;
  const result = contributions(term, domain);
  cache?.set(term, { domain, result });
  return result;
}

function contributions(term: SumTerm, domain: Placement[]): Contributions {
  const L = term.view.length;
  // A hierarchy sum views every column as itself: a placement's contribution is its values (negated for the parent).
  const identity =
    domain.length > 0 &&
    L === domain[0].value.length &&
    term.view.every((cols, j) => cols.length === 1 && cols[0] === j);
  // A settled row (most of them, once propagation is under way) has one contribution: no set to build.
  if (domain.length === 1) {
    const p = domain[0];
    const v = identity && term.sign === 1 ? p.value : term.view.map((cols) => viewed(p.value, cols, term.sign));
    return { vecs: [v], owners: [[0]] };
  }
  const set = new VecSet();
  const owners: number[][] = [];
  // Only distinct contributions are kept: a negated or viewed one is formed in a scratch vector, copied when new.
  const scratch = new Array<number>(L);
  domain.forEach((p, i) => {
    let at: number;
    if (identity && term.sign === 1) at = set.indexOf(p.value);
    else {
      if (identity) for (let j = 0; j < L; j++) scratch[j] = -p.value[j];
      else for (let j = 0; j < L; j++) scratch[j] = viewed(p.value, term.view[j], term.sign);
      at = set.indexOf(scratch, true);
    }
    if (at === owners.length) owners.push([]);
    owners[at].push(i);
  });
  return { vecs: set.list, owners };
}

/** sign × Σ value[cols] */
function viewed(value: number[], cols: number[], sign: 1 | -1): number {
  let s = 0;
  for (const c of cols) s += value[c];
  return sign === 1 ? s : -s;
}

/** Per component, the least (`pick` = Math.min) or greatest (Math.max) of the vectors. */
function extremes(vs: Vec[], pick: (a: number, b: number) => number): Vec {
  // read only: a single vector is its own extremes
  if (vs.length === 1) return vs[0];
  const out = vs[0].slice();
  for (let i = 1; i < vs.length; i++) for (let j = 0; j < out.length; j++) out[j] = pick(out[j], vs[i][j]);
  return out;
}

/**
 * One sum constraint over the current domains: each term's distinct contributions and what ranges they span.
 * Partial sums live in flat arrays (vector i of a set at [i × L, (i + 1) × L)), so the search allocates little.
 */
class SumProblem {
  readonly k: number;
  readonly L: number;
  readonly vecs: Vec[][];
  private readonly minOf: Vec[];
  private readonly maxOf: Vec[];
  readonly constant: Vec;
  readonly tol: Vec;

  constructor(
    readonly c: SumConstraint,
    readonly owners: number[][][],
    vecs: Vec[][],
  ) {
    this.k = vecs.length;
    this.L = c.constant.length;
    this.vecs = vecs;
    this.constant = c.constant;
    this.tol = c.tolerance;
    this.minOf = vecs.map((vs) => extremes(vs, Math.min));
    this.maxOf = vecs.map((vs) => extremes(vs, Math.max));
    // Every partial sum the search forms, with the constant and the tolerance, is bounded by this per component.
    for (let j = 0; j < this.L; j++) {
      let bound = Math.abs(c.constant[j]) + c.tolerance[j];
      for (let t = 0; t < this.k; t++) bound += Math.max(-this.minOf[t][j], this.maxOf[t][j]);
      checkBound(bound, c.label);
    }
  }

  zero(): Vec {
    return new Array<number>(this.L).fill(0);
  }

  /** min/max reachable by the terms from..to−1, for every from (to = k) or every to (from = 0), built up cumulatively */
  ranges(fromEnd: boolean): Range[] {
    const out: Range[] = new Array(this.k + 1);
    let cur = { lo: this.zero(), hi: this.zero() };
    out[fromEnd ? this.k : 0] = cur;
    for (let x = 1; x <= this.k; x++) {
      const t = fromEnd ? this.k - x : x - 1;
      cur = { lo: addVec(cur.lo, this.minOf[t]), hi: addVec(cur.hi, this.maxOf[t]) };
      out[fromEnd ? t : x] = cur;
    }
    return out;
  }

  /** min/max reachable by the terms in `ts` */
  range(ts: number[]): Range {
    const lo = this.zero();
    const hi = this.zero();
    for (const t of ts)
      for (let j = 0; j < this.L; j++) {
        lo[j] += this.minOf[t][j];
        hi[j] += this.maxOf[t][j];
      }
    return { lo, hi };
  }

  /** Can the partial sum at buf[off…] still be completed by terms spanning `rest`? */
  viable(buf: Vec, off: number, rest: Range): boolean {
    const { constant, tol, L } = this;
    for (let j = 0; j < L; j++) {
      const base = buf[off + j] + constant[j];
      if (base + rest.lo[j] > tol[j] || base + rest.hi[j] < -tol[j]) return false;
    }
    return true;
  }

  /** Whether a[ao…] + b[bo…] closes the sum. */
  closes(a: Vec, ao: number, b: Vec, bo: number): boolean {
    const { constant, tol, L } = this;
    for (let j = 0; j < L; j++) if (Math.abs(a[ao + j] + b[bo + j] + constant[j]) > tol[j]) return false;
    return true;
  }

  /** The range component j of a partner must lie in so that a partial sum whose component j is `rj` closes. */
  window(rj: number, j: number): [number, number] {
    const target = -(rj + this.constant[j]);
    return [target - this.tol[j], target + this.tol[j]];
  }
}

const indexes = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/**
 * Distinct vectors of L components in one flat array, in first-seen order, with an open-addressing hash table over
 * the integers' low 32 bits (exact for integers; full comparison on a hit). Float64 holds every safe integer exactly.
 * The DP below forms thousands of partial sums per constraint: no array, string or map entry per vector.
 */
class FlatVecSet {
  size = 0;
  data: Float64Array;
  private table: Int32Array;
  private mask: number;

  constructor(
    readonly L: number,
    expected = 16,
  ) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.table = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.data = new Float64Array(Math.max(expected, 4) * L);
  }

  private hash(buf: ArrayLike<number>, off: number): number {
    let h = 0x811c9dc5;
    for (let j = 0; j < this.L; j++) h = Math.imul(h ^ (buf[off + j] | 0), 16777619);
    return h;
  }

  private same(i: number, buf: ArrayLike<number>, off: number): boolean {
    const base = i * this.L;
    for (let j = 0; j < this.L; j++) if (this.data[base + j] !== buf[off + j]) return false;
    return true;
  }

  /** index of the vector, copied in when new */
  add(buf: ArrayLike<number>, off: number): number {
    let slot = this.hash(buf, off) & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const i = this.table[slot];
      if (i < 0) break;
      if (this.same(i, buf, off)) return i;
    }
    const at = this.size++;
    if (at * this.L + this.L > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    for (let j = 0; j < this.L; j++) this.data[at * this.L + j] = buf[off + j];
    this.table[slot] = at;
    // keep the table at most half full
    if (this.size * 2 > this.table.length) this.rehash();
    return at;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let i = 0; i < this.size; i++) {
      let slot = this.hash(this.data, i * this.L) & mask;
      while (table[slot] >= 0) slot = (slot + 1) & mask;
      table[slot] = i;
    }
    this.table = table;
    this.mask = mask;
  }
}

/**
 * The tree DP: the sets of partial column-sum vectors from the left, deduplicated and pruned by what the remaining
 * terms can still reach, each step remembering which state every (state, contribution) pair leads to. The last set
 * holds exactly the sums that close; walking back, a state is good if one of its steps reaches a good state, and a
 * contribution of term t is supported if it is such a step from some state of set t. Fast when children repeat or
 * are mostly settled; a subset-sum of many open children makes the sets explode, and it gives up.
 */
function supportByDp(pr: SumProblem): boolean[][] {
  const { k, L, constant, tol } = pr;
  let work = 0;
  const scratch = new Float64Array(L);
  // fromT[t] spans the terms t..k−1: a partial sum over the terms before t must stay within reach of closing.
  const fromT = pr.ranges(true);
  let states = new FlatVecSet(L, 1);
  states.add(scratch, 0);
  // next[t][i × |vecs[t]| + c]: the state of set t + 1 that state i of set t reaches with contribution c, or −1.
  const next: Int32Array[] = new Array(k);
  const sizes: number[] = [1];
  for (let t = 0; t < k; t++) {
    const vecs = pr.vecs[t];
    const n = vecs.length;
    const { lo, hi } = fromT[t + 1];
    const from = states;
    const to = new FlatVecSet(L, Math.min(from.size * n, 64));
    const step = new Int32Array(from.size * n).fill(-1);
    for (let i = 0; i < from.size; i++) {
      const base = i * L;
      for (let c = 0; c < n; c++) {
        if (++work > DP_MAX_WORK) throw new TooBig();
        const v = vecs[c];
        let viable = true;
        for (let j = 0; j < L; j++) {
          const x = from.data[base + j] + v[j];
          scratch[j] = x;
          // the same test as SumProblem.viable
          const b = x + constant[j];
          if (b + lo[j] > tol[j] || b + hi[j] < -tol[j]) {
            viable = false;
            break;
          }
        }
        if (!viable) continue;
        step[i * n + c] = to.add(scratch, 0);
        if (to.size > DP_MAX_STATES) throw new TooBig();
      }
    }
    next[t] = step;
    sizes.push(to.size);
    states = to;
  }
  // With nothing left to add, viable means closes: every state of the last set is good.
  let good = new Uint8Array(sizes[k]).fill(1);
  const supported = pr.vecs.map((v) => v.map(() => false));
  for (let t = k - 1; t >= 0; t--) {
    const n = pr.vecs[t].length;
    const step = next[t];
    const here = new Uint8Array(sizes[t]);
    for (let i = 0; i < sizes[t]; i++)
      for (let c = 0; c < n; c++) {
        const to = step[i * n + c];
        if (to >= 0 && good[to]) {
          here[i] = 1;
          supported[t][c] = true;
        }
      }
    good = here;
  }
  return supported;
}

/** Beyond this many combinations of the open rows' contributions, the DP or the halves search instead. */
const DIRECT_MAX = 1024;

/**
 * Every combination of the open terms' contributions (the settled ones added once), when there are few: one or two
 * open rows, the common case while propagating. Exact like the searches below, without their sets; undefined when
 * there are too many combinations.
 */
function supportByEnumeration(pr: SumProblem): boolean[][] | undefined {
  const { k, L, constant, tol } = pr;
  const open: number[] = [];
  let product = 1;
  for (let t = 0; t < k; t++)
    if (pr.vecs[t].length > 1) {
      open.push(t);
      product *= pr.vecs[t].length;
      if (product > DIRECT_MAX) return undefined;
    }
  const base = new Array<number>(L).fill(0);
  for (let t = 0; t < k; t++) if (pr.vecs[t].length === 1) for (let j = 0; j < L; j++) base[j] += pr.vecs[t][0][j];
  const supported = pr.vecs.map((v) => v.map(() => false));
  const pick = new Array<number>(open.length).fill(0);
  let closes = false;
  for (;;) {
    let ok = true;
    for (let j = 0; j < L && ok; j++) {
      let sum = base[j];
      for (let x = 0; x < open.length; x++) sum += pr.vecs[open[x]][pick[x]][j];
      ok = Math.abs(sum + constant[j]) <= tol[j];
    }
    if (ok) {
      closes = true;
      for (let x = 0; x < open.length; x++) supported[open[x]][pick[x]] = true;
    }
    let x = open.length - 1;
    while (x >= 0 && ++pick[x] === pr.vecs[open[x]].length) pick[x--] = 0;
    if (x < 0) break;
  }
  for (let t = 0; t < k; t++) if (pr.vecs[t].length === 1) supported[t][0] = closes;
  return supported;
}

/**
 * Partners are looked up by one component; the 合计 column is the same whichever way a row's numbers are placed,
 * so matching on it would compare every pair. The component with the most distinct values narrows best.
 * `flat` holds n vectors of L components.
 */
function sortedBy(flat: Vec, n: number, L: number): { j: number; order: number[]; keys: number[] } {
  let j = 0;
  if (n > 1) {
    const seen = new Set<number>();
    let best = -1;
    for (let c = 0; c < L; c++) {
      seen.clear();
      for (let i = 0; i < n; i++) seen.add(flat[i * L + c]);
      if (seen.size > best) {
        best = seen.size;
        j = c;
        // no later component can have more
        if (best === n) break;
      }
    }
  }
  const order = stableOrder(flat, n, L, j);
  return { j, order, keys: order.map((i) => flat[i * L + j]) };
}

/**
 * Indexes of the vectors by component j, ties in index order. Packing (value − min) × n + index into one integer
 * lets a typed array sort natively, several times faster than a comparator; when the packed integers would not be
 * exact, the (stable) comparator sort does it.
 */
function stableOrder(flat: Vec, n: number, L: number, j: number): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    min = Math.min(min, flat[i * L + j]);
    max = Math.max(max, flat[i * L + j]);
  }
  if (n < 32 || !((max - min + 1) * n <= Number.MAX_SAFE_INTEGER))
    return Array.from({ length: n }, (_, i) => i).sort((a, b) => flat[a * L + j] - flat[b * L + j]);
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = (flat[i * L + j] - min) * n + i;
  packed.sort();
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = packed[i] % n;
  return order;
}

/** The combinations of one half: their sums (L each) and the contribution each term picked (one per term each). */
type Half = { n: number; sums: Vec; picks: number[] };

/**
 * Meet in the middle, for many open children (a 款 with twenty 项 each either 基本 or 项目 is a subset sum):
 * enumerate each half's combinations with bound pruning, match them on the sum, and mark the choices that occur in
 * some match. 2 × 2^(k/2) combinations instead of 2^k.
 */
function supportByMeetInTheMiddle(pr: SumProblem): boolean[][] {
  const { k, L } = pr;
  // Split where the two halves' combination counts balance.
  const logs = pr.vecs.map((v) => Math.log2(v.length));
  const totalLog = logs.reduce((a, b) => a + b, 0);
  let h = 0;
  for (let acc = 0; h < k && acc + logs[h] <= totalLog / 2; h++) acc += logs[h];
  h = Math.min(Math.max(h, 1), k - 1);
  const left = indexes(0, h);
  const right = indexes(h, k);

  // Depth-first, leftmost contribution first; the partial sum at depth i is kept at stack[i × L …].
  const enumerate = (ts: number[], others: number[]): Half => {
    const depth = ts.length;
    const rests = ts.map((_, i) => pr.range([...ts.slice(i + 1), ...others]));
    const stack = new Array<number>((depth + 1) * L).fill(0);
    const chosen = new Array<number>(depth).fill(0);
    const out: Half = { n: 0, sums: [], picks: [] };
    const walk = (i: number) => {
      if (i === depth) {
        for (let j = 0; j < L; j++) out.sums.push(stack[i * L + j]);
        for (let x = 0; x < depth; x++) out.picks.push(chosen[x]);
        if (++out.n > MITM_MAX_HALF) throw new TooBig();
        return;
      }
      const vecs = pr.vecs[ts[i]];
      const from = i * L;
      const to = from + L;
      for (let c = 0; c < vecs.length; c++) {
        const v = vecs[c];
        for (let j = 0; j < L; j++) stack[to + j] = stack[from + j] + v[j];
        if (!pr.viable(stack, to, rests[i])) continue;
        chosen[i] = c;
        walk(i + 1);
      }
    };
    walk(0);
    return out;
  };
  const A = enumerate(left, right);
  const B = enumerate(right, left);
  const { j, order, keys } = sortedBy(B.sums, B.n, L);
  const supported = pr.vecs.map((v) => v.map(() => false));
  let checks = 0;
  for (let a = 0; a < A.n; a++) {
    const [lo, hi] = pr.window(A.sums[a * L + j], j);
    for (let i = lowerBound(keys, lo); i < keys.length && keys[i] <= hi; i++) {
      if (++checks > MITM_MAX_CHECKS) throw new TooBig();
      const b = order[i];
      if (!pr.closes(A.sums, a * L, B.sums, b * L)) continue;
      for (let x = 0; x < left.length; x++) supported[left[x]][A.picks[a * left.length + x]] = true;
      for (let x = 0; x < right.length; x++) supported[right[x]][B.picks[b * right.length + x]] = true;
    }
  }
  return supported;
}

/** For a sum constraint, the placements of each term's row that some choice of the others completes. */
/**
 * A sum whose rows are all settled (half of those revised) holds or empties them: checked on the rows' values, with
 * SumProblem's bound on the terms, and no contribution sets built. Undefined while some row is open.
 */
function reviseSettledSum(c: SumConstraint, domains: Placement[][]): "empty" | "unchanged" | undefined {
  for (const t of c.terms) if (domains[t.row].length !== 1) return undefined;
  let closes = true;
  for (let j = 0; j < c.constant.length; j++) {
    let sum = 0;
    let bound = Math.abs(c.constant[j]) + c.tolerance[j];
    for (const t of c.terms) {
      const v = viewed(domains[t.row][0].value, t.view[j], t.sign);
      sum += v;
      bound += Math.abs(v);
    }
    checkBound(bound, c.label);
    if (Math.abs(sum + c.constant[j]) > c.tolerance[j]) closes = false;
  }
  return closes ? "unchanged" : "empty";
}

function reviseSum(
  c: SumConstraint,
  domains: Placement[][],
  cache?: ContributionCache,
): Map<number, Placement[]> | "empty" | "unchanged" {
  const settled = reviseSettledSum(c, domains);
  if (settled) return settled;
  const contrib = c.terms.map((t) => contributionsOf(t, domains[t.row], cache));
  if (contrib.some((x) => x.vecs.length === 0)) return "empty";
  const pr = new SumProblem(
    c,
    contrib.map((x) => x.owners),
    contrib.map((x) => x.vecs),
  );
  // Most sums, while propagating, have every row settled or one or two open: their combinations are simply tried.
  let supported = supportByEnumeration(pr);
  // Otherwise the DP first for the sums documents print (a parent and up to a dozen children, each with a few
  // placements): deduplicated and pruned, its sets stay small even where the combinations number millions. Many open
  // children with two placements each are a subset sum that makes them explode, so there the halves go first. All
  // three are exact (a fallback runs only when the one before gives up), so the order only decides the time.
  const combinations = pr.vecs.reduce((n, v) => n + Math.log2(v.length), 0);
  const methods =
    combinations <= 12 || pr.k <= 12
      ? [supportByDp, supportByMeetInTheMiddle]
      : [supportByMeetInTheMiddle, supportByDp];
  for (const method of supported ? [] : methods) {
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

function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
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

/** Every combination of the rows' placements, when there are few: a placement survives if some combination admits it. */
function reviseRows(c: RowsConstraint, domains: Placement[][]): Map<number, Placement[]> | "empty" | "unchanged" {
  const doms = c.rows.map((r) => domains[r]);
  if (doms.some((d) => d.length === 0)) return "empty";
  if (doms.reduce((n, d) => n * d.length, 1) > ROWS_MAX_COMBINATIONS) return "unchanged";
  const supported = doms.map((d) => d.map(() => false));
  const pick: Placement[] = new Array(doms.length);
  const idx: number[] = new Array(doms.length);
  const walk = (i: number) => {
    if (i === doms.length) {
      if (c.compatible(pick)) idx.forEach((x, r) => (supported[r][x] = true));
      return;
    }
    for (let x = 0; x < doms[i].length; x++) {
      pick[i] = doms[i][x];
      idx[i] = x;
      walk(i + 1);
    }
  };
  walk(0);
  const changed = new Map<number, Placement[]>();
  for (let i = 0; i < doms.length; i++) {
    if (supported[i].every(Boolean)) continue;
    const narrowed = doms[i].filter((_, x) => supported[i][x]);
    if (narrowed.length === 0) return "empty";
    changed.set(c.rows[i], narrowed);
  }
  return changed.size ? changed : "unchanged";
}

const widened = (c: SumConstraint, by: number): SumConstraint => ({ ...c, tolerance: c.tolerance.map((t) => t + by) });

const rowsOf = (c: Constraint) =>
  c.kind === "sum" ? c.terms.map((t) => t.row) : c.kind === "pair" ? [c.a, c.b] : c.rows;

/** The largest figure a sum constraint compares, over the rows' current placements: what its rounding tail scales with. */
function magnitudeOf(c: SumConstraint, domains: Placement[][]): number {
  let m = c.constant.reduce((x, v) => Math.max(x, Math.abs(v)), 0);
  for (const t of c.terms)
    for (const p of domains[t.row])
      for (const cols of t.view) {
        let s = 0;
        for (const col of cols) s += p.value[col];
        m = Math.max(m, Math.abs(s));
      }
  return m;
}

export type Relaxed = { constraint: SumConstraint; by: number };

export class ColumnSolver {
  private domains: Placement[][];
  private readonly active: Constraint[] = [];
  private readonly byRow = new Map<number, Constraint[]>();
  private readonly contributions: ContributionCache = new Map();
  /** constraints that contradicted the ones kept before them: the document's own arithmetic does not hold there */
  readonly rejected: Constraint[] = [];
  /** sums kept with a wider tolerance (`by` units more in every column): the document misses them by a rounding tail */
  readonly relaxed: Relaxed[] = [];

  constructor(domains: Placement[][]) {
    this.domains = domains.map((d) => d.slice());
  }

  domain(row: number): readonly Placement[] {
    return this.domains[row];
  }

  /**
   * Keeps the constraint unless it empties some row's domain together with those kept before; returns whether kept.
   * A sum the document misses only by a rounding tail is kept with the least widening that lets it hold, the same in
   * every column: it still says where the figures go (the columns it holds in stay tight, and the placements that
   * miss least are preferred), where setting it aside would forget that evidence for every column at once.
   */
  add(c: Constraint): boolean {
    if (c.kind === "sum" && ![...c.constant, ...c.tolerance].every(Number.isSafeInteger))
      throw new AmountRangeError(`约束“${c.label}”的常数和容差应为定点整数`);
    if (this.attach(c)) return true;
    if (c.kind === "sum") {
      const by = this.leastWidening(c);
      if (by !== undefined) {
        this.attach(widened(c, by));
        this.relaxed.push({ constraint: c, by });
        return true;
      }
    }
    this.rejected.push(c);
    return false;
  }

  /** Adds and propagates; on a contradiction everything is as before and it returns false. */
  private attach(c: Constraint): boolean {
    // Domains are replaced, never changed in place, so restoring needs only the outer array.
    const saved = this.domains.slice();
    this.active.push(c);
    for (const r of rowsOf(c)) {
      const list = this.byRow.get(r) ?? [];
      list.push(c);
      this.byRow.set(r, list);
    }
    if (this.propagate([c])) return true;
    this.domains = saved;
    this.detachLast(c);
    return false;
  }

  private detachLast(c: Constraint): void {
    this.active.pop();
    for (const r of rowsOf(c)) this.byRow.get(r)!.pop();
  }

  /** Whether the constraint could be kept, leaving everything as it is. */
  private probe(c: Constraint): boolean {
    const saved = this.domains.slice();
    if (!this.attach(c)) return false;
    this.domains = saved;
    this.detachLast(c);
    return true;
  }

  /** The least widening (in units, within a rounding tail) with which the sum holds, or undefined. */
  private leastWidening(c: SumConstraint): number | undefined {
    const cap = slipAllowance(magnitudeOf(c, this.domains), Math.max(...c.tolerance));
    if (!this.probe(widened(c, cap))) return undefined;
    // Tails are a few last digits: search up from the tolerance, then halve the last step.
    let lo = 0;
    let hi = cap;
    for (let by = Math.max(1, Math.min(...c.tolerance)); by < cap; by *= 2) {
      if (this.probe(widened(c, by))) {
        hi = by;
        break;
      }
      lo = by;
    }
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.probe(widened(c, mid))) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  private propagate(start: Constraint[]): boolean {
    const queue = [...start];
    const queued = new Set(queue);
    while (queue.length) {
      const c = queue.shift()!;
      queued.delete(c);
      const res =
        c.kind === "sum"
          ? reviseSum(c, this.domains, this.contributions)
          : c.kind === "pair"
            ? revisePair(c, this.domains)
            : reviseRows(c, this.domains);
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
        const saved = this.domains.slice();
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
