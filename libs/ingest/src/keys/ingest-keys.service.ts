import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, DomainError, InjectConfig, WorkspaceId } from '@app/core';
import { WorkspacesService } from '@app/tenancy';
import { CreatedIngestKeyView, IngestKeyView } from './dto/ingest-key.dto';
import { IngestKeyCache, ResolvedIngestKey } from './ingest-key.cache';
import { generateIngestKey, hashIngestKey, looksLikeIngestKey } from './ingest-key.generator';
import { IngestKeysRepository } from './ingest-keys.repository';

// last_used_at is informational; writing it once a minute per key keeps it off the hot path.
const LAST_USED_WRITE_INTERVAL_MS = 60_000;

@Injectable()
export class IngestKeysService {
  private readonly logger = new Logger(IngestKeysService.name);
  private readonly cache: IngestKeyCache;
  private readonly lastUsedWrittenAt = new Map<string, number>();

  constructor(
    private readonly keys: IngestKeysRepository,
    private readonly workspaces: WorkspacesService,
    @InjectConfig() config: AppConfig,
  ) {
    this.cache = new IngestKeyCache(config.ingestKeyCacheTtlMs);
  }

  async create(workspaceId: WorkspaceId, name: string, createdBy: string): Promise<CreatedIngestKeyView> {
    const { key, prefix, hash } = generateIngestKey();
    const row = await this.keys.insert(workspaceId, { name, prefix, hash, createdBy });
    return { id: row.id, name: row.name, prefix: row.prefix, key, createdAt: row.createdAt };
  }

  async list(workspaceId: WorkspaceId): Promise<IngestKeyView[]> {
    return this.keys.list(workspaceId);
  }

  async revoke(workspaceId: WorkspaceId, keyId: string): Promise<void> {
    const existing = await this.keys.find(workspaceId, keyId);
    if (!existing) throw DomainError.notFound('Ingest key');
    await this.keys.revoke(workspaceId, keyId);
    this.cache.invalidateKeyId(keyId);
  }

  // An ingest write found a parent row gone: when the workspace was deleted (its keys go with it)
  // while this process still had them cached, forget them at once and say so.
  async forgetIfWorkspaceGone(workspaceId: WorkspaceId): Promise<boolean> {
    if ((await this.keys.count(workspaceId)) > 0) return false;
    this.cache.invalidateWorkspace(workspaceId);
    return true;
  }

  // A request's key to its workspace (IngestKeysRepository.findActiveByHash, the one unscoped
  // lookup) and that workspace's settings, cached together.
  async resolve(key: string): Promise<ResolvedIngestKey | null> {
    if (!looksLikeIngestKey(key)) return null;
    const hash = hashIngestKey(key);
    const cached = this.cache.get(hash);
    if (cached !== undefined) return cached;
    const found = await this.keys.findActiveByHash(hash);
    const settings = found ? await this.workspaces.settingsOf(found.workspaceId) : undefined;
    const resolved = found && settings ? { keyId: found.id, workspaceId: found.workspaceId, settings } : null;
    this.cache.set(hash, resolved);
    if (resolved) this.touch(resolved);
    return resolved;
  }

  private touch({ keyId, workspaceId }: ResolvedIngestKey): void {
    const now = Date.now();
    if (now - (this.lastUsedWrittenAt.get(keyId) ?? 0) < LAST_USED_WRITE_INTERVAL_MS) return;
    this.lastUsedWrittenAt.set(keyId, now);
    this.keys.touch(workspaceId, keyId, new Date(now)).catch((error: unknown) => {
      this.logger.warn({ err: error, keyId }, 'Could not record ingest key use');
    });
  }
}
