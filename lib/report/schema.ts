import { z } from "zod";

/**
 * The canonical report: one published 决算 disclosure, every figure exact.
 * It is also the JSON interchange format (`cli export` writes it, `cli ingest` reads it back).
 *
 * Conventions:
 * - Every amount is a decimal string in 万元 with the precision the document printed ("8979.10", "604.6242").
 *   Documents printed in 元 are converted exactly (÷10000) and `sourceUnit` says so.
 * - An empty cell is an absent key, never "0": "not disclosed" and "zero" must stay distinguishable.
 * - Percentages are decimal strings in percent ("22.22" means 22.22%), signed where the text says 增长/下降.
 * - `sourceLine` is the 1-based line of the source document a figure was read from, so the UI can point at it.
 */

export const amountSchema = z.string().regex(/^-?\d+(\.\d+)?$/, { error: "金额必须是十进制数字字符串" });

const line = z.number().int().positive();

export const TABLE_IDS = ["t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09"] as const;
export type TableId = (typeof TABLE_IDS)[number];

/** Column keys per table, in the order the national template prints them. */
export const TABLE_COLUMNS = {
  t01: ["amount"],
  t02: ["total", "fiscal", "superior", "business", "operating", "affiliated", "other"],
  t03: ["total", "basic", "project", "upstream", "operating", "subsidy"],
  // t04 income rows use "amount"; expenditure rows use total/gpb/govFund/soe.
  t04: ["amount", "total", "gpb", "govFund", "soe"],
  t05: ["total", "basic", "project"],
  t06: ["amount"],
  t07: ["carryBegin", "income", "total", "basic", "project", "carryEnd"],
  t08: ["total", "basic", "project"],
  t09: [
    "budgetTotal",
    "budgetAbroad",
    "budgetVehicle",
    "budgetVehiclePurchase",
    "budgetVehicleOperation",
    "budgetReception",
    "finalTotal",
    "finalAbroad",
    "finalVehicle",
    "finalVehiclePurchase",
    "finalVehicleOperation",
    "finalReception",
  ],
} as const satisfies Record<TableId, readonly string[]>;

export const TABLE_TITLES: Record<TableId, string> = {
  t01: "收入支出决算总表",
  t02: "收入决算表",
  t03: "支出决算表",
  t04: "财政拨款收入支出决算总表",
  t05: "一般公共预算财政拨款支出决算表",
  t06: "一般公共预算财政拨款基本支出决算明细表",
  t07: "政府性基金预算财政拨款收入支出决算表",
  t08: "国有资本经营预算财政拨款支出决算表",
  t09: "财政拨款“三公”经费支出决算表",
};

/**
 * Row keys give a row its role so rules never match on printed names:
 * - t01 income: gpb govFund soe superior business operating affiliated other incomeTotal useNonFiscalBalance carryBegin grandTotal
 * - t01 / t04 expenditure: "class" for each 类 row (code set when known), expenditureTotal balanceDistribution carryEnd grandTotal
 * - t04 income: gpb govFund soe incomeTotal carryBegin carryBeginGpb carryBeginGovFund carryBeginSoe grandTotal
 * - t04 expenditure extra: carryEndGpb carryEndGovFund carryEndSoe
 * - t02 t03 t05 t07 t08: "total" for the 合计 row; subject rows carry `code` and no key
 * - t06: personnelTotal publicTotal; economic-code rows carry `code` and section personnel|public
 * - t09: a single row with key "sangong"
 */
const tableRowSchema = z.object({
  section: z.enum(["income", "expenditure", "personnel", "public"]).optional(),
  key: z.string().optional(),
  code: z
    .string()
    .regex(/^\d{3,7}$/)
    .optional(),
  name: z.string(),
  /** 行次 as printed (t01, t04). */
  line: z.number().int().optional(),
  values: z.record(z.string(), amountSchema),
  sourceLine: line.optional(),
});
export type TableRow = z.infer<typeof tableRowSchema>;

export const tableSchema = z.object({
  id: z.enum(TABLE_IDS),
  title: z.string(),
  /** "empty": the document prints the table with no data and says so (e.g. 本部门没有政府性基金收入…). */
  status: z.enum(["data", "empty"]),
  note: z.string().optional(),
  sourceLine: line.optional(),
  rows: z.array(tableRowSchema),
});
export type Table = z.infer<typeof tableSchema>;

/** A year-over-year statement: "财政拨款收入 8,979.1 万元。与 2022 年度相比，减少 698.24 万元，下降 7.22%。主要是…" */
const changeSchema = z.object({
  /** what it is about: grandTotal, incomeTotal, income.fiscal, income.superior, … expenditure.basic, fiscalGrandTotal, gpbExpenditure */
  key: z.string(),
  subject: z.string(),
  current: amountSchema,
  /** signed: negative for 减少 */
  change: amountSchema.optional(),
  /** signed percent: negative for 下降 */
  pct: amountSchema.optional(),
  /** "与上年决算数一致" / 持平 */
  unchanged: z.boolean().optional(),
  reason: z.string().optional(),
  sourceLine: line.optional(),
});
export type Change = z.infer<typeof changeSchema>;

/** A stated share: "财政拨款收入 8,979.1 万元，占 100%" (of `base`). */
const shareSchema = z.object({
  key: z.string(),
  subject: z.string(),
  amount: amountSchema,
  pct: amountSchema,
  /** the whole the share is of: incomeTotal, expenditureTotal, gpbExpenditure */
  base: z.string(),
  sourceLine: line.optional(),
});

const executionItemSchema = z.object({
  /** names as the narrative prints them: 类, 款, 项 */
  path: z.array(z.string()),
  code: z
    .string()
    .regex(/^\d{3,7}$/)
    .optional(),
  initialBudget: amountSchema,
  /** 全年预算 (the adjusted budget) when the text gives it beside or instead of 年初预算 */
  annualBudget: amountSchema.optional(),
  final: amountSchema,
  /** stated completion rate in percent; absent when the text says 年初无预算 */
  rate: amountSchema.optional(),
  /** which budget the stated rate is against: 完成年初预算的 / 完成全年预算的 */
  rateBase: z.enum(["initial", "annual"]).optional(),
  /** the wording 决算数大于/小于/等于(基本持平)预算数, as stated, so it can be checked against the two figures */
  stated: z.enum(["more", "less", "equal"]).optional(),
  noInitialBudget: z.boolean().optional(),
  reason: z.string().optional(),
  sourceLine: line.optional(),
});
export type ExecutionItem = z.infer<typeof executionItemSchema>;

const sangongCategory = z.object({
  budget: amountSchema.optional(),
  final: amountSchema.optional(),
  /** stated 完成全年预算的 X% */
  rate: amountSchema.optional(),
  sourceLine: line.optional(),
});

export const narrativeSchema = z.object({
  changes: z.array(changeSchema).default([]),
  shares: z.array(shareSchema).default([]),
  /** 一般公共预算财政拨款支出 年初预算 vs 决算, with every 项 */
  budgetExecution: z
    .object({
      initialBudget: amountSchema,
      annualBudget: amountSchema.optional(),
      final: amountSchema,
      rate: amountSchema.optional(),
      rateBase: z.enum(["initial", "annual"]).optional(),
      stated: z.enum(["more", "less", "equal"]).optional(),
      reason: z.string().optional(),
      sourceLine: line.optional(),
      items: z.array(executionItemSchema),
    })
    .optional(),
  basicExpenditure: z
    .object({
      total: amountSchema,
      personnel: amountSchema.optional(),
      public: amountSchema.optional(),
      sourceLine: line.optional(),
    })
    .optional(),
  /** 编制人数 and 实有人数 as 机构设置 states them: the base of per-staff figures */
  staff: z
    .object({
      authorised: z.number().int().optional(),
      actual: z.number().int().optional(),
      sourceLine: line.optional(),
    })
    .optional(),
  sangong: z
    .object({
      total: sangongCategory.optional(),
      abroad: sangongCategory.optional(),
      vehicle: sangongCategory.optional(),
      vehiclePurchase: amountSchema.optional(),
      vehicleOperation: amountSchema.optional(),
      reception: sangongCategory.optional(),
      abroadGroups: z.number().int().optional(),
      abroadPersons: z.number().int().optional(),
      vehiclesPurchased: z.number().int().optional(),
      vehiclesKept: z.number().int().optional(),
      receptionDomestic: z
        .object({
          amount: amountSchema.optional(),
          batches: z.number().int().optional(),
          persons: z.number().int().optional(),
          foreignAffairsBatches: z.number().int().optional(),
          foreignAffairsPersons: z.number().int().optional(),
        })
        .optional(),
      receptionForeign: z
        .object({
          amount: amountSchema.optional(),
          batches: z.number().int().optional(),
          persons: z.number().int().optional(),
        })
        .optional(),
      sourceLine: line.optional(),
    })
    .optional(),
  /** 机关运行经费 */
  operatingCost: z
    .object({
      amount: amountSchema,
      /** signed change against the initial budget: 比年初预算数减少 51.68 → "-51.68" */
      changeVsBudget: amountSchema.optional(),
      pct: amountSchema.optional(),
      reason: z.string().optional(),
      sourceLine: line.optional(),
    })
    .optional(),
  procurement: z
    .object({
      total: amountSchema,
      goods: amountSchema.optional(),
      works: amountSchema.optional(),
      services: amountSchema.optional(),
      sme: amountSchema.optional(),
      smeShare: amountSchema.optional(),
      smallMicro: amountSchema.optional(),
      smallMicroShare: amountSchema.optional(),
      goodsSmeShare: amountSchema.optional(),
      worksSmeShare: amountSchema.optional(),
      servicesSmeShare: amountSchema.optional(),
      /** 面向中小企业 / 小微企业预留 项目预算金额, and what SMEs won in the reserved and in the other projects */
      reservedSme: amountSchema.optional(),
      reservedSmallMicro: amountSchema.optional(),
      smeWonReserved: amountSchema.optional(),
      smallMicroWonReserved: amountSchema.optional(),
      smeWonOther: amountSchema.optional(),
      sourceLine: line.optional(),
    })
    .optional(),
  assets: z
    .object({
      vehicles: z.number().int().optional(),
      /** 领导干部用车, 机要通信用车, 应急保障用车, 执法执勤用车, 特种专业技术用车, 离退休干部用车, 其他用车 */
      vehiclesByUse: z.record(z.string(), z.number().int()).default({}),
      largeEquipment: z.number().int().optional(),
      sourceLine: line.optional(),
    })
    .optional(),
  performance: z
    .object({
      projectCount: z.number().int().optional(),
      funds: amountSchema.optional(),
      fundsShare: amountSchema.optional(),
      /** 优/良/中/差 → count */
      gradeCounts: z.record(z.string(), z.number().int()).default({}),
      /** how many 绩效自评表 the narrative says are attached */
      sheetsStated: z.number().int().optional(),
      summaries: z
        .array(
          z.object({
            name: z.string(),
            score: amountSchema.optional(),
            budget: amountSchema.optional(),
            executed: amountSchema.optional(),
            rate: amountSchema.optional(),
            sourceLine: line.optional(),
          }),
        )
        .default([]),
      sourceLine: line.optional(),
    })
    .optional(),
});
export type Narrative = z.infer<typeof narrativeSchema>;

const indicatorSchema = z.object({
  level1: z.string(),
  level2: z.string().optional(),
  level3: z.string().optional(),
  target: z.string().optional(),
  actual: z.string().optional(),
  weight: amountSchema.optional(),
  score: amountSchema.optional(),
  deviation: z.string().optional(),
  sourceLine: line.optional(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

const fundLine = z.object({
  initial: amountSchema.optional(),
  annual: amountSchema.optional(),
  executed: amountSchema.optional(),
  weight: amountSchema.optional(),
  /** percent */
  rate: amountSchema.optional(),
  score: amountSchema.optional(),
});

const performanceSheetSchema = z.object({
  name: z.string(),
  department: z.string().optional(),
  implementingUnit: z.string().optional(),
  funds: z.object({
    total: fundLine,
    fiscal: fundLine.optional(),
    carryover: fundLine.optional(),
    other: fundLine.optional(),
  }),
  goals: z.object({ planned: z.string().optional(), actual: z.string().optional() }).default({}),
  indicators: z.array(indicatorSchema),
  totalScore: amountSchema.optional(),
  sourceLine: line.optional(),
});
export type PerformanceSheet = z.infer<typeof performanceSheetSchema>;

export const appendixSchema = z.object({
  performanceSummary: z
    .object({
      rows: z.array(
        z.object({
          no: z.number().int().optional(),
          name: z.string(),
          unit: z.string().optional(),
          budget: amountSchema.optional(),
          score: amountSchema.optional(),
          grade: z.string().optional(),
          sourceLine: line.optional(),
        }),
      ),
      total: amountSchema.optional(),
      note: z.string().optional(),
      sourceLine: line.optional(),
    })
    .optional(),
  performanceSheets: z.array(performanceSheetSchema).default([]),
});

const ambiguitySchema = z.object({
  table: z.string(),
  sourceLine: line.optional(),
  message: z.string(),
});

/**
 * A part of the document that could not be read: a sentence, a section or a table. The rest of the document still
 * loads; the note says where (page for PDFs, line otherwise) and quotes the text, so a reader can look it up.
 */
export const unreadSchema = z.object({
  /** what kind of part: a table, a narrative statement, a whole section, the cover */
  part: z.enum(["table", "statement", "section", "cover", "appendix"]),
  /** the part's name as a reader knows it: 收入决算表, 五、一般公共预算财政拨款支出决算情况说明 … */
  where: z.string(),
  sourceLine: line.optional(),
  /** the PDF page (1-based) when the document is a PDF */
  page: z.number().int().positive().optional(),
  /** the unread text itself, shortened */
  text: z.string(),
  /** why it could not be read, in Chinese */
  message: z.string(),
});
export type Unread = z.infer<typeof unreadSchema>;

/** A table the reader does not know (项目支出决算表, 国有资产占用情况表 …), kept as printed: title and cell grid. */
const extraTableSchema = z.object({
  title: z.string(),
  sourceLine: line.optional(),
  page: z.number().int().positive().optional(),
  rows: z.array(z.array(z.string())),
});
export type ExtraTable = z.infer<typeof extraTableSchema>;

const LAYOUTS = ["plain-text", "markdown", "json", "pdf"] as const;

export const reportSchema = z.object({
  schemaVersion: z.literal(1),
  department: z.string().min(1),
  /** the reporting entity printed in the table headers (部门：/单位：) when it differs from the department */
  entity: z.string().optional(),
  year: z.number().int().min(1990).max(2100),
  scope: z.enum(["部门决算", "单位决算"]),
  sourceUnit: z.enum(["万元", "元"]),
  source: z.object({
    fileName: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    layout: z.enum(LAYOUTS),
    lines: z.number().int().nonnegative(),
    /** PDF only: page count, and the 1-based text line each page starts at (sourceLine → page) */
    pages: z.number().int().nonnegative().optional(),
    pageStarts: z.array(z.number().int().positive()).optional(),
  }),
  /** 合成示例: generated, never a published document */
  synthetic: z.boolean().default(false),
  overview: z.object({ duties: z.string().optional(), units: z.array(z.string()).default([]) }).default({ units: [] }),
  tables: z.array(tableSchema),
  narrative: narrativeSchema,
  glossary: z.array(z.object({ term: z.string(), definition: z.string() })).default([]),
  appendix: appendixSchema,
  /** what the parser could not decide from the identities (plain-text cells whose column stays open) */
  ambiguities: z.array(ambiguitySchema).default([]),
  /** parts the reader could not read; the rest of the report stands without them */
  unread: z.array(unreadSchema).default([]),
  /** tables the reader does not know, kept as raw grids */
  extraTables: z.array(extraTableSchema).default([]),
  /**
   * Headings and table headers that name a year or a department (part titles, 部门：… lines), as printed, so a
   * placeholder (XX局) or last year's year left in a heading can be found.
   */
  headings: z
    .array(
      z.object({
        text: z.string(),
        sourceLine: line.optional(),
        year: z.number().int().optional(),
        name: z.string().optional(),
      }),
    )
    .default([]),
  /** the table titles 目录 lists under 第二部分, as printed (for "listed but missing" checks) */
  listedTables: z.array(z.string()).default([]),
});
export type Report = z.infer<typeof reportSchema>;
export type ReportInput = z.input<typeof reportSchema>;

/** The PDF page a source line lies on, when the report came from a PDF. */
export function pageOfLine(report: Pick<Report, "source">, sourceLine: number | undefined): number | undefined {
  const starts = report.source.pageStarts;
  if (!starts || sourceLine === undefined) return undefined;
  let page = 0;
  for (let i = 0; i < starts.length && starts[i] <= sourceLine; i++) page = i + 1;
  return page || undefined;
}

/** Where a source line is, as a reader of the original finds it: 第 N 页 for a PDF, 第 N 行 for a text file. */
export function placeOfLine(report: Pick<Report, "source">, sourceLine: number): string {
  const page = pageOfLine(report, sourceLine);
  return page !== undefined ? `第 ${page} 页` : `第 ${sourceLine} 行`;
}

export function getTable(report: Report, id: TableId): Table | undefined {
  return report.tables.find((t) => t.id === id);
}

export function findRow(
  table: Table | undefined,
  pred: Partial<Pick<TableRow, "key" | "code" | "section">>,
): TableRow | undefined {
  if (!table) return undefined;
  return table.rows.find(
    (r) =>
      (pred.key === undefined || r.key === pred.key) &&
      (pred.code === undefined || r.code === pred.code) &&
      (pred.section === undefined || r.section === pred.section),
  );
}
