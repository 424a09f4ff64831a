/**
 * npm run bench -- scale [--sizes 1000,10000] [--with-100k] [--clients 8] [--seconds 30]
 * The scale run of issue 5: for each size, a store of that many synthetic reports (built or resumed with
 * scripts/build-store.ts), then the `pages` bench against it. PGlite always (a directory per size under the OS temp
 * dir); real PostgreSQL too when DATABASE_URL is set (a database `fl_scale_<size>` per size on that server). The
 * 100,000-report stores take ~20 min (Postgres) each to build and 10 GB, so they come only with --with-100k.
 * Each step runs as its own process, exactly as a user would run it; stores are kept so a second run only measures.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { arg, intArg, UsageError } from "./cli-args";

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(cmd, args, {
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} 失败（退出码 ${r.status}）`);
  return r.stdout;
}

export async function benchScaleCmd(args: string[]): Promise<{ text: string; code: number }> {
  const sizes = (arg(args, "sizes") ?? "1000,10000").split(",").map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new UsageError(`--sizes 应为逗号分隔的正整数，实为 “${arg(args, "sizes")}”`);
  if (args.includes("--with-100k") && !sizes.includes(100_000)) sizes.push(100_000);
  const clients = intArg(args, "clients", 8);
  const seconds = intArg(args, "seconds", 30);

  const base: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete base.DATABASE_URL;
  delete base.DATABASE_READ_URL;
  const targets: { label: string; env: (n: number) => Promise<NodeJS.ProcessEnv> }[] = [
    { label: "PGlite", env: async (n) => ({ ...base, PGLITE_DIR: path.join(os.tmpdir(), `fl-scale-${n}`) }) },
  ];
  const server = process.env.DATABASE_URL;
  if (server) {
    targets.push({
      label: "PostgreSQL",
      env: async (n) => {
        const name = `fl_scale_${n}`;
        const admin = postgres(server, { max: 1, onnotice: () => {} });
        try {
          const [{ exists }] = await admin`select exists (select 1 from pg_database where datname = ${name}) as exists`;
          if (!exists) await admin.unsafe(`CREATE DATABASE "${name}"`);
        } finally {
          await admin.end();
        }
        const url = new URL(server);
        url.pathname = `/${name}`;
        return { ...base, DATABASE_URL: url.toString() };
      },
    });
  }

  const out: string[] = [];
  for (const n of sizes) {
    for (const t of targets) {
      const env = await t.env(n);
      process.stderr.write(`== ${t.label}, ${n} 份：建库（已有的城市跳过）…\n`);
      out.push(
        `<!-- ${t.label}, ${n} reports: ${run("npx", ["tsx", "scripts/build-store.ts", "--reports", String(n)], env)
          .trim()
          .split("\n")
          .pop()} -->`,
      );
      process.stderr.write(`== ${t.label}, ${n} 份：页面\n`);
      out.push(
        run(
          "npx",
          [
            "tsx",
            "--conditions=react-server",
            "scripts/bench.ts",
            "pages",
            "--clients",
            String(clients),
            "--seconds",
            String(seconds),
          ],
          env,
        ),
      );
    }
  }
  return { text: out.join("\n"), code: 0 };
}
