import type { Report } from "@/lib/report/schema";
import { joinLines, type SourceDoc } from "../document";
import type { OutlineEntry } from "./outline";
import { attempt, cleanDoc, fail, makeSection, type Notes } from "./text";

const ENTRY = /^(?:[一二三四五六七八九十百]+|\d{1,3})(?:、|[.．](?!\d))/;

/** 第四部分 名词解释: "一、财政拨款收入：指单位本年度…" → { term: "财政拨款收入", definition: "指单位本年度…" }. */
export function parseGlossary(
  doc: SourceDoc,
  heading: OutlineEntry,
  end: number,
  notes: Notes = [],
): Report["glossary"] {
  const lines = cleanDoc(doc).lines;
  const starts: number[] = [];
  for (let i = heading.index + 1; i < end; i++) if (ENTRY.test(lines[i].trim())) starts.push(i);
  return starts.flatMap((start, k) => {
    const { text } = joinLines(cleanDoc(doc), start, starts[k + 1] ?? end);
    const body = text.replace(ENTRY, "");
    const sec = makeSection(doc, heading.title, heading.index, start, start + 1);
    // an entry that cannot be read is noted; the other entries still read
    const entry = attempt(notes, sec, () => {
      const m =
        /^(?<term>[^：:]{1,80}?)[：:](?<def>.*)$/s.exec(body) ?? /^(?<term>.{1,40}?)(?<def>(?:是指|指).*)$/s.exec(body);
      if (!m?.groups) return fail(sec, 0, "名词解释条目无法识别", "序号、名词：解释", body);
      return { term: m.groups.term.trim(), definition: m.groups.def.trim() };
    });
    return entry ? [entry] : [];
  });
}
