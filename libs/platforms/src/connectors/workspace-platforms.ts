import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig, WorkspaceId } from '@app/core';
import { ConnectorsRepository } from './connectors.repository';

const MAX_WORKSPACES = 10_000;

interface Entry {
  platforms: Promise<ReadonlySet<string>>;
  expiresAt: number;
}

// Which platforms a workspace has connectors for, cached per process for ingest: a platform's own
// hashes of an event's plain identifiers (Meta's) cost ~21 µs an event, and are only worth making
// where the workspace can send to that platform. A connector made or deleted through this process
// is seen at once (forget); one made through another process within the ingest-key cache's TTL.
@Injectable()
export class WorkspacePlatforms {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(
    private readonly connectors: ConnectorsRepository,
    @InjectConfig() config: AppConfig,
  ) {
    this.ttlMs = config.ingestKeyCacheTtlMs;
  }

  of(workspaceId: WorkspaceId): Promise<ReadonlySet<string>> {
    const entry = this.entries.get(workspaceId);
    if (entry && entry.expiresAt > Date.now()) return entry.platforms;
    const platforms = this.connectors.list(workspaceId).then((rows) => new Set(rows.map((row) => row.platform)));
    if (this.ttlMs > 0) {
      if (this.entries.size >= MAX_WORKSPACES) this.entries.clear();
      const entry = { platforms, expiresAt: Date.now() + this.ttlMs };
      this.entries.set(workspaceId, entry);
      // A failed read must not be served from the cache (the caller gets the error): the next
      // request asks Postgres again. Only this entry goes, not one a later request put there.
      platforms.catch(() => {
        if (this.entries.get(workspaceId) === entry) this.entries.delete(workspaceId);
      });
    }
    return platforms;
  }

  forget(workspaceId: WorkspaceId): void {
    this.entries.delete(workspaceId);
  }
}
