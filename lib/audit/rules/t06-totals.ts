import type { Report, Table } from "@/lib/report/schema";
import { checkSum, compact } from "../compare";
import { cell, dataTable, keyCell, keyRow, type Side } from "../report-access";
import type { Rule } from "../rule";
import type { Finding } from "../types";

const T06_PERSONNEL_SUM = "T06_PERSONNEL_SUM";
const T06_PUBLIC_SUM = "T06_PUBLIC_SUM";
const T06_HIERARCHY = "T06_HIERARCHY";
const T06_VS_T05 = "T06_VS_T05";

/** 经济分类: 人员经费 = 301 + 303, 公用经费 = 302 + 307 + 310 + 312 + 399. */
const PERSONNEL_CLASSES = ["301", "303"] as const;
const PUBLIC_CLASSES = ["302", "307", "310", "312", "399"] as const;

/** A class's figure; where the document prints its 款 but not the class row, the 款 stand in. */
function classTerms(t: Table, classes: readonly string[]): Side[] {
  const out: Side[] = [];
  for (const c of classes) {
    const row = t.rows.find((r) => r.code === c);
    if (row) out.push(cell("t06", row, "amount"));
    else out.push(...t.rows.filter((r) => r.code?.length === 5 && r.code.startsWith(c)).map((r) => cell("t06", r, "amount")));
  }
  return out;
}

function personnelSum(report: Report): Finding[] {
  const t = dataTable(report, "t06");
  if (!t) return [];
  return compact([checkSum(T06_PERSONNEL_SUM, keyCell("t06", t, "personnelTotal", "amount"), classTerms(t, PERSONNEL_CLASSES), "301、303 两类之和")]);
}

function publicSum(report: Report): Finding[] {
  const t = dataTable(report, "t06");
  if (!t) return [];
  return compact([checkSum(T06_PUBLIC_SUM, keyCell("t06", t, "publicTotal", "amount"), classTerms(t, PUBLIC_CLASSES), "302、307、310、312、399 各类之和")]);
}

function hierarchy(report: Report): Finding[] {
  const t = dataTable(report, "t06");
  if (!t) return [];
  const out: (Finding | null)[] = [];
  for (const parent of t.rows.filter((r) => r.code?.length === 3)) {
    const kids = t.rows.filter((r) => r.code?.length === 5 && r.code.startsWith(parent.code!));
    if (kids.length === 0) continue;
    out.push(checkSum(T06_HIERARCHY, cell("t06", parent, "amount"), kids.map((k) => cell("t06", k, "amount")), "其下各款之和"));
  }
  return compact(out);
}

/** 人员经费 + 公用经费 is the whole of 一般公共预算财政拨款基本支出, which t05 prints as 合计 基本支出. */
function vsT05(report: Report): Finding[] {
  const t06 = dataTable(report, "t06");
  const t05 = dataTable(report, "t05");
  if (!t06 || !t05) return [];
  return compact([
    checkSum(
      T06_VS_T05,
      cell("t05", keyRow(t05, "total"), "basic", "合计"),
      [keyCell("t06", t06, "personnelTotal", "amount"), keyCell("t06", t06, "publicTotal", "amount")],
      "公开06表人员经费合计与公用经费合计之和",
    ),
  ]);
}

export const t06Rules: Rule[] = [
  { id: T06_PERSONNEL_SUM, title: "公开06表 人员经费合计 = 301 + 303", run: personnelSum },
  { id: T06_PUBLIC_SUM, title: "公开06表 公用经费合计 = 302 + 307 + 310 + 312 + 399", run: publicSum },
  { id: T06_HIERARCHY, title: "公开06表 每类 = 其下各款之和", run: hierarchy },
  { id: T06_VS_T05, title: "公开06表 人员经费 + 公用经费 = 公开05表 合计 基本支出", run: vsT05 },
];
