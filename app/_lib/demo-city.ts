import "server-only";
import { cookies } from "next/headers";
import type { RawParams } from "@/lib/filters";
import { DEMO_CITY_COOKIE } from "../_components/demo-city-cookie";

/**
 * A page's params with the reader's demo-city choice filled in: an explicit `synthetic` in the URL wins (so a shared
 * link shows what its sender saw), otherwise the cookie the toggle last wrote, otherwise real documents only.
 */
export async function withDemoChoice(raw: RawParams): Promise<RawParams> {
  if (raw.synthetic !== undefined) return raw;
  const chosen = (await cookies()).get(DEMO_CITY_COOKIE)?.value === "1";
  return chosen ? { ...raw, synthetic: "1" } : raw;
}
