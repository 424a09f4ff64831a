"use client";

import { useEffect } from "react";
import { fallbackFooterRule, footerRule, type PackPage } from "./footer-rule";

/** YYYY-MM-DD in China time: the pack is read by a committee in China, whatever the printing machine's zone. */
function today(): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
}

/**
 * The printed pack's footer on every page: department, data version and print date. The server renders it without the
 * date; the date is the reader's, added when the page runs and again just before printing, as a style rule outside
 * React's tree: a date rendered by the server would be the date of a cached render, and one rendered into the tree on
 * the client would differ from the server's HTML (a hydration error).
 */
export function PrintFooter({ page, label, dataVersion }: { page: PackPage; label: string; dataVersion: string }) {
  useEffect(() => {
    const style = document.createElement("style");
    const write = () => {
      style.textContent = footerRule(page, label, dataVersion, today());
    };
    write();
    document.body.appendChild(style);
    window.addEventListener("beforeprint", write);
    return () => {
      window.removeEventListener("beforeprint", write);
      style.remove();
    };
  }, [page, label, dataVersion]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a CSS rule whose strings are escaped for CSS and cannot close the <style> (footer-rule.ts)
  return <style dangerouslySetInnerHTML={{ __html: fallbackFooterRule(page, label, dataVersion) }} />;
}
