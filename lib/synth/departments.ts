/**
 * The departments of the synthetic city: what each one spends on (real 支出功能分类 项 codes),
 * how big it is, and how it is funded. Sizes span 100 to 100,000 万元 like a real prefecture-level city.
 */
type LeafKind = "basic" | "project" | "mixed";
export type Leaf = { code: string; kind: LeafKind; weight: number; fund?: "govFund" | "soe"; years?: number[] };

export type DepartmentProfile = {
  /** the name after the city, or a template with {city} */
  name: string;
  /** short subject used in project names and duties */
  short: string;
  /** typical total expenditure in 万元 */
  size: number;
  /** 行政单位 (true) pays 2101101 行政单位医疗; 事业单位 pay 2101102 */
  admin: boolean;
  /** has subordinate 事业单位 (adds 2101102, 2080502, 绩效工资) */
  institutions: boolean;
  /** share of spending paid from non-fiscal income (事业收入 / 其他收入) */
  nonFiscal: number;
  nonFiscalKind?: "business" | "other";
  /** how likely a year has overseas trips (before 2020 and after 2022) */
  abroad: number;
  /** extra official vehicles for enforcement-type departments */
  vehicles: number;
  leaves: Leaf[];
  projects?: string[];
};

const b = (code: string, weight: number): Leaf => ({ code, kind: "basic", weight });
const p = (code: string, weight: number, years?: number[]): Leaf => ({ code, kind: "project", weight, years });
const m = (code: string, weight: number): Leaf => ({ code, kind: "mixed", weight });

const DEPARTMENTS: DepartmentProfile[] = [
  { name: "教育局", short: "教育", size: 80000, admin: true, institutions: true, nonFiscal: 0.08, abroad: 0.3, vehicles: 2,
    leaves: [b("2050101", 10), p("2050102", 4), m("2050201", 8), m("2050202", 20), m("2050203", 18), m("2050204", 15), m("2050302", 8), p("2050801", 2)],
    projects: ["学前教育发展专项资金", "义务教育薄弱环节改善与能力提升经费", "学生资助补助经费", "普通高中教育发展经费", "中等职业教育质量提升经费", "教师队伍建设培训经费", "校园安全设施改造经费"] },
  { name: "卫生健康委员会", short: "卫生健康", size: 50000, admin: true, institutions: true, nonFiscal: 0.25, abroad: 0.3, vehicles: 3,
    leaves: [b("2100101", 6), p("2100102", 4), m("2100201", 25), m("2100202", 10), m("2100401", 8), p("2100408", 10), p("2100409", 6), p("2100410", 5, [2020, 2021, 2022])],
    projects: ["基本公共卫生服务项目补助资金", "重大公共卫生服务专项经费", "公立医院综合改革补助经费", "卫生应急物资储备经费", "家庭医生签约服务补助经费", "妇幼健康服务专项经费"] },
  { name: "公安局", short: "公安", size: 60000, admin: true, institutions: false, nonFiscal: 0, abroad: 0.1, vehicles: 25,
    leaves: [b("2040201", 40), p("2040202", 5), p("2040219", 8), p("2040220", 6), p("2040221", 4), p("2040299", 3)],
    projects: ["公安信息化建设运维经费", "执法办案专项经费", "交通管理设施维护经费", "社会治安防控体系建设经费", "警用装备购置经费", "监所运行保障经费"] },
  { name: "交通运输局", short: "交通运输", size: 30000, admin: true, institutions: true, nonFiscal: 0.03, abroad: 0.1, vehicles: 6,
    leaves: [b("2140101", 6), p("2140102", 3), p("2140104", 20), p("2140106", 15), m("2140112", 5), p("2140199", 4)],
    projects: ["农村公路养护补助资金", "国省道大中修工程经费", "城市公交运营补贴资金", "交通运输综合执法专项经费", "公路建设项目前期经费"] },
  { name: "农业农村局", short: "农业农村", size: 15000, admin: true, institutions: true, nonFiscal: 0.02, abroad: 0.1, vehicles: 5,
    leaves: [b("2130101", 6), p("2130102", 3), m("2130104", 6), p("2130106", 4), p("2130108", 3), p("2130122", 12)],
    projects: ["农业生产发展资金", "高标准农田建设经费", "动植物疫病防控经费", "农业技术推广服务经费", "农产品质量安全监管经费"] },
  { name: "住房和城乡建设局", short: "住房城乡建设", size: 20000, admin: true, institutions: true, nonFiscal: 0.02, abroad: 0.1, vehicles: 4,
    leaves: [b("2120101", 6), p("2120102", 3), p("2120399", 12), m("2120601", 4), p("2210105", 4), p("2210108", 10), { code: "2120803", kind: "project", weight: 15, fund: "govFund" }],
    projects: ["老旧小区改造专项资金", "城市基础设施维护经费", "建筑市场监管经费", "农村危房改造补助资金", "城市建设重点项目经费"] },
  { name: "民政局", short: "民政", size: 12000, admin: true, institutions: true, nonFiscal: 0.02, abroad: 0.05, vehicles: 3,
    leaves: [b("2080201", 5), p("2080202", 3), p("2080208", 6), p("2081002", 8), p("2081006", 10), p("2081901", 15)],
    projects: ["城乡最低生活保障资金", "养老服务体系建设资金", "社区治理能力提升经费", "困难群众临时救助资金", "殡葬管理服务经费"] },
  { name: "财政局", short: "财政", size: 3000, admin: true, institutions: true, nonFiscal: 0, abroad: 0.1, vehicles: 2,
    leaves: [b("2010601", 10), p("2010602", 4), m("2010650", 4), p("2010699", 3)],
    projects: ["财政信息化建设运维经费", "预算绩效评价经费", "政府采购监督管理经费", "国有资产管理专项经费"] },
  { name: "统计局", short: "统计", size: 400, admin: true, institutions: true, nonFiscal: 0, abroad: 0, vehicles: 0,
    leaves: [b("2010501", 10), p("2010502", 2), p("2010505", 3), p("2010507", 4, [2016, 2020, 2023]), m("2010550", 3)],
    projects: ["统计调查专项经费", "全国人口普查工作经费", "全国经济普查工作经费", "统计信息化建设经费"] },
  { name: "文化和旅游局", short: "文化旅游", size: 6000, admin: true, institutions: true, nonFiscal: 0.05, abroad: 0.2, vehicles: 2,
    leaves: [b("2070101", 6), p("2070102", 2), m("2070104", 4), p("2070108", 4), m("2070109", 3), p("2070113", 3), p("2070204", 3), m("2070205", 4)],
    projects: ["公共文化服务体系建设经费", "文物保护专项资金", "旅游宣传推介经费", "群众文化活动经费", "博物馆免费开放补助经费"] },
  { name: "生态环境局", short: "生态环境", size: 5000, admin: true, institutions: true, nonFiscal: 0, abroad: 0.05, vehicles: 6,
    leaves: [b("2110101", 8), p("2110102", 2), p("2110104", 1), p("2110301", 6), p("2110302", 6), m("2111101", 5), p("2111102", 3)],
    projects: ["大气污染防治专项资金", "水污染防治专项资金", "生态环境监测运维经费", "生态环境执法专项经费"] },
  { name: "市场监督管理局", short: "市场监管", size: 8000, admin: true, institutions: true, nonFiscal: 0.02, abroad: 0.05, vehicles: 8,
    leaves: [b("2013801", 15), p("2013802", 3), p("2013804", 2), p("2013805", 3), p("2013810", 2), p("2013812", 2), p("2013816", 3), m("2013850", 5)],
    projects: ["食品安全抽检监测经费", "药品安全监管专项经费", "计量检定与标准化经费", "市场秩序执法专项经费", "12315投诉举报平台运维经费"] },
  { name: "人力资源和社会保障局", short: "人力资源社会保障", size: 6000, admin: true, institutions: true, nonFiscal: 0.02, abroad: 0.05, vehicles: 2,
    leaves: [b("2080101", 6), p("2080102", 3), m("2080109", 6), m("2080111", 4), p("2080705", 5)],
    projects: ["就业创业补贴资金", "职业技能培训补贴经费", "人才引进专项经费", "劳动保障监察经费", "社会保险信息系统运维经费"] },
  { name: "应急管理局", short: "应急管理", size: 3000, admin: true, institutions: true, nonFiscal: 0, abroad: 0.05, vehicles: 4,
    leaves: [b("2240101", 6), p("2240102", 2), p("2240106", 3), p("2240108", 3), p("2240109", 2)],
    projects: ["安全生产监管执法经费", "应急救援物资储备经费", "应急指挥平台运维经费", "防灾减灾宣传经费"] },
  { name: "自然资源和规划局", short: "自然资源规划", size: 10000, admin: true, institutions: true, nonFiscal: 0.02, abroad: 0.05, vehicles: 5,
    leaves: [b("2200101", 8), p("2200102", 2), p("2200104", 4), p("2200106", 3), p("2200109", 3), m("2200150", 5), { code: "2120802", kind: "project", weight: 10, fund: "govFund" }],
    projects: ["国土空间规划编制经费", "不动产登记信息化经费", "自然资源调查监测经费", "耕地保护专项经费", "土地开发整理经费"] },
  { name: "水利局", short: "水利", size: 8000, admin: true, institutions: true, nonFiscal: 0.01, abroad: 0.05, vehicles: 4,
    leaves: [b("2130301", 5), p("2130302", 2), p("2130304", 3), p("2130305", 12), p("2130306", 6), p("2130310", 2), p("2130314", 3)],
    projects: ["水利工程建设专项资金", "河湖长制工作经费", "防汛抗旱专项经费", "水利工程运行维护经费", "水土保持监测经费"] },
  { name: "司法局", short: "司法行政", size: 2500, admin: true, institutions: true, nonFiscal: 0, abroad: 0, vehicles: 3,
    leaves: [b("2040601", 10), p("2040602", 2), p("2040604", 2), p("2040605", 1), p("2040607", 3), p("2040610", 2)],
    projects: ["法律援助专项经费", "普法宣传经费", "社区矫正工作经费", "人民调解工作经费"] },
  { name: "审计局", short: "审计", size: 1200, admin: true, institutions: true, nonFiscal: 0, abroad: 0, vehicles: 1,
    leaves: [b("2010801", 10), p("2010802", 2), p("2010804", 3), m("2010850", 3)],
    projects: ["审计业务专项经费", "政府购买审计服务经费", "审计信息化建设经费"] },
  { name: "科学技术局", short: "科技", size: 5000, admin: true, institutions: true, nonFiscal: 0, abroad: 0.2, vehicles: 1,
    leaves: [b("2060101", 4), p("2060102", 2), p("2060499", 12), p("2060702", 2), p("2069999", 4)],
    projects: ["科技创新发展专项资金", "高新技术企业培育奖励资金", "科技成果转化补助经费", "科学技术普及经费"] },
  { name: "商务局", short: "商务", size: 3000, admin: true, institutions: true, nonFiscal: 0, abroad: 0.5, vehicles: 1,
    leaves: [b("2011301", 6), p("2011302", 2), p("2011308", 4), p("2160299", 3), p("2160699", 3), { code: "2230199", kind: "project", weight: 2, fund: "soe" }],
    projects: ["招商引资专项经费", "外贸发展扶持资金", "商贸流通体系建设经费", "会展活动经费"] },
  { name: "发展和改革委员会", short: "发展改革", size: 3000, admin: true, institutions: true, nonFiscal: 0, abroad: 0.1, vehicles: 1,
    leaves: [b("2010401", 8), p("2010402", 3), p("2010408", 2), m("2010450", 3)],
    projects: ["重大项目前期工作经费", "价格监测专项经费", "社会信用体系建设经费", "规划编制研究经费"] },
  { name: "退役军人事务局", short: "退役军人", size: 4000, admin: true, institutions: true, nonFiscal: 0, abroad: 0, vehicles: 1,
    leaves: [b("2082801", 4), m("2082850", 3), p("2080802", 6), p("2080805", 8)],
    projects: ["义务兵家庭优待金", "伤残抚恤资金", "退役军人服务保障经费", "烈士纪念设施维护经费"] },
  { name: "城市管理局", short: "城市管理", size: 15000, admin: true, institutions: true, nonFiscal: 0.01, abroad: 0, vehicles: 10,
    leaves: [b("2120101", 6), p("2120102", 2), p("2120104", 5), p("2120501", 15), p("2120399", 6)],
    projects: ["城市环境卫生保洁经费", "城管执法专项经费", "市政设施维护经费", "园林绿化养护经费", "生活垃圾分类处理经费"] },
  { name: "档案馆", short: "档案", size: 150, admin: true, institutions: false, nonFiscal: 0, abroad: 0, vehicles: 0,
    leaves: [b("2012601", 6), m("2012604", 5)],
    projects: ["档案数字化加工经费", "档案安全保管经费", "档案编研经费"] },
  { name: "体育局", short: "体育", size: 2000, admin: true, institutions: true, nonFiscal: 0.05, abroad: 0.1, vehicles: 1,
    leaves: [b("2070301", 4), m("2070307", 4), p("2070308", 4)],
    projects: ["全民健身活动经费", "体育场馆免费低收费开放补助", "竞技体育训练经费"] },
  { name: "人民政府办公室", short: "政府办公", size: 5000, admin: true, institutions: false, nonFiscal: 0, abroad: 0.2, vehicles: 8,
    leaves: [b("2010301", 10), p("2010302", 8), m("2010350", 3), p("2010399", 1)],
    projects: ["政务服务热线运营经费", "会议及接待经费", "决策咨询研究经费", "政务公开专项经费", "驻外机构工作保障经费"] },
  { name: "工业和信息化局", short: "工业和信息化", size: 4000, admin: true, institutions: true, nonFiscal: 0, abroad: 0.2, vehicles: 1,
    leaves: [b("2150501", 6), p("2150502", 2), p("2150599", 6), p("2150805", 6), p("2150899", 2)],
    projects: ["中小企业发展专项资金", "工业转型升级扶持资金", "信息产业发展经费", "节能监察专项经费"] },
  { name: "大数据局", short: "大数据", size: 9000, admin: true, institutions: true, nonFiscal: 0, abroad: 0, vehicles: 1,
    leaves: [b("2150501", 3), p("2150502", 1), p("2150599", 30)],
    projects: ["数字政府基础设施运行维护经费", "政务数据汇聚共享服务经费", "城市大脑运营经费", "网络安全等级保护测评经费", "政务服务平台优化升级经费"] },
  { name: "医疗保障局", short: "医疗保障", size: 2000, admin: true, institutions: true, nonFiscal: 0, abroad: 0, vehicles: 1,
    leaves: [b("2101501", 6), p("2101502", 3), p("2101599", 2)],
    projects: ["医保基金监管专项经费", "医保信息化建设经费", "医疗保障经办服务经费"] },
  { name: "机关事务服务中心", short: "机关事务", size: 3000, admin: true, institutions: false, nonFiscal: 0.02, abroad: 0, vehicles: 12,
    leaves: [b("2010301", 6), p("2010302", 4), m("2010350", 6)],
    projects: ["办公用房维修改造经费", "公务用车服务保障经费", "机关食堂运行经费", "节约型机关建设经费"] },
  { name: "粮食和物资储备局", short: "粮食物资储备", size: 2500, admin: true, institutions: true, nonFiscal: 0, abroad: 0, vehicles: 1,
    leaves: [b("2220101", 4), p("2220102", 2), p("2220199", 8)],
    projects: ["地方储备粮轮换补贴资金", "应急物资储备经费", "粮食质量检测经费"] },
  { name: "残疾人联合会", short: "残疾人事业", size: 1500, admin: true, institutions: true, nonFiscal: 0, abroad: 0, vehicles: 1,
    leaves: [b("2081101", 4), p("2081104", 4), p("2081105", 2), p("2081107", 6)],
    projects: ["残疾人康复救助资金", "残疾人就业扶持资金", "困难残疾人生活补贴资金"] },
  { name: "妇女联合会", short: "妇女儿童", size: 300, admin: true, institutions: false, nonFiscal: 0, abroad: 0, vehicles: 0,
    leaves: [b("2012901", 6), p("2012902", 2)],
    projects: ["妇女儿童维权服务经费", "家庭教育指导经费", "巾帼建功活动经费"] },
  { name: "总工会", short: "工会", size: 800, admin: true, institutions: true, nonFiscal: 0.2, nonFiscalKind: "other", abroad: 0, vehicles: 1,
    leaves: [b("2012901", 6), p("2012902", 3), m("2012950", 3)],
    projects: ["困难职工帮扶资金", "职工技能竞赛经费", "职工服务阵地运行经费"] },
  { name: "红十字会", short: "红十字", size: 120, admin: true, institutions: false, nonFiscal: 0, abroad: 0, vehicles: 0,
    leaves: [b("2081601", 6), p("2081602", 2)],
    projects: ["应急救护培训经费", "人道救助专项经费", "遗体和人体器官捐献工作经费"] },
  { name: "科学技术协会", short: "科协", size: 200, admin: true, institutions: false, nonFiscal: 0, abroad: 0, vehicles: 0,
    leaves: [b("2060701", 5), p("2060702", 3)],
    projects: ["科普活动经费", "学会服务能力提升经费", "青少年科技创新大赛经费"] },
  { name: "中共{city}委党校", short: "干部教育培训", size: 2500, admin: false, institutions: false, nonFiscal: 0.05, abroad: 0, vehicles: 2,
    leaves: [m("2050802", 10)],
    projects: ["主体班次培训经费", "党校教学科研经费", "图书资料购置经费"] },
  { name: "图书馆", short: "图书馆", size: 800, admin: false, institutions: false, nonFiscal: 0.03, abroad: 0, vehicles: 0,
    leaves: [m("2070104", 8)],
    projects: ["图书文献购置经费", "数字图书馆建设经费", "全民阅读推广经费"] },
  { name: "疾病预防控制中心", short: "疾病预防控制", size: 3000, admin: false, institutions: false, nonFiscal: 0.1, abroad: 0, vehicles: 4,
    leaves: [m("2100401", 10), p("2100409", 4), p("2100410", 6, [2020, 2021, 2022])],
    projects: ["免疫规划专项经费", "重大传染病防控经费", "实验室检测能力建设经费", "突发公共卫生事件应急处置经费"] },
  { name: "第一中学", short: "高中教育", size: 6000, admin: false, institutions: false, nonFiscal: 0.1, abroad: 0.1, vehicles: 0,
    leaves: [m("2050204", 10)],
    projects: ["高中教育发展经费", "教学设备购置经费", "校舍维修改造经费", "学生资助经费"] },
  { name: "人民医院", short: "医疗服务", size: 90000, admin: false, institutions: false, nonFiscal: 0.85, abroad: 0.2, vehicles: 6,
    leaves: [m("2100201", 10)],
    projects: ["公立医院改革补助经费", "重点专科建设经费", "医疗设备购置经费", "人才培养专项经费"] },
];

/**
 * Every generated organisation ends in （示例）. A real city has the same 局 as the demo city (烟台市大数据局 beside
 * 示例市大数据局), so the city alone does not tell them apart at a glance, and a real document never names itself
 * （示例）. The mark stays in the organisation key (lib/org/names.ts strips only own-unit marks), so a demo
 * department can never be matched to a real one either.
 */
export function demoName(name: string): string {
  return `${name}（示例）`;
}

/** City-level first, then the same departments in districts when more than the catalogue is asked for. */
const DISTRICTS = ["东城区", "西城区", "南湖区", "北山区", "高新区", "滨海新区", "临江区", "开发区"];

export function departmentName(city: string, index: number): { profile: DepartmentProfile; name: string; place: string; sizeScale: string } {
  const profile = DEPARTMENTS[index % DEPARTMENTS.length];
  const round = Math.floor(index / DEPARTMENTS.length);
  const district = round === 0 ? "" : (DISTRICTS[round - 1] ?? `第${round}区`);
  const place = city + district;
  const name = demoName(profile.name.includes("{city}") ? profile.name.replace("{city}", place) : place + profile.name);
  // District departments are smaller than the city's own.
  return { profile, name, place, sizeScale: round === 0 ? "1" : "0.3" };
}
