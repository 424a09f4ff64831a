// Child process for lock.test.ts: holds the PGlite directory given as argv[2] until stdin closes.
import { openPglite } from "../../db/client";

async function main() {
  const store = await openPglite(process.argv[2]);
  process.stdout.write(`ready ${process.pid}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => {
    store.close().then(() => process.exit(0));
  });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
