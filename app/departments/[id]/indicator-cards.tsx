import { PEER_MEDIAN_KEYS, type DepartmentReport } from "@/db/queries/department";
import { BAND_TEXT, PEER_GROUP, POLICY_TEXT, figureBand, type Band } from "@/lib/metrics/policy";
import { FIGURE_LABELS } from "@/lib/report/labels";
import { Pct, Wan } from "../../_components/ui";

/** the cards are the figures the pack compares with the peer median */
const CARD_KEYS = PEER_MEDIAN_KEYS;

/** the band rule each card is marked by (its formula is printed on the card itself) */
const BAND_OF: Record<(typeof CARD_KEYS)[number], "execution" | "sme" | "change"> = {
  expenditureTotal: "change",
  basicExpenditure: "change",
  projectExpenditure: "change",
  gpbExecutionRate: "execution",
  sangongFinal: "change",
  procurementSmeShare: "sme",
  operatingCost: "change",
  personnelCost: "change",
};

const BAND_STYLE: Record<Band, string> = {
  good: "bg-emerald-100 text-emerald-800",
  watch: "bg-amber-100 text-amber-800",
  concern: "bg-rose-100 text-rose-800",
};

/** The headline figures, each with its formula, band, peer median and the stored previous year. */
export function IndicatorCards({ data }: { data: DepartmentReport }) {
  const { figures, priorFigures, peerMedians } = data;
  return (
    <section aria-label="核心指标" className="pack-cards grid grid-cols-2 gap-3 lg:grid-cols-4 print:grid-cols-4">
      {CARD_KEYS.map((k) => {
        const meta = FIGURE_LABELS[k];
        const v = figures[k];
        const b = figureBand(k, v, priorFigures?.[k]);
        const Fig = meta.unit === "%" ? Pct : Wan;
        return (
          <div
            key={k}
            className="pack-card rounded-lg border border-gray-200 bg-white p-3 shadow-sm"
            title={`标记：${POLICY_TEXT[BAND_OF[k]]}`}
          >
            <div className="flex items-center justify-between text-xs text-gray-500">
              <span>{meta.label}</span>
              {b ? <span className={`rounded px-1.5 py-0.5 ${BAND_STYLE[b]}`}>{BAND_TEXT[b]}</span> : null}
            </div>
            <div className="mt-1 text-xl font-semibold tabular-nums">
              <Fig v={v} />
              {v !== undefined && meta.unit !== "%" ? (
                <span className="ml-1 text-xs font-normal text-gray-500">万元</span>
              ) : null}
            </div>
            <div className="mt-1 text-xs text-gray-500">
              {peerMedians[k] !== undefined ? (
                <span title={POLICY_TEXT.peers}>
                  {`同类 ${data.peerCounts[k]} 个${data.scope}中位数：`}
                  <Fig v={peerMedians[k]} />
                </span>
              ) : (
                <span title={POLICY_TEXT.peers}>{`同类${data.scope}不足 ${PEER_GROUP.minPeers} 个，不列中位数`}</span>
              )}
              {priorFigures?.[k] !== undefined ? (
                <>
                  {" · 上年 "}
                  <Fig v={priorFigures[k]} />
                </>
              ) : null}
            </div>
            <div className="mt-1 text-[11px] text-gray-400">{meta.formula}</div>
          </div>
        );
      })}
    </section>
  );
}
