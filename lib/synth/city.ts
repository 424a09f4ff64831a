import { createHash } from "node:crypto";
import { D } from "../money/decimal";
import type { Report } from "../report/schema";
import { ANOMALY_KINDS, injectAnomaly, type AnomalyKind } from "./anomalies";
import { demoName, departmentName } from "./departments";
import { advanceFleet, generateAssets, generateProcurement, generateSangong } from "./extras";
import { GLOSSARY } from "./glossary";
import { advance, buildLedger, initialState } from "./ledger";
import { buildNarrative, factsOf, type Facts } from "./narrative";
import { generatePerformance } from "./performance";
import { Rng } from "./random";
import { buildTables } from "./tables";

export type Anomaly = {
  /** the audit rule id meant to find it */
  rule: string;
  /** Chinese, for the UI and for reviewers */
  description: string;
  departmentIndex: number;
  department: string;
  year: number;
  where: string;
  kind: AnomalyKind;
};

export type GenerateOptions = {
  departments: number;
  years: number[];
  seed: number;
  anomalies?: "none" | "some" | "every-kind";
  cityName?: string;
};

type Entry = { report: Report; departmentIndex: number; year: number; hasPreviousReport: boolean };

/**
 * A synthetic city: `departments` × `years` 部门决算 reports, every identity of DESIGN.md §2 exact,
 * narratives computed from the tables and from the department's previous year. The same seed gives the same JSON.
 * Reports come ordered by department index, then year; anomalies (if asked for) are listed with where they are.
 */
export function generateCity(opts: GenerateOptions): { reports: Report[]; anomalies: Anomaly[] } {
  if (!Number.isInteger(opts.departments) || opts.departments < 1)
    throw new Error(`部门数必须是正整数，收到 ${opts.departments}`);
  if (!opts.years.length || opts.years.some((y) => !Number.isInteger(y) || y < 1991 || y > 2100)) {
    throw new Error(`年度必须是 1991–2100 之间的整数，收到 ${opts.years.join(",") || "空"}`);
  }
  if (!Number.isInteger(opts.seed)) throw new Error(`随机种子必须是整数，收到 ${opts.seed}`);
  const city = opts.cityName ?? "示例市";
  const years = [...new Set(opts.years)].sort((a, b) => a - b);
  const wanted = new Set(years);

  const entries: Entry[] = [];
  for (let d = 0; d < opts.departments; d++) {
    const { profile, name, place, sizeScale } = departmentName(city, d);
    const state = initialState(opts.seed, d, name, profile, sizeScale);
    let prior: Facts = {};
    // One warm-up year before the first so the first report has a previous year to compare with.
    for (let y = years[0] - 1; y <= years[years.length - 1]; y++) {
      const rng = (part: string) => Rng.derive(opts.seed, part, d, y);
      const warmUp = y === years[0] - 1;
      advance(state, rng("drift"), warmUp);
      if (!warmUp) advanceFleet(state, rng("fleet"));
      const ledger = buildLedger(state, y, rng("ledger"));
      const sangong = generateSangong(state, y, rng("sangong"));
      const { tables, totals } = buildTables(ledger, sangong, rng("economic"));
      if (wanted.has(y)) {
        const performance = generatePerformance(rng("performance"), {
          department: name,
          short: profile.short,
          projects: profile.projects ?? [],
          year: y,
          budgetBase: D.max(new D(10), totals.gpb.project),
        });
        const narrative = buildNarrative(
          {
            year: y,
            tables,
            totals,
            ledger,
            prior,
            sangong,
            procurement: generateProcurement(totals.gpb.project.plus(totals.public), rng("procurement")),
            assets: generateAssets(state, rng("assets")),
            performance,
          },
          rng("narrative"),
        );
        const report = {
          schemaVersion: 1 as const,
          department: name,
          year: y,
          scope: "部门决算" as const,
          sourceUnit: "万元" as const,
          source: { fileName: `synthetic/${name}-${y}.json`, sha256: "", layout: "json" as const, lines: 0 },
          synthetic: true,
          overview: {
            duties: `${name}主要职责：贯彻落实国家和省、市关于${profile.short}工作的方针政策和决策部署，拟订全市${profile.short}发展规划和政策措施并组织实施；负责${profile.short}领域的监督管理和公共服务；完成市委、市政府交办的其他任务。`,
            units: [`${name}本级`, ...(profile.institutions ? [demoName(`${place}${profile.short}事业发展中心`)] : [])],
          },
          tables,
          narrative,
          glossary: GLOSSARY.map((g) => ({ ...g })),
          appendix: { performanceSummary: performance.summary, performanceSheets: performance.sheets },
          ambiguities: [],
          unread: [],
          extraTables: [],
          listedTables: [],
          headings: [],
        } satisfies Report;
        entries.push({ report, departmentIndex: d, year: y, hasPreviousReport: wanted.has(y - 1) });
      }
      prior = factsOf(totals);
    }
  }

  const anomalies = injectAnomalies(entries, opts.anomalies ?? "none", opts.seed);
  for (const e of entries) seal(e.report);
  return { reports: entries.map((e) => e.report), anomalies };
}

/** sha256 of the report's JSON without its `source`, in the key order it is written. */
function syntheticSha256(report: Report): string {
  const { source: _source, ...rest } = report;
  return createHash("sha256").update(JSON.stringify(rest)).digest("hex");
}

function seal(report: Report) {
  report.source.sha256 = syntheticSha256(report);
}

/**
 * "some": about one report in ten gets one anomaly. "every-kind": the same, plus each kind not yet drawn
 * on a report of its own (sharing a report only when there are fewer reports than kinds).
 * Anomalies draw from their own stream, so a clean city and its anomalous twin differ only where recorded.
 */
function injectAnomalies(entries: Entry[], mode: "none" | "some" | "every-kind", seed: number): Anomaly[] {
  if (mode === "none") return [];
  const rng = Rng.derive(seed, "anomalies");
  const out: Anomaly[] = [];
  const used = new Map<Entry, Set<AnomalyKind>>();
  const fits = (e: Entry, kind: AnomalyKind) =>
    (kind !== "restated-prior" || e.hasPreviousReport) && !used.get(e)?.has(kind);
  const apply = (e: Entry, kind: AnomalyKind): boolean => {
    const hit = injectAnomaly(e.report, kind, Rng.derive(seed, "anomaly", kind, e.departmentIndex, e.year));
    if (!hit) return false;
    if (!used.has(e)) used.set(e, new Set());
    used.get(e)!.add(kind);
    out.push({
      rule: hit.rule,
      description: hit.description,
      departmentIndex: e.departmentIndex,
      department: e.report.department,
      year: e.year,
      where: hit.where,
      kind,
    });
    return true;
  };
  for (const e of entries) {
    if (!rng.chance(0.1)) continue;
    const kinds = ANOMALY_KINDS.filter((k) => fits(e, k));
    if (kinds.length) apply(e, rng.pick(kinds));
  }
  if (mode === "every-kind") {
    for (const kind of ANOMALY_KINDS) {
      if (out.some((a) => a.kind === kind)) continue;
      const order = rng.shuffle(entries);
      const candidates = [...order.filter((e) => !used.has(e)), ...order.filter((e) => used.has(e))].filter((e) =>
        fits(e, kind),
      );
      if (!candidates.some((e) => apply(e, kind))) {
        throw new Error(
          `无法注入“${kind}”类异常：${kind === "restated-prior" ? "需要至少两个连续年度" : "没有可用的报告"}`,
        );
      }
    }
  }
  return out.sort((a, b) => a.departmentIndex - b.departmentIndex || a.year - b.year);
}
