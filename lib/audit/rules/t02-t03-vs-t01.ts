import { byClassRule, sumRule } from "../identity-checks";
import type { Rule } from "../rule";

/** t02's 合计 row against t01's income rows; t03's 合计 and every 类 against t01's (lib/report/identities.ts). */
export const t02t03Rules: Rule[] = [sumRule("T02_VS_T01"), byClassRule("T03_VS_T01")];
