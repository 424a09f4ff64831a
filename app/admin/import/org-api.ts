// The organisation-correction endpoint's path and payload, shared by the route (which enforces them) and the form.

export const ORG_PATH = "/admin/import/organisations";
/** a correction is two names: a few hundred bytes */
export const MAX_ORG_BODY_BYTES = 4096;
export const MAX_ORG_NAME = 200;

/** Departments by name (as listed, or any printing with the same org key); a unit may not have loaded yet. */
export type OrgCorrection =
  | { action: "merge"; from: string; to: string }
  | { action: "unit"; unit: string; parent: string };

/** The payload as sent, or null when it is not one of the two corrections. */
export function parseCorrection(v: unknown): OrgCorrection | null {
  if (typeof v !== "object" || v === null) return null;
  const o = v as Record<string, unknown>;
  const name = (x: unknown) => typeof x === "string" && x.trim() !== "" && x.length <= MAX_ORG_NAME;
  if (o.action === "merge" && name(o.from) && name(o.to))
    return { action: "merge", from: (o.from as string).trim(), to: (o.to as string).trim() };
  if (o.action === "unit" && name(o.unit) && name(o.parent))
    return { action: "unit", unit: (o.unit as string).trim(), parent: (o.parent as string).trim() };
  return null;
}
