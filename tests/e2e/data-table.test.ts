import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, startApp, type RunningApp } from "./server";

const run = hasChromium ? describe : describe.skip;

/** Sections stream in: wait until every skeleton has given way and no streamed section is still parked hidden. */
async function streamed(page: Page) {
  await page.waitForFunction(
    () => !document.querySelector('[aria-busy="true"]') && !document.querySelector("div[hidden] section"),
  );
}

/** The shared table: one declaration gives the page's columns, its sorting and the download's header. */
run("a table declared once", () => {
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

  test("a header sorts the subjects by amount, both ways, and the download names the same columns with units", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(app.url + "/structure?year=2023&synthetic=0", { waitUntil: "networkidle" });
    await streamed(page);
    const table = page.locator("section", { hasText: "支出功能分类构成" }).locator("table").first();
    const heads = await table.locator("thead th").allInnerTexts();
    expect(heads.map((h) => h.replace(/[▲▼↕]/g, "").trim())).toEqual([
      "科目",
      "占比",
      "本年支出合计",
      "基本支出",
      "项目支出",
      "报告数",
    ]);

    const amounts = async () =>
      (await table.locator("tbody tr td:nth-child(3)").allInnerTexts()).map((t) =>
        t === "—" ? NaN : Number(t.replace(/,/g, "")),
      );
    await table.getByRole("button", { name: /本年支出合计/ }).click();
    const desc = (await amounts()).filter((n) => !Number.isNaN(n));
    expect(desc.length).toBeGreaterThan(3);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await table.getByRole("button", { name: /本年支出合计/ }).click();
    const asc = (await amounts()).filter((n) => !Number.isNaN(n));
    expect(asc).toEqual([...desc].reverse());
    expect(await table.locator("thead th[aria-sort]").getAttribute("aria-sort")).toBe("ascending");

    const csv = await (await fetch(app.url + "/export/structure-subjects?year=2023")).text();
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header).toBe("科目编码,科目,占比（%）,本年支出合计（万元）,基本支出（万元）,项目支出（万元）,报告数");
    // every amount and share written with two decimals, as the page prints them
    for (const l of lines)
      for (const cell of l.split(",").slice(2, 6)) if (cell) expect(cell).toMatch(/^-?\d+\.\d{2}$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("the economic classes say 人员经费 / 公用经费 in Chinese, on the page and in the download", async () => {
    const page = await browser.newPage();
    await page.goto(app.url + "/structure?year=2023&synthetic=0", { waitUntil: "networkidle" });
    await streamed(page);
    const section = await page.locator("section", { hasText: "人员经费、公用经费与经济分类" }).innerText();
    expect(section).toContain("人员经费");
    expect(section).not.toMatch(/personnel|public/);
    const csv = await (await fetch(app.url + "/export/structure-economic?year=2023")).text();
    expect(csv).toContain("归属");
    expect(csv).not.toMatch(/,personnel,|,public,/);
    expect(csv).toMatch(/,公用经费,/);
    await page.close();
  });

  test("三公 unit costs keep their own units: 元 per guest, 万元 per vehicle, in one download with the amounts", async () => {
    const csv = await (await fetch(app.url + "/export/sangong-departments?year=2023")).text();
    const header = csv
      .replace(/^\uFEFF/, "")
      .split("\r\n")[0]
      .split(",");
    expect(header.slice(0, 3)).toEqual(["部门", "合成示例", "决算数（万元）"]);
    expect(header).toContain("接待人均（元）");
    expect(header).toContain("每车运行维护（万元）");
    // the department column once, though two tables of the page share the download
    expect(header.filter((h) => h === "部门")).toHaveLength(1);
  });

  test("the links a page prefetches are answered by the pages, never bounced between redirects by the rendered-page cache", async () => {
    const page = await browser.newPage();
    const redirects: string[] = [];
    const errors: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 300 && r.status() < 400 && r.url().includes("_rsc="))
        redirects.push(`${r.status()} ${r.url()}`);
    });
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(app.url + "/structure?year=2023&synthetic=0", { waitUntil: "networkidle" });
    await streamed(page);
    // production builds prefetch the links in view; give them time to run
    await page.waitForTimeout(2500);
    expect(redirects).toEqual([]);
    expect(errors.filter((e) => /TOO_MANY_REDIRECTS|Failed to fetch/.test(e))).toEqual([]);
    // and a client-side navigation through a prefetched link still lands on its page
    await page.getByRole("link", { name: "一般公共服务支出" }).first().click();
    await page.waitForURL(/code=201/);
    await expect.poll(async () => page.locator("main").innerText()).toContain("政府办公厅（室）及相关机构事务");
    await page.close();
  });
});
