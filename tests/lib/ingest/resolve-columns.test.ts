import { describe, expect, test } from "vitest";
import { prng } from "../render/perturb";
import {
  ColumnSolver,
  enumeratePlacements,
  FixedPoint,
  halfUnitOf,
  tolerance,
  type Placement,
  type SumConstraint,
} from "@/lib/ingest/resolve-columns";

/*
 * The solver keeps a placement of a row when some choice of the other rows' placements makes the sum hold (within
 * tolerance, per column). Its search (a deduplicated DP over partial sums, or meet in the middle for subset sums) is
 * checked here against brute force over every combination, on random parent = Σ children problems of the shape
 * tables print: a parent row and its children, each printing some of the columns, placed without identities.
 */

function rng(seed: number) {
  const next = prng(seed);
  return (n: number) => Math.floor(next() * n);
}

const fixed = FixedPoint.forScale(2);
const hu = halfUnitOf(2, fixed);
const money = (cents: number) => (cents / 100).toFixed(2);

type Problem = { domains: Placement[][]; constraint: SumConstraint };

/** A parent and 1–5 children over `width` columns; the printed figures come from one hidden consistent choice. */
function problem(r: (n: number) => number): Problem {
  const width = 2 + r(4);
  const kids = 1 + r(5);
  // few distinct amounts make several placements fit, which is what the search has to sort out
  const pool = Array.from({ length: 2 + r(4) }, () => 1 + r(500));
  const parentCols = new Array<number>(width).fill(0);
  const kidCells: string[][] = [];
  for (let k = 0; k < kids; k++) {
    const cols = Array.from({ length: width }, (_, i) => i).filter(() => r(2) === 0);
    if (cols.length === 0) cols.push(r(width));
    const values = cols.map(() => pool[r(pool.length)]);
    cols.forEach((c, i) => (parentCols[c] += values[i]));
    kidCells.push(values.map(money));
  }
  const parentCells = parentCols.filter((v) => v !== 0).map(money);
  const rows = [parentCells, ...kidCells];
  const domains = rows.map((cells) => enumeratePlacements(cells, width, [], hu, fixed));
  const all = Array.from({ length: width }, (_, i) => [i]);
  const tol = tolerance(hu, kids);
  return {
    domains,
    constraint: {
      kind: "sum",
      label: "parent = Σ children",
      terms: rows.map((_, row) => ({ row, sign: row === 0 ? -1 : 1, view: all })) as SumConstraint["terms"],
      constant: new Array(width).fill(0),
      tolerance: new Array(width).fill(tol),
    },
  };
}

/** Placements (by their columns) of each row that some combination of the others completes. */
function bruteForce({ domains, constraint }: Problem): string[][] {
  const width = constraint.constant.length;
  const keep = domains.map(() => new Set<string>());
  const pick: Placement[] = [];
  const walk = (i: number) => {
    if (i === domains.length) {
      for (let j = 0; j < width; j++) {
        const sum = pick.reduce((s, p, row) => s + (row === 0 ? -1 : 1) * p.value[j], 0);
        if (Math.abs(sum) > constraint.tolerance[j]) return;
      }
      pick.forEach((p, row) => keep[row].add(p.at.join(",")));
      return;
    }
    for (const p of domains[i]) {
      pick[i] = p;
      walk(i + 1);
    }
  };
  walk(0);
  return keep.map((s) => [...s].sort());
}

describe("column solver against brute force", () => {
  test("keeps exactly the placements some combination completes (400 random parent = Σ children problems)", () => {
    const r = rng(20240607);
    let narrowed = 0;
    for (let i = 0; i < 400; i++) {
      const p = problem(r);
      const expected = bruteForce(p);
      const s = new ColumnSolver(p.domains);
      expect(s.add(p.constraint)).toBe(true);
      const got = p.domains.map((_, row) =>
        s
          .domain(row)
          .map((x) => x.at.join(","))
          .sort(),
      );
      expect(got, `problem ${i}`).toEqual(expected);
      if (got.some((d, row) => d.length < p.domains[row].length)) narrowed++;
    }
    // the problems are not trivial: most of them rule placements out
    expect(narrowed).toBeGreaterThan(200);
  });

  test("many open children (a subset sum, searched from both halves) agree with brute force too", () => {
    const r = rng(99);
    for (let i = 0; i < 6; i++) {
      // 14 children printing one amount each into 基本 or 项目: 2^14 combinations
      const values = Array.from({ length: 14 }, () => 1 + r(60));
      const side = values.map(() => r(2));
      const sums = [0, 1].map((c) => values.reduce((s, v, k) => s + (side[k] === c ? v : 0), 0));
      const rows = [sums.map(money), ...values.map((v) => [money(v)])];
      const domains = rows.map((cells) => enumeratePlacements(cells, 2, [], hu, fixed));
      const p: Problem = {
        domains,
        constraint: {
          kind: "sum",
          label: "款 = Σ 项",
          terms: rows.map((_, row) => ({ row, sign: row === 0 ? -1 : 1, view: [[0], [1]] })) as SumConstraint["terms"],
          constant: [0, 0],
          tolerance: [0, 0].map(() => tolerance(hu, 14)),
        },
      };
      const s = new ColumnSolver(p.domains);
      expect(s.add(p.constraint)).toBe(true);
      expect(
        p.domains.map((_, row) =>
          s
            .domain(row)
            .map((x) => x.at.join(","))
            .sort(),
        ),
      ).toEqual(bruteForce(p));
    }
  });

  test("a sum that no combination closes is set aside, leaving every domain as it was", () => {
    const r = rng(7);
    for (let i = 0; i < 50; i++) {
      const p = problem(r);
      // a constant far beyond anything the rows can reach, and beyond a rounding tail
      const c: SumConstraint = { ...p.constraint, constant: p.constraint.constant.map(() => 10_000_000_000) };
      const s = new ColumnSolver(p.domains);
      expect(s.add(c)).toBe(false);
      p.domains.forEach((d, row) => expect(s.domain(row)).toHaveLength(d.length));
    }
  });
});
