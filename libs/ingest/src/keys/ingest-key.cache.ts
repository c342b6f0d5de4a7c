import type { WorkspaceId } from '@app/core';
import type { WorkspaceSettings } from '@app/tenancy';

export interface ResolvedIngestKey {
  keyId: string;
  workspaceId: WorkspaceId;
  // Cached with the key, so a settings change reaches ingest within the same TTL as a revocation.
  settings: WorkspaceSettings;
}

interface Entry {
  value: ResolvedIngestKey | null;
  expiresAt: number;
}

// Per-process memory cache of key lookups. The short TTL bounds how long another process may keep
// accepting a revoked key; this process forgets a revoked key at once through invalidate().
// Unknown keys are cached too, so a client hammering with a bad key does not hammer Postgres.
export class IngestKeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(hash: string): ResolvedIngestKey | null | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.value;
  }

  set(hash: string, value: ResolvedIngestKey | null): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(hash, { value, expiresAt: this.now() + this.ttlMs });
  }

  invalidate(hash: string): void {
    this.entries.delete(hash);
  }

  invalidateKeyId(keyId: string): void {
    for (const [hash, entry] of this.entries) if (entry.value?.keyId === keyId) this.entries.delete(hash);
  }

  invalidateWorkspace(workspaceId: string): void {
    for (const [hash, entry] of this.entries) if (entry.value?.workspaceId === workspaceId) this.entries.delete(hash);
  }
}
