/**
 * Review screenshots (not a test): every page at desktop and phone width, split into viewport-high slices
 * so each PNG is legible. Usage: tsx scripts/screenshots.ts <base-url> <out-dir> [path…]
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const DEFAULT_PATHS = [
  "/",
  "/departments",
  "/departments/1",
  "/structure",
  "/execution",
  "/procurement",
  "/sangong",
  "/performance",
  "/benchmark",
  "/quality",
];
const SIZES = [
  { name: "desktop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

async function main() {
  const [base = "http://127.0.0.1:3000", out = "screenshots", ...paths] = process.argv.slice(2);
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size.width, height: size.height } });
    for (const p of paths.length ? paths : DEFAULT_PATHS) {
      await page.goto(base + p, { waitUntil: "load" });
      await page.waitForTimeout(400);
      const total = await page.evaluate(() => document.documentElement.scrollHeight);
      const slices = Math.min(6, Math.ceil(total / size.height));
      const slug = p.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "overview";
      for (let i = 0; i < slices; i++) {
        await page.evaluate((y) => window.scrollTo(0, y), i * size.height);
        await page.waitForTimeout(150);
        await page.screenshot({ path: path.join(out, `${slug}-${size.name}-${i + 1}.png`) });
      }
      process.stdout.write(`${size.name} ${p}: ${slices} 张\n`);
    }
    await page.close();
  }
  await browser.close();
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
