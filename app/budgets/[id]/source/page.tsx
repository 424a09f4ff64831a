import Link from "next/link";
import { notFound } from "next/navigation";
import { getBudgetSource, getOriginalBudgetFile } from "@/db/queries/source";
import { printedForms } from "@/lib/report/cite";
import { SourceDocument, one, short, size, type Raw } from "../../../reports/[id]/source/views";

export const dynamic = "force-dynamic";

export async function generateMetadata(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  return { title: `原文 · 预算 ${id}` };
}

/**
 * A budget document at the cited place, as a 决算's source view shows it: the PDF page with the figure boxed (the
 * figure is looked for as printed, in 元 when the table prints 元), or the text lines around the cited one.
 */
export default async function BudgetSourcePage(props: { params: Promise<{ id: string }>; searchParams: Promise<Raw> }) {
  const { id } = await props.params;
  const sp = await props.searchParams;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const src = await getBudgetSource(Number(id));
  if (!src) notFound();
  const figure = short(one(sp.q));
  const forms = figure ? printedForms(figure, one(sp.unit) === "元" ? "元" : "万元") : [];
  const context = short(one(sp.ctx));
  const base = `/budgets/${src.budgetId}/source`;
  const doc = src.document;
  return (
    <article className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">原文 · {src.department}</h1>
        <p className="text-sm text-gray-600">
          {src.year} 年{src.scope} · 第 {src.revision} 版 · 文件 {doc?.fileName ?? src.source.fileName}
          {doc ? `（${size(doc.byteLength)}）` : ""} · SHA-256 {src.source.sha256.slice(0, 12)}…
        </p>
        <p className="no-print flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <Link
            className="text-blue-700 hover:underline"
            href={`/budget-review?dept=${src.departmentId}&year=${src.year}`}
          >
            ← 返回预算审查
          </Link>
          {doc ? (
            <a className="text-blue-700 hover:underline" href={`/budgets/${src.budgetId}/document?download=1`}>
              下载原文件
            </a>
          ) : null}
          {doc?.sourceUrl ? (
            <a className="text-blue-700 hover:underline" href={doc.sourceUrl} rel="noopener noreferrer" target="_blank">
              官方发布地址 ↗
            </a>
          ) : null}
        </p>
      </header>
      <SourceDocument
        base={base}
        document={`/budgets/${src.budgetId}/document`}
        kept={Boolean(doc)}
        missing={"这份预算的原文件未保存在库中（在开始保存原文件之前载入）。用同一文件重新载入一次即可补存。"}
        source={src.source}
        sp={sp}
        figures={forms}
        context={context}
        file={() => getOriginalBudgetFile(src.budgetId)}
      />
    </article>
  );
}
