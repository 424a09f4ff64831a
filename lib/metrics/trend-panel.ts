/*
 * A trend summed over departments is only a trend when every year sums the same departments: one department joining
 * in 2023 is not "因公出国 0.00 → 40.66". The panel is the run of consecutive years (of those with data) and the
 * departments that disclose the figure in every one of them, chosen to keep the most department-years; the rest are
 * named with the years they lack.
 */

export type PanelCandidate = {
  id: number;
  name: string /** years in which the department discloses the figure */;
  years: number[];
};

export type TrendPanel = {
  /** the years drawn, ascending (empty when no department discloses the figure in two or more of them) */
  years: number[];
  /** departments summed in every year */
  included: { id: number; name: string }[];
  /** departments left out, with why */
  excluded: { id: number; name: string; reason: string }[];
};

const yearsText = (ys: number[]) => ys.map((y) => `${y}`).join("、");

export function chooseTrendPanel(candidates: PanelCandidate[]): TrendPanel {
  const all = [...new Set(candidates.flatMap((c) => c.years))].sort((a, b) => a - b);
  let best: { from: number; to: number; members: PanelCandidate[] } | undefined;
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const span = all.slice(i, j + 1);
      const members = candidates.filter((c) => span.every((y) => c.years.includes(y)));
      if (members.length === 0) continue;
      const score = members.length * span.length;
      const bestScore = best ? best.members.length * (best.to - best.from + 1) : 0;
      // ties: the later run (the newer years are what a reader looks at)
      if (score >= bestScore) best = { from: i, to: j, members };
    }
  }
  if (!best) {
    return {
      years: [],
      included: [],
      excluded: candidates.map((c) => ({
        id: c.id,
        name: c.name,
        reason:
          c.years.length === 0
            ? "各年都未披露"
            : c.years.length === 1
              ? `只有 ${yearsText(c.years)} 年一年的数据`
              : `${yearsText(c.years)} 年之间缺年份`,
      })),
    };
  }
  const years = all.slice(best.from, best.to + 1);
  const inPanel = new Set(best.members.map((m) => m.id));
  return {
    years,
    included: best.members.map((m) => ({ id: m.id, name: m.name })),
    excluded: candidates
      .filter((c) => !inPanel.has(c.id))
      .map((c) => {
        const missing = years.filter((y) => !c.years.includes(y));
        const outside = c.years.filter((y) => !years.includes(y));
        return {
          id: c.id,
          name: c.name,
          reason:
            c.years.length === 0
              ? "各年都未披露"
              : missing.length === years.length
                ? `只有 ${yearsText(c.years)} 年的数据，不在所画年份内`
                : `缺 ${yearsText(missing)} 年${outside.length ? `（另有 ${yearsText(outside)} 年，不在所画年份内）` : ""}`,
        };
      }),
  };
}
