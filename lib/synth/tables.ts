import { D, type Dec } from "../money/decimal";
import { TABLE_TITLES, type Table, type TableId, type TableRow } from "../report/schema";
import { allocate, money, round2, sumOf, ZERO } from "./amounts";
import type { Sangong } from "./extras";
import type { LeafAmounts, Ledger } from "./ledger";
import type { Rng } from "./random";
import { CLASS_ROWS, ECONOMIC_ROWS, functionName } from "./subjects";

type Cols = Record<string, Dec>;

/** Empty cells are absent keys, as the schema requires: a zero the template leaves blank is not printed. */
function printed(cols: Cols): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cols)) if (!v.isZero()) out[k] = money(v);
  return out;
}

function addInto(into: Cols, cols: Cols) {
  for (const [k, v] of Object.entries(cols)) into[k] = (into[k] ?? ZERO).plus(v);
}

/**
 * 合计, then 类 → 款 → 项 rows by code. Parents are sums of the rounded leaves, so 类 = Σ 款 = Σ 项 holds exactly.
 */
function subjectRows(leaves: { code: string; cols: Cols }[], columns: readonly string[]): TableRow[] {
  const zero = () => Object.fromEntries(columns.map((c) => [c, ZERO])) as Cols;
  const live = leaves.filter((l) => Object.values(l.cols).some((v) => !v.isZero()));
  const total = zero();
  const byCode = new Map<string, Cols>();
  for (const l of live) {
    addInto(total, l.cols);
    for (const code of [l.code.slice(0, 3), l.code.slice(0, 5), l.code]) {
      if (!byCode.has(code)) byCode.set(code, zero());
      addInto(byCode.get(code)!, l.cols);
    }
  }
  const rows: TableRow[] = [{ key: "total", name: "合计", values: printed(total) }];
  for (const code of [...byCode.keys()].sort())
    rows.push({ code, name: functionName(code), values: printed(byCode.get(code)!) });
  return rows;
}

function table(id: TableId, rows: TableRow[], status: "data" | "empty" = "data", note?: string): Table {
  return { id, title: TABLE_TITLES[id], status, ...(note ? { note } : {}), rows };
}

const t03Cols = (l: LeafAmounts): Cols => {
  const basic = l.gpbBasic.plus(l.nonFiscalBasic);
  const project = l.gpbProject.plus(l.govFundProject).plus(l.soeProject).plus(l.nonFiscalProject);
  return { total: basic.plus(project), basic, project, upstream: ZERO, operating: ZERO, subsidy: ZERO };
};
const t02Cols = (l: LeafAmounts): Cols => {
  const fiscal = l.gpbIncome.plus(l.govFundIncome).plus(l.soeIncome);
  return {
    total: fiscal.plus(l.superior).plus(l.business).plus(l.other),
    fiscal,
    superior: l.superior,
    business: l.business,
    operating: ZERO,
    affiliated: ZERO,
    other: l.other,
  };
};
const t05Cols = (l: LeafAmounts): Cols => ({
  total: l.gpbBasic.plus(l.gpbProject),
  basic: l.gpbBasic,
  project: l.gpbProject,
});

/** The headline sums every table and the narrative agree on. */
export type Totals = {
  income: {
    gpb: Dec;
    govFund: Dec;
    soe: Dec;
    superior: Dec;
    business: Dec;
    operating: Dec;
    affiliated: Dec;
    other: Dec;
  };
  incomeTotal: Dec;
  carryBegin: Dec;
  grandTotal: Dec;
  expenditure: { basic: Dec; project: Dec; upstream: Dec; operating: Dec; subsidy: Dec };
  expenditureTotal: Dec;
  carryEnd: Dec;
  fiscal: {
    income: { gpb: Dec; govFund: Dec; soe: Dec };
    carryBegin: { gpb: Dec; govFund: Dec; soe: Dec };
    carryEnd: { gpb: Dec; govFund: Dec; soe: Dec };
    expenditure: { gpb: Dec; govFund: Dec; soe: Dec };
    grandTotal: Dec;
  };
  gpb: { total: Dec; basic: Dec; project: Dec };
  personnel: Dec;
  public: Dec;
};

function computeTotals(ledger: Ledger): Totals {
  const s = (f: (l: LeafAmounts) => Dec) => sumOf(ledger.leaves.map(f));
  const income = {
    gpb: s((l) => l.gpbIncome),
    govFund: s((l) => l.govFundIncome),
    soe: s((l) => l.soeIncome),
    superior: s((l) => l.superior),
    business: s((l) => l.business),
    operating: ZERO,
    affiliated: ZERO,
    other: s((l) => l.other),
  };
  const incomeTotal = sumOf(Object.values(income));
  const fiscalCarryBegin = { gpb: ledger.gpbCarryBegin, govFund: s((l) => l.govFundCarryBegin), soe: ZERO };
  const fiscalCarryEnd = { gpb: ledger.gpbCarryEnd, govFund: s((l) => l.govFundCarryEnd), soe: ZERO };
  const carryBegin = sumOf(Object.values(fiscalCarryBegin)).plus(ledger.nonFiscalCarryBegin);
  const carryEnd = sumOf(Object.values(fiscalCarryEnd)).plus(ledger.nonFiscalCarryEnd);
  const expenditure = {
    basic: s((l) => t03Cols(l).basic),
    project: s((l) => t03Cols(l).project),
    upstream: ZERO,
    operating: ZERO,
    subsidy: ZERO,
  };
  const expenditureTotal = sumOf(Object.values(expenditure));
  const grandTotal = incomeTotal.plus(carryBegin);
  if (!grandTotal.eq(expenditureTotal.plus(carryEnd)))
    throw new Error(`合成账目不平衡：${grandTotal} ≠ ${expenditureTotal.plus(carryEnd)}`);
  const fiscalExpenditure = {
    gpb: s((l) => l.gpbBasic.plus(l.gpbProject)),
    govFund: s((l) => l.govFundProject),
    soe: s((l) => l.soeProject),
  };
  const fiscalGrand = sumOf([
    income.gpb,
    income.govFund,
    income.soe,
    fiscalCarryBegin.gpb,
    fiscalCarryBegin.govFund,
    fiscalCarryBegin.soe,
  ]);
  return {
    income,
    incomeTotal,
    carryBegin,
    grandTotal,
    expenditure,
    expenditureTotal,
    carryEnd,
    fiscal: {
      income: { gpb: income.gpb, govFund: income.govFund, soe: income.soe },
      carryBegin: fiscalCarryBegin,
      carryEnd: fiscalCarryEnd,
      expenditure: fiscalExpenditure,
      grandTotal: fiscalGrand,
    },
    gpb: { total: fiscalExpenditure.gpb, basic: s((l) => l.gpbBasic), project: s((l) => l.gpbProject) },
    personnel: ZERO,
    public: ZERO,
  };
}

function classSums(ledger: Ledger, f: (l: LeafAmounts) => Dec): Map<string, Dec> {
  const m = new Map<string, Dec>();
  for (const l of ledger.leaves) m.set(l.code.slice(0, 3), (m.get(l.code.slice(0, 3)) ?? ZERO).plus(f(l)));
  return m;
}

function buildT01(ledger: Ledger, t: Totals): Table {
  const a = (v: Dec) => printed({ amount: v });
  const inc = (key: string, line: number, name: string, v: Dec): TableRow => ({
    section: "income",
    key,
    name,
    line,
    values: a(v),
  });
  const exp = (key: string, line: number, name: string, v: Dec): TableRow => ({
    section: "expenditure",
    key,
    name,
    line,
    values: a(v),
  });
  const byClass = classSums(ledger, (l) => t03Cols(l).total);
  return table("t01", [
    inc("gpb", 1, "一般公共预算财政拨款收入", t.income.gpb),
    inc("govFund", 2, "政府性基金预算财政拨款收入", t.income.govFund),
    inc("soe", 3, "国有资本经营预算财政拨款收入", t.income.soe),
    inc("superior", 4, "上级补助收入", t.income.superior),
    inc("business", 5, "事业收入", t.income.business),
    inc("operating", 6, "经营收入", t.income.operating),
    inc("affiliated", 7, "附属单位上缴收入", t.income.affiliated),
    inc("other", 8, "其他收入", t.income.other),
    inc("incomeTotal", 27, "本年收入合计", t.incomeTotal),
    inc("useNonFiscalBalance", 28, "使用非财政拨款结余（含专用结余）", ZERO),
    inc("carryBegin", 29, "年初结转和结余", t.carryBegin),
    inc("grandTotal", 31, "总计", t.grandTotal),
    ...CLASS_ROWS.map(
      (c, i): TableRow => ({
        section: "expenditure",
        key: "class",
        code: c.code,
        name: c.name,
        line: 32 + i,
        values: a(byClass.get(c.code) ?? ZERO),
      }),
    ),
    exp("expenditureTotal", 58, "本年支出合计", t.expenditureTotal),
    exp("balanceDistribution", 59, "结余分配", ZERO),
    exp("carryEnd", 60, "年末结转和结余", t.carryEnd),
    exp("grandTotal", 62, "总计", t.expenditureTotal.plus(t.carryEnd)),
  ]);
}

function buildT04(ledger: Ledger, t: Totals): Table {
  const f = t.fiscal;
  const inc = (key: string, line: number, name: string, v: Dec): TableRow => ({
    section: "income",
    key,
    name,
    line,
    values: printed({ amount: v }),
  });
  const funds = (gpb: Dec, govFund: Dec, soe: Dec) =>
    printed({ total: gpb.plus(govFund).plus(soe), gpb, govFund, soe });
  const gpb = classSums(ledger, (l) => l.gpbBasic.plus(l.gpbProject));
  const gf = classSums(ledger, (l) => l.govFundProject);
  const soe = classSums(ledger, (l) => l.soeProject);
  const carryBegin = sumOf([f.carryBegin.gpb, f.carryBegin.govFund, f.carryBegin.soe]);
  const incomeTotal = sumOf([f.income.gpb, f.income.govFund, f.income.soe]);
  const end = f.carryEnd;
  const ex = f.expenditure;
  return table("t04", [
    inc("gpb", 1, "一般公共预算财政拨款", f.income.gpb),
    inc("govFund", 2, "政府性基金预算财政拨款", f.income.govFund),
    inc("soe", 3, "国有资本经营预算财政拨款", f.income.soe),
    inc("incomeTotal", 27, "本年收入合计", incomeTotal),
    inc("carryBegin", 28, "年初财政拨款结转和结余", carryBegin),
    inc("carryBeginGpb", 29, "一般公共预算财政拨款", f.carryBegin.gpb),
    inc("carryBeginGovFund", 30, "政府性基金预算财政拨款", f.carryBegin.govFund),
    inc("carryBeginSoe", 31, "国有资本经营预算财政拨款", f.carryBegin.soe),
    inc("grandTotal", 32, "总计", incomeTotal.plus(carryBegin)),
    ...CLASS_ROWS.map(
      (c, i): TableRow => ({
        section: "expenditure",
        key: "class",
        code: c.code,
        name: c.name,
        line: 33 + i,
        values: funds(gpb.get(c.code) ?? ZERO, gf.get(c.code) ?? ZERO, soe.get(c.code) ?? ZERO),
      }),
    ),
    {
      section: "expenditure",
      key: "expenditureTotal",
      name: "本年支出合计",
      line: 59,
      values: funds(ex.gpb, ex.govFund, ex.soe),
    },
    {
      section: "expenditure",
      key: "carryEnd",
      name: "年末财政拨款结转和结余",
      line: 60,
      values: funds(end.gpb, end.govFund, end.soe),
    },
    {
      section: "expenditure",
      key: "grandTotal",
      name: "总计",
      line: 64,
      values: funds(ex.gpb.plus(end.gpb), ex.govFund.plus(end.govFund), ex.soe.plus(end.soe)),
    },
  ]);
}

const NO_GOV_FUND = "本部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。";
const NO_SOE = "本部门没有使用国有资本经营预算安排的支出，故本表无数据。";

/**
 * 公开06表: the GPB basic spending by 经济分类. Contributions mirror their 功能分类 项 (30108 = 2080505 …),
 * 三公 items equal 公开09表 so the two tables agree, and the rest is salaries and running costs.
 */
function splitBasicByEconomic(ledger: Ledger, sangong: Sangong, rng: Rng): Record<string, Dec> {
  const O = ledger.operatingBasic;
  const fixedPublic: Record<string, Dec> = {
    "30212": sangong.final.abroad,
    "30217": sangong.final.reception,
    "30231": sangong.final.operation,
    "31013": sangong.final.purchase,
  };
  const fixedSum = sumOf(Object.values(fixedPublic));
  const pub = D.min(
    round2(O.times("0.6")),
    D.max(round2(O.times(rng.factor("0.10", "0.28"))), fixedSum.plus(round2(O.times("0.03"))).plus("0.10")),
  );
  if (pub.lt(fixedSum)) throw new Error(`合成数据：公用经费 ${pub} 不足以支付“三公”经费 ${fixedSum}`);
  const out: Record<string, Dec> = {};
  const spread = (total: Dec, parts: [string, string, number][]) => {
    const chosen = parts.filter(([, , p]) => rng.chance(p));
    const list = chosen.length ? chosen : parts.slice(0, 1);
    const shares = allocate(
      total,
      list.map(([, w]) => rng.factor("0.6", "1.4").times(w)),
    );
    list.forEach(([code], i) => (out[code] = (out[code] ?? ZERO).plus(shares[i])));
  };
  for (const [code, v] of Object.entries(ledger.contributions)) out[code] = (out[code] ?? ZERO).plus(v);
  spread(O.minus(pub), [
    ["30101", "22", 1],
    ["30102", "25", 1],
    ["30103", "10", 0.9],
    ["30107", "15", 0.6],
    ["30112", "1.5", 0.8],
    ["30199", "2", 0.6],
    ["30106", "1", 0.1],
    ["30114", "0.5", 0.1],
    ["30301", "0.5", 0.15],
    ["30305", "0.5", 0.4],
    ["30309", "0.3", 0.3],
    ["30399", "0.5", 0.4],
  ]);
  for (const [code, v] of Object.entries(fixedPublic)) if (!v.isZero()) out[code] = (out[code] ?? ZERO).plus(v);
  spread(pub.minus(fixedSum), [
    ["30201", "8", 1],
    ["30202", "2", 0.7],
    ["30205", "1.5", 0.6],
    ["30206", "3", 0.6],
    ["30207", "2", 0.8],
    ["30208", "2", 0.3],
    ["30209", "5", 0.6],
    ["30211", "4", 0.9],
    ["30213", "3", 0.7],
    ["30214", "1.5", 0.3],
    ["30215", "1", 0.5],
    ["30216", "1.5", 0.6],
    ["30218", "2", 0.2],
    ["30226", "3", 0.5],
    ["30227", "4", 0.5],
    ["30228", "4", 0.9],
    ["30229", "2", 0.5],
    ["30239", "5", 0.7],
    ["30240", "0.2", 0.3],
    ["30299", "6", 0.9],
    ["31002", "2", 0.6],
    ["31007", "2", 0.3],
    ["31003", "1", 0.1],
  ]);
  return out;
}

function buildT06(econ: Record<string, Dec>): { table: Table; personnel: Dec; public: Dec } {
  const classOf = (code: string) =>
    sumOf(
      Object.entries(econ)
        .filter(([k]) => k.startsWith(code))
        .map(([, v]) => v),
    );
  const rows: TableRow[] = ECONOMIC_ROWS.map((r) => ({
    section: r.section,
    code: r.code,
    name: r.name,
    values: printed({ amount: r.code.length === 3 ? classOf(r.code) : (econ[r.code] ?? ZERO) }),
  }));
  const personnel = classOf("301").plus(classOf("303"));
  const pub = sumOf(["302", "307", "310", "312", "399"].map(classOf));
  rows.push({
    section: "personnel",
    key: "personnelTotal",
    name: "人员经费合计",
    values: printed({ amount: personnel }),
  });
  rows.push({ section: "public", key: "publicTotal", name: "公用经费合计", values: printed({ amount: pub }) });
  return { table: table("t06", rows), personnel, public: pub };
}

function buildT09(s: Sangong): Table {
  const bVehicle = s.budget.purchase.plus(s.budget.operation);
  const fVehicle = s.final.purchase.plus(s.final.operation);
  return table("t09", [
    {
      key: "sangong",
      name: "财政拨款“三公”经费支出",
      values: printed({
        budgetTotal: s.budget.abroad.plus(bVehicle).plus(s.budget.reception),
        budgetAbroad: s.budget.abroad,
        budgetVehicle: bVehicle,
        budgetVehiclePurchase: s.budget.purchase,
        budgetVehicleOperation: s.budget.operation,
        budgetReception: s.budget.reception,
        finalTotal: s.final.abroad.plus(fVehicle).plus(s.final.reception),
        finalAbroad: s.final.abroad,
        finalVehicle: fVehicle,
        finalVehiclePurchase: s.final.purchase,
        finalVehicleOperation: s.final.operation,
        finalReception: s.final.reception,
      }),
    },
  ]);
}

export function buildTables(
  ledger: Ledger,
  sangong: Sangong,
  rng: Rng,
): { tables: Table[]; totals: Totals; econ: Record<string, Dec> } {
  const totals = computeTotals(ledger);
  const econ = splitBasicByEconomic(ledger, sangong, rng);
  const t06 = buildT06(econ);
  if (!t06.personnel.plus(t06.public).eq(totals.gpb.basic)) throw new Error("合成数据：公开06表与公开05表基本支出不符");
  totals.personnel = t06.personnel;
  totals.public = t06.public;

  const hasGovFund = ledger.leaves.some((l) => !l.govFundProject.isZero() || !l.govFundCarryBegin.isZero());
  const hasSoe = ledger.leaves.some((l) => !l.soeProject.isZero());
  const t07 = hasGovFund
    ? table(
        "t07",
        subjectRows(
          ledger.leaves
            .filter((l) => !l.govFundProject.isZero() || !l.govFundCarryBegin.isZero())
            .map((l) => ({
              code: l.code,
              cols: {
                carryBegin: l.govFundCarryBegin,
                income: l.govFundIncome,
                total: l.govFundProject,
                basic: ZERO,
                project: l.govFundProject,
                carryEnd: l.govFundCarryEnd,
              },
            })),
          ["carryBegin", "income", "total", "basic", "project", "carryEnd"],
        ),
      )
    : table("t07", [{ key: "total", name: "合计", values: {} }], "empty", NO_GOV_FUND);
  const t08 = hasSoe
    ? table(
        "t08",
        subjectRows(
          ledger.leaves.map((l) => ({
            code: l.code,
            cols: { total: l.soeProject, basic: ZERO, project: l.soeProject },
          })),
          ["total", "basic", "project"],
        ),
      )
    : table("t08", [{ key: "total", name: "合计", values: {} }], "empty", NO_SOE);

  const tables = [
    buildT01(ledger, totals),
    table(
      "t02",
      subjectRows(
        ledger.leaves.map((l) => ({ code: l.code, cols: t02Cols(l) })),
        ["total", "fiscal", "superior", "business", "operating", "affiliated", "other"],
      ),
    ),
    table(
      "t03",
      subjectRows(
        ledger.leaves.map((l) => ({ code: l.code, cols: t03Cols(l) })),
        ["total", "basic", "project", "upstream", "operating", "subsidy"],
      ),
    ),
    buildT04(ledger, totals),
    table(
      "t05",
      subjectRows(
        ledger.leaves.map((l) => ({ code: l.code, cols: t05Cols(l) })),
        ["total", "basic", "project"],
      ),
    ),
    t06.table,
    t07,
    t08,
    buildT09(sangong),
  ];
  return { tables, totals, econ };
}
