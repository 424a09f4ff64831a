"use client";

import { useEffect } from "react";
import { footerRule } from "./footer-rule";

/** YYYY-MM-DD in China time: the pack is read by a committee in China, whatever the printing machine's zone. */
function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/**
 * Adds the print date to the printed pack's footer. The date is the reader's, taken when the page runs and again just
 * before printing, and written as a style rule outside React's tree: a date rendered by the server would be the date of
 * a cached render, and one rendered into the tree on the client would differ from the server's HTML (a hydration error).
 */
export function PrintFooter({ label, dataVersion }: { label: string; dataVersion: string }) {
  useEffect(() => {
    const style = document.createElement("style");
    const write = () => {
      style.textContent = footerRule(label, dataVersion, today());
    };
    write();
    // after the server's rule without a date (in the page), so this one wins
    document.body.appendChild(style);
    window.addEventListener("beforeprint", write);
    return () => {
      window.removeEventListener("beforeprint", write);
      style.remove();
    };
  }, [label, dataVersion]);
  return null;
}
