import { Injectable, Logger } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { AppConfig, DomainError, InjectConfig, InjectScopedRepository, WorkspaceScopedRepository } from '@app/core';
import { resolveWorkspaceSettings, WorkspaceSettings } from '@app/tenancy';
import { CreatedIngestKeyView, IngestKeyView } from './dto/ingest-key.dto';
import { IngestKeyCache, ResolvedIngestKey } from './ingest-key.cache';
import { IngestKey } from './ingest-key.entity';
import { generateIngestKey, hashIngestKey, looksLikeIngestKey } from './ingest-key.generator';

// last_used_at is informational; writing it once a minute per key keeps it off the hot path.
const LAST_USED_WRITE_INTERVAL_MS = 60_000;

@Injectable()
export class IngestKeysService {
  private readonly logger = new Logger(IngestKeysService.name);
  private readonly cache: IngestKeyCache;
  private readonly lastUsedWrittenAt = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    @InjectScopedRepository(IngestKey) private readonly keys: WorkspaceScopedRepository<IngestKey>,
    @InjectConfig() config: AppConfig,
  ) {
    this.cache = new IngestKeyCache(config.ingestKeyCacheTtlMs);
  }

  async create(workspaceId: string, name: string, createdBy: string): Promise<CreatedIngestKeyView> {
    const { key, prefix, hash } = generateIngestKey();
    const row = await this.keys.insert(workspaceId, { name, prefix, keyHash: hash, createdBy });
    return { id: row.id, name: row.name, prefix: row.prefix, key, createdAt: row.createdAt };
  }

  async list(workspaceId: string): Promise<IngestKeyView[]> {
    const rows = await this.keys.find(workspaceId, {}, { order: { createdAt: 'DESC' } });
    return rows.map(({ id, name, prefix, createdAt, lastUsedAt, revokedAt }) => ({
      id,
      name,
      prefix,
      createdAt,
      lastUsedAt,
      revokedAt,
    }));
  }

  async revoke(workspaceId: string, keyId: string): Promise<void> {
    const existing = await this.keys.findOne(workspaceId, { id: keyId });
    if (!existing) throw DomainError.notFound('Ingest key');
    await this.keys.update(workspaceId, { id: keyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.cache.invalidateKeyId(keyId);
  }

  // An ingest write found a parent row gone: when the workspace was deleted (its keys go with it)
  // while this process still had them cached, forget them at once and say so.
  async forgetIfWorkspaceGone(workspaceId: string): Promise<boolean> {
    if ((await this.keys.count(workspaceId)) > 0) return false;
    this.cache.invalidateWorkspace(workspaceId);
    return true;
  }

  // The one lookup that is not scoped by workspace: it is how a request finds its workspace.
  async resolve(key: string): Promise<ResolvedIngestKey | null> {
    if (!looksLikeIngestKey(key)) return null;
    const hash = hashIngestKey(key);
    const cached = this.cache.get(hash);
    if (cached !== undefined) return cached;
    const rows: Array<{ id: string; workspace_id: string; settings: Partial<WorkspaceSettings> }> = await this.dataSource.query(
      `SELECT k.id, k.workspace_id, w.settings FROM ingest_keys k JOIN workspaces w ON w.id = k.workspace_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [hash],
    );
    const row = rows[0];
    const resolved = row ? { keyId: row.id, workspaceId: row.workspace_id, settings: resolveWorkspaceSettings(row.settings) } : null;
    this.cache.set(hash, resolved);
    if (resolved) this.touch(resolved);
    return resolved;
  }

  private touch({ keyId, workspaceId }: ResolvedIngestKey): void {
    const now = Date.now();
    if (now - (this.lastUsedWrittenAt.get(keyId) ?? 0) < LAST_USED_WRITE_INTERVAL_MS) return;
    this.lastUsedWrittenAt.set(keyId, now);
    this.keys.update(workspaceId, { id: keyId }, { lastUsedAt: new Date(now) }).catch((error: unknown) => {
      this.logger.warn({ err: error, keyId }, 'Could not record ingest key use');
    });
  }
}
