import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { figureRanges } from "../../lib/report/cite";
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, startApp, type RunningApp } from "./server";

const run = hasChromium ? describe : describe.skip;
/** a rule id as the audit writes it (PROCUREMENT_CATEGORY_SME, RESTATED_PRIOR_YEAR, B_N_SUBJECT_AMOUNT …) */
const RULE_ID = /[A-Z]{2,}_[A-Z_]+/;

/** After following an evidence link: the source view, with the cited figure marked on the page or the line. */
async function seesCitedFigure(page: Page): Promise<{ figure: string; marked: string }> {
  await page.waitForURL(/\/reports\/\d+\/source\?(page|line)=\d+.*q=/, { timeout: 60_000 });
  const url = new URL(page.url());
  const figure = url.searchParams.get("q")!;
  const highlight = page.locator("[data-testid=source-highlight]");
  await highlight.first().waitFor({ timeout: 60_000 });
  expect(await highlight.count()).toBeGreaterThan(0);
  if (url.searchParams.has("page")) {
    // a PDF page: the box lies over the text pdfjs placed where the page prints the figure
    expect(await page.getByRole("status").innerText()).toContain(`已用红框标出 ${figure}`);
    return { figure, marked: figure };
  }
  // a text: the mark is on one of the highlighted lines and prints the figure
  const marked = await page.locator("[data-testid=source-line] [data-testid=source-highlight]").first().innerText();
  expect(figureRanges(marked, figure).length).toBe(1);
  return { figure, marked };
}

run("evidence one click away from the overview and the quality page", () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    // the sample store as `npm start` prepares it (the demo city loaded, real documents shown by default)
    app = await startApp();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  test("the default /: a flag's evidence opens the PDF page with the cited figure boxed", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(app.url + "/", { waitUntil: "load" });
    const flags = page.locator("#flags [data-testid=flag-evidence]");
    expect(await flags.count()).toBeGreaterThan(0);
    // every flag of the default view is a real document's and carries its evidence
    expect(await page.locator("#flags li", { hasText: "（无原文）" }).count()).toBe(0);
    await flags.first().click();
    await seesCitedFigure(page);
    await page.close();
  }, 180_000);

  test("a text document's flag (2023): the cited line, the figure marked where the document prints it", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(app.url + "/?year=2023", { waitUntil: "load" });
    const flag = page.locator("#flags [data-testid=flag-evidence][href*='figure=']").first();
    expect(await flag.getAttribute("title")).toMatch(/[\u4e00-\u9fff]/);
    await flag.click();
    const { figure } = await seesCitedFigure(page);
    expect(figure).toMatch(/^\d+(\.\d+)?$/);
    await page.close();
  }, 120_000);

  test("an indicator card from the year's only report opens where the report prints it", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(app.url + "/", { waitUntil: "load" });
    await page.locator("section a[href*='figure=expenditureTotal']").first().click();
    const { figure } = await seesCitedFigure(page);
    expect(figure).toBe("2940.05");
    await page.close();
  }, 180_000);

  test("/quality: a finding's place opens the original there, named by its PDF page", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(app.url + "/quality", { waitUntil: "load" });
    const places = page.locator("#findings a", { hasText: /^原文第 \d+ 页$/ });
    expect(await places.count()).toBeGreaterThan(0);
    // a PDF is cited by page, never by its extracted text's line
    expect(await page.locator("#findings", { hasText: /原文第 \d+ 行/ }).count()).toBe(0);
    await places.first().click();
    await seesCitedFigure(page);
    await page.close();
  }, 180_000);

  test("/performance: a project's 自评 figure opens its 绩效自评表 at the line that prints it, below the sheet's title", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(app.url + "/performance?year=2023", { waitUntil: "load" });
    const row = page.locator("#projects tbody tr").first();
    const title = Number(/第 (\d+) 行/.exec(await row.locator("a", { hasText: /^原文第 \d+ 行$/ }).innerText())![1]);
    const rate = row.locator("td").nth(1).locator("a");
    const shown = (await rate.innerText()).replace(/%$/, "");
    await rate.click();
    const { figure } = await seesCitedFigure(page);
    expect(Number(figure)).toBe(Number(shown));
    // the funds row lies below the sheet's title: the marked line is that row, not the title
    const marked = page.locator("[data-testid=source-line]", { has: page.locator("[data-testid=source-highlight]") });
    expect(Number((await marked.first().locator("td").first().innerText()).trim())).toBeGreaterThan(title);
    await page.close();
  }, 120_000);

  test("a figure the document has no place for opens the original from its start, and says so", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(app.url + "/?year=2023", { waitUntil: "load" });
    const id = /\/reports\/(\d+)\//.exec(
      (await page.locator("#flags [data-testid=flag-evidence]").first().getAttribute("href"))!,
    )![1];
    await page.goto(`${app.url}/reports/${id}/evidence?figure=noSuchFigure`, { waitUntil: "load" });
    expect(page.url()).toMatch(new RegExp(`/reports/${id}/source\\?unplaced=1$`));
    expect(await page.locator("main").innerText()).toContain("未能确定这个数字在原文中的位置");
    await page.close();
  }, 60_000);

  test("/quality shows no rule id as text: real documents, another year, and with the demo city", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    for (const q of ["", "?year=2023", "?synthetic=1", "?year=2023&synthetic=1&severity=warning"]) {
      await page.goto(app.url + "/quality" + q, { waitUntil: "load" });
      const text = await page.locator("body").innerText();
      expect(text, q).toContain("审核发现明细");
      expect(text.match(RULE_ID), q).toBeNull();
    }
    await page.close();
  }, 120_000);
});
