import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Throwaway PostgreSQL clusters on loopback, made with the installed server binaries (initdb, pg_ctl,
 * pg_basebackup), for tests that must stop, kill or replicate a server — which the shared 5432 cluster must never
 * suffer. Running as root, the binaries are run as the `postgres` user, as the server refuses to run as root.
 */

export type Cluster = {
  dir: string;
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<db> */
  url: (db?: string) => string;
  start: () => void;
  /** `immediate` is a crash as far as the clients can tell: no checkpoint, every connection cut at once. */
  stop: (mode?: "fast" | "immediate") => void;
  isRunning: () => boolean;
  /** Stops the server and deletes its directory. */
  destroy: () => void;
};

function pgBinDir(): string | null {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv && fs.existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

/** Why throwaway clusters cannot be made here, or null when they can. */
export function clusterUnavailableReason(): string | null {
  if (!pgBinDir()) return "no PostgreSQL server binaries (initdb) under /usr/lib/postgresql or PG_BIN_DIR";
  if (isRoot() && spawnSync("id", ["-u", "postgres"]).status !== 0) return "running as root without a postgres user";
  return null;
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function run(bin: string, args: string[], opts: { allowFail?: boolean } = {}): string {
  const binDir = pgBinDir();
  if (!binDir) throw new Error(clusterUnavailableReason() ?? "no PostgreSQL binaries");
  const file = path.join(binDir, bin);
  const [cmd, argv] = isRoot() ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  const r = spawnSync(cmd, argv, { encoding: "utf8", cwd: "/tmp" });
  if (r.status !== 0 && !opts.allowFail) {
    throw new Error(`${bin} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
  }
  return r.stdout;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function makeDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o700);
  if (isRoot()) execFileSync("chown", ["postgres:postgres", dir]);
  return dir;
}

function cluster(dir: string, port: number): Cluster {
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  const isRunning = () => run("pg_ctl", ["-D", data, "status"], { allowFail: true }).includes("server is running");
  const stop = (mode: "fast" | "immediate" = "fast") => {
    if (isRunning()) run("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]);
  };
  return {
    dir,
    port,
    url: (db = "postgres") => `postgres://postgres@127.0.0.1:${port}/${db}`,
    start: () => {
      if (!isRunning()) run("pg_ctl", ["-D", data, "-l", log, "-w", "-t", "60", "start"]);
    },
    stop,
    isRunning,
    destroy: () => {
      try {
        stop("immediate");
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function serverOptions(port: number, dir: string): string[] {
  return [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    "fsync = off",
    "full_page_writes = off",
    "synchronous_commit = off",
    "shared_buffers = 32MB",
    "max_connections = 60",
    "wal_level = replica",
    "max_wal_senders = 4",
    "hot_standby = on",
  ];
}

/** A new, running primary cluster on a free loopback port, trust auth, superuser `postgres` (replication allowed). */
export async function createCluster(): Promise<Cluster> {
  const dir = makeDir("fl-pg-");
  const port = await freePort();
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  fs.appendFileSync(path.join(data, "postgresql.conf"), `\n${serverOptions(port, dir).join("\n")}\n`);
  fs.appendFileSync(path.join(data, "pg_hba.conf"), "\nhost replication postgres 127.0.0.1/32 trust\n");
  const c = cluster(dir, port);
  c.start();
  return c;
}

/**
 * A hot standby of `primary`, streaming from it over loopback: pg_basebackup -R writes standby.signal and
 * primary_conninfo, so this is Postgres's own physical replication, nothing home-made.
 */
export async function createStandby(primary: Cluster): Promise<Cluster> {
  const dir = makeDir("fl-pg-standby-");
  const port = await freePort();
  const data = path.join(dir, "data");
  run("pg_basebackup", [
    "-h",
    "127.0.0.1",
    "-p",
    String(primary.port),
    "-U",
    "postgres",
    "-D",
    data,
    "-R",
    "-X",
    "stream",
    "--no-sync",
  ]);
  fs.appendFileSync(path.join(data, "postgresql.conf"), `\n${serverOptions(port, dir).join("\n")}\n`);
  const c = cluster(dir, port);
  c.start();
  return c;
}
