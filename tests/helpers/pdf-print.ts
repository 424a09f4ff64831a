import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { optionMatrix, type HtmlOptions } from "@/lib/render/html-options";
import { htmlTruth } from "@/lib/render/html-truth";
import type { Report } from "@/lib/report/schema";
import { generateCity } from "@/lib/synth/city";

/** Debian's chromium (.ci/run installs it); nothing is ever downloaded. */
const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * HTML → PDF with one chromium for many documents. Page size and orientation come from the document's own @page
 * rules (A4, named landscape pages for wide tables), page numbers from its @page margin boxes.
 */
export class PdfPrinter {
  private browser: Browser | undefined;

  static async launch(): Promise<PdfPrinter> {
    const p = new PdfPrinter();
    p.browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    return p;
  }

  async print(html: string): Promise<Uint8Array> {
    if (!this.browser) throw new Error("PdfPrinter is closed");
    const page = await this.browser.newPage();
    try {
      // No network: the document is self-contained and fonts are the system's (fonts-noto-cjk).
      await page.route("**/*", (route) => route.abort());
      await page.setContent(html, { waitUntil: "load" });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
      return new Uint8Array(pdf);
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.browser?.close();
    this.browser = undefined;
  }
}

// ── The test bed's documents ───────────────────────────────────────────────────────────────────────────────────

export type SyntheticCase = {
  /** "07 示例市住房和城乡建设局 2023 部门决算" */
  name: string;
  report: Report;
  options: HtmlOptions;
  /** what a reader must read back from the printed document (htmlTruth) */
  truth: Report;
};

/**
 * `count` documents, the same for the same seed: reports of the synthetic city (40 departments × `years`; the two
 * with 政府性基金 tables come up often), each with an option set from a pairwise covering of the HTML options, every
 * sixth turned into a 单位决算 of the same department.
 */
export function syntheticCases(count: number, seed = 2024, years = [2022, 2023, 2024]): SyntheticCase[] {
  const { reports } = generateCity({ departments: 40, years, seed });
  const matrix = optionMatrix(count, seed);
  const withFund = [5, 14];
  return matrix.map((options, i) => {
    const dept = i % 5 === 3 ? withFund[Math.floor(i / 5) % 2] : (i * 7) % 40;
    const year = years[i % years.length];
    const base = reports.find((r, k) => Math.floor(k / years.length) === dept && r.year === year)!;
    const report = structuredClone(base);
    if (i % 6 === 5) {
      report.scope = "单位决算";
      report.overview = { ...report.overview, units: [] };
    }
    const name = `${String(i + 1).padStart(String(count).length, "0")} ${report.department} ${report.year} ${report.scope}`;
    return { name, report, options, truth: htmlTruth(report, options) };
  });
}
