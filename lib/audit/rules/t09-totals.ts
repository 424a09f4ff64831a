import { rowRule } from "../identity-checks";
import type { Rule } from "../rule";

export const T09_VEHICLE_SUM = "T09_VEHICLE_SUM";

export { sangongRow } from "../identity-checks";

/** The 三公 line's two identities, in 预算数 and in 决算数 (lib/report/identities.ts). */
export const t09Rules: Rule[] = [rowRule("T09_TOTAL_SUM"), rowRule(T09_VEHICLE_SUM)];
