/**
 * Where a figure's CPU time went, to say what bounds it: the whole machine's busy share
 * (Linux `/proc/stat`, every process, this benchmark's and any other's) and redis-server's
 * own time (its `INFO cpu`), each measured between two samples.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Redis } from 'ioredis';

export interface CpuSample {
  at: number;
  /** Busy and total jiffies of all CPUs; undefined where `/proc/stat` is not readable. */
  machine?: { busy: number; total: number };
  /** redis-server's user + system CPU seconds. */
  redisSeconds: number;
}

export interface CpuUse {
  /** The machine's CPUs, all of them busy = 1. */
  machineBusy?: number;
  /** redis-server's CPU time per second of wall time: 1 = its one thread never idle. */
  redisCores: number;
}

export async function sampleCpu(redis: Redis): Promise<CpuSample> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(info.match(new RegExp(`^${name}:([\\d.]+)`, 'm'))?.[1] ?? 0);
  return {
    at: performance.now(),
    machine: machineJiffies(),
    redisSeconds: field('used_cpu_user') + field('used_cpu_sys'),
  };
}

export function cpuBetween(first: CpuSample, last: CpuSample): CpuUse {
  const seconds = (last.at - first.at) / 1000;
  const use: CpuUse = { redisCores: (last.redisSeconds - first.redisSeconds) / seconds };
  if (first.machine && last.machine) {
    use.machineBusy = (last.machine.busy - first.machine.busy) / (last.machine.total - first.machine.total);
  }
  return use;
}

/**
 * One sentence on what bounds a figure that used `use`: the CPUs, Redis's single thread, or
 * neither (then the waits: round trips per job).
 */
export function whatBounds(use: CpuUse): string {
  const cpus = availableParallelism();
  const redis = `redis-server ${(use.redisCores * 100).toFixed(0)}% of one core`;
  if (use.machineBusy === undefined) return `${redis}; the machine's CPU use is not readable here`;
  const machine = `the ${cpus} CPUs ${(use.machineBusy * 100).toFixed(0)}% busy (every process on the machine)`;
  if (use.machineBusy >= 0.85) {
    return `${machine}, ${redis}: the CPUs are the limit; a second worker process takes CPU from Redis and the first worker rather than adding its own`;
  }
  if (use.redisCores >= 0.85) return `${machine}, ${redis}: Redis's single thread is the limit`;
  return `${machine}, ${redis}: neither is saturated, so the waits (Redis round trips per job) bound it`;
}

function machineJiffies(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    // cpu user nice system idle iowait irq softirq steal …: idle and iowait are not busy.
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((sum, value) => sum + value, 0);
    return { busy: total - (values[3] ?? 0) - (values[4] ?? 0), total };
  } catch {
    return undefined;
  }
}
