"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CSRF_HEADER } from "../_lib/limits";
import { MAX_ORG_NAME, ORG_PATH, type OrgCorrection } from "./org-api";

type Notice = { ok: boolean; text: string } | null;

async function send(correction: OrgCorrection, token: string): Promise<Notice> {
  let res: Response;
  try {
    res = await fetch(ORG_PATH, {
      method: "POST",
      body: JSON.stringify(correction),
      headers: { "content-type": "application/json", [CSRF_HEADER]: token },
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    return { ok: false, text: "网络错误，更正未能送达服务器" };
  }
  const data = (await res.json().catch(() => null)) as { outcome?: string; error?: string } | null;
  if (!res.ok) return { ok: false, text: data?.error ?? `服务器返回 ${res.status}` };
  return { ok: true, text: `已保存：${data?.outcome ?? "更正已生效"}` };
}

const field = "w-full rounded border border-gray-300 px-2 py-1 text-sm";
const button = "rounded bg-blue-700 px-3 py-1 text-sm text-white disabled:opacity-50";

/**
 * The two corrections: "A is the same organisation as B" and "unit U belongs to 部门 P". Departments are typed with
 * suggestions (a province has thousands, the list holds some) and the server finds them by name; a unit may be one
 * that has not published yet.
 */
export function OrgForms({ token, suggestions }: { token: string; suggestions: string[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>, build: (f: FormData) => OrgCorrection | string) {
    e.preventDefault();
    const form = e.currentTarget;
    const built = build(new FormData(form));
    if (typeof built === "string") return setNotice({ ok: false, text: built });
    setBusy(true);
    const result = await send(built, token);
    setBusy(false);
    setNotice(result);
    if (result?.ok) {
      form.reset();
      router.refresh();
    }
  }

  const text = (f: FormData, key: string) => String(f.get(key) ?? "").trim();

  const merge = (f: FormData): OrgCorrection | string => {
    const from = text(f, "from");
    const to = text(f, "to");
    if (!from || !to) return "请填写两个部门的名称";
    if (from === to) return "请填写两个不同的部门";
    return { action: "merge", from, to };
  };
  const unit = (f: FormData): OrgCorrection | string => {
    const name = text(f, "unit");
    const parent = text(f, "parent");
    if (!name || !parent) return "请填写单位和所属部门的名称";
    return { action: "unit", unit: name, parent };
  };

  return (
    <div className="space-y-4">
      <datalist id="org-departments">
        {suggestions.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <form
        className="grid gap-2 sm:grid-cols-[1fr_auto_1fr_auto] sm:items-end"
        onSubmit={(e) => submit(e, merge)}
        aria-label="合并部门"
      >
        <label className="text-sm">
          部门 A
          <input
            name="from"
            list="org-departments"
            className={field}
            autoComplete="off"
            maxLength={MAX_ORG_NAME}
            required
          />
        </label>
        <span className="pb-1 text-sm text-gray-600">与</span>
        <label className="text-sm">
          部门 B 是同一单位（A 的报告并入 B）
          <input
            name="to"
            list="org-departments"
            className={field}
            autoComplete="off"
            maxLength={MAX_ORG_NAME}
            required
          />
        </label>
        <button type="submit" className={button} disabled={busy}>
          合并
        </button>
      </form>
      <form
        className="grid gap-2 sm:grid-cols-[1fr_auto_1fr_auto] sm:items-end"
        onSubmit={(e) => submit(e, unit)}
        aria-label="指定单位所属部门"
      >
        <label className="text-sm">
          单位（可尚未载入）
          <input
            name="unit"
            list="org-departments"
            className={field}
            autoComplete="off"
            maxLength={MAX_ORG_NAME}
            required
          />
        </label>
        <span className="pb-1 text-sm text-gray-600">属于</span>
        <label className="text-sm">
          部门
          <input
            name="parent"
            list="org-departments"
            className={field}
            autoComplete="off"
            maxLength={MAX_ORG_NAME}
            required
          />
        </label>
        <button type="submit" className={button} disabled={busy}>
          保存
        </button>
      </form>
      {notice ? (
        <p role="status" className={`text-sm ${notice.ok ? "text-emerald-800" : "text-rose-700"}`}>
          {notice.text}
        </p>
      ) : null}
    </div>
  );
}
