"use client";
import { DEMO_CITY_COOKIE } from "./demo-city-cookie";

/**
 * Writes the choice before the browser follows the link. A plain <a> (not next/link) on purpose: the full load drops
 * every page the client router kept from before the switch, so no page can come back with the old choice.
 */
export function DemoCitySwitch({ href, on, children }: { href: string; on: boolean; children: React.ReactNode }) {
  return (
    <a
      className="text-blue-700 hover:underline"
      href={href}
      data-demo-city={on ? "on" : "off"}
      onClick={() => {
        document.cookie = on
          ? `${DEMO_CITY_COOKIE}=1; path=/; max-age=31536000; samesite=lax`
          : `${DEMO_CITY_COOKIE}=; path=/; max-age=0; samesite=lax`;
      }}
    >
      {children}
    </a>
  );
}
