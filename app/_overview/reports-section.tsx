import Link from "next/link";
import { Pager } from "../_components/pager";
import { CsvLink, Section, hrefWith } from "../_components/ui";
import { ReportTable } from "./report-table";
import { TABLE_PAGE, type TableData } from "./view";

/** Every department's headline figures, largest spending first, page by page; hidden while a flag list is open. */
export function ReportsSection({ d, flagOpen }: { d: TableData; flagOpen: boolean }) {
  const pager = (
    <Pager
      page={d.tablePage}
      pageSize={TABLE_PAGE}
      total={d.totals.reports}
      href={(n) => `${hrefWith("/", { ...d.here, page: n > 1 ? n : undefined })}#reports`}
      unit="份"
    />
  );
  return (
    <Section
      id="reports"
      title="各部门主要数字"
      note={`按本年支出合计由大到小，每页 ${TABLE_PAGE} 份；要找某个部门，请用“部门”页的名称搜索，或下载 CSV（全部 ${d.totals.reports} 份）。`}
      actions={<CsvLink dataset="overview" params={d.here} />}
    >
      {flagOpen ? (
        <p className="text-sm">
          <Link className="text-blue-700 hover:underline" href={`${hrefWith("/", d.here)}#reports`}>
            显示各部门主要数字
          </Link>
        </p>
      ) : (
        <>
          {pager}
          <ReportTable rows={d.table} year={d.here.year} />
          {pager}
        </>
      )}
    </Section>
  );
}
