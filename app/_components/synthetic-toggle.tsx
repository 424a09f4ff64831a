import { DemoCitySwitch } from "./demo-city-switch";
import { hrefWith } from "./ui";

/**
 * Real and synthetic data are never mixed silently: the page says which it shows and switches to the other view.
 * The switch is remembered (a cookie) so the next page keeps it; the link itself carries `synthetic=1` so it can be
 * shared, and switching back drops the param (real documents only is the default).
 */
export function SyntheticToggle({
  path,
  synthetic,
  params,
}: {
  path: string;
  synthetic: boolean;
  params: Record<string, string | number | undefined>;
}) {
  return (
    <span className="rounded border border-gray-200 bg-white px-2 py-1 text-sm text-gray-600">
      {synthetic ? (
        <>
          含<span className="text-amber-800">合成示例城市</span>（生成的演示数据，非真实文件） ·{" "}
        </>
      ) : (
        "仅真实公开文件 · "
      )}
      <DemoCitySwitch href={hrefWith(path, { ...params, synthetic: synthetic ? undefined : "1" })} on={!synthetic}>
        {synthetic ? "只看真实公开文件" : "加入合成示例城市"}
      </DemoCitySwitch>
    </span>
  );
}
