import { count, pct, text, wan, yuan } from "./columns";

/** 三公 by category: 公开09表's 预算数 and 决算数, summed over the departments in view. */
export const categoryColumns = [
  text("label", "类别"),
  wan("budget", "预算数"),
  wan("final", "决算数"),
  pct("rate", "决算÷预算", { title: "决算数 ÷ 预算数 × 100" }),
  count("reports", "披露决算数的报告", { csvOnly: true }),
];

/** The same departments, year by year (the trend panel). */
export const yearColumns = [
  text("year", "年度"),
  count("departments", "披露部门"),
  wan("budget", "预算数"),
  wan("final", "决算数"),
  wan("abroad", "因公出国（境）费"),
  wan("vehiclePurchase", "公车购置"),
  wan("vehicleOperation", "公车运行维护"),
  wan("reception", "公务接待"),
];

/** Each department's 三公 against its budget and its previous year. */
export const departmentColumns = [
  text("department", "部门"),
  text("synthetic", "合成示例", { csvOnly: true }),
  wan("final", "决算数"),
  pct("changePct", "增减率", { title: "（本年决算 − 上年决算）÷ 上年决算 × 100" }),
  pct("rate", "决算÷预算"),
  wan("budget", "预算数"),
  wan("priorFinal", "上年决算"),
  wan("change", "增减", { title: "本年决算 − 上年决算" }),
  wan("abroad", "因公出国（境）费"),
  wan("vehiclePurchase", "公车购置费"),
  wan("vehicleOperation", "公车运行维护费"),
  wan("reception", "公务接待费"),
];

/** Unit costs from the 情况说明's counts of trips, vehicles and guests. */
export const unitCostColumns = [
  text("department", "部门"),
  count("receptionBatches", "接待批次"),
  count("receptionPersons", "接待人次"),
  yuan("receptionPerPersonYuan", "接待人均（元）", { title: "公务接待费决算 × 10000 ÷ 接待人次" }),
  count("vehiclesKept", "保有车辆"),
  count("vehiclesPurchased", "购置车辆"),
  wan("operationPerVehicle", "每车运行维护", { title: "公务用车运行维护费 ÷ 公务用车保有量（万元/辆）" }),
  count("abroadGroups", "出国团组"),
  count("abroadPersons", "出国人次"),
  wan("abroadPerPerson", "出国人均", { title: "因公出国（境）费 ÷ 出国人次（万元/人）" }),
];
