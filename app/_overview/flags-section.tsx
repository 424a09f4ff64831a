import Link from "next/link";
import { FLAG_TITLES, type FlagKind } from "@/db/queries/overview-flags";
import { OVERVIEW_FLAG_KINDS } from "@/lib/filters";
import { POLICY_TEXT } from "@/lib/metrics/policy";
import { Pager } from "../_components/pager";
import { CsvLink, Empty, Section, hrefWith } from "../_components/ui";
import { FlagItem } from "./flag-item";
import { FLAG_PAGE, type FlagsData } from "./view";

const FLAG_ORDER: readonly FlagKind[] = OVERVIEW_FLAG_KINDS;

/** What needs a look: a few of each kind side by side, or one kind's full list page by page (`flag=`). */
export function FlagsSection({ d, kind }: { d: FlagsData; kind: FlagKind | undefined }) {
  const { flags } = d;
  return (
    <Section
      id="flags"
      title={`需要关注（${flags.total}）`}
      actions={<CsvLink dataset="flags" params={d.here} />}
      note={`阈值：${POLICY_TEXT.flags}。每类按偏离程度由大到小排列。每条末尾的“原文证据”打开原文中印有该数字的页（文本文件为行），并标出该数字；由几个数字算出的提示链接其中主要的一个，鼠标停留可见是哪一个。`}
    >
      {flags.total === 0 ? (
        <Empty>本年度没有触发任何提示。</Empty>
      ) : kind ? (
        <div>
          <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
            <h3 className="font-semibold text-gray-800">
              {FLAG_TITLES[kind]}（{flags.counts[kind] ?? 0}）
            </h3>
            <Link className="text-blue-700 hover:underline" href={`${hrefWith("/", d.here)}#flags`}>
              返回全部类别
            </Link>
          </div>
          {flags.flags.length === 0 ? (
            <Empty>本类没有提示。</Empty>
          ) : (
            <ol className="space-y-1 text-sm">
              {flags.flags.map((f, i) => (
                <FlagItem key={i} flag={f} />
              ))}
            </ol>
          )}
          <Pager
            page={d.shownFlagPage}
            pageSize={FLAG_PAGE}
            total={flags.counts[kind] ?? 0}
            href={(n) => d.flagHref(kind, n)}
            unit="条"
          />
        </div>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {FLAG_ORDER.filter((k) => (flags.counts[k] ?? 0) > 0).map((k) => {
            const list = flags.flags.filter((f) => f.kind === k);
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
                      <Link className="text-blue-700 hover:underline" href={d.flagHref(k)}>
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
  );
}
