import { D, type Dec } from "@/lib/money/decimal";
import type { Report, Table, TableRow } from "@/lib/report/schema";

/**
 * The identities of DESIGN.md §2 and the narrative cross-checks, written here from scratch with decimal.js
 * (independent of lib/audit) so the generator is checked against the design, not against another implementation.
 * Each check returns the violations it finds, as readable strings; [] means the identity holds exactly.
 */
export type Check = (r: Report) => string[];

const v = (x: string | undefined): Dec => (x === undefined ? new D(0) : new D(x));
const sum = (xs: (string | undefined)[]): Dec => xs.reduce<Dec>((a, x) => a.plus(v(x)), new D(0));
const pct = (a: Dec, b: Dec) => a.div(b).times(100).toFixed(2, D.ROUND_HALF_UP);
const tbl = (r: Report, id: string): Table | undefined => r.tables.find((t) => t.id === id);
const keyed = (t: Table | undefined, key: string, section?: string): TableRow | undefined =>
  t?.rows.find((x) => x.key === key && (section === undefined || x.section === section));
const eq = (out: string[], what: string, a: Dec | string | undefined, b: Dec | string | undefined) => {
  if (!v(a === undefined ? undefined : String(a)).eq(v(b === undefined ? undefined : String(b))))
    out.push(`${what}: ${a} ≠ ${b}`);
};
const subjectRows = (t: Table | undefined) => (t ? t.rows.filter((x) => x.code) : []);

const T01_INCOME_ROWS = ["gpb", "govFund", "soe", "superior", "business", "operating", "affiliated", "other"];

export const checks: Record<string, Check> = {
  t01Totals(r) {
    const out: string[] = [];
    const t = tbl(r, "t01");
    if (!t) return ["t01 missing"];
    const a = (key: string, section: string) => keyed(t, key, section)?.values.amount;
    eq(out, "t01 本年收入合计 = Σ 收入行", a("incomeTotal", "income"), sum(T01_INCOME_ROWS.map((k) => a(k, "income"))));
    eq(
      out,
      "t01 本年支出合计 = Σ 类",
      a("expenditureTotal", "expenditure"),
      sum(t.rows.filter((x) => x.key === "class").map((x) => x.values.amount)),
    );
    eq(
      out,
      "t01 收入总计",
      a("grandTotal", "income"),
      sum([a("incomeTotal", "income"), a("useNonFiscalBalance", "income"), a("carryBegin", "income")]),
    );
    eq(
      out,
      "t01 支出总计",
      a("grandTotal", "expenditure"),
      sum([
        a("expenditureTotal", "expenditure"),
        a("balanceDistribution", "expenditure"),
        a("carryEnd", "expenditure"),
      ]),
    );
    eq(out, "t01 收入总计 = 支出总计", a("grandTotal", "income"), a("grandTotal", "expenditure"));
    return out;
  },

  t02RowSums: (r) => rowSums(r, "t02", "total", ["fiscal", "superior", "business", "operating", "affiliated", "other"]),
  t03RowSums: (r) => rowSums(r, "t03", "total", ["basic", "project", "upstream", "operating", "subsidy"]),
  t05RowSums: (r) => rowSums(r, "t05", "total", ["basic", "project"]),
  t07RowSums: (r) => rowSums(r, "t07", "total", ["basic", "project"]),
  t08RowSums: (r) => rowSums(r, "t08", "total", ["basic", "project"]),
  t02Hierarchy: (r) => hierarchy(r, "t02"),
  t03Hierarchy: (r) => hierarchy(r, "t03"),
  t05Hierarchy: (r) => hierarchy(r, "t05"),
  t07Hierarchy: (r) => hierarchy(r, "t07"),
  t08Hierarchy: (r) => hierarchy(r, "t08"),

  t07Carry(r) {
    const out: string[] = [];
    for (const row of tbl(r, "t07")?.rows ?? []) {
      const x = row.values;
      eq(
        out,
        `t07 ${row.code ?? row.name} 年末 = 年初 + 收入 − 支出`,
        x.carryEnd,
        v(x.carryBegin).plus(v(x.income)).minus(v(x.total)),
      );
    }
    return out;
  },

  t02t03VsT01(r) {
    const out: string[] = [];
    const t01 = tbl(r, "t01");
    const a = (key: string, section: string) => keyed(t01, key, section)?.values.amount;
    const t02 = keyed(tbl(r, "t02"), "total")?.values ?? {};
    eq(out, "t02 合计 = t01 本年收入合计", t02.total, a("incomeTotal", "income"));
    eq(
      out,
      "t02 财政拨款收入 = t01 行1+2+3",
      t02.fiscal,
      sum([a("gpb", "income"), a("govFund", "income"), a("soe", "income")]),
    );
    for (const k of ["superior", "business", "operating", "affiliated", "other"])
      eq(out, `t02 合计 ${k} = t01 ${k}`, t02[k], a(k, "income"));
    const t03 = tbl(r, "t03");
    eq(out, "t03 合计 = t01 本年支出合计", keyed(t03, "total")?.values.total, a("expenditureTotal", "expenditure"));
    for (const row of t01?.rows.filter((x) => x.key === "class") ?? []) {
      eq(out, `t01 ${row.name} = t03 类`, row.values.amount, t03?.rows.find((x) => x.code === row.code)?.values.total);
    }
    return out;
  },

  t04(r) {
    const out: string[] = [];
    const t = tbl(r, "t04");
    if (!t) return ["t04 missing"];
    const inc = (key: string) => keyed(t, key, "income")?.values.amount;
    const exp = (key: string) => keyed(t, key, "expenditure")?.values ?? {};
    eq(out, "t04 本年收入合计", inc("incomeTotal"), sum([inc("gpb"), inc("govFund"), inc("soe")]));
    eq(
      out,
      "t04 年初结转 = Σ 三项",
      inc("carryBegin"),
      sum([inc("carryBeginGpb"), inc("carryBeginGovFund"), inc("carryBeginSoe")]),
    );
    eq(out, "t04 收入总计", inc("grandTotal"), sum([inc("incomeTotal"), inc("carryBegin")]));
    const classes = t.rows.filter((x) => x.key === "class");
    for (const col of ["total", "gpb", "govFund", "soe"]) {
      eq(out, `t04 本年支出合计 ${col} = Σ 类`, exp("expenditureTotal")[col], sum(classes.map((x) => x.values[col])));
      eq(out, `t04 支出总计 ${col}`, exp("grandTotal")[col], sum([exp("expenditureTotal")[col], exp("carryEnd")[col]]));
    }
    for (const row of [
      ...classes,
      keyed(t, "expenditureTotal", "expenditure")!,
      keyed(t, "carryEnd", "expenditure")!,
      keyed(t, "grandTotal", "expenditure")!,
    ]) {
      eq(
        out,
        `t04 ${row.name} 合计 = 三列`,
        row.values.total,
        sum([row.values.gpb, row.values.govFund, row.values.soe]),
      );
    }
    eq(out, "t04 收入总计 = 支出总计", inc("grandTotal"), exp("grandTotal").total);
    // Each fund balances on its own: income + carry-in = spending + carry-out.
    eq(out, "t04 一般公共预算 平衡", v(inc("gpb")).plus(v(inc("carryBeginGpb"))), exp("grandTotal").gpb);
    eq(out, "t04 政府性基金 平衡", v(inc("govFund")).plus(v(inc("carryBeginGovFund"))), exp("grandTotal").govFund);
    eq(out, "t04 国有资本经营 平衡", v(inc("soe")).plus(v(inc("carryBeginSoe"))), exp("grandTotal").soe);
    const t01 = tbl(r, "t01");
    for (const k of ["gpb", "govFund", "soe"])
      eq(out, `t04 ${k} = t01 ${k}`, inc(k), keyed(t01, k, "income")?.values.amount);
    const t05 = tbl(r, "t05");
    const t07 = tbl(r, "t07");
    const t08 = tbl(r, "t08");
    eq(out, "t04 支出 一般公共预算 = t05 合计", exp("expenditureTotal").gpb, keyed(t05, "total")?.values.total);
    for (const row of classes) {
      eq(
        out,
        `t04 ${row.name} 一般公共预算 = t05 类`,
        row.values.gpb,
        t05?.rows.find((x) => x.code === row.code)?.values.total,
      );
      eq(
        out,
        `t04 ${row.name} 政府性基金 = t07 类`,
        row.values.govFund,
        t07?.rows.find((x) => x.code === row.code)?.values.total,
      );
      eq(
        out,
        `t04 ${row.name} 国有资本经营 = t08 类`,
        row.values.soe,
        t08?.rows.find((x) => x.code === row.code)?.values.total,
      );
    }
    return out;
  },

  t05WithinT03(r) {
    const out: string[] = [];
    const t03 = tbl(r, "t03");
    for (const row of subjectRows(tbl(r, "t05"))) {
      const b = t03?.rows.find((x) => x.code === row.code);
      if (!b) out.push(`t05 ${row.code} 不在 t03`);
      else if (v(row.values.basic).gt(v(b.values.basic)) || v(row.values.project).gt(v(b.values.project)))
        out.push(`t05 ${row.code} 超过 t03`);
    }
    return out;
  },

  t06(r) {
    const out: string[] = [];
    const t = tbl(r, "t06");
    if (!t) return ["t06 missing"];
    const byCode = new Map(t.rows.filter((x) => x.code).map((x) => [x.code!, x.values.amount]));
    for (const cls of ["301", "302", "303", "307", "310", "312", "399"]) {
      const kids = t.rows.filter((x) => x.code?.length === 5 && x.code.startsWith(cls)).map((x) => x.values.amount);
      eq(out, `t06 ${cls} = Σ 款`, byCode.get(cls), sum(kids));
    }
    eq(out, "t06 人员经费合计", keyed(t, "personnelTotal")?.values.amount, sum([byCode.get("301"), byCode.get("303")]));
    eq(
      out,
      "t06 公用经费合计",
      keyed(t, "publicTotal")?.values.amount,
      sum(["302", "307", "310", "312", "399"].map((c) => byCode.get(c))),
    );
    eq(
      out,
      "t06 人员 + 公用 = t05 基本支出",
      sum([keyed(t, "personnelTotal")?.values.amount, keyed(t, "publicTotal")?.values.amount]),
      keyed(tbl(r, "t05"), "total")?.values.basic,
    );
    return out;
  },

  t09(r) {
    const out: string[] = [];
    const x = tbl(r, "t09")?.rows[0]?.values;
    if (!x) return ["t09 missing"];
    for (const side of ["budget", "final"]) {
      eq(
        out,
        `t09 ${side} 合计`,
        x[`${side}Total`],
        sum([x[`${side}Abroad`], x[`${side}Vehicle`], x[`${side}Reception`]]),
      );
      eq(
        out,
        `t09 ${side} 车 = 购置 + 运行`,
        x[`${side}Vehicle`],
        sum([x[`${side}VehiclePurchase`], x[`${side}VehicleOperation`]]),
      );
    }
    return out;
  },

  nineTables(r) {
    const ids = r.tables.map((t) => t.id);
    return ["t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09"]
      .filter((id) => !ids.includes(id as never))
      .map((id) => `缺少 ${id}`);
  },

  changes(r) {
    const out: string[] = [];
    for (const c of r.narrative.changes) {
      const table = tableFigure(r, c.key);
      eq(out, `说明 ${c.subject} = 表`, c.current, table);
      if (c.unchanged) continue;
      if (c.change === undefined) out.push(`${c.key} 没有变动额`);
      else if (c.pct !== undefined) {
        const prior = v(c.current).minus(c.change);
        if (pct(new D(c.change), prior) !== c.pct)
          out.push(`${c.key} 增长率 ${c.pct} ≠ ${pct(new D(c.change), prior)}`);
      }
    }
    return out;
  },

  shares(r) {
    const out: string[] = [];
    const t01 = tbl(r, "t01");
    const bases: Record<string, string | undefined> = {
      incomeTotal: keyed(t01, "incomeTotal", "income")?.values.amount,
      expenditureTotal: keyed(t01, "expenditureTotal", "expenditure")?.values.amount,
      gpbExpenditure: keyed(tbl(r, "t05"), "total")?.values.total,
    };
    for (const s of r.narrative.shares) {
      const figure = s.key.startsWith("class:")
        ? tbl(r, "t05")?.rows.find((x) => x.code?.length === 3 && x.name === `${s.key.slice(6)}支出`)?.values.total
        : tableFigure(r, s.key);
      eq(out, `占比 ${s.subject} 金额 = 表`, s.amount, figure);
      const expected = pct(new D(s.amount), v(bases[s.base]));
      if (expected !== s.pct) out.push(`占比 ${s.subject} ${s.pct}% ≠ ${expected}%`);
    }
    return out;
  },

  budgetExecution(r) {
    const out: string[] = [];
    const be = r.narrative.budgetExecution;
    if (!be) return ["没有预算执行说明"];
    const t05 = tbl(r, "t05");
    eq(out, "预算执行 决算 = t05 合计", be.final, keyed(t05, "total")?.values.total);
    eq(out, "预算执行 年初预算 = Σ 项", be.initialBudget, sum(be.items.map((i) => i.initialBudget)));
    if (be.rate !== pct(new D(be.final), new D(be.initialBudget))) out.push(`预算执行总完成率 ${be.rate}`);
    const leaves = subjectRows(t05).filter((x) => x.code!.length === 7);
    if (leaves.length !== be.items.length) out.push(`预算执行 ${be.items.length} 项，t05 有 ${leaves.length} 项`);
    for (const item of be.items) {
      const row = leaves.find((x) => x.code === item.code);
      eq(out, `预算执行 ${item.code} 决算 = t05`, item.final, row?.values.total);
      if (
        row &&
        item.path.join("/") !==
          [
            t05!.rows.find((x) => x.code === item.code!.slice(0, 3))!.name,
            t05!.rows.find((x) => x.code === item.code!.slice(0, 5))!.name,
            row.name,
          ].join("/")
      ) {
        out.push(`预算执行 ${item.code} 路径 ${item.path.join("/")}`);
      }
      if (item.noInitialBudget) {
        if (!v(item.initialBudget).isZero() || item.rate !== undefined)
          out.push(`${item.code} 年初无预算却有预算数或完成率`);
      } else if (item.rate !== pct(new D(item.final), new D(item.initialBudget)))
        out.push(`${item.code} 完成率 ${item.rate}`);
    }
    return out;
  },

  basicExpenditure(r) {
    const out: string[] = [];
    const b = r.narrative.basicExpenditure;
    const t06 = tbl(r, "t06");
    eq(out, "说明 基本支出 = t05", b?.total, keyed(tbl(r, "t05"), "total")?.values.basic);
    eq(out, "说明 人员经费 = t06", b?.personnel, keyed(t06, "personnelTotal")?.values.amount);
    eq(out, "说明 公用经费 = t06", b?.public, keyed(t06, "publicTotal")?.values.amount);
    return out;
  },

  sangong(r) {
    const out: string[] = [];
    const s = r.narrative.sangong;
    const x = tbl(r, "t09")?.rows[0]?.values ?? {};
    if (!s) return ["没有三公说明"];
    const cats: [string, typeof s.total][] = [
      ["Total", s.total],
      ["Abroad", s.abroad],
      ["Vehicle", s.vehicle],
      ["Reception", s.reception],
    ];
    for (const [col, c] of cats) {
      eq(out, `三公 ${col} 预算 = t09`, c?.budget, x[`budget${col}`]);
      eq(out, `三公 ${col} 决算 = t09`, c?.final, x[`final${col}`]);
      const expected = v(c?.budget).isZero() ? undefined : pct(v(c?.final), v(c?.budget));
      if (c?.rate !== expected) out.push(`三公 ${col} 完成率 ${c?.rate} ≠ ${expected}`);
    }
    eq(out, "三公 购置费 = t09", s.vehiclePurchase, x.finalVehiclePurchase);
    eq(out, "三公 运行维护费 = t09", s.vehicleOperation, x.finalVehicleOperation);
    eq(
      out,
      "三公 国内 + 国外接待 = 接待费",
      sum([s.receptionDomestic?.amount, s.receptionForeign?.amount]),
      x.finalReception,
    );
    const econ = (code: string) => tbl(r, "t06")?.rows.find((row) => row.code === code)?.values.amount;
    eq(out, "t06 30217 = 公务接待费", econ("30217"), x.finalReception);
    eq(out, "t06 30231 = 公务用车运行维护费", econ("30231"), x.finalVehicleOperation);
    eq(out, "t06 30212 = 因公出国（境）费", econ("30212"), x.finalAbroad);
    eq(out, "t06 31013 = 公务用车购置费", econ("31013"), x.finalVehiclePurchase);
    return out;
  },

  procurement(r) {
    const out: string[] = [];
    const p = r.narrative.procurement;
    if (!p) return ["没有政府采购说明"];
    eq(out, "采购 货物 + 工程 + 服务 = 总额", p.total, sum([p.goods, p.works, p.services]));
    if (v(p.smallMicro).gt(v(p.sme)) || v(p.sme).gt(v(p.total))) out.push("采购 小微 ≤ 中小 ≤ 总额 不成立");
    if (p.smeShare !== pct(v(p.sme), v(p.total))) out.push(`中小企业占比 ${p.smeShare}`);
    if (p.smallMicroShare !== pct(v(p.smallMicro), v(p.total))) out.push(`小微企业占比 ${p.smallMicroShare}`);
    return out;
  },

  operatingCostAndAssets(r) {
    const out: string[] = [];
    const o = r.narrative.operatingCost;
    if (!o) return ["没有机关运行经费说明"];
    const budget = v(o.amount).minus(v(o.changeVsBudget));
    if (o.pct !== pct(v(o.changeVsBudget), budget)) out.push(`机关运行经费 比预算 ${o.pct}%`);
    const a = r.narrative.assets;
    if (!a || Object.values(a.vehiclesByUse).reduce((x, y) => x + y, 0) !== a.vehicles)
      out.push("车辆分用途之和 ≠ 车辆数");
    return out;
  },

  performanceSheets(r) {
    const out: string[] = [];
    for (const s of r.appendix.performanceSheets) {
      const f = s.funds.total;
      if (f.rate !== pct(v(f.executed), v(f.annual))) out.push(`${s.name} 执行率 ${f.rate}`);
      const fundsScore = D.min(v(f.rate), 100).div(100).times(10).toFixed(2, D.ROUND_HALF_UP);
      if (f.score !== fundsScore) out.push(`${s.name} 执行率得分 ${f.score} ≠ ${fundsScore}`);
      eq(
        out,
        `${s.name} 总分 = Σ 指标 + 执行率得分`,
        s.totalScore,
        sum([...s.indicators.map((i) => i.score), f.score]),
      );
      eq(out, `${s.name} 分值合计 100`, sum([...s.indicators.map((i) => i.weight), f.weight]), "100");
      for (const i of s.indicators) if (v(i.score).gt(v(i.weight))) out.push(`${s.name} ${i.level3} 得分超过分值`);
    }
    return out;
  },

  performanceSummary(r) {
    const out: string[] = [];
    const rows = r.appendix.performanceSummary?.rows ?? [];
    for (const row of rows)
      if (row.grade !== gradeOf(v(row.score))) out.push(`${row.name} ${row.score} 分 评为 ${row.grade}`);
    eq(out, "汇总表 合计 = Σ 预算", r.appendix.performanceSummary?.total, sum(rows.map((x) => x.budget)));
    for (const s of r.appendix.performanceSheets) {
      const row = rows.find((x) => x.name === s.name);
      if (!row) out.push(`${s.name} 不在汇总表`);
      eq(out, `${s.name} 汇总表得分 = 自评表总分`, row?.score, s.totalScore);
      eq(out, `${s.name} 汇总表预算 = 自评表全年预算`, row?.budget, s.funds.total.annual);
    }
    const p = r.narrative.performance;
    if (!p) return [...out, "没有绩效说明"];
    if (p.projectCount !== rows.length) out.push(`说明项目数 ${p.projectCount} ≠ ${rows.length}`);
    eq(out, "说明 预算资金 = 汇总表合计", p.funds, r.appendix.performanceSummary?.total);
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row.grade!] = (counts[row.grade!] ?? 0) + 1;
    if (JSON.stringify(Object.entries(p.gradeCounts).sort()) !== JSON.stringify(Object.entries(counts).sort()))
      out.push("等级分布与汇总表不符");
    if (p.sheetsStated !== r.appendix.performanceSheets.length) out.push("自评表张数不符");
    for (const s of p.summaries) {
      const sheet = r.appendix.performanceSheets.find((x) => x.name === s.name);
      eq(out, `综述 ${s.name} 得分`, s.score, sheet?.totalScore);
      eq(out, `综述 ${s.name} 预算`, s.budget, sheet?.funds.total.annual);
      eq(out, `综述 ${s.name} 执行数`, s.executed, sheet?.funds.total.executed);
      if (s.rate !== sheet?.funds.total.rate) out.push(`综述 ${s.name} 执行率`);
    }
    return out;
  },
};

/** 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60 */
function gradeOf(score: Dec): string {
  return score.gte(90) ? "优" : score.gte(80) ? "良" : score.gte(60) ? "中" : "差";
}

/** Where the tables print the figure a narrative change or share is about. */
function tableFigure(r: Report, key: string): string | undefined {
  if (key === "grandTotal") return keyed(tbl(r, "t01"), "grandTotal", "income")?.values.amount;
  if (key === "fiscalGrandTotal") return keyed(tbl(r, "t04"), "grandTotal", "income")?.values.amount;
  if (key === "gpbExpenditure") return keyed(tbl(r, "t05"), "total")?.values.total;
  const m = /^(income|expenditure)\.(\w+)$/.exec(key);
  if (m) return keyed(tbl(r, m[1] === "income" ? "t02" : "t03"), "total")?.values[m[2]];
  return undefined;
}

/** Year N's stated changes imply N−1's figures; they must be exactly what N−1 printed. */
export function priorYearViolations(previous: Report, current: Report): string[] {
  const out: string[] = [];
  for (const c of current.narrative.changes) {
    const printed = v(tableFigure(previous, c.key));
    const implied = c.unchanged ? v(c.current) : v(c.current).minus(v(c.change));
    if (!implied.eq(printed))
      out.push(`${current.year} ${c.subject} 推出上年 ${implied} ≠ ${previous.year} 年报告 ${printed}`);
  }
  return out;
}

function rowSums(r: Report, id: string, total: string, columns: string[]): string[] {
  const out: string[] = [];
  for (const row of tbl(r, id)?.rows ?? [])
    eq(out, `${id} ${row.code ?? row.name} 行合计`, row.values[total], sum(columns.map((c) => row.values[c])));
  return out;
}

function hierarchy(r: Report, id: string): string[] {
  const out: string[] = [];
  const t = tbl(r, id);
  if (!t) return out;
  const rows = subjectRows(t);
  const columns = new Set(t.rows.flatMap((x) => Object.keys(x.values)));
  const totalRow = keyed(t, "total");
  for (const col of columns) {
    for (const parent of rows.filter((x) => x.code!.length < 7)) {
      const len = parent.code!.length === 3 ? 5 : 7;
      const kids = rows.filter((x) => x.code!.length === len && x.code!.startsWith(parent.code!));
      eq(out, `${id} ${parent.code} ${col} = Σ 下级`, parent.values[col], sum(kids.map((k) => k.values[col])));
    }
    if (totalRow)
      eq(
        out,
        `${id} 合计 ${col} = Σ 类`,
        totalRow.values[col],
        sum(rows.filter((x) => x.code!.length === 3).map((x) => x.values[col])),
      );
  }
  return out;
}

export function allViolations(r: Report): string[] {
  return Object.entries(checks).flatMap(([name, check]) => check(r).map((m) => `${name}: ${m}`));
}
