import type { Narrative, Report } from "@/lib/report/schema";
import type { SourceDoc } from "../document";
import { parseAssets } from "./assets";
import { parseBasicExpenditure } from "./basic";
import { parseChangesAndShares } from "./changes";
import { parseBudgetExecution, parseClassShares } from "./execution";
import { parseGlossary } from "./glossary";
import { parseGovFundFigures, type GovFundFigures } from "./gov-fund";
import { parseOperatingCost } from "./operating";
import { findOutline, findSections, sectionEnd } from "./outline";
import { parsePerformance } from "./performance";
import { parseProcurement } from "./procurement";
import { parseSangong } from "./sangong";

/**
 * 第三部分 情况说明 and 第四部分 名词解释. Sections are found by their titles; a section the document does not
 * have is simply absent from the result (the audit reports the gap), a figure that cannot be read is a ParseError.
 */
export type { GovFundFigures } from "./gov-fund";

export function parseNarrative(doc: SourceDoc): { narrative: Narrative; glossary: Report["glossary"]; govFund?: GovFundFigures } {
  const outline = findOutline(doc);
  const sections = findSections(doc, outline);
  const { changes, shares } = parseChangesAndShares(sections);
  const narrative: Narrative = { changes, shares };
  const gpb = sections.get("gpb");
  if (gpb) {
    narrative.shares.push(...parseClassShares(gpb));
    const execution = parseBudgetExecution(gpb);
    if (execution) narrative.budgetExecution = execution;
  }
  const parts = [
    ["basicExpenditure", "basic", parseBasicExpenditure],
    ["sangong", "sangong", parseSangong],
    ["operatingCost", "operating", parseOperatingCost],
    ["procurement", "procurement", parseProcurement],
    ["assets", "assets", parseAssets],
    ["performance", "performance", parsePerformance],
  ] as const;
  for (const [field, key, parse] of parts) {
    const sec = sections.get(key);
    const value = sec ? parse(sec) : undefined;
    if (value) (narrative as Record<string, unknown>)[field] = value;
  }

  const heading = outline.entries.get("glossary");
  const glossary = heading ? parseGlossary(doc, heading, sectionEnd(doc, outline, heading)) : [];
  // Table 07's figures as section 七 states them: hints for placing table 07's cells, not narrative facts.
  const govFundSec = sections.get("govFund");
  const govFund = govFundSec ? parseGovFundFigures(govFundSec) : undefined;
  return govFund ? { narrative, glossary, govFund } : { narrative, glossary };
}
