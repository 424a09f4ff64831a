import Link from "next/link";
import { notFound } from "next/navigation";
import { getOriginalFile, getReportSource } from "@/db/queries/source";
import { printedForms } from "@/lib/report/cite";
import { SyntheticBadge } from "../../../_components/ui";
import { SourceDocument, one, short, size, type Raw } from "./views";

export const dynamic = "force-dynamic";

export async function generateMetadata(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  return { title: `原文 · 报告 ${id}` };
}

/**
 * The document itself at the cited place: a PDF page drawn in the browser with the figure boxed, or the lines of a
 * text around the cited one. Every figure on the department page and in the findings links here.
 */
export default async function SourcePage(props: { params: Promise<{ id: string }>; searchParams: Promise<Raw> }) {
  const { id } = await props.params;
  const sp = await props.searchParams;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const src = await getReportSource(Number(id));
  if (!src) notFound();
  const figure = short(one(sp.q));
  const forms = figure ? printedForms(figure, src.sourceUnit) : [];
  const context = short(one(sp.ctx));
  const base = `/reports/${src.reportId}/source`;
  const doc = src.document;

  return (
    <article className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">
          原文 · {src.department}
          <SyntheticBadge synthetic={src.synthetic} />
        </h1>
        <p className="text-sm text-gray-600">
          {src.year} 年度{src.scope} · 第 {src.revision} 版 · 文件 {doc?.fileName ?? src.source.fileName}
          {doc ? `（${size(doc.byteLength)}）` : ""} · SHA-256 {src.source.sha256.slice(0, 12)}…
        </p>
        <p className="no-print flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <Link className="text-blue-700 hover:underline" href={`/departments/${src.departmentId}?year=${src.year}`}>
            ← 返回部门页
          </Link>
          {doc ? (
            <a className="text-blue-700 hover:underline" href={`/reports/${src.reportId}/document?download=1`}>
              下载原文件
            </a>
          ) : null}
          {doc?.sourceUrl ? (
            <a className="text-blue-700 hover:underline" href={doc.sourceUrl} rel="noopener noreferrer" target="_blank">
              官方发布地址 ↗
            </a>
          ) : doc ? (
            <span className="text-gray-500">载入时未提供官方发布地址</span>
          ) : null}
        </p>
      </header>

      {one(sp.unplaced) && doc ? (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          未能确定这个数字在原文中的位置（文件中没有记下它所在的行或页），以下从原文开头显示；可翻页查找，或回到部门页查看各表原样。
        </p>
      ) : null}
      <SourceDocument
        base={base}
        document={`/reports/${src.reportId}/document`}
        kept={Boolean(doc)}
        missing={
          src.synthetic
            ? "这是合成示例报告，由程序生成，没有原文件。"
            : "这份报告的原文件未保存在库中（由规范 JSON 载入，或在开始保存原文件之前载入）。用同一文件重新载入一次即可补存。"
        }
        source={src.source}
        sp={sp}
        figures={forms}
        context={context}
        file={() => getOriginalFile(src.reportId)}
      />
    </article>
  );
}
