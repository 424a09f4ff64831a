import "server-only";
import { difference, presentSum, shareOf } from "@/lib/metrics/dashboard";
import { median } from "@/lib/metrics/stats";
import { D } from "@/lib/money/decimal";
import { getChosenFigures, type ChosenReport } from "./dashboard-scope";

export type ProcurementFilter = { year: number; synthetic: boolean; reference: number; dept?: number };

export type ProcurementRow = {
  departmentId: number;
  department: string;
  synthetic: boolean;
  year: number;
  total?: string;
  goods?: string;
  works?: string;
  services?: string;
  sme?: string;
  /** percent; as the document states it, else 中小企业 ÷ 总额 */
  smeShare?: string;
  smeShareStated: boolean;
  smallMicro?: string;
  smallMicroShare?: string;
  /** the same department's share the year before, when stored */
  priorSmeShare?: string;
  /** percentage points against the year before */
  change?: string;
  below: boolean;
};

function rowOf(r: ChosenReport, reference: number, prior?: ChosenReport): ProcurementRow {
  const g = r.figures;
  const smeShare = g.procurementSmeShare ?? shareOf(g.procurementSme, g.procurementTotal);
  const priorShare = prior ? (prior.figures.procurementSmeShare ?? shareOf(prior.figures.procurementSme, prior.figures.procurementTotal)) : undefined;
  return {
    departmentId: r.departmentId,
    department: r.department,
    synthetic: r.synthetic,
    year: r.year,
    total: g.procurementTotal,
    goods: g.procurementGoods,
    works: g.procurementWorks,
    services: g.procurementServices,
    sme: g.procurementSme,
    smeShare,
    smeShareStated: g.procurementSmeShare !== undefined,
    smallMicro: g.procurementSmallMicro,
    smallMicroShare: g.procurementSmallMicroShare ?? shareOf(g.procurementSmallMicro, g.procurementTotal),
    priorSmeShare: priorShare,
    change: difference(smeShare, priorShare),
    below: smeShare !== undefined && new D(smeShare).lt(reference),
  };
}

/** Per department for one year, lowest SME share first (those not reaching SMEs lead); undisclosed last. */
export async function getProcurementDepartments(f: ProcurementFilter): Promise<ProcurementRow[]> {
  const [now, before] = await Promise.all([
    getChosenFigures({ year: f.year, synthetic: f.synthetic }),
    getChosenFigures({ year: f.year - 1, synthetic: f.synthetic }),
  ]);
  const out = now.map((r) => rowOf(r, f.reference, before.find((p) => p.departmentId === r.departmentId)));
  return out.sort((a, b) => {
    if ((a.smeShare === undefined) !== (b.smeShare === undefined)) return a.smeShare === undefined ? 1 : -1;
    if (a.smeShare === undefined || b.smeShare === undefined) return a.department.localeCompare(b.department, "zh");
    return new D(a.smeShare).cmp(b.smeShare) || a.department.localeCompare(b.department, "zh");
  });
}

export type ProcurementYear = {
  year: number;
  /** departments with a 政府采购 total that year */
  departments: number;
  total?: string;
  goods?: string;
  works?: string;
  services?: string;
  sme?: string;
  smallMicro?: string;
  /** Σ中小企业 ÷ Σ总额 over departments that state both */
  smeShare?: string;
  smallMicroShare?: string;
  medianSmeShare?: string;
  below: number;
};

/**
 * Across years: all departments (or one with `dept`). Shares are weighted (Σ中小企业 ÷ Σ总额) over the departments
 * that disclose both figures, so a department that states only a total cannot pull the share down.
 */
export async function getProcurementYears(f: { synthetic: boolean; reference: number; dept?: number }): Promise<ProcurementYear[]> {
  const all = await getChosenFigures({ synthetic: f.synthetic, dept: f.dept });
  const years = [...new Set(all.map((r) => r.year))].sort((a, b) => a - b);
  return years.map((year) => {
    const list = all.filter((r) => r.year === year).map((r) => rowOf(r, f.reference));
    const withTotal = list.filter((r) => r.total !== undefined);
    const smeBoth = withTotal.filter((r) => r.sme !== undefined);
    const smallBoth = withTotal.filter((r) => r.smallMicro !== undefined);
    return {
      year,
      departments: withTotal.length,
      total: presentSum(withTotal.map((r) => r.total)).sum,
      goods: presentSum(withTotal.map((r) => r.goods)).sum,
      works: presentSum(withTotal.map((r) => r.works)).sum,
      services: presentSum(withTotal.map((r) => r.services)).sum,
      sme: presentSum(smeBoth.map((r) => r.sme)).sum,
      smallMicro: presentSum(smallBoth.map((r) => r.smallMicro)).sum,
      smeShare: shareOf(presentSum(smeBoth.map((r) => r.sme)).sum, presentSum(smeBoth.map((r) => r.total)).sum),
      smallMicroShare: shareOf(presentSum(smallBoth.map((r) => r.smallMicro)).sum, presentSum(smallBoth.map((r) => r.total)).sum),
      medianSmeShare: median(list.map((r) => r.smeShare)),
      below: list.filter((r) => r.below).length,
    };
  });
}
