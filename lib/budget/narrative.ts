import type { Unread } from "../report/schema";
import type { BudgetNarrative, BudgetRow, SubjectNote } from "./schema";

/**
 * The budget narrative: 编制说明 (totals, changes on last year's budget, one paragraph per 功能分类 subject) and
 * 其他相关情况说明 (三公, 机关运行经费, 政府采购预算, 绩效目标, 国有资产). Sentences are matched on the text with
 * spaces and line breaks removed; each figure keeps the line it was printed on.
 */

export type Joined = { text: string; lineAt: (offset: number) => number };

const NUM = "(-?[\\d,，]+(?:\\.\\d+)?)";
/** 比2024年预算增加25万元 / 比2024年预算减少2,389.52万元 / 与2024年预算持平 / 比2023年预算执行数增加46.19% */
const COMPARE = `[，,。]?(?:(?:比|较)(?:上年|(\\d{4})年)(?:预算|当年预算)(?:执行数)?(增加|减少|增长|下降|上升)${NUM}(万元|%)|(?:比|与|较)(?:上年|(\\d{4})年)(?:预算|当年预算)(?:执行数)?(?:相比)?(?:持平|相同|一致|无变化))?`;

export function num(s: string): string {
  return s.replace(/[,，]/g, "").replace(/^(-?)0+(?=\d)/, "$1");
}

type Compared = NonNullable<NonNullable<BudgetNarrative["fiscalIncome"]>["compared"]>;

function compared(m: RegExpExecArray, at: number, year: number): Compared | undefined {
  const [y, dir, amount, unit, flatYear] = m.slice(at, at + 5);
  if (dir) {
    const direction = /增加|增长|上升/.test(dir) ? "up" : "down";
    const priorYear = y ? Number(y) : year - 1;
    return unit === "%"
      ? { priorYear, direction, percent: num(amount) }
      : { priorYear, direction, amount: num(amount) };
  }
  if (m[0].match(/持平|相同|一致|无变化/))
    return { priorYear: flatYear ? Number(flatYear) : year - 1, direction: "flat" };
  return undefined;
}

function stated(j: Joined, re: RegExp, year: number) {
  const m = re.exec(j.text);
  if (!m) return undefined;
  const out: { value: string; sourceLine: number; compared?: Compared } = {
    value: num(m[1]),
    sourceLine: j.lineAt(m.index),
  };
  const c = m.length > 2 ? compared(m, 2, year) : undefined;
  if (c) out.compared = c;
  return out;
}

/** "主要原因是：项目调整。" after a comparison, up to the end of its sentence or clause. */
function reasonAfter(text: string, from: number): string | undefined {
  const rest = text.slice(from, from + 200);
  const m = /^[，,。；;]?\s*(?:主要)?原因(?:是|为)?[：:]?(.+?)(?:[。；;]|$)/.exec(rest);
  return m ? m[1].trim() : undefined;
}

export function readExplanation(
  j: Joined,
  year: number,
): Omit<BudgetNarrative, "subjects" | "sangong" | "procurement"> & { subjectsText?: Joined } {
  const t = j.text;
  const out: ReturnType<typeof readExplanation> = {};
  const income = stated(j, new RegExp(`收入预算(?:总额|总计|合计)?(?:为)?${NUM}万元`), year);
  if (income) out.incomeTotal = { value: income.value, sourceLine: income.sourceLine };
  const fiscal = stated(j, new RegExp(`财政拨款收入(?:预算)?(?:为)?${NUM}万元${COMPARE}`), year);
  if (fiscal) out.fiscalIncome = fiscal;
  const exp = stated(
    j,
    new RegExp(`(?:^|[。；;])(?:[^。；;，,]{0,20}?)(?<!拨款)支出预算(?:总额|总计|合计)?(?:为)?${NUM}万元`),
    year,
  );
  if (exp) out.expenditureTotal = { value: exp.value, sourceLine: exp.sourceLine };
  const fe = stated(j, new RegExp(`财政拨款支出预算(?:为)?${NUM}万元${COMPARE}`), year);
  if (fe) out.fiscalExpenditure = fe;
  const gpb = stated(j, new RegExp(`一般公共预算(?:财政)?拨款支出预算(?:为)?${NUM}万元${COMPARE}`), year);
  if (gpb) out.gpbExpenditure = gpb;
  const fund = stated(j, new RegExp(`政府性基金(?:预算)?(?:财政)?拨款支出预算(?:为)?${NUM}万元${COMPARE}`), year);
  if (fund) out.fundExpenditure = fund;
  const soe = stated(j, new RegExp(`国有资本经营预算(?:财政)?拨款支出预算(?:为)?${NUM}万元${COMPARE}`), year);
  if (soe) out.soeExpenditure = soe;
  const reason =
    /(?:收入支出|收支|收入|支出)(?:预算)?(?:增加|减少|增长|下降|变动|变化)?的?主要原因(?:是|为)[：:]?(.+?)。/.exec(t);
  if (reason) out.changeReason = reason[1];
  return out;
}

/**
 * One paragraph per subject: 1.“一般公共服务支出-…-行政运行”科目1,202.95万元，主要用于… The number starts a
 * sentence, or a line after a heading that has no full stop (the lines are joined).
 */
const SUBJECT_ITEM =
  /(?:^|(?<=[。；;：:\u4e00-\u9fff）)]))\s*(\d{1,3})[.．、]\s*[“"]([^”"]{2,120})[”"](?:科目)?(?:[^\d，,。]{0,8}?)(?:为)?([\d,，]+(?:\.\d+)?)万元/g;

export function subjectPath(printed: string): string[] {
  const t = printed.replace(/\s+/g, "");
  if (/（(?:类|款|项)）|\((?:类|款|项)\)/.test(t)) {
    return t
      .split(/[（(](?:类|款|项)[）)]/)
      .map((s) => s.replace(/^[-—－]/, ""))
      .filter(Boolean);
  }
  return t.split(/[-—－―]/).filter(Boolean);
}

export function readSubjects(j: Joined, year: number, unread: Unread[], where: string): SubjectNote[] {
  const t = j.text;
  const starts: { index: number; m: RegExpExecArray }[] = [];
  for (const m of t.matchAll(SUBJECT_ITEM)) starts.push({ index: m.index!, m: m as RegExpExecArray });
  const notes: SubjectNote[] = [];
  starts.forEach(({ index, m }, k) => {
    const end = k + 1 < starts.length ? starts[k + 1].index : t.length;
    const body = t.slice(index, end);
    const note: SubjectNote = { path: subjectPath(m[2]), amount: num(m[3]), sourceLine: j.lineAt(index) };
    const purpose = /主要用于(.+?)(?:。|$)/.exec(body);
    if (purpose) note.purpose = purpose[1];
    const executed = new RegExp(`(?:(\\d{4})年)?(?:当年)?预算执行数(?:为)?${NUM}万元`).exec(body);
    if (executed) note.priorExecuted = num(executed[2]);
    const planned = new RegExp(`${year}年(?:当年)?预算安排(?:为)?${NUM}万元`).exec(body);
    if (planned) note.statedBudget = num(planned[1]);
    const cmp = new RegExp(
      `(?:比|较)(?:上年|(\\d{4})年)(?:当年)?预算执行数(?:(增加|减少|增长|下降)${NUM}(%|万元)|(持平))`,
    ).exec(body);
    if (cmp) {
      const priorYear = cmp[1] ? Number(cmp[1]) : year - 1;
      const c: NonNullable<SubjectNote["compared"]> = cmp[5]
        ? { priorYear, direction: "flat" }
        : {
            priorYear,
            direction: /增加|增长/.test(cmp[2]) ? "up" : "down",
            ...(cmp[4] === "%" ? { percent: num(cmp[3]) } : { amount: num(cmp[3]) }),
          };
      const reason = reasonAfter(body, cmp.index + cmp[0].length);
      if (reason) c.reason = reason;
      note.compared = c;
    }
    notes.push(note);
  });
  // numbered items that name a subject in quotes but were not read
  const items = [...t.matchAll(/(?:^|(?<=[。；;：:\u4e00-\u9fff）)]))\s*(\d{1,3})[.．、]\s*[“"]/g)];
  if (items.length > notes.length) {
    const read = new Set(starts.map((s) => s.index));
    for (const it of items) {
      if (read.has(it.index!)) continue;
      unread.push({
        part: "statement",
        where,
        sourceLine: j.lineAt(it.index!),
        text: t.slice(it.index!, it.index! + 80),
        message: "这一条科目说明没有读出金额（应为：“科目名称”X万元，主要用于…）",
      });
    }
  }
  return notes;
}

export function readOtherNotes(
  j: Joined,
  year: number,
): Pick<BudgetNarrative, "sangong" | "operatingCost" | "procurement" | "performance" | "assets"> {
  const t = j.text;
  const withReason = (re: RegExp) => {
    const m = re.exec(t);
    if (!m) return undefined;
    const out: { value: string; sourceLine: number; compared?: Compared } = {
      value: num(m[1]),
      sourceLine: j.lineAt(m.index),
    };
    const c = compared(m, 2, year);
    if (c) {
      const reason = reasonAfter(t, m.index + m[0].length);
      if (reason) c.reason = reason;
      out.compared = c;
    }
    return out;
  };
  const sangong: BudgetNarrative["sangong"] = {};
  const total = withReason(
    new RegExp(`“?三公”?经费(?:财政拨款)?预算(?:数|总额)?(?:为|共计|合计)?${NUM}万元${COMPARE}`),
  );
  if (total) sangong.total = total;
  const abroad = withReason(new RegExp(`因公出国[（(]境[）)]费(?:预算)?(?:为)?${NUM}万元${COMPARE}`));
  if (abroad) sangong.abroad = abroad;
  const vehicles = withReason(new RegExp(`公务用车购置及运行费(?:预算)?(?:为)?${NUM}万元${COMPARE}`));
  if (vehicles) sangong.vehicles = vehicles;
  const purchase = withReason(new RegExp(`公务用车购置费(?:预算)?(?:为)?${NUM}万元${COMPARE}`));
  if (purchase) sangong.vehiclePurchase = purchase;
  const operation = withReason(new RegExp(`公务用车运行(?:维护)?费(?:预算)?(?:为)?${NUM}万元${COMPARE}`));
  if (operation) sangong.vehicleOperation = operation;
  const reception = withReason(new RegExp(`公务接待费(?:预算)?(?:为)?${NUM}万元${COMPARE}`));
  if (reception) sangong.reception = reception;

  const at = (re: RegExp) => {
    const m = re.exec(t);
    return m ? { value: num(m[1]), sourceLine: j.lineAt(m.index) } : undefined;
  };
  const out: ReturnType<typeof readOtherNotes> = { sangong, procurement: {} };
  const op = at(new RegExp(`机关运行经费(?:预算)?(?:数)?(?:为|安排)?${NUM}万元`));
  if (op) out.operatingCost = op;
  const p = out.procurement;
  const set = <K extends keyof typeof p>(k: K, re: RegExp) => {
    const v = at(re);
    if (v) p[k] = v;
  };
  set("total", new RegExp(`政府采购预算(?:总额|金额)?(?:为|共计|合计)?${NUM}万元`));
  set("goods", new RegExp(`(?:政府采购)?货物(?:类)?(?:预算)?(?:为)?${NUM}万元`));
  set("works", new RegExp(`(?:政府采购)?工程(?:类)?(?:预算)?(?:为)?${NUM}万元`));
  set("services", new RegExp(`(?:政府采购)?服务(?:类)?(?:预算)?(?:为)?${NUM}万元`));
  set(
    "smeReserved",
    new RegExp(`(?:面向|专门面向)中小企业预留(?:政府采购)?(?:项目)?(?:预算)?(?:金额)?(?:为)?${NUM}万元`),
  );
  set(
    "smallMicroReserved",
    new RegExp(`(?:预留给|面向)小型和微型企业的?(?:政府采购)?(?:项目)?(?:预算)?(?:金额)?(?:为)?${NUM}万元`),
  );

  const perf =
    /(?:(\d+)个预算单位[^。]*?)?绩效目标的?项目(?:共)?(\d+)个[^。]*?(?:项目)?(?:预算)?资金([\d,，]+(?:\.\d+)?)万元/.exec(
      t,
    );
  if (perf) {
    out.performance = { projects: Number(perf[2]), funds: num(perf[3]), sourceLine: j.lineAt(perf.index) };
    if (perf[1]) out.performance.units = Number(perf[1]);
  }

  const cars = /共有车辆(\d+)辆/.exec(t);
  if (cars) {
    const asOf = /截至(\d{4}年\d{1,2}月\d{1,2}日)/.exec(t);
    const buy = /安排购置车辆(\d+)辆/.exec(t);
    const equip = /单价\d+万元[（(]含[）)]以上(?:的)?设备[（(]不含车辆[）)](\d+)台/.exec(t);
    out.assets = {
      vehicles: Number(cars[1]),
      ...(asOf ? { asOf: asOf[1] } : {}),
      ...(buy ? { vehiclesToBuy: Number(buy[1]) } : {}),
      ...(equip ? { bigEquipment: Number(equip[1]) } : {}),
      sourceLine: j.lineAt(cars.index),
    };
  }
  return out;
}

/**
 * The code of a subject the narrative names by its path of names (类-款-项): matched against the coded rows of a
 * functional table, level by level, so 行政运行 under 201 03 is never taken for 行政运行 under 212 01.
 */
export function codeOfPath(path: string[], rows: BudgetRow[]): string | undefined {
  const clean = (s: string) => s.replace(/[\s（）()]/g, "").replace(/支出$/, "");
  let prefix = "";
  for (let level = 0; level < path.length; level++) {
    const len = level === 0 ? 3 : level === 1 ? 5 : 7;
    const hit = rows.find(
      (r) => r.code && r.code.length === len && r.code.startsWith(prefix) && clean(r.name) === clean(path[level]),
    );
    if (!hit?.code) return undefined;
    prefix = hit.code;
  }
  return prefix || undefined;
}
