const quoted = (s: string) => `"${s.replace(/["\\]/g, "\\$&")}"`;

/**
 * The printed pack's page footer as a CSS rule for the `pack` named page (globals.css): department, data version and,
 * when known, the print date, in the bottom-left margin box of every page.
 */
export function footerRule(label: string, dataVersion: string, printDate?: string): string {
  const text = `${label} · 数据版本 ${dataVersion}${printDate ? ` · 打印日期 ${printDate}` : ""}`;
  return `@page pack { @bottom-left { content: ${quoted(text)}; } }`;
}

/**
 * The footer without a date, rendered by the server for a print made without scripts. In a cascade layer, so the
 * client's rule with the date (print-footer.tsx, unlayered) wins over it wherever both are present.
 */
export function fallbackFooterRule(label: string, dataVersion: string): string {
  return `@layer pack-fallback { ${footerRule(label, dataVersion)} }`;
}
