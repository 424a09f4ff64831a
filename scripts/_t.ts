import { readFileSync } from "node:fs";
import { extractPdfText } from "../lib/ingest/pdf/extract";
(async () => {
const t0 = Date.now();
const r = await extractPdfText(readFileSync(process.argv[2]));
console.log(Date.now() - t0, r.pages.length);
const p = r.pages[Number(process.argv[3]) - 1];
const hs = [...new Set(p.segments.filter(s => s.y0 === s.y1).map(s => s.y0.toFixed(1)))];
const vs = [...new Set(p.segments.filter(s => s.x0 === s.x1).map(s => s.x0.toFixed(1)))];
console.log(p.segments.length, "H", hs.join(" "), "\nV", vs.join(" "));
})();
