/**
 * Run as its own process by ./data-version.test.ts: opens the PostgreSQL database at URL, starts a load batch,
 * says "running" and waits inside it until it is killed.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { withLoadBatch } from "../../db/data-version";
import type { Db } from "../../db/types";

const client = postgres(process.env.URL!, { max: 2, onnotice: () => {} });
void withLoadBatch(drizzle({ client }) as unknown as Db, async () => {
  process.stdout.write("running\n");
  await new Promise(() => {});
});
