import type { StoredEventsCheck } from '../checks/stored-events.check';
import type { ApiMemory } from '../tracklayer/api-memory';

export type IngestSystem = 'baseline' | 'tracklayer';
// segment-batch: Segment's /v1/batch with the same batches, in the shape analytics-node sends.
export type IngestMode = 'single' | 'batch' | 'segment-batch';

export interface IngestRunResult {
  system: IngestSystem;
  mode: IngestMode;
  // Api processes sharing the port (npm run start:api:cluster); absent for the one process.
  apiProcesses?: number;
  // 2 for the native batch run measured again right after the Segment run (the A-B-A order that
  // takes the drift of a growing database out of the Segment comparison); absent for the first.
  repeat?: number;
  // The pruning phase's native batch runs (bench/phases/pruning.phase.ts): before the storage
  // maintenance starts on a backlog of expired rows, while it prunes them, after it stopped.
  // Absent for every other run.
  pruning?: PruningStage;
  // The 'during' run only: what the maintenance did and cost while the run was measured.
  maintenance?: MaintenanceDuringRun;
  connections: number;
  eventsPerRequest: number;
  durationSeconds: number;
  eventsPerSecond: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  acceptedEvents: number;
  // The server process's peak resident set (VmHWM) at the end of this run (a cluster's: the sum).
  serverPeakRssBytes?: number;
  // CPU seconds spent during the measured run (not the warm-up), by whom.
  cpu: CpuSeconds;
  // Rows inserted/updated per table during warm-up + run (pg_stat_user_tables).
  tableWrites: Record<string, { inserted: number; updated: number }>;
  // Transactions committed in the bench database during warm-up + run.
  commits: number;
}

export type PruningStage = 'before' | 'during' | 'after';

export interface MaintenanceDuringRun {
  intervalMs: number;
  // Expired rows the phase put in before the run, by table (event_dedup, click_ids).
  backlog: Record<string, number>;
  // Expired rows deleted before the measured run (from the job's start through the warm-up),
  // during it, and those still left at its end: rows left mean the job was still pruning when
  // the measurement stopped.
  prunedBeforeRun: Record<string, number>;
  prunedDuringRun: Record<string, number>;
  leftAtEnd: Record<string, number>;
  // CPU seconds of the maintenance process and of its Postgres backends during the measured run
  // (not in the run's server and Postgres figures).
  processSeconds: number;
  postgresSeconds: number;
}

export interface CpuSeconds {
  wallSeconds: number;
  serverSeconds: number;
  loadGeneratorSeconds: number;
  // The backends serving the bench database.
  postgresSeconds: number;
  // The rest of the machine: other engineers' work, Redis, the kernel.
  otherProcessesSeconds: number;
  // Taken by the hypervisor for other VMs (steal time).
  stolenSeconds?: number;
}

// The platforms the delivery phase sends to, both answered by the bench's sandbox.
export type BenchPlatform = 'tiktok' | 'meta';
export const PLATFORM_NAMES: Record<BenchPlatform, string> = { tiktok: 'TikTok', meta: 'Meta' };

export interface DeliveryRunResult {
  platform: BenchPlatform;
  workers: number;
  // Connectors of the workspace: `deliveries` = events x connectors.
  connectors: number;
  events: number;
  deliveries: number;
  seedSeconds: number;
  seedEventsPerSecond: number;
  // From spawning the worker process(es) to the sandbox holding every event: includes Nest start-up.
  totalSeconds: number;
  // From the first delivered request to the last: the steady-state rate of the delivery path.
  drainSeconds: number;
  // Deliveries (an event to one connector) per second: events per second with one connector.
  drainEventsPerSecond: number;
  firstDeliveryAfterSeconds: number;
  // When Postgres had every delivery row marked 'delivered' (after the sandbox had them all).
  allMarkedDeliveredSeconds: number;
  // Successful event requests to the platform's sandbox (the credential check not counted).
  platformRequests: number;
  // Round trip of one platform request as the worker measured it (delivery_logs.latency_ms).
  averagePlatformLatencyMs: number;
  workerPeakRssBytes: number[];
  // Each worker's own CPU seconds: shows whether the second worker shared the work.
  workerCpuSeconds: number[];
  // CPU seconds from the workers' start to the last delivery row marked, by whom.
  cpu: {
    wallSeconds: number;
    workerSeconds: number;
    sandboxSeconds: number;
    apiSeconds: number;
    postgresSeconds: number;
    otherProcessesSeconds: number;
  };
}

export interface StorageCost {
  // When it was measured: after the ingest runs (only ingest wrote), or at the end of the
  // delivery runs (delivery attempts and settled deliveries too).
  moment: 'after ingest' | 'after delivery';
  // pg_total_relation_size summed over every table with a workspace_id column, a partitioned
  // table over all its partitions (pg_partition_tree).
  bytes: number;
  events: number;
  bytesPerEvent: number;
  byTable: Record<string, number>;
}

export interface IntegrityCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface TargetCheck {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemoryBytes: number;
  node: string;
  os: string;
  postgres: string;
  redis: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
}

export interface BenchResults {
  date: string;
  // The code measured: the commit and whether the working tree differed from it.
  revision: string;
  totalSeconds: number;
  machine: MachineInfo;
  settings: Record<string, unknown>;
  ingest: IngestRunResult[];
  delivery: DeliveryRunResult[];
  peakRssBytes: Record<string, number | undefined>;
  // The api's RSS and V8 heap at moments between runs (its Prometheus metrics).
  apiMemory: Record<string, ApiMemory>;
  storedEvents: Array<StoredEventsCheck & { system: IngestSystem }>;
  // Bytes on disk (tables and their indexes) of the workspace-owned tables after the ingest runs.
  storage?: StorageCost;
  // The same at the end of the delivery runs.
  storageAfterDelivery?: StorageCost;
  integrity: IntegrityCheck[];
  targets: TargetCheck[];
}
