import { count, pct, text, wan } from "./columns";

/** Each department's 政府采购 and the share awarded to SMEs, lowest share first. */
export const departmentColumns = [
  text("department", "部门"),
  text("synthetic", "合成示例", { csvOnly: true }),
  text("year", "年度", { csvOnly: true }),
  pct("smeShare", "中小企业份额", { title: "授予中小企业合同金额 ÷ 政府采购支出总额 × 100，以文件所述为准" }),
  text("smeShareStated", "份额为文件所述", { csvOnly: true }),
  wan("total", "采购总额"),
  wan("goods", "货物"),
  wan("works", "工程"),
  wan("services", "服务"),
  wan("sme", "授予中小企业"),
  wan("smallMicro", "其中小微企业"),
  pct("smallMicroShare", "小微企业份额"),
  pct("priorSmeShare", "上年份额", { title: "上一年同一部门的中小企业份额" }),
  pct("change", "变化（百分点）", { title: "本年份额 − 上年份额" }),
  text("below", "低于参考线", { csvOnly: true }),
];

/** 政府采购 by year: the same departments every year (the trend panel), or one department. */
export const yearColumns = [
  text("year", "年度"),
  count("departments", "披露部门"),
  wan("total", "采购总额"),
  wan("goods", "货物"),
  wan("works", "工程"),
  wan("services", "服务"),
  wan("sme", "授予中小企业"),
  wan("smallMicro", "授予小微企业", { csvOnly: true }),
  pct("smeShare", "中小企业份额", { title: "Σ授予中小企业 ÷ Σ采购总额（只计两项都披露的部门）" }),
  pct("smallMicroShare", "小微企业份额"),
  pct("medianSmeShare", "部门份额中位数"),
  count("below", "低于参考线"),
];
