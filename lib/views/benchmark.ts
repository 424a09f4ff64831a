import { count, decimal, pct, text, wan } from "./columns";

/**
 * A ranking of one metric. The metric's unit varies (%, 万元, 万元/人, 分), so its figures are declared as decimals and
 * printed by the page in the metric's unit.
 */
export const rankingColumns = [
  text("department", "部门"),
  text("synthetic", "合成示例", { csvOnly: true }),
  text("metric", "指标", { csvOnly: true }),
  text("peerGroup", "同类组", { csvOnly: true }),
  count("rank", "名次", { csvOnly: true }),
  decimal("current", "本年值"),
  decimal("previous", "对比年值"),
  decimal("value", "排名所用值"),
  decimal("distance", "距 100% 的偏离（百分点，仅执行率）"),
  pct("percentile", "百分位", { title: "参与排名的部门中数值不高于（执行率：离 100% 不比它更近）该部门的比例" }),
  decimal("fromMedian", "与同类中位数之差"),
  text("size", "规模", { pageOnly: true }),
  wan("expenditureTotal", "本年支出合计"),
];
