import { z } from "zod";
import { amountSchema, reportSchema, unreadSchema } from "../report/schema";

/**
 * A 部门预算 / 单位预算 as published each spring: the canonical, validated model of a budget document.
 *
 * Every amount is an exact decimal string in 万元, whatever the document printed: tables in 元 are converted by
 * shifting the decimal point (371,514,655.00 元 → 37151.4655), never rounded. An empty cell is an absent key, a
 * printed 0 is "0": a figure the document does not give stays absent. `sourceLine` points back at the line the
 * figure was read from (and, for a PDF, through `source.pageStarts`, at its page).
 */

const line = z.number().int().positive();
const extraTableSchema = reportSchema.shape.extraTables.unwrap().element;

/**
 * The nine tables of the budget template (Shanghai's 2024–2025 set, which follows the national one):
 * b01 财务收支预算总表, b02 收入预算总表, b03 支出预算总表, b04 财政拨款收支预算总表, b05 一般公共预算支出功能分类
 * 预算表, b06 政府性基金预算支出功能分类预算表, b07 国有资本经营预算支出功能分类预算表, b08 一般公共预算基本支出
 * 经济分类预算表, b09 “三公”经费和机关运行经费预算表.
 */
export const BUDGET_TABLE_IDS = ["b01", "b02", "b03", "b04", "b05", "b06", "b07", "b08", "b09"] as const;
export type BudgetTableId = (typeof BUDGET_TABLE_IDS)[number];

export const BUDGET_TABLE_TITLES: Record<BudgetTableId, string> = {
  b01: "财务收支预算总表",
  b02: "收入预算总表",
  b03: "支出预算总表",
  b04: "财政拨款收支预算总表",
  b05: "一般公共预算支出功能分类预算表",
  b06: "政府性基金预算支出功能分类预算表",
  b07: "国有资本经营预算支出功能分类预算表",
  b08: "一般公共预算基本支出经济分类预算表",
  b09: "“三公”经费和机关运行经费预算表",
};

/** The column keys a budget table's amounts can be read into, with the header words that name them. */
export const BUDGET_COLUMNS = {
  budget: "预算数",
  total: "合计",
  fiscal: "财政拨款收入",
  business: "事业收入",
  operating: "事业单位经营收入",
  other: "其他收入",
  carryover: "上年结转",
  basic: "基本支出",
  personnel: "人员经费",
  public: "公用经费",
  project: "项目支出",
  gpb: "一般公共预算",
  fund: "政府性基金预算",
  soe: "国有资本经营预算",
  abroad: "因公出国(境)费",
  reception: "公务接待费",
  vehicles: "公务用车购置及运行费",
  vehiclePurchase: "公务用车购置费",
  vehicleOperation: "公务用车运行费",
  operatingCost: "机关运行经费预算数",
  superior: "上级补助收入",
  affiliated: "附属单位上缴收入",
  specialAccount: "财政专户管理资金收入",
  upstream: "上缴上级支出",
  subsidy: "对附属单位补助支出",
  operatingExpenditure: "事业单位经营支出",
} as const;
export type BudgetColumn = keyof typeof BUDGET_COLUMNS;

export const budgetRowSchema = z.object({
  /** two-sided tables (b01, b04): which side of the table the row is on */
  side: z.enum(["income", "expenditure"]).optional(),
  /** 功能分类 or 经济分类 code, joined from 类/款/项 columns when printed split ("2010301") */
  code: z
    .string()
    .regex(/^\d{3,7}$/)
    .optional(),
  /** what the row is, for rows without a code: fiscal, gpb, fund, soe, business, operating, other, total, class:201 … */
  key: z.string().optional(),
  name: z.string(),
  values: z.record(z.string(), amountSchema),
  sourceLine: line.optional(),
});
export type BudgetRow = z.infer<typeof budgetRowSchema>;

export const budgetTableSchema = z.object({
  id: z.enum(BUDGET_TABLE_IDS),
  title: z.string(),
  /** the unit the document printed (the values are converted to 万元 either way) */
  printedUnit: z.enum(["元", "万元"]),
  /** the most decimals any amount was printed with (元 tables print 2, or 0 when rounded to the 元) */
  printedDecimals: z.number().int().min(0).max(6).optional(),
  sourceLine: line.optional(),
  rows: z.array(budgetRowSchema),
  /** 注：本表为空表 … as printed under the table */
  note: z.string().optional(),
});
export type BudgetTable = z.infer<typeof budgetTableSchema>;

/** A year-over-year comparison as the narrative words it: 比2024年预算增加25万元 / 与2024年预算持平. */
const comparedSchema = z.object({
  priorYear: z.number().int(),
  direction: z.enum(["up", "down", "flat"]),
  /** the stated change in 万元 (absent for 持平) */
  amount: amountSchema.optional(),
  /** the stated change in % where the narrative gives a percentage instead */
  percent: amountSchema.optional(),
  reason: z.string().optional(),
});

const statedSchema = z.object({ value: amountSchema, sourceLine: line.optional() });

/** One 功能分类 subject the 编制说明 explains: its amount, what it is for, last year's execution and the reason. */
export const subjectNoteSchema = z.object({
  /** the subject as printed: 一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行 */
  path: z.array(z.string()).min(1),
  /** the code found by matching the path to b05 (or b03) */
  code: z.string().optional(),
  amount: amountSchema,
  purpose: z.string().optional(),
  /** 上年当年预算执行数 where given */
  priorExecuted: amountSchema.optional(),
  /** the stated budget (当年预算安排) when the sentence repeats it */
  statedBudget: amountSchema.optional(),
  compared: comparedSchema.optional(),
  sourceLine: line.optional(),
});
export type SubjectNote = z.infer<typeof subjectNoteSchema>;

export const budgetNarrativeSchema = z.object({
  incomeTotal: statedSchema.optional(),
  fiscalIncome: statedSchema.extend({ compared: comparedSchema.optional() }).optional(),
  expenditureTotal: statedSchema.optional(),
  fiscalExpenditure: statedSchema.extend({ compared: comparedSchema.optional() }).optional(),
  gpbExpenditure: statedSchema.extend({ compared: comparedSchema.optional() }).optional(),
  fundExpenditure: statedSchema.extend({ compared: comparedSchema.optional() }).optional(),
  soeExpenditure: statedSchema.extend({ compared: comparedSchema.optional() }).optional(),
  changeReason: z.string().optional(),
  subjects: z.array(subjectNoteSchema).default([]),
  sangong: z
    .object({
      total: statedSchema.extend({ compared: comparedSchema.optional() }).optional(),
      abroad: statedSchema.extend({ compared: comparedSchema.optional() }).optional(),
      vehicles: statedSchema.extend({ compared: comparedSchema.optional() }).optional(),
      vehiclePurchase: statedSchema.extend({ compared: comparedSchema.optional() }).optional(),
      vehicleOperation: statedSchema.extend({ compared: comparedSchema.optional() }).optional(),
      reception: statedSchema.extend({ compared: comparedSchema.optional() }).optional(),
    })
    .default({}),
  operatingCost: statedSchema.optional(),
  procurement: z
    .object({
      total: statedSchema.optional(),
      goods: statedSchema.optional(),
      works: statedSchema.optional(),
      services: statedSchema.optional(),
      smeReserved: statedSchema.optional(),
      smallMicroReserved: statedSchema.optional(),
    })
    .default({}),
  performance: z
    .object({
      units: z.number().int().nonnegative().optional(),
      projects: z.number().int().nonnegative().optional(),
      funds: amountSchema.optional(),
      sourceLine: line.optional(),
    })
    .optional(),
  assets: z
    .object({
      asOf: z.string().optional(),
      vehicles: z.number().int().nonnegative().optional(),
      vehiclesToBuy: z.number().int().nonnegative().optional(),
      bigEquipment: z.number().int().nonnegative().optional(),
      sourceLine: line.optional(),
    })
    .optional(),
});
export type BudgetNarrative = z.infer<typeof budgetNarrativeSchema>;

/** 项目经费情况说明: one project the document describes, with its sections as printed. */
export const budgetProjectSchema = z.object({
  name: z.string(),
  sections: z.array(z.object({ heading: z.string(), text: z.string() })),
  /** the amount the 年度预算安排 section states in 万元, when it states one */
  amount: amountSchema.optional(),
  sourceLine: line.optional(),
});
export type BudgetProject = z.infer<typeof budgetProjectSchema>;

export const budgetSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal("budget"),
  department: z.string().min(1),
  year: z.number().int().min(1990).max(2100),
  scope: z.enum(["部门预算", "单位预算"]),
  /** the same as a 决算's: file, content hash, layout, and for a PDF its pages and where each starts */
  source: reportSchema.shape.source,
  duties: z.string().optional(),
  /** 部门机构设置: the units the 部门 consolidates, as listed */
  units: z.array(z.string()).default([]),
  tables: z.array(budgetTableSchema),
  narrative: budgetNarrativeSchema,
  projects: z.array(budgetProjectSchema).default([]),
  glossary: z.array(z.object({ term: z.string(), definition: z.string() })).default([]),
  unread: z.array(unreadSchema).default([]),
  extraTables: z.array(extraTableSchema).default([]),
});
export type Budget = z.infer<typeof budgetSchema>;
export type BudgetInput = z.input<typeof budgetSchema>;

export function getBudgetTable(b: Budget, id: BudgetTableId): BudgetTable | undefined {
  return b.tables.find((t) => t.id === id);
}
