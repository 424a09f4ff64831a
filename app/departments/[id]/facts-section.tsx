import { D } from "@/lib/money/decimal";
import type { Report } from "@/lib/report/schema";
import { Empty, Pct, Section, Term, Wan } from "../../_components/ui";

/** 元 per unit (接待人次, 车辆, 出国人次) from an amount in 万元; undefined without a count. */
function perUnitYuan(amount: string | undefined, count: number | undefined): string | undefined {
  if (amount === undefined || count === undefined || count === 0) return undefined;
  return new D(amount).div(count).times(10000).toFixed(0);
}

function PerUnit({ amount, count }: { amount: string | undefined; count: number | undefined }) {
  const v = perUnitYuan(amount, count);
  return v === undefined ? <span className="text-gray-400">—</span> : <span>{`${v} 元`}</span>;
}

/** 三公, procurement, 机关运行经费 and assets as the narrative states them. */
export function FactsSection({ report }: { report: Report }) {
  const n = report.narrative;
  const glossary = new Map(report.glossary.map((g) => [g.term, g.definition]));
  return (
    <div className="grid gap-4 lg:grid-cols-3 print:grid-cols-3">
      <Section
        className="pack-card"
        title="“三公”经费"
        note="单位成本为本产品计算：接待费 ÷ 接待人次，运行维护费 ÷ 保有车辆，出国费 ÷ 出国人次。"
      >
        {n.sangong ? (
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
            <dt className="text-gray-500">预算 / 决算</dt>
            <dd className="num">
              <Wan v={n.sangong.total?.budget} /> / <Wan v={n.sangong.total?.final} />
            </dd>
            <dt className="text-gray-500">出国团组 / 人次</dt>
            <dd className="num">{`${n.sangong.abroadGroups ?? "—"} / ${n.sangong.abroadPersons ?? "—"}`}</dd>
            <dt className="text-gray-500">购置 / 保有车辆</dt>
            <dd className="num">{`${n.sangong.vehiclesPurchased ?? "—"} / ${n.sangong.vehiclesKept ?? "—"} 辆`}</dd>
            <dt className="text-gray-500">国内接待 批次 / 人次</dt>
            <dd className="num">{`${n.sangong.receptionDomestic?.batches ?? "—"} / ${n.sangong.receptionDomestic?.persons ?? "—"}`}</dd>
            <dt className="text-gray-500">每接待人次</dt>
            <dd className="num">
              <PerUnit amount={n.sangong.reception?.final} count={n.sangong.receptionDomestic?.persons} />
            </dd>
            <dt className="text-gray-500">每辆车运行维护</dt>
            <dd className="num">
              <PerUnit amount={n.sangong.vehicleOperation} count={n.sangong.vehiclesKept} />
            </dd>
            <dt className="text-gray-500">每出国人次</dt>
            <dd className="num">
              <PerUnit amount={n.sangong.abroad?.final} count={n.sangong.abroadPersons} />
            </dd>
          </dl>
        ) : (
          <Empty>未披露“三公”经费说明。</Empty>
        )}
      </Section>
      <Section className="pack-card" title="政府采购">
        {n.procurement ? (
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
            <dt className="text-gray-500">采购总额</dt>
            <dd className="num">
              <Wan v={n.procurement.total} />
            </dd>
            <dt className="text-gray-500">货物 / 工程 / 服务</dt>
            <dd className="num">
              <Wan v={n.procurement.goods} /> / <Wan v={n.procurement.works} /> / <Wan v={n.procurement.services} />
            </dd>
            <dt className="text-gray-500">授予中小企业</dt>
            <dd className="num">
              <Wan v={n.procurement.sme} />（<Pct v={n.procurement.smeShare} />）
            </dd>
            <dt className="text-gray-500">其中小微企业</dt>
            <dd className="num">
              <Wan v={n.procurement.smallMicro} />（<Pct v={n.procurement.smallMicroShare} />）
            </dd>
          </dl>
        ) : (
          <Empty>未披露政府采购情况。</Empty>
        )}
      </Section>
      <Section className="pack-card" title="机关运行经费与国有资产">
        <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
          <dt className="text-gray-500">
            <Term definition={glossary.get("机关运行经费")}>机关运行经费</Term>
          </dt>
          <dd className="num">
            <Wan v={n.operatingCost?.amount} />
          </dd>
          <dt className="text-gray-500">比年初预算</dt>
          <dd className="num">
            {n.operatingCost?.changeVsBudget !== undefined ? (
              <>
                <Wan v={n.operatingCost.changeVsBudget} />（<Pct v={n.operatingCost.pct} />）
              </>
            ) : (
              "—"
            )}
          </dd>
          <dt className="text-gray-500">车辆</dt>
          <dd className="num">{`${n.assets?.vehicles ?? "—"} 辆`}</dd>
          <dt className="text-gray-500">百万元以上设备</dt>
          <dd className="num">{`${n.assets?.largeEquipment ?? "—"} 台（套）`}</dd>
        </dl>
        {n.operatingCost?.reason ? (
          <p className="mt-2 text-xs text-gray-600">{`原因：${n.operatingCost.reason}`}</p>
        ) : null}
      </Section>
    </div>
  );
}
