import { D } from "@/lib/money/decimal";
import { getTable, TABLE_IDS, TABLE_TITLES, type Report } from "@/lib/report/schema";
import { tableNo } from "./labels";
import type { Completeness, CompletenessItem } from "./types";

type Check = { key: string; label: string; present: (r: Report) => boolean };

const isZero = (v: string | undefined) => v !== undefined && new D(v).isZero();

/**
 * What a complete disclosure contains. A table counts when it is printed with rows or explicitly declared empty
 * (本表无数据): silence and "nothing to report" are different things.
 */
const CHECKS: Check[] = [
  ...TABLE_IDS.map(
    (id): Check => ({
      key: id,
      label: `${tableNo(id)} ${TABLE_TITLES[id]}`,
      present: (r) => {
        const t = getTable(r, id);
        return t !== undefined && (t.status === "empty" || t.rows.length > 0);
      },
    }),
  ),
  {
    key: "sangongQuantities",
    label: "“三公”经费数量信息（出国团组和人次、公务用车保有量、公务接待批次和人次）",
    present: (r) => {
      const s = r.narrative.sangong;
      return (
        s !== undefined &&
        s.abroadGroups !== undefined &&
        s.abroadPersons !== undefined &&
        s.vehiclesKept !== undefined &&
        s.receptionDomestic?.batches !== undefined &&
        s.receptionDomestic?.persons !== undefined
      );
    },
  },
  {
    key: "procurementSme",
    label: "政府采购授予中小企业、小微企业合同金额",
    // A department that bought nothing has no SME figures to give.
    present: (r) => {
      const p = r.narrative.procurement;
      return p !== undefined && (isZero(p.total) || (p.sme !== undefined && p.smallMicro !== undefined));
    },
  },
  { key: "glossary", label: "名词解释", present: (r) => r.glossary.length > 0 },
  {
    key: "budgetExecution",
    label: "一般公共预算财政拨款支出年初预算与决算对比（分项目）",
    present: (r) => (r.narrative.budgetExecution?.items.length ?? 0) > 0,
  },
  {
    key: "performanceSummary",
    label: "绩效自评情况汇总表",
    present: (r) => (r.appendix.performanceSummary?.rows.length ?? 0) > 0,
  },
  { key: "performanceSheets", label: "项目绩效自评表", present: (r) => r.appendix.performanceSheets.length > 0 },
];

export const COMPLETENESS_KEYS = CHECKS.map((c) => ({ key: c.key, label: c.label }));

/** The disclosure's parts and whether each is there; score = present / all × 100, two decimals at most. */
export function computeCompleteness(report: Report): Completeness {
  const items: CompletenessItem[] = CHECKS.map((c) => ({ key: c.key, label: c.label, present: c.present(report) }));
  const present = items.filter((i) => i.present).length;
  const score = new D(present).div(items.length).times(100).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed();
  return { score, items };
}

/** "sangongQuantities" → "COMPLETENESS_SANGONG_QUANTITIES", "t01" → "COMPLETENESS_T01". */
export function completenessRuleId(key: string): string {
  return `COMPLETENESS_${key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
}
