import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Database, DomainError, WorkspaceId } from '@app/core';
import { EventsRepository, ReceivedCursor } from '@app/events';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import { DeliveryOutbox } from '../deliveries/delivery-outbox';
import { CredentialCheck, PlatformCredentials } from '../platform/platform';
import { PlatformRegistry } from '../platform/platform.registry';
import { accessTokenHint } from '../vault/access-token-hint';
import { CredentialVault } from '../vault/credential-vault';
import { Connector, ConnectorOptions, LastValidation, SealedConnector } from './connector';
import { ConnectorChanges, ConnectorsRepository } from './connectors.repository';
import { WorkspacePlatforms } from './workspace-platforms';
import { credentialCheckError } from './credential-check.error';
import { ConnectorView, CreateConnectorDto, UpdateConnectorDto } from './dto/connector.dto';

const DEFAULT_OPTIONS: ConnectorOptions = { sendIp: true, sendUserAgent: true, unmappedEvents: 'send' };
// Events per backfill statement: a week of a busy workspace is many pages, never one statement.
const BACKFILL_PAGE = 1000;

@Injectable()
export class ConnectorsService {

  constructor(
    private readonly db: Database,
    private readonly connectors: ConnectorsRepository,
    private readonly platforms: PlatformRegistry,
    private readonly vault: CredentialVault,
    private readonly events: EventsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly outbox: DeliveryOutbox,
    private readonly workspacePlatforms: WorkspacePlatforms,
  ) {}

  async list(workspaceId: WorkspaceId): Promise<ConnectorView[]> {
    return (await this.connectors.list(workspaceId)).map((row) => this.toView(row));
  }

  async get(workspaceId: WorkspaceId, connectorId: string): Promise<ConnectorView> {
    return this.toView(await this.load(workspaceId, connectorId));
  }

  // Checked with the platform first: nothing is stored unless the platform accepted a test event.
  async create(workspaceId: WorkspaceId, input: CreateConnectorDto): Promise<ConnectorView> {
    const credentials = { pixelCode: input.pixelCode, accessToken: input.accessToken, testEventCode: input.testEventCode };
    const validation = await this.checkOrThrow(input.platform, credentials);
    const id = randomUUID();
    const sealed = this.vault.encrypt(input.accessToken, { workspaceId, connectorId: id });
    // The connector and its cursor commit together: its deliveries start with this transaction.
    const row = await this.db.transaction(async (tx) => {
      const inserted = await this.connectors.insert(
        workspaceId,
        {
      id,
      platform: input.platform,
      name: input.name,
      pixelCode: input.pixelCode,
      accessTokenSealed: sealed,
      accessTokenKeyId: this.vault.keyIdOf(sealed),
      accessTokenHint: accessTokenHint(input.accessToken),
      testEventCode: input.testEventCode || null,
      status: 'active',
      statusReason: null,
      eventMapping: input.eventMapping ?? {},
      options: { ...DEFAULT_OPTIONS, ...input.options },
      lastValidation: validation,
        },
        tx,
      );
      await this.deliveries.startCursor(workspaceId, id, tx);
      return inserted;
    });
    this.workspacePlatforms.forget(workspaceId);
    if (input.backfillHours === undefined) return this.toView(row);
    const backfilledEvents = await this.backfill(workspaceId, row.id, row.createdAt, input.backfillHours);
    return { ...this.toView(row), backfilledEvents };
  }

  // Opt-in: the events the workspace accepted in the `hours` before the connector existed get a
  // pending delivery for it, page by page in received order; the worker then sends them like new
  // ones. Events written since come through the connector's cursor (committed with it).
  private async backfill(workspaceId: WorkspaceId, connectorId: string, createdAt: Date, hours: number): Promise<number> {
    const from = new Date(createdAt.getTime() - hours * 3_600_000);
    let added = 0;
    for (let after: ReceivedCursor | undefined; ; ) {
      const page = await this.events.receivedBetween(workspaceId, from, createdAt, after, BACKFILL_PAGE);
      added += await this.deliveries.addForConnector(workspaceId, connectorId, page);
      if (page.length < BACKFILL_PAGE) break;
      after = page[page.length - 1];
    }
    if (added > 0) this.outbox.notify(workspaceId, [connectorId]);
    return added;
  }

  async update(workspaceId: WorkspaceId, connectorId: string, patch: UpdateConnectorDto): Promise<ConnectorView> {
    const current = await this.load(workspaceId, connectorId, { withToken: true });
    const changes: ConnectorChanges = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.testEventCode !== undefined) changes.testEventCode = patch.testEventCode || null;
    if (patch.eventMapping !== undefined) changes.eventMapping = patch.eventMapping;
    if (patch.options !== undefined) changes.options = { ...current.options, ...patch.options };

    const credentialsChange =
      (patch.pixelCode !== undefined && patch.pixelCode !== current.pixelCode) || patch.accessToken !== undefined;
    if (credentialsChange) {
      const accessToken = patch.accessToken ?? this.openToken(current);
      const pixelCode = patch.pixelCode ?? current.pixelCode;
      const testEventCode = changes.testEventCode === undefined ? current.testEventCode : changes.testEventCode;
      changes.lastValidation = await this.checkOrThrow(current.platform, {
        pixelCode,
        accessToken,
        testEventCode: testEventCode ?? undefined,
      });
      const sealed = this.vault.encrypt(accessToken, { workspaceId, connectorId });
      Object.assign(changes, {
        pixelCode,
        accessTokenSealed: sealed,
        accessTokenKeyId: this.vault.keyIdOf(sealed),
        accessTokenHint: accessTokenHint(accessToken),
        // Fixed credentials resume deliveries that an invalid connector was holding.
        status: 'active',
        statusReason: null,
      } satisfies ConnectorChanges);
    }
    if (Object.keys(changes).length > 0) await this.connectors.update(workspaceId, connectorId, changes);
    this.workspacePlatforms.forget(workspaceId);
    return this.get(workspaceId, connectorId);
  }

  async remove(workspaceId: WorkspaceId, connectorId: string): Promise<void> {
    if ((await this.connectors.delete(workspaceId, connectorId)) === 0) throw DomainError.notFound('Connector');
    this.workspacePlatforms.forget(workspaceId);
  }

  // Re-checks the stored credentials and records the result; a refusal marks the connector invalid.
  async validate(workspaceId: WorkspaceId, connectorId: string): Promise<ConnectorView> {
    const current = await this.load(workspaceId, connectorId, { withToken: true });
    const check = await this.platforms.get(current.platform).checkCredentials({
      pixelCode: current.pixelCode,
      accessToken: this.openToken(current),
      testEventCode: current.testEventCode ?? undefined,
    });
    const changes: ConnectorChanges = { lastValidation: toLastValidation(check) };
    if (check.outcome === 'valid') Object.assign(changes, { status: 'active', statusReason: null });
    if (check.outcome === 'rejected') Object.assign(changes, { status: 'invalid', statusReason: check.platformMessage });
    await this.connectors.update(workspaceId, connectorId, changes);
    this.workspacePlatforms.forget(workspaceId);
    const error = credentialCheckError(check, this.platforms.get(current.platform).displayName, current.pixelCode);
    if (error) throw error;
    return this.get(workspaceId, connectorId);
  }

  private async checkOrThrow(platformId: Connector['platform'], credentials: PlatformCredentials): Promise<LastValidation> {
    const platform = this.platforms.get(platformId);
    const check = await platform.checkCredentials(credentials);
    const error = credentialCheckError(check, platform.displayName, credentials.pixelCode);
    if (error) throw error;
    return toLastValidation(check);
  }

  private toView(row: Connector): ConnectorView {
    const platform = this.platforms.get(row.platform);
    const eventMappingNotices: ConnectorView['eventMappingNotices'] = [];
    for (const [source, target] of Object.entries(row.eventMapping)) {
      const message = platform.eventNameNotice?.(target);
      if (message !== undefined) eventMappingNotices.push({ source, target, message });
    }
    return {
      id: row.id,
      platform: row.platform,
      name: row.name,
      pixelCode: row.pixelCode,
      accessTokenHint: row.accessTokenHint,
      testEventCode: row.testEventCode,
      status: row.status,
      statusReason: row.statusReason,
      lastValidation: row.lastValidation,
      eventMapping: row.eventMapping,
      eventMappingNotices,
      options: { ...DEFAULT_OPTIONS, ...row.options },
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  private openToken(connector: SealedConnector): string {
    return this.vault.decrypt(connector.accessTokenSealed, { workspaceId: connector.workspaceId, connectorId: connector.id });
  }

  private async load(workspaceId: WorkspaceId, connectorId: string): Promise<Connector>;
  private async load(workspaceId: WorkspaceId, connectorId: string, options: { withToken: true }): Promise<SealedConnector>;
  private async load(workspaceId: WorkspaceId, connectorId: string, { withToken = false } = {}): Promise<Connector> {
    const connector = withToken
      ? await this.connectors.findWithSealedToken(workspaceId, connectorId)
      : await this.connectors.find(workspaceId, connectorId);
    if (!connector) throw DomainError.notFound('Connector');
    return connector;
  }
}

function toLastValidation(check: CredentialCheck): LastValidation {
  return {
    ok: check.outcome === 'valid',
    at: new Date().toISOString(),
    code: check.platformCode ?? null,
    message: check.platformMessage,
  };
}
