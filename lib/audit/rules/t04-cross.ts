import { byClassRule, sumRule } from "../identity-checks";
import type { Rule } from "../rule";

/**
 * Table 04 against tables 01, 05, 07 and 08 (lib/report/identities.ts). Tables 07 and 08 declared empty (本表无数据)
 * stand for zero; a table the document omits altogether proves nothing, so it is skipped.
 */
export const t04CrossRules: Rule[] = [sumRule("T04_VS_T01"), byClassRule("T04_VS_T05"), byClassRule("T04_VS_T07_T08")];
