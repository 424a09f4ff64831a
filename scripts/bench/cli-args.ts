/** Argument helpers and the run header shared by the bench subcommands. */
import os from "node:os";

/** The value after `--name`, or the default. */
export function arg(args: readonly string[], name: string, dflt: string): string;
export function arg(args: readonly string[], name: string): string | undefined;
export function arg(args: readonly string[], name: string, dflt?: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined && !args[i + 1].startsWith("--") ? args[i + 1] : dflt;
}

/** A positive whole number option; a clear message (not a stack trace) when it is not one. */
export function intArg(args: readonly string[], name: string, dflt: number): number {
  const raw = arg(args, name);
  if (raw === undefined) {
    if (args.includes(`--${name}`)) throw new UsageError(`--${name} 需要一个正整数`);
    return dflt;
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} 应为正整数，实为 “${raw}”`);
  return n;
}

export class UsageError extends Error {
  override name = "UsageError";
}

/** "### Run of …" and the machine line that start every block pasted into BENCHMARKS.md. */
export function runHeader(args: readonly string[]): string[] {
  const started = new Date();
  return [
    `### Run of ${started.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${os.loadavg()[0].toFixed(2)} at start. Command: \`npm run bench -- ${args.join(" ")}\``,
    "",
  ];
}
