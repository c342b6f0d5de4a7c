import { readFileSync } from 'node:fs';
import type { BenchDatabase } from './bench-database';

// Linux reports process and machine CPU time in clock ticks of 1/100 s (getconf CLK_TCK).
const TICKS_PER_SECOND = 100;

export interface CpuSplit {
  wallSeconds: number;
  // CPU seconds used during the measured interval.
  byRole: Record<string, number>;
  postgres: number;
  // Backends of the processes named in the meter's `postgresRoles`, by role: not in `postgres`.
  postgresByRole: Record<string, number>;
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
  private pgAtStart: Backend[] = [];

  // `postgresRoles`: a role's backends are those a process opened (TrackLayer names each
  // connection `tracklayer-<roles>-<pid>`), counted apart from the rest of Postgres.
  constructor(
    private readonly db: BenchDatabase,
    private readonly roles: Record<string, number[]>,
    private readonly postgresRoles: Record<string, number> = {},
  ) {}

  async start(): Promise<void> {
    this.pgAtStart = await postgresBackends(this.db);
    for (const pid of [...Object.values(this.roles).flat(), ...this.pgAtStart.map((backend) => backend.pid)]) this.startTicks.set(pid, processTicks(pid) ?? 0);
    this.startMachine = machineTicks();
    this.startedAt = Date.now();
  }

  async stop(): Promise<CpuSplit> {
    // Backends that opened during the interval count from zero (their whole life is inside it).
    const backends = new Map([...this.pgAtStart, ...(await postgresBackends(this.db))].map((backend) => [backend.pid, backend.applicationName]));
    const machine = machineTicks();
    const wallSeconds = (Date.now() - this.startedAt) / 1000;
    const used = (pid: number) => Math.max(0, (processTicks(pid) ?? this.startTicks.get(pid) ?? 0) - (this.startTicks.get(pid) ?? 0)) / TICKS_PER_SECOND;
    const byRole: Record<string, number> = {};
    for (const [role, pids] of Object.entries(this.roles)) byRole[role] = pids.reduce((sum, pid) => sum + used(pid), 0);
    const postgresByRole: Record<string, number> = Object.fromEntries(Object.keys(this.postgresRoles).map((role) => [role, 0]));
    let postgres = 0;
    for (const [pid, applicationName] of backends) {
      const role = Object.keys(this.postgresRoles).find((name) => applicationName.endsWith(`-${this.postgresRoles[name]}`));
      if (role) postgresByRole[role] += used(pid);
      else postgres += used(pid);
    }
    const busy = (machine.busy - this.startMachine.busy) / TICKS_PER_SECOND;
    const stolen = (machine.steal - this.startMachine.steal) / TICKS_PER_SECOND;
    const ours = [...Object.values(byRole), ...Object.values(postgresByRole)].reduce((a, b) => a + b, 0) + postgres;
    return { wallSeconds, byRole, postgres, postgresByRole, others: Math.max(0, busy - stolen - ours), stolen };
  }
}

interface Backend {
  pid: number;
  applicationName: string;
}

async function postgresBackends(db: BenchDatabase): Promise<Backend[]> {
  return db.query<Backend>(
    `SELECT pid, application_name AS "applicationName" FROM pg_stat_activity
      WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
  );
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
