import { D } from "@/lib/money/decimal";
import { getTable, type Change, type Narrative, type Report } from "@/lib/report/schema";
import { NARRATIVE_BODY_TITLES, NARRATIVE_TITLES, entityOf, scopeWord, type Block } from "./blocks";
import { chineseNumber, count, isNegative, magnitude, sentence, wan } from "./format";

type Share = Narrative["shares"][number];

/**
 * 第三部分 情况说明, sections 一 to 十三, worded as the national template words them (the seeds' sentences), so that
 * every figure the report holds is stated where and how the narrative parser looks for it.
 */
export function narrativeBlocks(report: Report): Block[] {
  const n = report.narrative;
  const ctx: Ctx = { report, year: report.year, prior: report.year - 1, w: scopeWord(report), org: entityOf(report) };
  const sections: Block[][] = [
    overall(ctx, n),
    income(ctx, n),
    expenditure(ctx, n),
    fiscal(ctx, n),
    gpb(ctx, n),
    basic(ctx, n),
    govFund(ctx),
    soe(ctx),
    sangong(ctx, n),
    operating(ctx, n),
    procurement(ctx, n),
    assets(ctx, n),
    performance(ctx, n),
  ];
  return sections.flatMap((body, i) => [
    {
      kind: "heading",
      level: 2,
      text: `${chineseNumber(i + 1)}、${NARRATIVE_BODY_TITLES[i + 1] ?? NARRATIVE_TITLES[i]}`,
    } as Block,
    ...body,
  ]);
}

type Ctx = { report: Report; year: number; prior: number; w: "部门" | "单位"; org: string };

const para = (text: string): Block => ({ kind: "para", text });
const sub = (text: string): Block => ({ kind: "heading", level: 3, text });

/** "主要是…。" — a reason the report already words as a sentence ("主要原因是…") is kept as worded. */
function reasonSentence(reason: string | undefined, lead = "主要是"): string {
  if (!reason) return "";
  return /^(?:主要|原因|决算数|与年初预算)/.test(reason) ? sentence(reason) : sentence(`${lead}${reason}`);
}

/**
 * "与 2022 年度相比，收、支总计各减少 801.2 万元，下降 8.19%。主要是…。" / "与上年决算数一致。"
 * `who` repeats the subject where the template does ("收、支总计各", "一般公共预算财政拨款支出").
 */
function comparison(ctx: Ctx, c: Change | undefined, who = ""): string {
  if (!c) return "";
  if (c.unchanged && c.change === undefined && c.pct === undefined)
    return `与上年决算数一致。${reasonSentence(c.reason)}`;
  if (c.change === undefined && c.pct === undefined) return "";
  const parts: string[] = [];
  if (c.change !== undefined) parts.push(`${isNegative(c.change) ? "减少" : "增加"} ${wan(magnitude(c.change))} 万元`);
  if (c.pct !== undefined) parts.push(`${isNegative(c.pct) ? "下降" : "增长"} ${magnitude(c.pct)}%`);
  return `与 ${ctx.prior} 年度相比，${who}${parts.join("，")}。${reasonSentence(c.reason)}`;
}

const changeOf = (n: Narrative, key: string) => n.changes.find((c) => c.key === key);

/** The words between 占 and the percentage: the parser takes the base from them, or from the section when none. */
function shareBase(share: Share, sectionBase: string): string {
  if (share.base === sectionBase) return "";
  if (share.base === "expenditureTotal") return "本年支出合计的";
  if (share.base === "incomeTotal") return "本年收入合计的";
  return "";
}

const shareText = (s: Share, sectionBase: string) =>
  `${s.subject} ${wan(s.amount)} 万元，占${shareBase(s, sectionBase)} ${s.pct}%`;

function overall(ctx: Ctx, n: Narrative): Block[] {
  const c = changeOf(n, "grandTotal");
  if (!c) return [];
  return [para(`${ctx.year} 年度${c.subject}均为 ${wan(c.current)} 万元。${comparison(ctx, c, "收、支总计各")}`)];
}

/** 二 and 三: the structure (total and shares), then every item with its year-over-year change. */
function structureAndItems(ctx: Ctx, n: Narrative, side: "income" | "expenditure"): Block[] {
  const totalKey = side === "income" ? "incomeTotal" : "expenditureTotal";
  const word = side === "income" ? "收入" : "支出";
  const total = changeOf(n, totalKey);
  const shares = n.shares.filter((s) => s.key.startsWith(`${side}.`));
  const items = n.changes.filter((c) => c.key.startsWith(`${side}.`));
  const out: Block[] = [];
  if (total || shares.length) {
    out.push(sub(`（一）${word}决算结构情况`));
    const listed = shares.map((s) => shareText(s, totalKey)).join("；");
    let text: string;
    if (!total) text = `${ctx.year} 年度${word}构成如下：${listed}。`;
    else {
      const lead = `${ctx.year} 年度${total.subject} ${wan(total.current)} 万元`;
      const compared = comparison(ctx, total);
      text = compared
        ? `${lead}。${compared}${listed ? `其中：${listed}。` : ""}`
        : `${lead}${listed ? `，其中：${listed}` : ""}。`;
    }
    out.push(para(text));
  }
  if (items.length) {
    out.push(sub(`（二）${word}决算具体情况`));
    items.forEach((c, i) => out.push(para(`${i + 1}、${c.subject} ${wan(c.current)} 万元。${comparison(ctx, c)}`)));
  }
  return out;
}

const income = (ctx: Ctx, n: Narrative) => structureAndItems(ctx, n, "income");
const expenditure = (ctx: Ctx, n: Narrative) => structureAndItems(ctx, n, "expenditure");

function fiscal(ctx: Ctx, n: Narrative): Block[] {
  const c = changeOf(n, "fiscalGrandTotal");
  if (!c) return [];
  return [
    para(`${ctx.year} 年度${c.subject}均为 ${wan(c.current)} 万元。${comparison(ctx, c, "财政拨款收、支总计各")}`),
  ];
}

function gpb(ctx: Ctx, n: Narrative): Block[] {
  const out: Block[] = [];
  const c = changeOf(n, "gpbExpenditure");
  const share = n.shares.find((s) => s.key === "gpbExpenditure");
  if (c || share) {
    out.push(sub("（一）一般公共预算财政拨款支出决算总体情况"));
    const subject = c?.subject ?? share!.subject;
    const amount = c?.current ?? share!.amount;
    const of = share ? `，占${shareBase(share, "") || "本年支出合计的"} ${share.pct}%` : "";
    out.push(
      para(`${ctx.year} 年度${subject} ${wan(amount)} 万元${of}。${comparison(ctx, c, "一般公共预算财政拨款支出")}`),
    );
  }
  const classes = n.shares.filter((s) => s.key.startsWith("class:"));
  if (classes.length) {
    out.push(sub("（二）一般公共预算财政拨款支出决算结构情况"));
    const amount = c?.current ?? share?.amount;
    const lead =
      amount !== undefined
        ? `${ctx.year} 年度一般公共预算财政拨款支出 ${wan(amount)} 万元，`
        : `${ctx.year} 年度一般公共预算财政拨款支出`;
    out.push(
      para(
        `${lead}主要用于以下方面：${classes.map((s) => `${s.subject} ${wan(s.amount)} 万元，占 ${s.pct}%`).join("；")}。`,
      ),
    );
  }
  const e = n.budgetExecution;
  if (e) {
    out.push(sub("（三）一般公共预算财政拨款支出决算具体情况"));
    const rate = e.rate !== undefined ? `，完成年初预算的 ${e.rate}%` : "";
    const head = `${ctx.year} 年度一般公共预算财政拨款支出年初预算为 ${wan(e.initialBudget)} 万元，支出决算为 ${wan(e.final)} 万元${rate}。`;
    out.push(para(`${head}${executionReason(e.initialBudget, e.final, e.reason)}${e.items.length ? "其中：" : ""}`));
    e.items.forEach((item, i) => {
      const levels = ["（类）", "（款）", "（项）"];
      const path = item.path.length === 1 ? item.path[0] : item.path.map((p, k) => `${p}${levels[k] ?? ""}`).join("");
      const code = item.code ? `${item.code} ` : "";
      const itemRate = item.rate !== undefined ? `，完成年初预算的 ${item.rate}%` : "";
      const none = item.noInitialBudget ? "，年初无预算" : "";
      out.push(
        para(
          `${i + 1}、${code}${path}。年初预算为 ${wan(item.initialBudget)} 万元，支出决算为 ${wan(item.final)} 万元${itemRate}${none}。` +
            executionReason(item.initialBudget, item.final, item.reason),
        ),
      );
    });
  }
  return out;
}

/** "决算数大于年初预算数的主要原因是…。" / "与年初预算持平。" */
function executionReason(initial: string, final: string, reason: string | undefined): string {
  const cmp = new D(final).cmp(new D(initial));
  if (!reason) return cmp === 0 ? "与年初预算持平。" : "";
  if (/^(?:主要|原因|决算数|与年初预算)/.test(reason)) return sentence(reason);
  const rel = cmp > 0 ? "大于" : cmp < 0 ? "小于" : "等于";
  return sentence(`决算数${rel}年初预算数的主要原因是${reason}`);
}

function basic(ctx: Ctx, n: Narrative): Block[] {
  const b = n.basicExpenditure;
  if (!b) return [para(`本${ctx.w}无一般公共预算财政拨款基本支出。`)];
  const t06 = getTable(ctx.report, "t06");
  const items = (section: "personnel" | "public") =>
    (t06?.rows ?? [])
      .filter((r) => r.section === section && r.code?.length === 5 && r.values.amount !== undefined)
      .map((r) => r.name);
  const listed = (names: string[]) => (names.length ? `，主要包括：${names.join("、")}等` : "");
  const out = [
    para(
      `${ctx.year} 年度一般公共预算财政拨款基本支出决算 ${wan(b.total)} 万元，包括人员经费和公用经费，支出具体情况如下：`,
    ),
  ];
  if (b.personnel !== undefined) out.push(para(`人员经费 ${wan(b.personnel)} 万元${listed(items("personnel"))}。`));
  if (b.public !== undefined) out.push(para(`公用经费 ${wan(b.public)} 万元${listed(items("public"))}。`));
  return out;
}

function fundStatement(ctx: Ctx, id: "t07" | "t08", none: string, what: string): Block[] {
  const t = getTable(ctx.report, id);
  const total = t?.rows.find((r) => r.key === "total")?.values.total;
  if (!t || t.status === "empty" || total === undefined) return [para(`本${ctx.w}${none}。`)];
  return [para(`${ctx.year} 年度${what} ${wan(total)} 万元，具体情况详见公开${id.slice(1)}表。`)];
}

const govFund = (ctx: Ctx) => fundStatement(ctx, "t07", "没有政府性基金财政拨款收支", "政府性基金预算财政拨款支出");
const soe = (ctx: Ctx) => fundStatement(ctx, "t08", "没有国有资本经营预算财政拨款支出", "国有资本经营预算财政拨款支出");

type Category = NonNullable<NonNullable<Narrative["sangong"]>["total"]>;

/** "全年预算为 X 万元，支出决算为 Y 万元，与 2023 年预算基本持平。完成全年预算的 100%。" */
function budgetAndFinal(ctx: Ctx, c: Category | undefined): string {
  if (!c) return "";
  if (c.budget === undefined || c.final === undefined) {
    const only =
      c.final !== undefined
        ? `支出决算为 ${wan(c.final)} 万元`
        : c.budget !== undefined
          ? `全年预算为 ${wan(c.budget)} 万元`
          : "";
    return only ? `${only}。` : "";
  }
  const cmp = new D(c.final).cmp(new D(c.budget));
  const how = cmp === 0 ? `与 ${ctx.year} 年预算基本持平` : cmp < 0 ? "决算数小于预算数" : "决算数大于预算数";
  const rate = c.rate !== undefined ? `完成全年预算的 ${c.rate}%。` : new D(c.budget).isZero() ? "全年无预算。" : "";
  return `全年预算为 ${wan(c.budget)} 万元，支出决算为 ${wan(c.final)} 万元，${how}。${rate}`;
}

function sangong(ctx: Ctx, n: Narrative): Block[] {
  const s = n.sangong;
  if (!s) return [para(`本${ctx.w}无财政拨款“三公”经费支出。`)];
  const out: Block[] = [];
  if (s.total) {
    out.push(sub("（一）“三公”经费支出决算总体情况说明"));
    out.push(para(`${ctx.year} 年度财政拨款“三公”经费支出${budgetAndFinal(ctx, s.total)}`));
  }
  const items: string[][] = [];
  if (s.abroad || s.abroadGroups !== undefined) {
    const groups =
      s.abroadGroups !== undefined && s.abroadPersons !== undefined
        ? `全年支出涉及因公出国（境）团组 ${count(s.abroadGroups)} 个，累计 ${count(s.abroadPersons)} 人次。`
        : "";
    items.push([`因公出国（境）费${budgetAndFinal(ctx, s.abroad)}${groups}`]);
  }
  const holder = `${ctx.org}${ctx.w === "部门" ? "等单位" : ""}`;
  if (
    s.vehicle ||
    s.vehiclePurchase !== undefined ||
    s.vehicleOperation !== undefined ||
    s.vehiclesPurchased !== undefined ||
    s.vehiclesKept !== undefined
  ) {
    const lines = [`公务用车购置及运行维护费${budgetAndFinal(ctx, s.vehicle)}其中：`];
    const bought =
      s.vehiclesPurchased !== undefined
        ? `${ctx.year} 年${holder}使用财政拨款购置公务用车 ${count(s.vehiclesPurchased)} 辆。`
        : "";
    if (s.vehiclePurchase !== undefined) lines.push(`公务用车购置费支出 ${wan(s.vehiclePurchase)} 万元，${bought}`);
    else if (bought) lines.push(bought);
    const kept =
      s.vehiclesKept !== undefined
        ? `截至 ${ctx.year} 年 12 月 31 日，${holder}财政拨款开支运行维护费的公务用车保有量为 ${count(s.vehiclesKept)} 辆。`
        : "";
    if (s.vehicleOperation !== undefined) {
      lines.push(
        `公务用车运行维护费 ${wan(s.vehicleOperation)} 万元，主要是按规定保留的公务用车的燃料费、维修费、过路过桥费、保险费等支出。${kept}`,
      );
    } else if (kept) lines.push(kept);
    items.push(lines);
  }
  if (s.reception || s.receptionDomestic || s.receptionForeign) {
    const lines = [`公务接待费${budgetAndFinal(ctx, s.reception)}其中：`];
    const d = s.receptionDomestic;
    if (d?.amount !== undefined) {
      const batches =
        d.batches !== undefined && d.persons !== undefined
          ? `，共计接待 ${count(d.batches)} 批次、${count(d.persons)} 人次`
          : "";
      const fa =
        d.foreignAffairsBatches !== undefined && d.foreignAffairsPersons !== undefined
          ? `（含外事接待 ${count(d.foreignAffairsBatches)} 批次、${count(d.foreignAffairsPersons)} 人次）`
          : "";
      lines.push(`国内接待费 ${wan(d.amount)} 万元，主要用于按规定开支的各类公务接待支出${batches}${fa}；`);
    }
    const f = s.receptionForeign;
    if (f?.amount !== undefined) {
      const batches =
        f.batches !== undefined && f.persons !== undefined
          ? `，共计接待 ${count(f.batches)} 批次、${count(f.persons)} 人次`
          : "";
      lines.push(`国（境）外接待费 ${wan(f.amount)} 万元${batches}。`);
    }
    items.push(lines);
  }
  if (items.length) {
    out.push(sub("（二）“三公”经费支出决算具体情况"));
    items.forEach((lines, i) => {
      out.push(para(`${i + 1}、${lines[0]}`));
      for (const l of lines.slice(1)) out.push(para(l));
    });
  }
  return out;
}

function operating(ctx: Ctx, n: Narrative): Block[] {
  const o = n.operatingCost;
  if (!o) return [para(`本${ctx.w}无机关运行经费支出。`)];
  const parts: string[] = [];
  if (o.changeVsBudget !== undefined)
    parts.push(
      `比年初预算数${isNegative(o.changeVsBudget) ? "减少" : "增加"} ${wan(magnitude(o.changeVsBudget))} 万元`,
    );
  if (o.pct !== undefined)
    parts.push(`${parts.length ? "" : "比年初预算数"}${isNegative(o.pct) ? "下降" : "增长"} ${magnitude(o.pct)}%`);
  const reason = o.reason
    ? /^(?:主要|原因)/.test(o.reason)
      ? `，${o.reason.replace(/。$/, "")}`
      : `，主要原因是${o.reason}`
    : "";
  return [
    para(`${ctx.year} 年度机关运行经费支出 ${wan(o.amount)} 万元${parts.map((p) => `，${p}`).join("")}${reason}。`),
  ];
}

function procurement(ctx: Ctx, n: Narrative): Block[] {
  const p = n.procurement;
  if (!p) return [para(`本${ctx.w}无政府采购支出。`)];
  const kinds = (
    [
      ["goods", "货物"],
      ["works", "工程"],
      ["services", "服务"],
    ] as const
  ).filter(([k]) => p[k] !== undefined);
  let text = `${ctx.year} 年度政府采购支出总额 ${wan(p.total)} 万元`;
  if (kinds.length) text += `，其中：${kinds.map(([k, w]) => `政府采购${w}支出 ${wan(p[k]!)} 万元`).join("、")}`;
  text += "。";
  const share = (v: string | undefined) => (v !== undefined ? `，占政府采购支出总额的 ${v}%` : "");
  if (p.sme !== undefined) {
    text += `授予中小企业合同金额 ${wan(p.sme)} 万元${share(p.smeShare)}`;
    text +=
      p.smallMicro !== undefined
        ? `，其中：授予小微企业合同金额 ${wan(p.smallMicro)} 万元${share(p.smallMicroShare)}。`
        : "。";
  } else if (p.smallMicro !== undefined)
    text += `授予小微企业合同金额 ${wan(p.smallMicro)} 万元${share(p.smallMicroShare)}。`;
  const bySort = (
    [
      ["goodsSmeShare", "货物"],
      ["worksSmeShare", "工程"],
      ["servicesSmeShare", "服务"],
    ] as const
  )
    .filter(([k]) => p[k] !== undefined)
    .map(([k, w]) => `${w}采购授予中小企业合同金额占${w}支出金额的 ${p[k]}%`);
  if (bySort.length) text += `${bySort.join("，")}。`;
  return [para(text)];
}

function assets(ctx: Ctx, n: Narrative): Block[] {
  const a = n.assets;
  if (!a) return [para(`截至 ${ctx.year} 年 12 月 31 日，本${ctx.w}无车辆及单价 100 万元（含）以上设备。`)];
  const uses = Object.entries(a.vehiclesByUse);
  let text = `截至 ${ctx.year} 年 12 月 31 日，本${ctx.w}`;
  text += a.vehicles !== undefined ? `共有车辆 ${count(a.vehicles)} 辆` : "车辆";
  if (uses.length)
    text += `，其中，${uses.map(([use, k], i) => `${i === 0 ? "符合规定" : ""}${use} ${count(k)} 辆`).join("、")}`;
  if (a.largeEquipment !== undefined)
    text += `；单价 100 万元（含）以上设备（不含车辆）${count(a.largeEquipment)} 台（套）`;
  return [para(`${text}。`)];
}

function performance(ctx: Ctx, n: Narrative): Block[] {
  const p = n.performance;
  if (!p) return [para(`本${ctx.w}无预算绩效管理情况需要说明。`)];
  const out: Block[] = [];
  let first = `（一）预算绩效管理工作开展情况。根据预算绩效管理要求，${ctx.org}组织对 ${ctx.year} 年度市级预算项目全面开展绩效自评`;
  if (p.projectCount !== undefined) first += `，涵盖项目 ${count(p.projectCount)} 个`;
  if (p.funds !== undefined) {
    first += `，涉及预算资金 ${wan(p.funds)} 万元`;
    if (p.fundsShare !== undefined) first += `，占${ctx.w}预算项目支出总额的 ${p.fundsShare}%`;
  }
  out.push(para(`${first}。`));

  const grades = Object.entries(p.gradeCounts);
  if (grades.length) {
    const of = p.projectCount !== undefined ? `的 ${count(p.projectCount)} 个项目中` : "项目中";
    const listed = grades.map(([g, k]) => `${count(k)} 个项目自评等级为${g}`).join("，");
    out.push(
      para(
        `（二）市级预算项目绩效自评结果。${ctx.org} ${ctx.year} 年度市级预算绩效自评${of}，${listed}。` +
          "从自评情况看，项目支出绩效管理的重视程度进一步提升，项目资金使用比较规范。",
      ),
    );
  }
  if (p.sheetsStated !== undefined || p.summaries.length) {
    const names = p.summaries.map((s) => `“${s.name}”`).join("");
    const sheets =
      p.sheetsStated !== undefined
        ? `，以及${names}${names ? "等 " : " "}${count(p.sheetsStated)} 个项目的绩效自评表`
        : "";
    out.push(para(`今年在${ctx.w}决算中反映了 ${ctx.year} 年度全部市级预算项目绩效自评情况${sheets}。`));
  }
  p.summaries.forEach((s, i) => {
    let text = `${i + 1}、${s.name}项目绩效自评综述：根据年初设定的绩效目标`;
    text += s.score !== undefined ? `，项目自评得分为 ${s.score} 分。` : "。";
    const figures: string[] = [];
    if (s.budget !== undefined) figures.push(`全年预算数为 ${wan(s.budget)} 万元`);
    if (s.executed !== undefined) figures.push(`执行数为 ${wan(s.executed)} 万元`);
    if (s.rate !== undefined) figures.push(`完成预算的 ${s.rate}%`);
    if (figures.length) text += `${figures.join("，")}。`;
    const done = completion(ctx.report, s.name);
    if (done && s.score !== undefined && s.budget !== undefined && s.executed !== undefined && s.rate !== undefined) {
      text += `项目绩效目标完成情况：${sentence(done)}`;
    }
    out.push(para(text));
  });
  if (ctx.report.appendix.performanceSummary || ctx.report.appendix.performanceSheets.length) {
    out.push(para(`${ctx.year} 年度市级预算项目绩效自评情况汇总表和市级预算项目绩效自评表详见“第五部分 附件”。`));
  }
  out.push(para(`（三）重点绩效评价结果。本${ctx.w}无重点绩效评价项目。`));
  return out;
}

/**
 * What the project's 绩效自评表 says was achieved, for its 综述. Left out when it could be misread as another
 * summary's start or carries the figures the summary states (the parser takes the first it finds).
 */
function completion(report: Report, name: string): string | undefined {
  const bare = (s: string) => s.replace(/\s+/g, "");
  const sheet = report.appendix.performanceSheets.find((s) => bare(s.name) === bare(name));
  const text = sheet?.goals.actual?.replace(/\s+/g, " ").trim();
  if (!text) return undefined;
  if (
    /[。：:；;]\s*\d{1,3}\s*(?:、|[.．](?!\d))/.test(text) ||
    /自评(?:综述|情况|结果)\s*[:：]|自评(?:等级|结果)为|绩效自评表/.test(text)
  )
    return undefined;
  return text;
}
