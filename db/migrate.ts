import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { referenceSubjects, upsertSubjects } from "./subjects";
import type { Db, Driver } from "./types";

export function migrationsDir(): string {
  return path.resolve(process.cwd(), "db/migrations");
}

/** Applies pending migrations (drizzle's journal makes this a no-op when current) and seeds the reference subjects. */
export async function migrateDb(db: Db, driver: Driver): Promise<void> {
  const config = { migrationsFolder: migrationsDir() };
  if (driver === "pglite") await migratePglite(db as unknown as PgliteDatabase, config);
  else await migratePostgres(db as unknown as PostgresJsDatabase, config);
  await upsertSubjects(db, referenceSubjects());
}
