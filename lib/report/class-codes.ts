/**
 * 支出功能分类 类 names → codes. Tables 01 and 04 list expenditure by 类 name only; the code is what ties those rows
 * to tables 02/03/05. Older template wordings of the same 类 follow the current one. Keys are the bare name without
 * the trailing 支出 (and without 的: "抗疫特别国债安排的支出").
 */
const CLASS_NAMES: [code: string, names: string[]][] = [
  ["201", ["一般公共服务"]],
  ["202", ["外交"]],
  ["203", ["国防"]],
  ["204", ["公共安全"]],
  ["205", ["教育"]],
  ["206", ["科学技术"]],
  ["207", ["文化旅游体育与传媒", "文化体育与传媒"]],
  ["208", ["社会保障和就业"]],
  ["209", ["社会保险基金"]],
  ["210", ["卫生健康", "医疗卫生与计划生育", "医疗卫生"]],
  ["211", ["节能环保"]],
  ["212", ["城乡社区"]],
  ["213", ["农林水"]],
  ["214", ["交通运输"]],
  ["215", ["资源勘探工业信息等", "资源勘探信息等", "资源勘探电力信息等"]],
  ["216", ["商业服务业等"]],
  ["217", ["金融"]],
  ["219", ["援助其他地区"]],
  ["220", ["自然资源海洋气象等", "国土海洋气象等"]],
  ["221", ["住房保障"]],
  ["222", ["粮油物资储备"]],
  ["223", ["国有资本经营预算"]],
  ["224", ["灾害防治及应急管理"]],
  ["229", ["其他"]],
  ["230", ["转移性"]],
  ["231", ["债务还本"]],
  ["232", ["债务付息"]],
  ["233", ["债务发行费用"]],
  ["234", ["抗疫特别国债安排"]],
];

const CLASS_BY_NAME = new Map(CLASS_NAMES.flatMap(([code, names]) => names.map((n) => [n, code] as [string, string])));

/** "一般公共服务" / "抗疫特别国债安排的" → "201" / "234"; undefined for a name that is not a 类. */
export function classCodeOfBareName(bare: string): string | undefined {
  return CLASS_BY_NAME.get(bare) ?? CLASS_BY_NAME.get(bare.replace(/的$/, ""));
}
