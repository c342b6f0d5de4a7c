import { readFileSync } from 'node:fs';
import type { BenchDatabase } from './bench-database';

// Linux reports process and machine CPU time in clock ticks of 1/100 s (getconf CLK_TCK).
const TICKS_PER_SECOND = 100;

export interface CpuSplit {
  wallSeconds: number;
  // CPU seconds used during the measured interval.
  byRole: Record<string, number>;
  postgres: number;
  // Everything else on the machine: other engineers' tests, Redis, the kernel's own work. The
  // bench does not run alone on a shared machine; this says how much it was disturbed.
  others: number;
  // CPU the hypervisor gave to other guests while this VM wanted it (/proc/stat steal): not in
  // `others`. On a shared VM it slows every process alike, so ratios survive it, absolutes do not.
  stolen: number;
}

// Who burns the two cores during a run: the server, this process (the load generator), the
// Postgres backends serving this run's database, and everything else. Read from /proc, so it
// costs nothing on the measured path.
export class CpuMeter {
  private readonly startTicks = new Map<number, number>();
  private startMachine = machineTicks();
  private startedAt = Date.now();
  private pgPidsAtStart: number[] = [];

  constructor(
    private readonly db: BenchDatabase,
    private readonly roles: Record<string, number[]>,
  ) {}

  async start(): Promise<void> {
    this.pgPidsAtStart = await postgresBackends(this.db);
    for (const pid of [...Object.values(this.roles).flat(), ...this.pgPidsAtStart]) this.startTicks.set(pid, processTicks(pid) ?? 0);
    this.startMachine = machineTicks();
    this.startedAt = Date.now();
  }

  async stop(): Promise<CpuSplit> {
    // Backends that opened during the interval count from zero (their whole life is inside it).
    const pgPids = [...new Set([...this.pgPidsAtStart, ...(await postgresBackends(this.db))])];
    const machine = machineTicks();
    const wallSeconds = (Date.now() - this.startedAt) / 1000;
    const used = (pid: number) => Math.max(0, (processTicks(pid) ?? this.startTicks.get(pid) ?? 0) - (this.startTicks.get(pid) ?? 0)) / TICKS_PER_SECOND;
    const byRole: Record<string, number> = {};
    for (const [role, pids] of Object.entries(this.roles)) byRole[role] = pids.reduce((sum, pid) => sum + used(pid), 0);
    const postgres = pgPids.reduce((sum, pid) => sum + used(pid), 0);
    const busy = (machine.busy - this.startMachine.busy) / TICKS_PER_SECOND;
    const stolen = (machine.steal - this.startMachine.steal) / TICKS_PER_SECOND;
    const ours = Object.values(byRole).reduce((a, b) => a + b, 0) + postgres;
    return { wallSeconds, byRole, postgres, others: Math.max(0, busy - stolen - ours), stolen };
  }
}

async function postgresBackends(db: BenchDatabase): Promise<number[]> {
  const rows = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
  );
  return rows.map((row) => row.pid);
}

export function processCpuSeconds(pid: number): number | undefined {
  const ticks = processTicks(pid);
  return ticks === undefined ? undefined : ticks / TICKS_PER_SECOND;
}

// utime + stime of one process (fields 14 and 15 of /proc/<pid>/stat, counted after the command
// name, which may itself contain spaces).
function processTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; steal: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const ticks = values.map(Number);
  // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = ticks[3] + ticks[4];
  return { busy: total - idle, steal: ticks[7] };
}
