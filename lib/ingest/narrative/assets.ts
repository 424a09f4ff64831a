import type { Narrative } from "@/lib/report/schema";
import { AMT, INT, attempt, find, findAll, intOf, lineOf, markRead, type Notes, type Section } from "./text";

/**
 * 十二 (Shandong) / 十一（三） (Shanghai): "共有车辆 2 辆，其中，符合规定领导干部用车 0 辆、机要通信用车 2 辆…；单价
 * 100 万元（含）以上设备（不含车辆）0 台（套）". The uses are whatever the list names (Shanghai splits 领导干部用车
 * into 部级领导干部用车 and 主要领导干部用车).
 */
export function parseAssets(sec: Section, notes: Notes = []): Narrative["assets"] {
  const vehicles = find(sec, `(?:共有|实有|现有|拥有)(?:公务)?车辆${INT("n")}辆`);
  // "单价 100 万元（含）以上" is the threshold of the template, not a figure of the department.
  const equipment = find(
    sec,
    `(?:单价${AMT("t")}(?:[（(]含[)）])?)?以上(?:的)?(?:通用|专用)?设备(?:[（(]不含车辆[)）])?(?:共)?${INT("n")}台`,
  );
  const listFrom = vehicles?.end ?? 0;
  const listTo = find(sec, /[；;。]|单价/, listFrom)?.index ?? sec.text.length;
  const byUse: Record<string, number> = {};
  for (const h of findAll(
    sec,
    `(?:其中[，,：:]?)?(?:符合规定(?:的)?)?(?<use>[\\u4e00-\\u9fa5]+?用车)${INT("n")}辆`,
    listFrom,
    listTo,
  )) {
    const n = attempt(notes, sec, () => intOf(sec, h, "n"));
    if (n !== undefined) byUse[h.group("use") ?? ""] = n;
  }
  const count = vehicles ? attempt(notes, sec, () => intOf(sec, vehicles, "n")) : undefined;
  const large = equipment ? attempt(notes, sec, () => intOf(sec, equipment, "n")) : undefined;
  if (equipment?.group("t") !== undefined)
    markRead(sec, equipment.start("t"), equipment.start("t") + (equipment.group("t") ?? "").length + 1);
  if (count === undefined && large === undefined && Object.keys(byUse).length === 0) return undefined;
  return {
    ...(count !== undefined ? { vehicles: count } : {}),
    vehiclesByUse: byUse,
    ...(large !== undefined ? { largeEquipment: large } : {}),
    sourceLine: lineOf(sec, (vehicles ?? equipment)?.index ?? 0),
  };
}
