import { getSangongCategories } from "@/db/queries/sangong";
import { shareOf } from "@/lib/metrics/dashboard";
import { D } from "@/lib/money/decimal";
import { formatChange } from "@/lib/money/format";
import { StatCard } from "../_components/stat-card";
import { Pct, Wan } from "../_components/ui";
import { departmentRows, type SangongView } from "./view";

/** 决算, 预算, their ratio and the change on the same departments' previous year. */
export async function SummaryCards({ v }: { v: SangongView }) {
  const [cats, { summary }] = await Promise.all([getSangongCategories(v.f), departmentRows(v)]);
  const total = cats.categories.find((c) => c.key === "Total");
  const { changeSum, priorSum } = summary;
  const wan = (x: string | undefined) =>
    x ? (
      <>
        <Wan v={x} />
        <span className="ml-1 text-xs font-normal text-gray-500">万元</span>
      </>
    ) : (
      "—"
    );
  return (
    <section className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
      <StatCard
        label={`决算合计（${v.sp.dept ? "该部门" : "全部部门"}）`}
        value={wan(total?.final)}
        sub={`${cats.reportsWithTable} 份报告有公开09表`}
      />
      <StatCard label="预算合计" value={wan(total?.budget)} />
      <StatCard label="决算 ÷ 预算" value={<Pct v={total?.rate} />} />
      <StatCard
        label="比上年（同一批部门）"
        value={
          changeSum === undefined ? (
            "—"
          ) : (
            <>
              {formatChange(changeSum)}
              <span className="ml-1 text-xs font-normal text-gray-500">万元</span>
            </>
          )
        }
        sub={
          summary.compared
            ? `${summary.compared} 个部门两年都有，其中 ${summary.up} 个增加${priorSum ? `；增减 ${pctText(shareOf(changeSum, priorSum))}` : ""}`
            : `库中没有 ${v.year - 1} 年可比的报告`
        }
        tone={changeSum !== undefined && new D(changeSum).gt(0) ? "bad" : undefined}
      />
    </section>
  );
}

function pctText(x: string | undefined) {
  return x === undefined ? "—" : `${new D(x).isNeg() ? "" : "+"}${x}%`;
}
