/**
 * The Chinese name of every audit rule, as a reader meets it on a page: short, without the rule id (the id stays in
 * a tooltip and in the JSON/CSV). No imports, so the import page's client code can name the findings it shows.
 * The 决算 rules' one-sentence 含义 is their title (lib/audit/run.ts); the budget rules' is built here.
 */
const NAMES: Record<string, string> = {
  HEADING_PLACEHOLDER: "标题留有模板占位符",
  HEADING_YEAR: "标题年度与决算年度不符",
  HEADING_NAME: "标题单位名称与本部门不符",
  TOC_TABLE_MISSING: "目录所列的表未公开",
  T01_INCOME_SUM: "01表 收入合计与各收入之和",
  T01_EXPENDITURE_SUM: "01表 支出合计与各类支出之和",
  T01_INCOME_GRAND_TOTAL: "01表 收入总计的构成",
  T01_EXPENDITURE_GRAND_TOTAL: "01表 支出总计的构成",
  T01_BALANCE: "01表 收支总计平衡",
  T02_ROW_SUM: "02表 每行各栏之和",
  T03_ROW_SUM: "03表 每行各栏之和",
  T05_ROW_SUM: "05表 每行基本与项目支出之和",
  T07_ROW_SUM: "07表 每行基本与项目支出之和",
  T08_ROW_SUM: "08表 每行基本与项目支出之和",
  T02_HIERARCHY: "02表 类款项逐级相加",
  T03_HIERARCHY: "03表 类款项逐级相加",
  T05_HIERARCHY: "05表 类款项逐级相加",
  T07_HIERARCHY: "07表 类款项逐级相加",
  T08_HIERARCHY: "08表 类款项逐级相加",
  T07_CARRY_BALANCE: "07表 政府性基金结转结余",
  T02_VS_T01: "02表与01表 收入一致",
  T03_VS_T01: "03表与01表 支出一致",
  T04_INCOME_SUM: "04表 财政拨款收入合计",
  T04_CARRY_SPLIT: "04表 结转结余按资金来源相加",
  T04_INCOME_GRAND_TOTAL: "04表 收入总计的构成",
  T04_ROW_SUM: "04表 每行三项拨款之和",
  T04_EXPENDITURE_SUM: "04表 支出合计与各类支出之和",
  T04_EXPENDITURE_GRAND_TOTAL: "04表 支出总计的构成",
  T04_BALANCE: "04表 收支总计平衡",
  T04_FUND_BALANCE: "04表 各资金来源收支平衡",
  T04_VS_T01: "04表与01表 财政拨款收入一致",
  T04_VS_T05: "04表与05表 一般公共预算支出一致",
  T04_VS_T07_T08: "04表与07表、08表 基金和国资支出一致",
  T06_PERSONNEL_SUM: "06表 人员经费合计",
  T06_PUBLIC_SUM: "06表 公用经费合计",
  T06_HIERARCHY: "06表 每类与其下各款之和",
  T06_VS_T05: "06表与05表 基本支出一致",
  T09_TOTAL_SUM: "09表 “三公”经费合计",
  T09_VEHICLE_SUM: "09表 公务用车费用构成",
  NARRATIVE_VS_TABLE: "情况说明金额与决算表一致",
  BASIC_EXPENDITURE_VS_TABLES: "情况说明基本支出与05表、06表一致",
  BASIC_EXPENDITURE_ALL_FUNDS: "情况说明基本支出的口径",
  PCT_SHARE: "情况说明占比的计算",
  PCT_CHANGE: "情况说明增减比例的计算",
  PCT_OPERATING_COST: "机关运行经费增减比例的计算",
  PCT_ZERO_BASE: "基数为 0 却给出比例",
  EXEC_TOTAL_VS_T05: "预算执行说明的决算总额与05表一致",
  EXEC_ITEM_VS_T05: "预算执行说明各项决算与05表一致",
  EXEC_ITEM_UNMATCHED: "预算执行说明的科目在05表中找不到",
  EXEC_ITEM_MISSING: "05表有支出的科目未说明执行情况",
  EXEC_ITEMS_SUM: "预算执行说明各项决算之和",
  EXEC_INITIAL_SUM: "预算执行说明各项年初预算之和",
  EXEC_RATE: "预算完成率的计算",
  EXEC_RATE_ZERO_BASE: "预算为 0 却给出完成率",
  EXEC_NO_BUDGET_CLAIM: "“年初无预算”与年初预算数",
  EXEC_RATE_BASE: "完成率所用的预算口径",
  EXEC_WORDING: "“大于 / 小于 / 持平预算”的表述",
  SANGONG_VS_T09: "“三公”经费说明与09表一致",
  SANGONG_VS_T06: "09表与06表 公务用车和接待费一致",
  SANGONG_RECEPTION_PARTS: "公务接待费的构成",
  SANGONG_RATE: "“三公”经费完成率的计算",
  SANGONG_RATE_ZERO_BASE: "“三公”预算为 0 却给出完成率",
  SANGONG_RATE_BASE: "“三公”经费完成率的基数",
  SANGONG_VEHICLES_KEPT: "公务用车保有量与车辆总数",
  SANGONG_PURCHASE_COUNT: "购车辆数与购置费",
  PROCUREMENT_SUM: "政府采购 货物、工程、服务之和",
  PROCUREMENT_SME_ORDER: "政府采购 中小企业与小微企业金额的大小关系",
  PROCUREMENT_SHARE: "政府采购 中小企业占比的计算",
  PROCUREMENT_CATEGORY_SME: "政府采购 分类占比推算的中小企业金额",
  PROCUREMENT_PARTS_OVER_TOTAL: "政府采购 中小企业中标金额超过采购总额",
  PROCUREMENT_RESERVED_OVER_TOTAL: "政府采购 预留金额超过采购总额",
  PROCUREMENT_SME_PARTS: "政府采购 中小企业合同金额的构成",
  PROCUREMENT_SME_PARTS_SHARE: "政府采购 中小企业占比（按构成重算）",
  ASSETS_VEHICLES_SUM: "国有资产 车辆总数与分用途之和",
  PERF_TOTAL_SCORE: "绩效自评表 总分与各项得分之和",
  PERF_FUNDS_SCORE: "绩效自评表 预算执行率得分",
  PERF_EXECUTION_RATE: "绩效自评表 执行率的计算",
  PERF_INDICATOR_OVER_WEIGHT: "绩效自评表 指标得分超过分值",
  PERF_WEIGHT_TOTAL: "绩效自评表 分值合计",
  PERF_FUNDS_SPLIT: "绩效自评表 年度资金总额的构成",
  PERF_SUMMARY_TOTAL: "绩效自评汇总表 合计",
  PERF_SUMMARY_VS_SHEET: "绩效自评汇总表与自评表一致",
  PERF_NAME_MISMATCH: "绩效自评汇总表与自评表的项目名称",
  PERF_SHEET_NOT_IN_SUMMARY: "绩效自评表未列入汇总表",
  PERF_GRADE: "绩效自评等级与得分",
  PERF_EXCELLENT_LOW_EXECUTION: "自评为优而执行率很低",
  PERF_NARRATIVE_RATE: "绩效综述完成预算比例的计算",
  PERF_NARRATIVE_VS_SHEET: "绩效综述与自评表一致",
  PERF_NARRATIVE_UNMATCHED: "绩效综述的项目在附件中找不到",
  PERF_GRADE_COUNTS: "绩效自评项目数与各等级之和",
  PERF_SHEETS_STATED: "所述自评表个数与附件",
  PERF_FUNDS_VS_SUMMARY: "绩效自评涉及资金与汇总表合计",
  COMPLETENESS_T01: "未公开01表 收入支出决算总表",
  COMPLETENESS_T02: "未公开02表 收入决算表",
  COMPLETENESS_T03: "未公开03表 支出决算表",
  COMPLETENESS_T04: "未公开04表 财政拨款收入支出决算总表",
  COMPLETENESS_T05: "未公开05表 一般公共预算财政拨款支出决算表",
  COMPLETENESS_T06: "未公开06表 基本支出决算明细表",
  COMPLETENESS_T07: "未公开07表 政府性基金预算财政拨款收入支出决算表",
  COMPLETENESS_T08: "未公开08表 国有资本经营预算财政拨款支出决算表",
  COMPLETENESS_T09: "未公开09表 “三公”经费支出决算表",
  COMPLETENESS_SANGONG_QUANTITIES: "未公开“三公”经费数量信息",
  COMPLETENESS_PROCUREMENT_SME: "未公开授予中小企业的采购金额",
  COMPLETENESS_GLOSSARY: "未公开名词解释",
  COMPLETENESS_BUDGET_EXECUTION: "未公开分项目的预算执行对比",
  COMPLETENESS_PERFORMANCE_SUMMARY: "未公开绩效自评情况汇总表",
  COMPLETENESS_PERFORMANCE_SHEETS: "未公开项目绩效自评表",
  // checked on load against the previous year's document (db/cross-year.ts), so it is in no rule module
  RESTATED_PRIOR_YEAR: "上年数与上年决算不符",
};

const OWN_MEANINGS: Record<string, string> = {
  RESTATED_PRIOR_YEAR:
    "情况说明“与上年相比增加（减少）X”推出的上年数，应等于上年决算文件所列的数；不等说明上年数被调整过（重述）或有一处写错。",
};

const BUDGET_TABLES: Record<string, string> = {
  B01: "财务收支预算总表",
  B02: "收入预算总表",
  B03: "支出预算总表",
  B04: "财政拨款收支预算总表",
  B05: "一般公共预算支出功能分类预算表",
  B06: "政府性基金预算支出功能分类预算表",
  B07: "国有资本经营预算支出功能分类预算表",
  B08: "一般公共预算基本支出经济分类预算表",
  B09: "“三公”经费和机关运行经费预算表",
};

/** The checks every budget table gets, by the id's last part: [name after the table, what must hold]. */
const BUDGET_TABLE_KINDS: Record<string, [string, (t: string) => string]> = {
  ROW_SUM: ["每行各栏之和", (t) => `${t}每一行的合计应等于该行各栏相加。`],
  HIERARCHY: ["类款项逐级相加", (t) => `${t}每个类（款）的金额应等于其下各款（项）相加。`],
  TOTAL: ["合计与各类之和", (t) => `${t}的合计应等于各类相加。`],
  CODE_MALFORMED: ["科目编码不标准", (t) => `${t}的科目编码应为 3、5 或 7 位的标准编码，否则无法逐级核对。`],
  INCOME_SUM: ["收入合计与各收入项之和", (t) => `${t}的收入合计应等于各收入项相加。`],
  EXPENDITURE_SUM: ["支出合计与各类支出之和", (t) => `${t}的支出合计应等于各类支出相加。`],
  BALANCE: ["收支平衡", (t) => `${t}的收入总计应等于支出总计。`],
  INCOME_TOTAL: ["收入总计与本年收入、上年结转之和", (t) => `${t}的收入总计应等于本年收入合计加上年结转结余。`],
  EXPENDITURE_TOTAL: ["支出总计与本年支出、结转下年之和", (t) => `${t}的支出总计应等于本年支出合计加结转下年。`],
};

const SANGONG_ITEMS: Record<string, string> = {
  TOTAL: "“三公”经费预算",
  ABROAD: "因公出国（境）费",
  VEHICLES: "公务用车购置及运行费",
  VEHICLEPURCHASE: "公务用车购置费",
  VEHICLEOPERATION: "公务用车运行费",
  RECEPTION: "公务接待费",
};

const BUDGET_FIXED: Record<string, [string, string]> = {
  B_B01_FISCAL_SUM: [
    "财务收支预算总表 财政拨款收入的构成",
    "财务收支预算总表的财政拨款收入应等于一般公共预算、政府性基金、国有资本经营预算资金相加。",
  ],
  B_B02_VS_B01: ["收入预算总表与财务收支预算总表 收入一致", "收入预算总表的合计应等于财务收支预算总表的收入合计。"],
  B_B02_FISCAL_VS_B01: [
    "收入预算总表与财务收支预算总表 财政拨款一致",
    "收入预算总表的财政拨款应等于财务收支预算总表的财政拨款收入。",
  ],
  B_B03_VS_B01: ["支出预算总表与财务收支预算总表 支出一致", "支出预算总表的合计应等于财务收支预算总表的支出合计。"],
  B_B03_CLASS_VS_B01: [
    "支出预算总表与财务收支预算总表 各类支出一致",
    "支出预算总表每一类支出应等于财务收支预算总表中同一类的金额。",
  ],
  B_B04_VS_B01: [
    "财政拨款收支预算总表与财务收支预算总表 一致",
    "财政拨款收支预算总表的收入合计应等于财务收支预算总表的财政拨款收入。",
  ],
  B_B05_VS_B04: [
    "一般公共预算支出表与财政拨款收支预算总表 一致",
    "一般公共预算支出功能分类预算表的合计应等于财政拨款收支预算总表的一般公共预算支出。",
  ],
  B_B05_CLASS_VS_B04: [
    "一般公共预算支出表与财政拨款总表 各类一致",
    "一般公共预算支出功能分类预算表每一类应等于财政拨款收支预算总表中同一类的一般公共预算金额。",
  ],
  B_B08_VS_B05: [
    "基本支出经济分类表与功能分类表 基本支出一致",
    "一般公共预算基本支出经济分类预算表的合计应等于功能分类预算表的基本支出合计。",
  ],
  B_B05_SUBJECT_MISSING_IN_B03: [
    "一般公共预算支出表的科目不在支出预算总表中",
    "一般公共预算支出功能分类预算表列出的科目，支出预算总表中也应列出。",
  ],
  B_B05_BASIC_VS_B03: ["科目基本支出两表一致", "只由一般公共预算安排的科目，两张支出表中的基本支出应相同。"],
  B_B05_PROJECT_VS_B03: ["科目项目支出两表一致", "只由一般公共预算安排的科目，两张支出表中的项目支出应相同。"],
  B_B09_EMPTY_NOTE: ["注明空表却列有金额", "“三公”经费预算表注明“本表为空表”时，表中不应有金额。"],
  B_N_INCOME_TOTAL: ["情况说明收入预算与总表一致", "情况说明所写的收入预算应等于财务收支预算总表的收入合计。"],
  B_N_FISCAL_INCOME: [
    "情况说明财政拨款收入与总表一致",
    "情况说明所写的财政拨款收入应等于财务收支预算总表的财政拨款收入。",
  ],
  B_N_EXPENDITURE_TOTAL: ["情况说明支出预算与总表一致", "情况说明所写的支出预算应等于财务收支预算总表的支出合计。"],
  B_N_FISCAL_EXPENDITURE: [
    "情况说明财政拨款支出与总表一致",
    "情况说明所写的财政拨款支出预算应等于财政拨款收支预算总表的支出总计。",
  ],
  B_N_GPB_EXPENDITURE: [
    "情况说明一般公共预算支出与总表一致",
    "情况说明所写的一般公共预算拨款支出预算应等于财政拨款收支预算总表中的一般公共预算支出。",
  ],
  B_N_SUBJECT_UNKNOWN: [
    "情况说明的科目在预算表中找不到",
    "情况说明逐项说明的科目应能在一般公共预算支出功能分类预算表中找到。",
  ],
  B_N_SUBJECT_AMOUNT: [
    "情况说明科目金额与预算表一致",
    "情况说明逐项说明的科目金额应等于一般公共预算支出功能分类预算表中该科目的金额。",
  ],
  B_N_SUBJECT_RESTATED: ["情况说明同一科目前后两个金额", "情况说明在同一句中两次写到某科目的预算时，两个数应相同。"],
  B_N_SUBJECT_DIRECTION: [
    "情况说明增减方向与数字",
    "情况说明说某科目比上年执行数增加（减少）时，预算数应确实大于（小于）上年执行数。",
  ],
  B_N_SUBJECT_PERCENT: ["情况说明科目变动率的计算", "情况说明所写的科目变动率应等于按预算数和上年执行数重算的结果。"],
  B_N_SUBJECT_FLAT: ["情况说明“持平”与数字", "情况说明说某科目与上年执行数持平时，两个数应相同。"],
  B_N_OPERATING_COST: [
    "情况说明机关运行经费与预算表一致",
    "情况说明所写的机关运行经费预算应等于“三公”经费和机关运行经费预算表中的金额。",
  ],
  B_N_PROCUREMENT_PARTS: ["政府采购预算的构成", "情况说明的政府采购预算应等于货物、工程、服务预算相加。"],
  B_N_SME_OVER_TOTAL: ["预留中小企业份额超过采购预算", "面向中小企业预留的采购预算不应大于政府采购预算。"],
  B_N_SMALL_MICRO_OVER_SME: [
    "预留小微企业份额超过中小企业份额",
    "预留给小型和微型企业的采购预算不应大于面向中小企业预留的部分。",
  ],
};

function budgetText(id: string): [string, string] | undefined {
  if (BUDGET_FIXED[id]) return BUDGET_FIXED[id];
  const table = /^B_(B0\d)_([A-Z_]+)$/.exec(id);
  if (table && BUDGET_TABLES[table[1]] && BUDGET_TABLE_KINDS[table[2]]) {
    const [name, meaning] = BUDGET_TABLE_KINDS[table[2]];
    return [`${BUDGET_TABLES[table[1]]} ${name}`, meaning(BUDGET_TABLES[table[1]])];
  }
  const sangong = /^B_N_SANGONG_([A-Z]+)$/.exec(id);
  if (sangong && SANGONG_ITEMS[sangong[1]]) {
    const item = SANGONG_ITEMS[sangong[1]];
    return [`情况说明${item}与预算表一致`, `情况说明所写的${item}应等于“三公”经费和机关运行经费预算表中的金额。`];
  }
  return undefined;
}

/** The rule's Chinese name; undefined for an id no rule emits (the caller says so rather than print the id). */
export function ruleName(id: string): string | undefined {
  return NAMES[id] ?? budgetText(id)?.[0];
}

/** 含义 for the rules whose title does not say it: the cross-year check and the budget rules. */
export function ownMeaning(id: string): string | undefined {
  return OWN_MEANINGS[id] ?? budgetText(id)?.[1];
}
