import type { Narrative } from "@/lib/report/schema";
import { INT, find, findAll, intOf, lineOf, type Section } from "./text";

/** 十二: "共有车辆 2 辆，其中，符合规定领导干部用车 0 辆、机要通信用车 2 辆…；单价 100 万元（含）以上设备（不含车辆）0 台（套）". */
export function parseAssets(sec: Section): Narrative["assets"] {
  const vehicles = find(sec, `(?:共有|实有|现有|拥有)(?:公务)?车辆${INT("n")}辆`);
  const equipment = find(sec, `以上(?:的)?(?:通用|专用)?设备(?:[（(]不含车辆[)）])?(?:共)?${INT("n")}台`);
  const listFrom = vehicles?.end ?? 0;
  const listTo = find(sec, /[；;。]|单价/, listFrom)?.index ?? sec.text.length;
  const byUse: Record<string, number> = {};
  for (const h of findAll(sec, `(?:其中[，,：:]?)?(?:符合规定(?:的)?)?(?<use>[\\u4e00-\\u9fa5]+?用车)${INT("n")}辆`, listFrom, listTo)) {
    byUse[h.group("use") ?? ""] = intOf(sec, h, "n");
  }
  if (!vehicles && !equipment && Object.keys(byUse).length === 0) return undefined;
  return {
    ...(vehicles ? { vehicles: intOf(sec, vehicles, "n") } : {}),
    vehiclesByUse: byUse,
    ...(equipment ? { largeEquipment: intOf(sec, equipment, "n") } : {}),
    sourceLine: lineOf(sec, (vehicles ?? equipment)?.index ?? 0),
  };
}
