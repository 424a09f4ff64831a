import type { OverviewTotals } from "@/db/queries/overview-flags";
import { evidenceHref } from "@/lib/report/evidence";
import { StatCard } from "../_components/stat-card";
import { Wan, hrefWith } from "../_components/ui";

type Card = { label: string; value: React.ReactNode; href?: string; title?: string };

/**
 * The year's headline totals. A sum over several departments is printed in no document: the table below gives
 * each department's figure with its place in the original. When one report makes the whole sum, the card's figure
 * is that report's and opens where it prints it.
 */
export function TotalCards({ totals, year, synthetic }: { totals: OverviewTotals; year: number; synthetic: boolean }) {
  const one = totals.only?.hasDocument ? totals.only.reportId : undefined;
  const ev = (figure: string) => (one !== undefined ? evidenceHref(one, { figure }) : undefined);
  const wan = (v: string) => (
    <>
      <Wan v={v} />
      <span className="ml-1 text-xs font-normal text-gray-500">万元</span>
    </>
  );
  const cards: Card[] = [
    { label: "已载入报告", value: `${totals.reports} 份` },
    { label: "本年支出合计", value: wan(totals.expenditure), href: ev("expenditureTotal") },
    { label: "“三公”经费决算", value: wan(totals.sangong), href: ev("sangongFinal") },
    { label: "政府采购支出", value: wan(totals.procurement), href: ev("procurementTotal") },
    {
      label: "审核错误",
      value: `${totals.errors} 项`,
      href: totals.errors
        ? hrefWith("/quality", { year, severity: "error", synthetic: synthetic ? "1" : undefined })
        : undefined,
      title: "查看每项错误及其在原文中的位置",
    },
  ];
  return (
    <section className="mb-6">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        {cards.map((c) => (
          <StatCard
            key={c.label}
            label={c.label}
            value={
              c.href ? (
                // a plain link: the evidence address is answered by a redirect, not a page the client router can fetch
                <a className="text-blue-800 hover:underline" href={c.href} title={c.title ?? "在原文中查看这个数字"}>
                  {c.value}
                </a>
              ) : (
                c.value
              )
            }
          />
        ))}
      </div>
      <p className="mt-1 text-xs text-gray-500">
        {one !== undefined
          ? "金额来自本年唯一一份报告，点击数字打开原文中印有它的页（行）。"
          : totals.reports > 1
            ? "金额为各部门之和（单位已含在其部门决算中的不重复相加），不见于任何一份文件；各部门的数字见下表，每个数字都链接到原文。"
            : null}
      </p>
    </section>
  );
}
