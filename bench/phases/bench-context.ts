import type { BenchConfig } from '../bench-config';
import type { BenchResults } from '../report/bench-results';
import type { BenchDatabase } from '../support/bench-database';
import type { BenchChild, ChildProcesses } from '../support/child-processes';
import type { TrackLayerSetup } from '../tracklayer/tracklayer-setup';

export interface BenchPaths {
  buildDir: string;
  resultsDir: string;
  migrate: string;
  api: string;
  apiCluster: string;
  worker: string;
  sandbox: string;
  storageMaintenance: string;
  baselineServer: string;
  exitOnSignal: string;
}

export interface BenchPorts {
  baseline: number;
  api: number;
  sandbox: number;
}

// What every phase needs; built once by run-bench.ts.
export interface BenchContext {
  config: BenchConfig;
  db: BenchDatabase;
  redisUrl: string;
  queuePrefix: string;
  children: ChildProcesses;
  paths: BenchPaths;
  ports: BenchPorts;
  results: BenchResults;
  tracklayerEnv: NodeJS.ProcessEnv;
  // Filled by the TrackLayer phase, used by the delivery phase.
  setup?: TrackLayerSetup;
  api?: BenchChild;
  sandbox?: BenchChild;
  // Checks that read the sandbox's full event log run last, after its peak RSS was taken.
  deferredChecks: Array<() => Promise<void>>;
  waitReady(child: BenchChild, url: string): Promise<void>;
  // A checkpoint before each measured run, so no run pays for the previous one's dirty pages.
  settle(): Promise<void>;
}
