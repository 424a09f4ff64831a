// a CSS string: quotes and backslashes escaped, and "<" too, so a name from a document cannot close the <style> it sits in
const quoted = (s: string) => `"${s.replace(/["\\]/g, "\\$&").replace(/</g, "\\3C ")}"`;

/** The named pages the pack prints on (globals.css): the summary in portrait, the nine tables' appendix in landscape. */
export type PackPage = "pack" | "pack-appendix";

/**
 * The printed pack's page footer as a CSS rule for its named page: department, data version and, when known, the
 * print date, in the bottom-left margin box of every page.
 */
export function footerRule(page: PackPage, label: string, dataVersion: string, printDate?: string): string {
  const text = `${label} · 数据版本 ${dataVersion}${printDate ? ` · 打印日期 ${printDate}` : ""}`;
  return `@page ${page} { @bottom-left { content: ${quoted(text)}; } }`;
}

/**
 * The footer without a date, rendered by the server for a print made without scripts. In a cascade layer, so the
 * client's rule with the date (print-footer.tsx, unlayered) wins over it wherever both are present.
 */
export function fallbackFooterRule(page: PackPage, label: string, dataVersion: string): string {
  return `@layer pack-fallback { ${footerRule(page, label, dataVersion)} }`;
}
