"use client";

/** The document's 名词解释, given as pairs so the page's React payload carries the text once, not its markup too. */
export function Glossary({ terms }: { terms: [term: string, definition: string][] }) {
  return (
    <dl className="grid gap-2 text-sm md:grid-cols-2 print:grid-cols-2 [&_dd]:text-gray-700 [&_dt]:font-semibold">
      {terms.map(([term, definition], i) => (
        <div key={i}>
          <dt>{term}</dt>
          <dd>{definition}</dd>
        </div>
      ))}
    </dl>
  );
}
