import { joinWrapped, type Line, squeeze } from "./lines";

export type Goals = { planned?: string; actual?: string };

const ACTUAL_LABEL = /^(目标)?实际完成情况[：:]?/;
const SENTENCE_END = /[。！？；.!?;”"）)]$/;

/**
 * Splits the 年初预期目标 and 目标实际完成情况 cells. When the extractor printed a label in front of the second cell the
 * label splits them. Otherwise the two cells run together, and the break is the line that most looks like the end of a
 * cell: it ends a sentence, the extractor left trailing blanks after it (it does so at cell ends), and it is shorter
 * than the line before it. Without any such sign everything is kept as the planned text.
 */
export function splitGoals(lines: Line[]): Goals {
  if (lines.length === 0) return {};
  const labelled = lines.findIndex((l) => ACTUAL_LABEL.test(squeeze(l.text)));
  if (labelled >= 0) {
    const first = squeeze(lines[labelled].text).replace(ACTUAL_LABEL, "");
    return nonEmpty(
      joinWrapped(lines.slice(0, labelled).map((l) => l.text)),
      joinWrapped([first, ...lines.slice(labelled + 1).map((l) => l.text)]),
    );
  }
  let best = -1;
  let bestScore = 0;
  for (let k = 0; k < lines.length - 1; k++) {
    const s = cellEndScore(lines, k);
    if (s > bestScore) {
      bestScore = s;
      best = k;
    }
  }
  if (best < 0) return nonEmpty(joinWrapped(lines.map((l) => l.text)), "");
  return nonEmpty(
    joinWrapped(lines.slice(0, best + 1).map((l) => l.text)),
    joinWrapped(lines.slice(best + 1).map((l) => l.text)),
  );
}

function cellEndScore(lines: Line[], k: number): number {
  const l = lines[k];
  let s = 0;
  if (SENTENCE_END.test(l.text)) s += 3;
  if (/\s$/.test(l.raw)) s += 3;
  if (k > 0 && l.text.length < lines[k - 1].text.length - 1) s += 1;
  return s;
}

function nonEmpty(planned: string, actual: string): Goals {
  const g: Goals = {};
  if (planned !== "") g.planned = planned;
  if (actual !== "") g.actual = actual;
  return g;
}
