import Link from "next/link";
import { resolveYear } from "@/db/queries/figures";
import {
  FLAG_TITLES,
  getFlagSummary,
  getLargestReports,
  getOverviewTotals,
  type FlagKind,
} from "@/db/queries/overview-flags";
import { OVERVIEW_FLAG_KINDS, overviewPageParamsSchema, parseParams, type RawParams } from "@/lib/filters";
import { POLICY_TEXT } from "@/lib/metrics/policy";
import { BudgetSeason } from "./_components/budget-season";
import { Bars } from "./_components/charts/charts";
import { Pager } from "./_components/pager";
import { SyntheticToggle } from "./_components/synthetic-toggle";
import { CsvLink, Empty, PageHeader, Section, YearPicker, hrefWith } from "./_components/ui";
import { withDemoChoice } from "./_lib/demo-city";
import { FlagItem } from "./_overview/flag-item";
import { ReportTable } from "./_overview/report-table";
import { TotalCards } from "./_overview/total-cards";

/** departments in the overview's spending chart */
const LARGEST = 15;

export const dynamic = "force-dynamic";

const FLAG_ORDER: readonly FlagKind[] = OVERVIEW_FLAG_KINDS;
/** flags shown per kind on the overview; the rest page by page (`flag=`) and in the CSV */
const PER_KIND = 8;
const FLAG_PAGE = 50;
const TABLE_PAGE = 50;

export default async function OverviewPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(overviewPageParamsSchema, await withDemoChoice(await props.searchParams));
  const { year, years } = await resolveYear(sp.year, sp.synthetic);
  const keep = { synthetic: sp.synthetic ? "1" : undefined };
  if (year === undefined) {
    return (
      <div>
        <PageHeader title="总览">
          <SyntheticToggle path="/" synthetic={sp.synthetic} params={{}} />
        </PageHeader>
        <Empty>
          库中还没有{sp.synthetic ? "" : "真实公开的"}决算报告。运行{" "}
          <code>npm run cli -- ingest &lt;文件或目录&gt;</code> 载入{sp.synthetic ? "" : "，或加入合成示例城市查看演示"}
          。
        </Empty>
      </div>
    );
  }
  const flagPage = sp.flag ? Math.max(1, sp.page ?? 1) : 1;
  const flagOpts = (page: number) =>
    sp.flag ? { kind: sp.flag, offset: (page - 1) * FLAG_PAGE, limit: FLAG_PAGE } : { perKind: PER_KIND };
  const [totals, requestedFlags, top] = await Promise.all([
    getOverviewTotals(year, sp.synthetic),
    getFlagSummary(year, sp.synthetic, flagOpts(flagPage)),
    getLargestReports(year, sp.synthetic, 0, LARGEST),
  ]);
  // a missing part is not drawn as zero: such a department is left out of the stacked bars
  const charted = top.filter(
    (r) => r.figures.basicExpenditure !== undefined && r.figures.projectExpenditure !== undefined,
  );
  // a flag page past the end shows the last page
  const flagPages = sp.flag ? Math.max(1, Math.ceil((requestedFlags.counts[sp.flag] ?? 0) / FLAG_PAGE)) : 1;
  const shownFlagPage = Math.min(flagPage, flagPages);
  const flags =
    shownFlagPage === flagPage ? requestedFlags : await getFlagSummary(year, sp.synthetic, flagOpts(shownFlagPage));
  // the departments' table pages on `page` (unless a flag list is open, which pages on it)
  const tablePages = Math.max(1, Math.ceil(totals.reports / TABLE_PAGE));
  const tablePage = sp.flag ? 1 : Math.min(Math.max(1, sp.page ?? 1), tablePages);
  const table = sp.flag ? [] : await getLargestReports(year, sp.synthetic, (tablePage - 1) * TABLE_PAGE, TABLE_PAGE);
  const here = { year, ...keep };
  const flagHref = (kind: FlagKind, page?: number) =>
    hrefWith("/", { ...here, flag: kind, page: page && page > 1 ? page : undefined }) + "#flags";
  const o = { flags: flags.flags };

  return (
    <div>
      <PageHeader title={`${year} 年度总览`} subtitle="先看需要关注的情况，每一条都链接到证据。">
        <YearPicker years={years} current={year} path="/" params={keep} />
        <SyntheticToggle path="/" synthetic={sp.synthetic} params={{ year }} />
      </PageHeader>

      <TotalCards totals={totals} year={year} synthetic={sp.synthetic} />

      <BudgetSeason />

      <Section
        id="flags"
        title={`需要关注（${flags.total}）`}
        actions={<CsvLink dataset="flags" params={{ year, ...keep }} />}
        note={`阈值：${POLICY_TEXT.flags}。每类按偏离程度由大到小排列。每条末尾的“原文证据”打开原文中印有该数字的页（文本文件为行），并标出该数字；由几个数字算出的提示链接其中主要的一个，鼠标停留可见是哪一个。`}
      >
        {flags.total === 0 ? (
          <Empty>本年度没有触发任何提示。</Empty>
        ) : sp.flag ? (
          <div>
            <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
              <h3 className="font-semibold text-gray-800">
                {FLAG_TITLES[sp.flag]}（{flags.counts[sp.flag] ?? 0}）
              </h3>
              <Link className="text-blue-700 hover:underline" href={hrefWith("/", here) + "#flags"}>
                返回全部类别
              </Link>
            </div>
            {o.flags.length === 0 ? (
              <Empty>本类没有提示。</Empty>
            ) : (
              <ol className="space-y-1 text-sm">
                {o.flags.map((f, i) => (
                  <FlagItem key={i} flag={f} />
                ))}
              </ol>
            )}
            <Pager
              page={shownFlagPage}
              pageSize={FLAG_PAGE}
              total={flags.counts[sp.flag] ?? 0}
              href={(n) => flagHref(sp.flag!, n)}
              unit="条"
            />
          </div>
        ) : (
          <div className="grid gap-4 md:grid-cols-2">
            {FLAG_ORDER.filter((k) => (flags.counts[k] ?? 0) > 0).map((k) => {
              const list = o.flags.filter((f) => f.kind === k);
              const n = flags.counts[k] ?? 0;
              return (
                <div key={k}>
                  <h3 className="mb-1 text-sm font-semibold text-gray-800">
                    {FLAG_TITLES[k]}（{n}）
                  </h3>
                  <ul className="space-y-1 text-sm">
                    {list.map((f, i) => (
                      <FlagItem key={i} flag={f} />
                    ))}
                    {n > list.length ? (
                      <li className="text-xs">
                        <Link className="text-blue-700 hover:underline" href={flagHref(k)}>
                          查看全部 {n} 条
                        </Link>
                        <span className="text-gray-500">（另有 {n - list.length} 条，也可下载 CSV）</span>
                      </li>
                    ) : null}
                  </ul>
                </div>
              );
            })}
          </div>
        )}
      </Section>

      <Section
        title={`本年支出合计${charted.length >= LARGEST ? `（支出最大的 ${LARGEST} 个部门）` : `（${charted.length} 个部门）`}`}
        note="来源：各部门公开01表“本年支出合计”，分为基本支出与项目支出；未披露两项之一的部门不画。"
      >
        {charted.length ? (
          <Bars
            data={charted.map((r) => ({
              部门: r.department,
              基本支出: Number(r.figures.basicExpenditure),
              项目支出: Number(r.figures.projectExpenditure),
            }))}
            index="部门"
            categories={["基本支出", "项目支出"]}
            stack
            layout="vertical"
            height={charted.length <= 5 ? "h-48" : "h-[34rem]"}
          />
        ) : (
          <Empty>没有可比较的支出数字。</Empty>
        )}
      </Section>

      <Section
        id="reports"
        title="各部门主要数字"
        note={`按本年支出合计由大到小，每页 ${TABLE_PAGE} 份；要找某个部门，请用“部门”页的名称搜索，或下载 CSV（全部 ${totals.reports} 份）。`}
        actions={<CsvLink dataset="overview" params={{ year, ...keep }} />}
      >
        {sp.flag ? (
          <p className="text-sm">
            <Link className="text-blue-700 hover:underline" href={hrefWith("/", here) + "#reports"}>
              显示各部门主要数字
            </Link>
          </p>
        ) : (
          <>
            <Pager
              page={tablePage}
              pageSize={TABLE_PAGE}
              total={totals.reports}
              href={(n) => hrefWith("/", { ...here, page: n > 1 ? n : undefined }) + "#reports"}
              unit="份"
            />
            <ReportTable rows={table} year={year} />
            <Pager
              page={tablePage}
              pageSize={TABLE_PAGE}
              total={totals.reports}
              href={(n) => hrefWith("/", { ...here, page: n > 1 ? n : undefined }) + "#reports"}
              unit="份"
            />
            <p className="mt-2 text-xs text-gray-500">
              金额单位：万元。“—”表示文件未披露或无法计算，不等于零。带虚线的数字链接到原文中印有它的页（行）。
            </p>
          </>
        )}
      </Section>
    </div>
  );
}
