import Link from "next/link";
import { getCompletenessRanking } from "@/db/queries/quality";
import type { QualityFilters } from "@/db/queries/quality";
import { completenessColumns } from "@/lib/views/quality";
import { DataTable } from "../_components/data-table";
import { Pager } from "../_components/pager";
import { CsvLink, Section, SyntheticBadge } from "../_components/ui";

type Keep = Record<string, string | number | undefined>;

/** 信息完整度排名, least complete first, a page of `pageSize` reports at a time (the query sets the order). */
export async function CompletenessSection(props: {
  f: QualityFilters;
  keep: Keep;
  rank: number;
  pageSize: number;
  total: number;
  href: (n: number) => string;
}) {
  const { rank, pageSize } = props;
  const ranking = await getCompletenessRanking(props.f, pageSize, (rank - 1) * pageSize);
  return (
    <Section
      id="completeness"
      title="信息完整度排名（由低到高）"
      actions={<CsvLink dataset="completeness" params={props.keep} />}
      note="完整度 = 模板要求披露的项目中已披露的比例（九张表、三公数量、采购中小企业数字、名词解释、预算执行说明、绩效自评）。"
    >
      <DataTable
        columns={completenessColumns}
        rows={ranking}
        rowKey={(r) => `${r.departmentId}-${r.year}`}
        sortable={false}
        minWidth="min-w-[520px]"
        cells={{
          department: (r) => (
            <>
              <Link className="text-blue-700 hover:underline" href={`/departments/${r.departmentId}?year=${r.year}`}>
                {r.department}
              </Link>
              <SyntheticBadge synthetic={r.synthetic} />
            </>
          ),
        }}
      />
      <Pager page={rank} pageSize={pageSize} total={props.total} href={props.href} unit="份" />
    </Section>
  );
}
