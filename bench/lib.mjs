// What the load processes of the benchmarks (hub-fanout.mjs, socketio-fanout.mjs) have in common: argument checks,
// percentiles, bounded concurrency, and readers of a server's /proc entries (RSS, CPU time).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

/** Prints `bench: message` on stderr and exits with `code` (2 = usage, 3 = server missing or refusing, 4 = timeout). */
export function die(code, message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(code);
}

/** node:util parseArgs (string options only) plus integer accessors that die with exit 2 on bad input. */
export function options(spec) {
  const { values } = parseArgs({ options: spec });
  const int = (name, min, max) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min || value > max) {
      die(2, `--${name} must be an integer in [${min}, ${max}] (got '${values[name]}')`);
    }
    return value;
  };
  return { opt: values, int };
}

/** Load tests target 127.0.0.1 only. */
export function loopbackUrl(text) {
  const url = new URL(text);
  if (url.hostname !== "127.0.0.1") {
    die(2, `load tests target 127.0.0.1 only (got ${url.hostname})`);
  }
  return url;
}

/** Nearest-rank percentile of an ascending array; null when empty. */
export function percentile(sorted, p) {
  if (sorted.length === 0) {
    return null;
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const round = (value, digits = 1) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));

/** Runs work(0..count-1) with at most `concurrency` calls in flight. */
export async function pool(count, concurrency, work) {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      await work(next++);
    }
  });
  await Promise.all(workers);
}

/** VmRSS of a process in KiB (from /proc/<pid>/status), or null without a pid. */
export function rssKiB(pid) {
  if (pid === null || pid === undefined) {
    return null;
  }
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) : null;
}

/**
 * CPU time of a process (user + system, all its threads) in seconds, from utime and stime of /proc/<pid>/stat;
 * null without a pid. `clockTicks` is the kernel's USER_HZ (`getconf CLK_TCK`, 100 on Linux).
 */
export function cpuSeconds(pid, clockTicks = 100) {
  if (pid === null || pid === undefined) {
    return null;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) is in parentheses and may hold spaces; the fields after it start at field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  return (utime + stime) / clockTicks;
}
