import { COLUMN_LABELS, SECTION_LABELS } from "@/lib/report/labels";
import {
  pageOfLine,
  TABLE_COLUMNS,
  TABLE_IDS,
  TABLE_TITLES,
  type Report,
  type Table,
  type TableId,
  type TableRow,
} from "@/lib/report/schema";
import { rowName } from "@/lib/report/cite";
import { SourceLink, sourceHref, type SourceRef } from "./source-link";
import { Wan } from "./ui";

/** a figure as a quiet link to its place in the original: the tables stay readable, the evidence one click away */
const CELL_LINK = "hover:text-blue-700 hover:underline";

function Cell({ cite, r, v }: { cite?: SourceRef; r: TableRow; v: string }) {
  return (
    <SourceLink href={sourceHref(cite, r.sourceLine, v, rowName(r))} className={CELL_LINK}>
      <Wan v={v} />
    </SourceLink>
  );
}

/**
 * The nine tables as the document prints them: every row, empty cells empty, figures at their printed precision.
 * `ids`: the tables to show, of the nine (default all). `unread`: tables the document prints but the reader could not read, with where they are (第 N 页 / 第 N 行).
 */
export function ReportTables({
  tables,
  ids = TABLE_IDS,
  unread = {},
  source,
  cite,
}: {
  tables: Table[];
  ids?: readonly TableId[];
  unread?: Partial<Record<string, string>>;
  source?: Report["source"];
  cite?: SourceRef;
}) {
  // a PDF's tables are found by page; a text's by line
  const at = (line: number) => {
    const page = source ? pageOfLine({ source }, line) : undefined;
    return page !== undefined ? `原文第 ${page} 页` : `原文第 ${line} 行`;
  };
  return (
    <div className="space-y-6">
      {ids.map((id) => {
        const t = tables.find((x) => x.id === id);
        const heading = `公开${id.slice(1)}表 ${TABLE_TITLES[id]}`;
        const warn =
          id in unread ? (
            <p className="mb-1 text-sm text-rose-700">
              文件中有这张表{unread[id] ? `（原文${unread[id]}）` : ""}，但{t ? "有部分" : ""}未能读取，见{" "}
              <a className="underline" href="#unread">
                未能读取的部分
              </a>
              。
            </p>
          ) : null;
        if (!t && warn) {
          return (
            <div key={id} id={id}>
              <h3 className="mb-1 font-semibold">{heading}</h3>
              {warn}
            </div>
          );
        }
        if (!t) {
          return (
            <div key={id} id={id}>
              <h3 className="mb-1 font-semibold">{heading}</h3>
              <p className="text-sm text-rose-700">文件中没有这张表。</p>
            </div>
          );
        }
        return (
          <div key={id} id={id} className="break-inside-avoid-page">
            <h3 className="mb-1 font-semibold">
              {heading}
              {t.sourceLine ? (
                <span className="ml-2 text-xs font-normal text-gray-500">
                  <SourceLink href={sourceHref(cite, t.sourceLine)}>{at(t.sourceLine)}</SourceLink>
                </span>
              ) : null}
            </h3>
            {warn}
            {t.status === "empty" ? (
              <p className="text-sm text-gray-600">{t.note ?? "本表无数据。"}</p>
            ) : id === "t01" || id === "t04" || id === "t06" ? (
              <SectionedTable table={t} cite={cite} />
            ) : id === "t09" ? (
              <SangongTable table={t} cite={cite} />
            ) : (
              <SubjectTable table={t} cite={cite} />
            )}
            {t.status === "data" && t.note ? <p className="mt-1 text-xs text-gray-500">{t.note}</p> : null}
          </div>
        );
      })}
    </div>
  );
}

function cellClass(r: TableRow) {
  const level = r.code ? r.code.length : 0;
  return level === 3 || r.key === "total" ? "font-semibold" : "";
}

function SubjectTable({ table, cite }: { table: Table; cite?: SourceRef }) {
  const cols = TABLE_COLUMNS[table.id] as readonly string[];
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[640px] border-collapse text-sm">
        <thead>
          <tr className="border-b bg-gray-100 text-left">
            <th className="p-1.5">科目编码</th>
            <th className="p-1.5">科目名称</th>
            {cols.map((c) => (
              <th key={c} className="num p-1.5">
                {COLUMN_LABELS[table.id][c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i} className={`border-b border-gray-100 ${cellClass(r)}`}>
              <td className="p-1.5 font-mono text-xs">{r.code ?? ""}</td>
              <td
                className="p-1.5"
                style={{ paddingLeft: r.code ? `${(r.code.length - 3) * 0.4 + 0.4}rem` : undefined }}
              >
                {r.key === "total" ? "合计" : r.name}
              </td>
              {cols.map((c) => (
                <td key={c} className="num p-1.5">
                  {r.values[c] !== undefined ? <Cell cite={cite} r={r} v={r.values[c]} /> : ""}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SectionedTable({ table, cite }: { table: Table; cite?: SourceRef }) {
  const sections = [...new Set(table.rows.map((r) => r.section ?? ""))];
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {sections.map((s) => {
        const rows = table.rows.filter((r) => (r.section ?? "") === s);
        const cols = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
        const ordered = (TABLE_COLUMNS[table.id] as readonly string[]).filter((c) => cols.includes(c));
        const show = ordered.length ? ordered : ["amount"];
        return (
          <div key={s} className="overflow-x-auto">
            <table className="w-full border-collapse text-sm">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  <th className="p-1.5">{SECTION_LABELS[s] ?? "项目"}</th>
                  {table.id !== "t06" ? <th className="p-1.5 text-right">行次</th> : null}
                  {show.map((c) => (
                    <th key={c} className="num p-1.5">
                      {COLUMN_LABELS[table.id][c]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr
                    key={i}
                    className={`border-b border-gray-100 ${r.key && r.key !== "class" ? "font-semibold" : ""}`}
                  >
                    <td className="p-1.5">
                      {r.code ? <span className="mr-1 font-mono text-xs text-gray-500">{r.code}</span> : null}
                      {r.name}
                    </td>
                    {table.id !== "t06" ? <td className="p-1.5 text-right text-gray-500">{r.line ?? ""}</td> : null}
                    {show.map((c) => (
                      <td key={c} className="num p-1.5">
                        {r.values[c] !== undefined ? <Cell cite={cite} r={r} v={r.values[c]} /> : ""}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}

function SangongTable({ table, cite }: { table: Table; cite?: SourceRef }) {
  const row = table.rows[0];
  const parts = ["Total", "Abroad", "Vehicle", "VehiclePurchase", "VehicleOperation", "Reception"];
  const names = ["合计", "因公出国（境）费", "公务用车 小计", "公务用车购置费", "公务用车运行维护费", "公务接待费"];
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[560px] border-collapse text-sm">
        <thead>
          <tr className="border-b bg-gray-100">
            <th className="p-1.5 text-left"></th>
            {names.map((n) => (
              <th key={n} className="num p-1.5">
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(["budget", "final"] as const).map((half) => (
            <tr key={half} className="border-b border-gray-100">
              <td className="p-1.5">{half === "budget" ? "预算数" : "决算数"}</td>
              {parts.map((p) => (
                <td key={p} className="num p-1.5">
                  {row?.values[`${half}${p}`] !== undefined ? (
                    <SourceLink
                      href={sourceHref(cite, row.sourceLine, row.values[`${half}${p}`])}
                      className={CELL_LINK}
                    >
                      <Wan v={row.values[`${half}${p}`]} />
                    </SourceLink>
                  ) : (
                    ""
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
