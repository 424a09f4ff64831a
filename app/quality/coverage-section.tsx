import Link from "next/link";
import type { CoverageRow, getCoverageSummary } from "@/db/queries/quality";
import { PART_LABELS } from "@/lib/report/coverage";
import { Pager } from "../_components/pager";
import { COVERAGE_FORMULA, CoveragePct, noteLocation } from "../_components/reading-coverage";
import { CsvLink, Section, SyntheticBadge, hrefWith } from "../_components/ui";

type Keep = Record<string, string | number | undefined>;

/** 读取覆盖: how many of the year's reports were not read whole, the least read first with their first unread notes. */
export function CoverageSection(props: {
  year: number | undefined;
  reading: Awaited<ReturnType<typeof getCoverageSummary>>;
  leastRead: CoverageRow[];
  keep: Keep;
  read: number;
  readPage: number;
  readHref: (n: number) => string;
  notesShown: number;
}) {
  const { year, reading, leastRead, keep, read, readHref, notesShown, readPage } = props;
  const partsText = (Object.entries(reading.byPart) as [keyof typeof PART_LABELS, number][])
    .filter(([, n]) => n > 0)
    .map(([p, n]) => `${PART_LABELS[p]} ${n}`)
    .join("、");
  return (
    <Section
      id="coverage"
      title="读取覆盖（未完整读取的报告，由低到高）"
      actions={<CsvLink dataset="coverage" params={keep} />}
      note={
        <>
          {COVERAGE_FORMULA} 每份报告列出前 {notesShown} 处未读部分，全部见部门页或{" "}
          <a className="text-blue-700 hover:underline" href={hrefWith("/export/unread-notes", keep)} download>
            未读部分明细 CSV
          </a>
          。
        </>
      }
    >
      <p className="mb-3 text-sm">
        {year ?? ""}
        {year ? " 年度" : ""}共 {reading.reports} 份报告，
        {reading.partial === 0 ? (
          <span className="text-emerald-700">全部完整读取。</span>
        ) : (
          <>
            <b className="text-rose-700">{reading.partial}</b> 份未完整读取：未能读取的部分 {reading.notes} 处
            {partsText ? `（${partsText}）` : ""}
            {reading.cellsOpen ? `，待定单元格 ${reading.cellsOpen} 个` : ""}。
          </>
        )}
        {reading.extraTables ? (
          <span className="text-gray-600"> 另有 {reading.extraTables} 张未识别的表按原样保留。</span>
        ) : null}
      </p>
      {leastRead.length ? (
        <>
          <div className="overflow-x-auto">
            <table className="sticky-first w-full min-w-[900px] table-fixed border-collapse text-sm">
              <colgroup>
                <col className="w-[17%]" />
                <col className="w-[8%]" />
                <col className="w-[7%]" />
                <col className="w-[10%]" />
                <col className="w-[10%]" />
                <col />
              </colgroup>
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  <th className="p-1.5">部门</th>
                  <th className="num p-1.5">读取覆盖</th>
                  <th className="num p-1.5">决算表</th>
                  <th className="num p-1.5">
                    单元格
                    <br />
                    <span className="font-normal text-gray-500">已定位 / 待定</span>
                  </th>
                  <th className="num p-1.5">
                    情况说明
                    <br />
                    <span className="font-normal text-gray-500">已识别 / 未读</span>
                  </th>
                  <th className="p-1.5">未能读取的部分（位置 · 部分 · 原因 · 原文）</th>
                </tr>
              </thead>
              <tbody>
                {leastRead.map((r) => (
                  <tr key={`${r.departmentId}-${r.year}-${r.scope}`} className="border-b border-gray-100 align-top">
                    <td className="p-1.5">
                      <Link
                        className="text-blue-700 hover:underline"
                        href={`/departments/${r.departmentId}?year=${r.year}#unread`}
                      >
                        {r.department}
                      </Link>
                      <SyntheticBadge synthetic={r.synthetic} />
                      <div className="text-xs text-gray-500">
                        {r.year} 年度{r.scope} ·{" "}
                        {r.layout === "pdf"
                          ? "PDF"
                          : r.layout === "plain-text"
                            ? "PDF 提取文本"
                            : r.layout === "markdown"
                              ? "Markdown"
                              : "JSON"}
                      </div>
                    </td>
                    <td className="num p-1.5">
                      <CoveragePct v={r.coverage} />
                    </td>
                    <td className="num p-1.5">{r.tablesRead}/9</td>
                    <td className="num p-1.5">
                      {r.cellsPlaced.toLocaleString("zh-CN")} /{" "}
                      <span className={r.cellsOpen ? "text-amber-700" : ""}>{r.cellsOpen}</span>
                    </td>
                    <td className="num p-1.5">
                      {r.statementsRead} /{" "}
                      <span className={r.statementsUnread ? "text-rose-700" : ""}>{r.statementsUnread}</span>
                    </td>
                    <td className="p-1.5">
                      {r.notes.length === 0 ? (
                        <span className="text-gray-500">
                          {r.cellsOpen
                            ? "没有未读部分；有单元格无法唯一确定所属列。"
                            : "没有未读部分；目录列出的表未找到。"}
                        </span>
                      ) : (
                        <ul className="space-y-1">
                          {r.notes.map((n, i) => (
                            <li key={i} className="text-xs leading-snug">
                              <span className="mr-1 whitespace-nowrap rounded bg-gray-100 px-1 text-gray-700">
                                {noteLocation(n) || "位置不明"}
                              </span>
                              <span className="text-gray-500">{PART_LABELS[n.part]}</span> · {n.place}：
                              <span className="text-rose-800">{n.message}</span>
                              <div className="truncate text-gray-500" title={n.text}>
                                原文：{n.text}
                              </div>
                            </li>
                          ))}
                          {r.unreadCount > r.notes.length ? (
                            <li className="text-xs">
                              <Link
                                className="text-blue-700 hover:underline"
                                href={`/departments/${r.departmentId}?year=${r.year}#unread`}
                              >
                                另有 {r.unreadCount - r.notes.length} 处 →
                              </Link>
                            </li>
                          ) : null}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={read} pageSize={readPage} total={reading.partial} href={readHref} unit="份" />
        </>
      ) : null}
    </Section>
  );
}
