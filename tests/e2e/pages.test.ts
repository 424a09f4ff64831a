import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, startApp, type RunningApp } from "./server";

// Browser tests need Debian's chromium (.ci/run installs it). Without it they are reported as skipped, not passed.
const run = hasChromium ? describe : describe.skip;

run("dashboard in a real browser", () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const PAGES: [string, RegExp][] = [
    ["/", /总览/],
    ["/departments", /部门/],
    ["/structure", /支出结构/],
    ["/execution", /预算执行/],
    ["/procurement", /政府采购/],
    ["/sangong", /三公/],
    ["/performance", /绩效/],
    ["/benchmark", /对标/],
    ["/quality", /数据质量/],
  ];

  test.each(PAGES)("%s renders without a server error", async (path, heading) => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const res = await page.goto(app.url + path, { waitUntil: "networkidle" });
    expect(res?.status()).toBe(200);
    await expect(page.locator("h1").first().innerText()).resolves.toMatch(heading);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("real documents first: the default overview shows no demo department; opting in survives the navigation", async () => {
    const page = await browser.newPage();
    await page.goto(app.url + "/", { waitUntil: "networkidle" });
    const real = await page.locator("main").innerText();
    // the newest year of the real documents (上海市普陀区财政局 2024), not the demo city's
    expect(real).toContain("上海市普陀区财政局");
    expect(real).not.toContain("（示例）");
    expect(await page.locator("main").getByText("合成示例", { exact: true }).count()).toBe(0);
    expect(real).toContain("仅真实公开文件");
    // the navigation to another page keeps real documents only
    await page.locator("nav").getByRole("link", { name: "部门", exact: true }).click();
    await page.waitForURL(/\/departments$/);
    const list = await page.locator("main").innerText();
    expect(list).toContain("烟台市大数据局");
    expect(list).not.toContain("（示例）");

    await page.getByRole("link", { name: "加入合成示例城市" }).click();
    await page.waitForURL(/synthetic=1/);
    expect(await page.locator("main").innerText()).toContain("示例市大数据局（示例）");
    // plain nav links (no param): the cookie the toggle wrote keeps the demo city in, page after page
    await page.locator("nav").getByRole("link", { name: "总览", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/" && !u.search.includes("synthetic"));
    await expect(page.getByRole("link", { name: "只看真实公开文件" }).count()).resolves.toBe(1);
    // the year picker offers the demo city's years
    expect(await page.locator("main").innerText()).toContain("2019");
    await page.locator("nav").getByRole("link", { name: "部门", exact: true }).click();
    await page.waitForURL(/\/departments$/);
    const both = await page.locator("main").innerText();
    expect(both).toContain("示例市大数据局（示例）");
    expect(both).toContain("烟台市大数据局");
    // and switching back is kept as well
    // (the same URL: wait for the reload itself)
    await Promise.all([page.waitForEvent("load"), page.getByRole("link", { name: "只看真实公开文件" }).click()]);
    expect(await page.locator("main").innerText()).toContain("仅真实公开文件");
    await page.locator("nav").getByRole("link", { name: "总览", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/");
    await page.locator("nav").getByRole("link", { name: "部门", exact: true }).click();
    await page.waitForURL(/\/departments$/);
    const after = await page.locator("main").innerText();
    expect(after).toContain("烟台市大数据局");
    expect(after).not.toContain("（示例）");
    await page.close();
  });

  test("findings in plain Chinese: /quality and a review pack show no rule id as text, only in tooltips", async () => {
    const page = await browser.newPage();
    const ruleId = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/;
    await page.goto(app.url + "/quality?synthetic=1", { waitUntil: "networkidle" });
    const text = await page.locator("main").innerText();
    expect(text).toContain("按规则统计");
    expect(text).not.toMatch(ruleId);
    // the ids are still there for whoever looks: in the tooltips of the rule names
    const titles = await page
      .locator("main [title]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("title") ?? ""));
    expect(titles.filter((t) => ruleId.test(t)).length).toBeGreaterThan(3);
    // filtering by a rule names it in the heading, not by its id
    await page.locator("#findings").scrollIntoViewIfNeeded();
    await page.locator("main table").first().locator("tbody tr td:nth-child(1) a").first().click(); // the rule name leads its row
    await page.waitForURL(/rule=/);
    expect(await page.locator("main").innerText()).not.toMatch(ruleId);

    // the review pack of the real document whose narrative misstates a 自评 score says which figure is wrong
    await page.goto(app.url + "/departments?synthetic=0", { waitUntil: "load" });
    await page.getByRole("link", { name: "烟台市人民政府办公室" }).first().click();
    await page.waitForURL(/\/departments\/\d+/);
    const pack = await page.locator("main").innerText();
    expect(pack).not.toMatch(ruleId);
    expect(pack).toContain("自评表各指标得分与预算执行率得分相加正是 98.63，因此可能是情况说明有误");
    await page.close();
  });

  test("the overview lists the real seed departments and links to their review pack", async () => {
    const page = await browser.newPage();
    await page.goto(app.url + "/?year=2023&synthetic=0", { waitUntil: "networkidle" });
    const body = await page.locator("main").innerText();
    expect(body).toContain("烟台市大数据局");
    expect(body).toContain("烟台市人民政府办公室");
    expect(body).toContain("8,979.11");
    await page.getByRole("link", { name: "烟台市大数据局" }).first().click();
    await page.waitForURL(/\/departments\/\d+/);
    const pack = await page.locator("main").innerText();
    expect(pack).toContain("审核发现");
    // the department's own stated reason sits beside the execution figures
    expect(pack).toContain("新增信息化项目支出增加");
    // the nine tables are a page of their own, linked from the pack
    await page.getByRole("link", { name: "九张表", exact: true }).click();
    await page.waitForURL(/\/departments\/\d+\/tables/);
    expect(await page.locator("main").innerText()).toContain("公开01表 收入支出决算总表");
    await page.close();
  });

  test("the structure page drills down 类 → 款 → 项 on the real documents", async () => {
    const page = await browser.newPage();
    await page.goto(app.url + "/structure?year=2023&synthetic=0", { waitUntil: "load" });
    await page.getByRole("link", { name: "一般公共服务支出" }).first().click();
    await page.waitForURL(/code=201/);
    expect(await page.locator("main").innerText()).toContain("政府办公厅（室）及相关机构事务");
    await page.getByRole("link", { name: "政府办公厅（室）及相关机构事务" }).first().click();
    await page.waitForURL(/code=20103/);
    const text = await page.locator("main").innerText();
    expect(text).toContain("行政运行");
    expect(text).toContain("3,459.35");
    await page.close();
  });

  test("a filter lives in the URL: the quality page filtered by severity shows only that severity", async () => {
    const page = await browser.newPage();
    await page.goto(app.url + "/quality?synthetic=0", { waitUntil: "networkidle" });
    await page.getByRole("link", { name: "错误", exact: true }).first().click();
    await page.waitForURL(/severity=error/);
    const badges = await page.locator("table").nth(1).locator("tbody tr td:nth-child(2)").allInnerTexts();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(["错误"]));
    await page.close();
  });

  test("a CSV download has a BOM, Chinese headers and the seed figures", async () => {
    const page = await browser.newPage();
    await page.goto(app.url + "/?year=2023&synthetic=0", { waitUntil: "networkidle" });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('a[href^="/export/overview"]').first().click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    const [header, ...lines] = text.trim().split("\r\n");
    expect(header.split(",")[0]).toBe("部门");
    expect(header).toContain("本年支出合计（万元）");
    const bigData = lines.find((l) => l.startsWith("烟台市大数据局"));
    expect(bigData).toBeDefined();
    expect(bigData).toContain("8979.11");
    await page.close();
  });

  test.each([
    ["/departments/abc", 404],
    ["/departments/99999999", 404],
    ["/departments/1%27%20OR%201=1--", 404],
    ["/?year=%3Cscript%3Ealert(1)%3C/script%3E", 200],
    ["/quality?rule=%27;DROP%20TABLE%20reports;--&severity=%3Cb%3E", 200],
    ["/execution?low=-5&high=1e309&year=99999", 200],
    ["/benchmark?metric=%3Cimg%20src=x%20onerror=alert(1)%3E", 200],
    ["/api/no-such-dataset", 404],
    [`/?year=${"9".repeat(5000)}`, 200],
  ])("hostile URL %s gets %i, never a 500 or reflected markup", async (url, status) => {
    const res = await fetch(app.url + url);
    expect(res.status).toBe(status);
    const body = await res.text();
    expect(body).not.toContain("<script>alert(1)");
    expect(body).not.toContain("<img src=x onerror");
    expect(body).not.toContain("<b>");
  });

  test("reading coverage: /quality ranks the documents not read whole; the two seeds are read whole", async () => {
    const page = await browser.newPage();
    await page.goto(app.url + "/quality?year=2023&synthetic=0", { waitUntil: "networkidle" });
    const section = await page.locator("#coverage").innerText();
    expect(section).toContain("读取覆盖（未完整读取的报告，由低到高）");
    expect(section).not.toContain("烟台市大数据局");
    expect(section).not.toContain("烟台市人民政府办公室");
    const api = (await (await fetch(app.url + "/api/coverage?year=2023&synthetic=0")).json()) as {
      rows: { department: string }[];
    };
    expect(api.rows.map((r) => r.department)).not.toContain("烟台市大数据局");
    const csv = await fetch(app.url + "/export/unread-notes?year=2023&synthetic=0");
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain("部门,年度,合成示例,读取覆盖（%）,部分,位置,PDF 页码,原文行号");
    // the review pack shows the figure beside 完整度
    await page.goto(app.url + "/departments?synthetic=0", { waitUntil: "load" });
    await page.getByRole("link", { name: "烟台市大数据局" }).first().click();
    await page.waitForURL(/\/departments\/\d+/);
    const card = await page.locator("section", { has: page.locator("h2", { hasText: "读取覆盖" }) }).innerText();
    expect(card).toContain("全部读出");
    expect(card).toContain("读出 9/9 张");
    expect(await page.locator("#unread").count()).toBe(0);
    await page.close();
  });

  test.each(["/quality?read=abc", "/quality?read=-1&rank=0", "/quality?read=99999999"])(
    "a bad coverage page %s still renders",
    async (url) => {
      const res = await fetch(app.url + url);
      expect(res.status).toBe(200);
    },
  );

  test("security headers are sent", async () => {
    const res = await fetch(app.url + "/");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });
});

// The demo city (40 departments × 5 years beside the two seeds) publishes a few hundred 绩效 projects a year.
run("绩效 page weight on the demo city", () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** The project table of a page: the number in its heading, and per row the flag colour and the 指标 count. */
  async function projectTable(path: string) {
    const page = await browser.newPage();
    const res = await page.goto(app.url + path, { waitUntil: "load" });
    expect(res?.status()).toBe(200);
    const heading = await page.locator("h2", { hasText: "项目明细" }).innerText();
    const total = Number(/（(\d+)）/.exec(heading)?.[1]);
    const rows = page.locator("#projects tbody tr");
    const flagged = await rows.evaluateAll((trs) => trs.map((tr) => tr.className.includes("bg-rose-50")));
    const counts = (await rows.locator("td:last-child").allInnerTexts()).map(Number);
    return { page, total, flagged, counts };
  }

  test("the city-wide list is one page of 100 rows, flagged projects first, and stays well below 400 KB", async () => {
    const html = await (await fetch(app.url + "/performance?synthetic=1&year=2023")).text();
    expect(Buffer.byteLength(html)).toBeLessThan(400_000);
    const { page, total, flagged } = await projectTable("/performance?synthetic=1&year=2023");
    expect(total).toBeGreaterThan(200);
    expect(flagged).toHaveLength(100);
    // once a row is not flagged, no flagged row follows
    expect(flagged.indexOf(false)).toBeGreaterThan(0);
    expect(flagged.slice(flagged.indexOf(false))).not.toContain(true);
    await page.close();
  });

  test("every page together lists every project, and their indicator counts add up to the indicator dataset", async () => {
    const first = await projectTable("/performance?synthetic=1&year=2023&maxRate=80");
    const pages = Math.ceil(first.total / 100);
    let rows = first.counts.length;
    let indicators = first.counts.reduce((a, b) => a + b, 0);
    // the pager keeps the other filters
    expect(
      await first.page.locator('nav[aria-label="分页"] a', { hasText: "下一页" }).first().getAttribute("href"),
    ).toMatch(/maxRate=80.*page=2|page=2.*maxRate=80/);
    await first.page.close();
    for (let n = 2; n <= pages; n++) {
      const t = await projectTable(`/performance?synthetic=1&year=2023&maxRate=80&page=${n}`);
      rows += t.counts.length;
      indicators += t.counts.reduce((a, b) => a + b, 0);
      await t.page.close();
    }
    expect(rows).toBe(first.total);
    const data = (await (
      await fetch(app.url + "/api/performance-indicators?synthetic=1&year=2023&maxRate=80")
    ).json()) as { rows: unknown[] };
    expect(data.rows).toHaveLength(indicators);
  });

  test("a project name opens that project with all its indicators, and the way back keeps the filters", async () => {
    const { page, counts } = await projectTable("/performance?synthetic=1&year=2023&maxRate=80&page=2");
    const link = page.locator("#projects tbody tr").first().locator("td:nth-child(1) a").first(); // the project; a real one has its 原文 link after it
    const name = await link.innerText();
    await link.click();
    await page.waitForURL(/project=\d+/);
    expect(page.url()).toMatch(/maxRate=80/);
    await expect(page.locator("main h2").first().innerText()).resolves.toBe(name);
    await expect(page.locator("main h2", { hasText: "指标" }).innerText()).resolves.toBe(`指标（${counts[0]}）`);
    expect(await page.locator("main table tbody tr").count()).toBe(counts[0]);
    await page.getByRole("link", { name: "← 回到项目列表" }).click();
    await page.waitForURL((u) => !u.searchParams.has("project"));
    expect(page.url()).toMatch(/maxRate=80/);
    expect(page.url()).toMatch(/page=2/);
    await page.close();
  });

  test("a project outside the chosen year or data set is not shown", async () => {
    const res = await fetch(app.url + "/performance?synthetic=1&year=2023&project=999999999");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("没有这个项目");
  });
});
