import type { Report } from "@/lib/report/schema";
import { locationText } from "@/lib/report/coverage";
import { RawGrid } from "../../../_components/reading-coverage";
import { Section } from "../../../_components/ui";

/** The tables the reader did not recognise, cell for cell as the document has them. */
export function ExtraTables({ report }: { report: Report }) {
  return (
    <Section
      title={`其他表格（${report.extraTables.length} 张，未识别）`}
      id="extra-tables"
      note="文件中的这些表不在九张决算公开表之列（如项目支出决算表、国有资产占用情况表），本产品不认识其结构，照原文保留单元格，不参与核对与指标。"
    >
      <div className="space-y-6">
        {report.extraTables.map((t, i) => (
          <RawGrid key={i} title={t.title} where={locationText(report, t)} rows={t.rows} />
        ))}
      </div>
    </Section>
  );
}

/** Cells the tables' own sums could not place in one column: a reader checks them against the original. */
export function Ambiguities({ report }: { report: Report }) {
  return (
    <Section
      title="待人工确认的单元格"
      note="PDF 提取的文本中空白单元格不留痕迹；以下单元格无法仅凭表内和表间关系唯一确定所属列。"
    >
      <ul className="list-disc pl-5 text-sm">
        {report.ambiguities.map((a, i) => (
          <li key={i}>
            {a.table}
            {a.sourceLine ? ` ${locationText(report, a)}` : ""}：{a.message}
          </li>
        ))}
      </ul>
    </Section>
  );
}
