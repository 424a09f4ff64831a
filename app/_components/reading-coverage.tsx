import type { Coverage, TableReading } from "@/lib/report/coverage";
import { PART_LABELS } from "@/lib/report/coverage";
import type { Unread } from "@/lib/report/schema";

/** In one sentence, for the department page's card. */
export const COVERAGE_SHORT =
  "读取覆盖 = 决算表、情况说明、附件三部分各自读出比例的平均；100 表示全部读出，文件中没有的表只影响完整度。";

/** The formula, for notes under the figure (lib/report/coverage.ts has the exact definition). */
export const COVERAGE_FORMULA =
  "读取覆盖 = 以下各部分读出比例的平均（只计文件中有内容的部分，截断到两位小数，100 表示全部读出）：决算表 = 读出的表 ÷ 应读的表 × 已定位单元格 ÷ (已定位 + 待定)；情况说明 = 已识别语句 ÷ (已识别 + 未读语句和段落)；附件 = 读出的绩效自评表 ÷ (读出 + 未读)。文件中没有的表计入完整度，不计入读取覆盖；未识别的表按原样保留，也不计入。";

const STATUS: Record<TableReading, { text: string; style: string }> = {
  data: { text: "已读", style: "bg-emerald-50 text-emerald-800 border-emerald-200" },
  empty: { text: "空表", style: "bg-gray-50 text-gray-600 border-gray-200" },
  unread: { text: "未能读取", style: "bg-rose-50 text-rose-800 border-rose-300" },
  missing: { text: "文件中没有", style: "bg-white text-gray-400 border-dashed border-gray-300" },
};

/** 92.5 → "92.5%"; the cut percentage as the store keeps it, never rounded up to 100. */
export function CoveragePct({ v }: { v: string | null | undefined }) {
  if (v === null || v === undefined || v === "")
    return (
      <span className="text-gray-400" title="未计算">
        —
      </span>
    );
  const n = Number(v);
  const text = `${String(Number(n.toFixed(2)))}%`;
  return <span className={n < 100 ? "font-semibold text-rose-700" : ""}>{text}</span>;
}

/** The department page's card: the percentage, then what it is made of. */
export function CoverageSummary({ coverage: c, unreadHref }: { coverage: Coverage; unreadHref?: string }) {
  const t = c.tables;
  return (
    <div className="text-sm">
      <p className="mb-2 text-3xl font-semibold">
        <span className={c.fullyRead ? "" : "text-rose-700"}>{c.percent}</span>
        <span className="ml-1 text-sm font-normal text-gray-500">%</span>
        {c.fullyRead ? <span className="ml-2 align-middle text-xs font-normal text-emerald-700">全部读出</span> : null}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        <dt className="text-gray-500">决算表</dt>
        <dd>
          读出 <b>{t.read}</b>/{t.expected} 张
          {t.unread ? <span className="text-rose-700">，{t.unread} 张未能读取</span> : null}
          {t.missing ? (
            <span className="text-gray-500">
              ，{t.missing} 张文件中没有{t.listedMissing ? `（其中 ${t.listedMissing} 张目录列出）` : ""}
            </span>
          ) : null}
        </dd>
        <dt className="text-gray-500">单元格</dt>
        <dd>
          已定位 <b>{c.cells.placed.toLocaleString("zh-CN")}</b> 个
          {c.cells.open ? <span className="text-amber-700">，待定 {c.cells.open} 个</span> : "，无待定"}
        </dd>
        <dt className="text-gray-500">情况说明</dt>
        <dd>
          已识别 <b>{c.statements.recognised}</b> 条
          {c.statements.unread ? <span className="text-rose-700">，未读 {c.statements.unread} 处</span> : "，无未读"}
        </dd>
        {c.appendix.read || c.appendix.unread ? (
          <>
            <dt className="text-gray-500">附件</dt>
            <dd>
              绩效表读出 <b>{c.appendix.read}</b> 张
              {c.appendix.unread ? <span className="text-rose-700">，未读 {c.appendix.unread} 处</span> : null}
            </dd>
          </>
        ) : null}
        {c.extraTables.count ? (
          <>
            <dt className="text-gray-500">其他表</dt>
            <dd>{c.extraTables.count} 张未识别，按原样保留</dd>
          </>
        ) : null}
      </dl>
      <ul className="mt-2 flex flex-wrap gap-1" aria-label="九张表的读取情况">
        {t.items.map((i) => (
          <li
            key={i.id}
            className={`rounded border px-1 py-0.5 text-[11px] ${STATUS[i.status].style}`}
            title={`公开${i.id.slice(1)}表 ${i.title}：${STATUS[i.status].text}${i.listed ? "（目录列出）" : ""}`}
          >
            {i.id.slice(1)} {STATUS[i.status].text}
          </li>
        ))}
      </ul>
      {c.unread.total && unreadHref ? (
        <a href={unreadHref} className="no-print mt-2 inline-block text-sm text-blue-700 hover:underline">
          查看未能读取的 {c.unread.total} 处 ↓
        </a>
      ) : null}
    </div>
  );
}

export type NoteView = {
  part: Unread["part"];
  where: string;
  page?: number | null;
  sourceLine?: number | null;
  text: string;
  message: string;
};

export function noteLocation(n: { page?: number | null; sourceLine?: number | null }): string {
  if (n.page !== undefined && n.page !== null) return `第 ${n.page} 页`;
  if (n.sourceLine !== undefined && n.sourceLine !== null) return `第 ${n.sourceLine} 行`;
  return "";
}

/** Unread notes: where (page or line), which part, why, and the text itself; at most `maxRows` of them. */
export function UnreadNotesTable({ notes: all, maxRows = 200 }: { notes: NoteView[]; maxRows?: number }) {
  const notes = all.slice(0, maxRows);
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[760px] table-fixed border-collapse text-sm">
        <colgroup>
          <col className="w-[9%]" />
          <col className="w-[8%]" />
          <col className="w-[22%]" />
          <col className="w-[22%]" />
          <col />
        </colgroup>
        <thead>
          <tr className="border-b bg-gray-100 text-left">
            <th className="p-1.5">位置</th>
            <th className="p-1.5">部分</th>
            <th className="p-1.5">名称</th>
            <th className="p-1.5">无法读取的原因</th>
            <th className="p-1.5">原文</th>
          </tr>
        </thead>
        <tbody>
          {notes.map((n, i) => (
            <tr key={i} className="border-b border-gray-100 align-top">
              <td className="whitespace-nowrap p-1.5">{noteLocation(n) || <span className="text-gray-400">—</span>}</td>
              <td className="p-1.5">{PART_LABELS[n.part]}</td>
              <td className="p-1.5">{n.where}</td>
              <td className="p-1.5 text-rose-800">{n.message}</td>
              <td className="p-1.5 text-gray-700">
                <q className="break-words">{n.text}</q>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {all.length > notes.length ? (
        <p className="mt-1 text-xs text-gray-500">
          另有 {all.length - notes.length} 处未在此列出（共 {all.length} 处），见数据质量页的未读部分明细 CSV。
        </p>
      ) : null}
    </div>
  );
}

const NUMBERISH = /^[-−]?[\d,，.．]+%?$/;

/**
 * A table the reader does not know, kept exactly as printed: its title, a note saying so, and the cell grid (the
 * first row as printed, no header guessed). A page shows at most `maxRows` rows of one table.
 */
export function RawGrid({
  title,
  where,
  rows,
  maxRows = 200,
}: {
  title: string;
  where: string;
  rows: string[][];
  maxRows?: number;
}) {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const shown = rows.slice(0, maxRows);
  return (
    <div className="break-inside-avoid-page">
      <h3 className="mb-1 font-semibold">
        {title}
        {where ? <span className="ml-2 text-xs font-normal text-gray-500">原文{where}</span> : null}
      </h3>
      <p className="mb-1 text-xs text-amber-800">未识别的表，按原样保留：单元格照原文列出，未核对、未计入任何指标。</p>
      {rows.length === 0 ? (
        <p className="text-sm text-gray-500">（表中没有单元格）</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <tbody>
              {shown.map((r, i) => (
                <tr key={i} className={i === 0 ? "bg-gray-50" : ""}>
                  {Array.from({ length: width }, (_, j) => {
                    const cell = r[j] ?? "";
                    return (
                      <td
                        key={j}
                        className={`border border-gray-200 p-1 align-top ${NUMBERISH.test(cell.trim()) ? "num" : ""}`}
                      >
                        {cell}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > shown.length ? (
        <p className="mt-1 text-xs text-gray-500">
          另有 {rows.length - shown.length} 行未在此显示（共 {rows.length} 行）。
        </p>
      ) : null}
    </div>
  );
}
