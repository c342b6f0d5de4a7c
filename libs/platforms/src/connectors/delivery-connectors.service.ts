import { Injectable, Logger } from '@nestjs/common';
import { Transaction, WorkspaceId } from '@app/core';
import { CredentialDecryptionError } from '../vault/credential-decryption.error';
import { CredentialVault } from '../vault/credential-vault';
import { Connector } from './connector';
import { ConnectorsRepository } from './connectors.repository';
import { WorkspacePlatforms } from './workspace-platforms';

// Connectors as a delivery worker needs them: opened right before a request, and marked invalid
// when the platform refuses the credentials. Needs no platform list (ConnectorsService does).
@Injectable()
export class DeliveryConnectorsService {
  private readonly logger = new Logger(DeliveryConnectorsService.name);

  constructor(
    private readonly connectors: ConnectorsRepository,
    private readonly vault: CredentialVault,
    private readonly workspacePlatforms: WorkspacePlatforms,
  ) {}

  // The only place a token leaves the vault for delivery. Null when there is nothing to deliver
  // with: the connector is gone or invalid, or its token no longer decrypts (then it becomes
  // invalid, saying why, instead of failing every sweep).
  async openForDelivery(workspaceId: WorkspaceId, connectorId: string): Promise<{ connector: Connector; accessToken: string } | null> {
    const found = await this.connectors.findWithSealedToken(workspaceId, connectorId);
    if (!found || found.status !== 'active') return null;
    const { accessTokenSealed, ...connector } = found;
    try {
      return { connector, accessToken: this.vault.decrypt(accessTokenSealed, { workspaceId, connectorId }) };
    } catch (error) {
      if (!(error instanceof CredentialDecryptionError)) throw error;
      const reason = `The stored access token can no longer be decrypted (${error.reason}); enter the access token again. ${error.message}`;
      this.logger.error({ workspaceId, connectorId, reason: error.reason, keyId: error.keyId }, 'Connector marked invalid: its access token does not decrypt');
      await this.connectors.update(workspaceId, connectorId, { status: 'invalid', statusReason: reason });
      this.workspacePlatforms.forget(workspaceId);
      return null;
    }
  }

  // The platform refused the credentials while delivering: every later request would fail too.
  // In the delivery's transaction, so the connector turns invalid together with its held rows
  // and the request's log entry. The refusal is the credentials' latest check, so it is recorded
  // as the last validation too: its code is what the alert of the invalid connector reports.
  async markInvalid(
    workspaceId: WorkspaceId,
    connectorId: string,
    refusal: { reason: string; platformCode: number | null; platformMessage: string },
    tx: Transaction,
  ): Promise<void> {
    const lastValidation = { ok: false, at: new Date().toISOString(), code: refusal.platformCode, message: refusal.platformMessage };
    await this.connectors.update(workspaceId, connectorId, { status: 'invalid', statusReason: refusal.reason, lastValidation }, tx);
    // Ingest in this process says so from its next event (the TTL bounds the others, and a read
    // made before this commits).
    this.workspacePlatforms.forget(workspaceId);
  }
}
