import type { Narrative } from "@/lib/report/schema";
import { find, intOf, INT, lineOf, type Section } from "./text";

/*
 * 编制人数 and 实有人数, where 机构设置 (or 部门职责) states them — the base of every per-staff figure. Templates word it
 * "编制人数 45 人，实有人数 41 人", "核定编制 45 名", "年末实有人数 41 人", "实有在职人员 41 人". 实有人数 here is the
 * serving staff; 离退休 persons are a different base and are not read. A section that states neither gives nothing.
 */
const AUTHORISED = `(?:编制人数|核定编制|编制数)(?:为|共|合计)?[：:]?\\s*${INT("n")}\\s*[人名]`;
const ACTUAL = `(?:实有人数|实有在职人员|实有人员|在职人员)(?:为|共|合计)?[：:]?\\s*${INT("n")}\\s*[人名]`;

export function parseStaff(sec: Section): Narrative["staff"] {
  const a = find(sec, AUTHORISED);
  const b = find(sec, ACTUAL);
  if (!a && !b) return undefined;
  return {
    ...(a ? { authorised: intOf(sec, a, "n") } : {}),
    ...(b ? { actual: intOf(sec, b, "n") } : {}),
    sourceLine: lineOf(sec, Math.min(a?.index ?? Infinity, b?.index ?? Infinity)),
  };
}
