import { numeric } from "drizzle-orm/pg-core";

/**
 * Scales of the money and rate columns. Values always travel as decimal strings (drizzle's default string mode);
 * number mode would round 16+ digit amounts.
 *
 * Money keeps six decimals, not four: a document printed in 元 to the fen (1,234.56 元) becomes 0.123456 万元,
 * and an audit store must hold what the document printed. load.ts refuses any value finer than these scales
 * rather than let Postgres round it silently.
 */
export const AMOUNT_SCALE = 6;
export const RATE_SCALE = 4;

export const amount = (name: string) => numeric(name, { precision: 20, scale: AMOUNT_SCALE });
/** percentages (22.22 = 22.22 %) and scores */
export const rate = (name: string) => numeric(name, { precision: 12, scale: RATE_SCALE });
