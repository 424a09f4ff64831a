import fs from "node:fs";
import path from "node:path";

/**
 * PGlite is a single-user Postgres with no lock of its own on the data directory: two processes opening it
 * (a running `next start` and `npm run cli ingest`, say) silently lose writes or corrupt it. This pid file is
 * the lock. A lock left by a process that no longer exists is taken over.
 */
export const LOCK_FILE = "fiscal-lens.lock";

export class StoreLockedError extends Error {
  readonly dir: string;
  readonly pid: number;
  constructor(dir: string, pid: number) {
    super(
      `数据目录 ${dir} 正被进程 ${pid} 使用（内嵌数据库 PGlite 不能被两个进程同时打开）。` +
        `请先停止该进程（例如正在运行的 next start 或另一条导入命令）再重试；` +
        `若确认该进程已不存在，可删除锁文件 ${path.join(dir, LOCK_FILE)}。`,
    );
    this.name = "StoreLockedError";
    this.dir = dir;
    this.pid = pid;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the lock on `dir` for this process; returns the function that releases it. */
export function acquireDirLock(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      const release = () => {
        if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
        process.removeListener("exit", release);
      };
      // A crash still exits through here; a kill -9 leaves a stale lock that the next opener takes over.
      process.on("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const holder = readPid(file);
    // Same pid too: a second instance inside one process would corrupt the directory just the same.
    if (holder !== null && isAlive(holder)) throw new StoreLockedError(dir, holder);
    // Dead holder, or a half-written file from a crash during acquire: take it over.
    fs.rmSync(file, { force: true });
  }
  throw new Error(`无法获取数据目录 ${dir} 的锁文件 ${file}`);
}
