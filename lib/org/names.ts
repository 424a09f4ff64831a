import { unifyRadicals } from "@/lib/ingest/pdf/radicals";

/*
 * The key under which one organisation is matched across years and document kinds (部门决算, 单位决算, 部门预算,
 * 单位预算). Documents print the same department differently: full-width or half-width brackets and digits, layout
 * spaces, the own unit as "（本部）" / "（本级）" / "本级", a trailing document kind, CJK radicals a PDF font put
 * in place of the ideograph. Everything else about a name is significant: "财政局" and "财政局财政所" are two
 * organisations, so nothing is dropped from the middle of a name and no suffix other than the own-unit marks.
 */

// The own unit of a 部门 (its 机关): printed after the 部门's name, bracketed or not.
const OWN_UNIT = /(?:\((?:本部|本级|机关本级)\)|本部|本级)$/u;
// A document kind printed after the name on a cover or in a list ("…办公室2025年部门预算", "…本级决算").
const DOC_KIND = /(?:(?:19|20)\d{2}年度?)?(?:部门|单位|本级)(?:决算|预算)$/u;
// List punctuation and quotes around a name ("1. 上海市…（本部）。", "“烟台市大数据局”").
// A list number before a name ("1.", "2、", "(三)"); a name itself never starts with one.
const LIST_NO = /^(?:\d{1,3}[.、)]|\(?[一二三四五六七八九十]{1,3}[)、])/u;
const EDGE = /^[\s"'“”‘’《》「」『』。，,；;、.:：]+|[\s"'“”‘’《》「」『』。，,；;、.:：]+$/gu;

export function normalizeOrgName(name: string): string {
  // NFKC folds full-width forms (（）０-９Ａ-Ｚ and the ideographic space) to ASCII and Kangxi radicals to
  // ideographs; the radicals supplement has no NFKC mapping, so unifyRadicals goes first.
  let s = unifyRadicals(name).normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
  for (let before = ""; before !== s; ) {
    before = s;
    s = s.replace(EDGE, "").replace(LIST_NO, "").replace(DOC_KIND, "").replace(OWN_UNIT, "");
  }
  return s;
}

/** Two printed names are the same organisation when their keys are equal (and neither is empty). */
export function sameOrg(a: string, b: string): boolean {
  const ka = normalizeOrgName(a);
  return ka !== "" && ka === normalizeOrgName(b);
}
