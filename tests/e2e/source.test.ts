import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { figureRanges } from "../../lib/report/cite";
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, startApp, type RunningApp } from "./server";

const run = hasChromium ? describe : describe.skip;
const SAMPLES = path.resolve(import.meta.dirname, "../../data/samples");

type Rect = { x: number; y: number; width: number; height: number };
const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

async function openDepartment(page: Page, url: string, name: string) {
  await page.goto(url + "/departments", { waitUntil: "load" });
  await page.getByRole("link", { name, exact: true }).first().click();
  await page.waitForURL(/\/departments\/\d+/);
}

run("evidence one click away: a finding opens the original at the cited figure", () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp({ DEMO_CITY: "0" });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  test("PDF: the finding's 公开05表 place opens its page with a box over 2,940.05 as printed", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openDepartment(page, app.url, "上海市普陀区财政局");
    // the share finding cites the narrative and 公开05表 合计 (2,940.05); follow the table's place
    const place = page.locator("#findings div", { hasText: /^公开05表 合计 小计（原文第 \d+ 页）$/ }).first();
    await place.getByRole("link", { name: /原文第 \d+ 页/ }).click();
    await page.waitForURL(/\/reports\/\d+\/source\?page=\d+&q=2940\.05/);
    const highlight = page.locator("[data-testid=source-highlight]");
    await highlight.first().waitFor({ timeout: 60_000 });
    expect(await highlight.count()).toBe(1);
    expect(await page.getByRole("status").innerText()).toContain("已用红框标出 2940.05");

    // the text pdfjs placed over the drawn page: the piece(s) printing the figure lie under the box
    const box = (await highlight.boundingBox())!;
    const spans = await page.locator(".pdf-text-layer span").evaluateAll((els) =>
      els.map((e) => ({
        text: e.textContent ?? "",
        r: e.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number },
      })),
    );
    const printed = spans.filter((s) => s.text.includes("2,940.05") || s.text.includes("940.05"));
    expect(printed.length).toBeGreaterThan(0);
    const covered = printed.filter((s) => overlap(s.r, box) >= 0.5 * s.r.width * s.r.height);
    expect(covered.length).toBeGreaterThan(0);
    // and the canvas has ink under the box: the figure is drawn there, not just placed in the text layer
    const ink = await page.evaluate((b) => {
      const c = document.querySelector("canvas")!;
      const r = c.getBoundingClientRect();
      const k = c.width / r.width;
      const data = c
        .getContext("2d")!
        .getImageData(
          Math.round((b.x - r.x) * k),
          Math.round((b.y - r.y) * k),
          Math.round(b.width * k),
          Math.round(b.height * k),
        ).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 300) dark++;
      return dark;
    }, box);
    expect(ink).toBeGreaterThan(20);
    await page.close();
  }, 180_000);

  test("text: a finding's place opens the cited line, highlighted, with the figure marked where it is printed", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openDepartment(page, app.url, "烟台市大数据局");
    // the first finding citing a printed amount: 政府采购 1839.9 in the narrative
    const link = page
      .locator('#findings a[href*="/source?line="][href*="q=1"], #findings a[href*="/source?line="][href*="q=2"]')
      .first();
    const q = new URL((await link.getAttribute("href"))!, app.url).searchParams;
    const line = Number(q.get("line"));
    const figure = q.get("q")!;
    expect(figure).toMatch(/^\d+(\.\d+)?$/);
    await link.click();
    await page.waitForURL(/\/reports\/\d+\/source\?line=\d+/);

    // the highlighted lines start at the file's own line L, as published, and one of them prints the figure
    const lines = fs.readFileSync(path.join(SAMPLES, "000_de383ccec50b5c0e.txt"), "utf8").split("\n");
    const rows = page.locator("[data-testid=source-line]");
    expect((await rows.first().locator("td").nth(0).innerText()).trim()).toBe(String(line));
    expect(await rows.first().locator("td").nth(1).innerText()).toBe(lines[line - 1].trimEnd());
    const mark = rows.locator("[data-testid=source-highlight]");
    expect(await mark.count()).toBe(1);
    const printed = await mark.innerText();
    expect(figureRanges(printed, figure).map(([a, b]) => printed.slice(a, b))).toEqual([printed]);
    const markedRow = rows.filter({ has: page.locator("[data-testid=source-highlight]") });
    const n = Number((await markedRow.locator("td").nth(0).innerText()).trim());
    expect(n).toBeGreaterThanOrEqual(line);
    expect(figureRanges(lines[n - 1], figure).length).toBeGreaterThan(0);
    const m = (await mark.boundingBox())!;
    const r = (await markedRow.boundingBox())!;
    expect(overlap(m, r)).toBeGreaterThan(0.9 * m.width * m.height);
    await page.close();
  }, 120_000);

  test("text: a table cell links to its line and the line prints that amount", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openDepartment(page, app.url, "烟台市大数据局");
    // the nine tables are on a page of their own, linked from the pack, in tabs: t= opens the tab showing a table
    // (as a finding's link to 公开05表 does)
    await page.getByRole("link", { name: "九张表", exact: true }).click();
    await page.waitForURL(/\/departments\/\d+\/tables/);
    await page.goto(page.url().replace(/#.*/, "") + "&t=t05", { waitUntil: "load" });
    const cell = page.locator("#t05 tbody tr").first().locator("a[href*='/source?line=']").first();
    const amount = await cell.innerText();
    await cell.click();
    await page.waitForURL(/\/reports\/\d+\/source\?line=\d+/);
    const mark = page.locator("[data-testid=source-line] [data-testid=source-highlight]");
    expect(await mark.count()).toBeGreaterThan(0);
    expect(figureRanges(await mark.first().innerText(), amount.replace(/,/g, "")).length).toBe(1);
    await page.close();
  }, 120_000);

  test("budget: a subject's budget figure on the spring review opens the budget PDF's page with a box over the amount printed in 元", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(app.url + "/budget-review?year=2025", { waitUntil: "load" });
    await page.getByRole("link", { name: "上海市普陀区人民政府办公室", exact: true }).first().click();
    await page.waitForURL(/\/budget-review\?dept=\d+/);
    // 2010301 行政运行: 1,202.95 万元 on the page, printed 12,029,501.84 元 in the PDF
    const row = page.locator("tr", { hasText: "2010301" }).first();
    await row.locator("a[href*='/budgets/']").first().click();
    await page.waitForURL(/\/budgets\/\d+\/source\?page=\d+/);
    const highlight = page.locator("[data-testid=source-highlight]");
    await highlight.first().waitFor({ timeout: 60_000 });
    expect(await highlight.count()).toBe(1);
    const box = (await highlight.boundingBox())!;
    const spans = await page.locator(".pdf-text-layer span").evaluateAll((els) =>
      els.map((e) => ({
        text: e.textContent ?? "",
        r: e.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number },
      })),
    );
    const printed = spans.filter((s) => s.text.includes("12,029,501.84"));
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.some((s) => overlap(s.r, box) >= 0.5 * s.r.width * s.r.height)).toBe(true);
    await page.close();
  }, 180_000);
});
