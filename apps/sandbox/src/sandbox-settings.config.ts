export interface SandboxSettingsInput {
  timeoutMs?: number;
  maxEvents?: number;
  maxRequests?: number;
  slowMs?: number;
}

export class SandboxSettings {
  constructor(
    // How long a `timeout` fault holds a request; long enough that any sane client gives up first.
    readonly timeoutMs: number,
    // Caps keep long benchmarks from exhausting memory; the oldest entries go first.
    readonly maxEvents: number,
    readonly maxRequests: number,
    // How long a `slow` fault delays a normal answer.
    readonly slowMs: number = 1000,
  ) {}

  static resolve(env: NodeJS.ProcessEnv, input: SandboxSettingsInput = {}): SandboxSettings {
    return new SandboxSettings(
      input.timeoutMs ?? readInteger(env, 'SANDBOX_TIMEOUT_MS', 30_000, 0),
      input.maxEvents ?? readInteger(env, 'SANDBOX_MAX_EVENTS', 1_000_000, 1000),
      input.maxRequests ?? readInteger(env, 'SANDBOX_MAX_REQUESTS', 100_000, 1),
      input.slowMs ?? readInteger(env, 'SANDBOX_SLOW_MS', 1000, 0),
    );
  }
}

export function readInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}
