import { Injectable } from '@nestjs/common';
import { DomainError, WorkspaceId } from '@app/core';
import { CredentialContext, CredentialVault } from '@app/platforms';
import { AlertsRepository, StoredAlert } from './alerts.repository';
import { AlertView, AlertWebhookView, SetAlertWebhookDto } from './dto/alert.dto';
import { newWebhookSecret } from './webhook-signature';

// The vault binds a sealed value to its row; the webhook secret's row is the workspace's webhook.
export function webhookSecretContext(workspaceId: WorkspaceId): CredentialContext {
  return { workspaceId, connectorId: 'alert-webhook' };
}

@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly vault: CredentialVault,
  ) {}

  async list(workspaceId: WorkspaceId, status: 'open' | 'resolved' | null, limit: number): Promise<AlertView[]> {
    return (await this.alerts.list(workspaceId, status, limit)).map(toView);
  }

  async webhook(workspaceId: WorkspaceId): Promise<AlertWebhookView> {
    const webhook = await this.alerts.webhook(workspaceId);
    if (!webhook) throw DomainError.notFound('Alert webhook');
    return webhook;
  }

  // The caller's secret, or a new one made here (returned this once) for a new webhook or on
  // rotateSecret; otherwise an existing webhook keeps its secret.
  async setWebhook(workspaceId: WorkspaceId, input: SetAlertWebhookDto): Promise<AlertWebhookView> {
    if (input.secret !== undefined && input.rotateSecret) {
      const message = 'Give either secret or rotateSecret, not both';
      throw new DomainError('bad_request', 'invalid_webhook', message, { fields: [{ field: 'secret', message }] });
    }
    if (input.secret === undefined && !input.rotateSecret) {
      const updated = await this.alerts.updateWebhookUrl(workspaceId, input.url);
      if (updated) return updated;
    }
    const secret = input.secret ?? newWebhookSecret();
    const sealed = this.vault.encrypt(secret, webhookSecretContext(workspaceId));
    const saved = await this.alerts.saveWebhook(workspaceId, input.url, sealed, this.vault.keyIdOf(sealed));
    return input.secret === undefined ? { ...saved, secret } : saved;
  }

  async clearWebhook(workspaceId: WorkspaceId): Promise<void> {
    if ((await this.alerts.deleteWebhook(workspaceId)) === 0) throw DomainError.notFound('Alert webhook');
  }
}

function toView(row: StoredAlert): AlertView {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    status: row.status,
    message: row.message,
    details: row.details,
    raisedAt: row.raisedAt,
    resolvedAt: row.resolvedAt,
    webhook: { status: row.webhookStatus, attempts: row.webhookAttempts, sentAt: row.webhookSentAt, lastError: row.webhookLastError },
  };
}
