import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig, WorkspaceId } from '@app/core';
import { ConnectorsRepository } from './connectors.repository';

const MAX_WORKSPACES = 10_000;

// A connector as ingest needs it: whom to nudge, and whether anything will deliver the event.
export interface WorkspaceConnector {
  id: string;
  platform: string;
  active: boolean;
}

interface Entry {
  connectors: Promise<readonly WorkspaceConnector[]>;
  platforms: Promise<ReadonlySet<string>>;
  expiresAt: number;
}

// A workspace's connectors, cached per process for ingest: which platforms it can send to (a
// platform's own hashes of an event's plain identifiers, Meta's, cost ~21 µs an event and are only
// worth making where the workspace has that platform), which connectors to nudge once an event is
// stored, and whether any is active (the ingest answer's warnings). A connector made, changed or
// deleted through this process is seen at once (forget); one made or invalidated through another
// process within the ingest-key cache's TTL. Ingest writes no delivery row (the worker reads its
// connector's cursor), so a stale entry costs at most a wrong warning or a nudge left to the sweeper.
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
    return this.entry(workspaceId).platforms;
  }

  connectorsOf(workspaceId: WorkspaceId): Promise<readonly WorkspaceConnector[]> {
    return this.entry(workspaceId).connectors;
  }

  forget(workspaceId: WorkspaceId): void {
    this.entries.delete(workspaceId);
  }

  private entry(workspaceId: WorkspaceId): Entry {
    const cached = this.entries.get(workspaceId);
    if (cached && cached.expiresAt > Date.now()) return cached;
    const connectors = this.connectors
      .list(workspaceId)
      .then((rows) => rows.map((row): WorkspaceConnector => ({ id: row.id, platform: row.platform, active: row.status === 'active' })));
    const platforms = connectors.then((rows): ReadonlySet<string> => new Set(rows.map((row) => row.platform)));
    // Its callers get the error; this only keeps a read nobody awaited from crashing the process.
    platforms.catch(() => undefined);
    const entry = { connectors, platforms, expiresAt: Date.now() + this.ttlMs };
    if (this.ttlMs > 0) {
      if (this.entries.size >= MAX_WORKSPACES) this.entries.clear();
      this.entries.set(workspaceId, entry);
      // A failed read must not be served from the cache (the caller gets the error): the next
      // request asks Postgres again. Only this entry goes, not one a later request put there.
      connectors.catch(() => {
        if (this.entries.get(workspaceId) === entry) this.entries.delete(workspaceId);
      });
    }
    return entry;
  }
}
