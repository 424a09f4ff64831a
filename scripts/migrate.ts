/**
 * `npm run db:migrate`: applies pending migrations and seeds the reference subjects, then exits — the same step an
 * app server or the CLI takes when it opens the store (DATABASE_URL, else PGlite in PGLITE_DIR). Several may run at
 * once against one Postgres: db/migrate.ts serialises them.
 */
import { closeDb, getStore } from "../db/client";

async function main(): Promise<number> {
  try {
    const store = await getStore();
    process.stdout.write(`数据库已迁移（${store.where}）。\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`数据库无法打开或迁移失败：${(e as Error).message}\n`);
    return 1;
  } finally {
    await closeDb();
  }
}

main().then((code) => process.exit(code));
