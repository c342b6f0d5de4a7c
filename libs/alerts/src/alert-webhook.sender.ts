import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, InjectConfig, PeriodicTask } from '@app/core';
import { CredentialVault } from '@app/platforms';
import { AlertsRepository, DueWebhook } from './alerts.repository';
import { webhookSecretContext } from './alerts.service';
import { nextWebhookAttempt } from './webhook-retry';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

const BATCH = 50;

// Runs in the worker: POSTs each raised alert, signed, to its workspace's webhook, and retries a
// failed send with backoff until ALERTS_WEBHOOK_MAX_ATTEMPTS. A send is claimed first (its next
// attempt pushed past the timeout), so two workers do not send the same alert at once.
@Injectable()
export class AlertWebhookSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertWebhookSender.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly vault: CredentialVault,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.task = new PeriodicTask(
      () => this.run().catch((error: unknown) => this.logger.warn({ err: error }, 'Alert webhooks failed; trying again at the next interval')),
      config.alerts.evaluateIntervalMs,
    );
  }

  // Returns the webhooks sent.
  async run(): Promise<number> {
    const leaseMs = this.config.alerts.webhookTimeoutMs * 2;
    let sent = 0;
    for (;;) {
      const due = await this.alerts.claimDueWebhooks(BATCH, leaseMs);
      for (const alert of due) if (await this.send(alert)) sent++;
      if (due.length < BATCH) return sent;
    }
  }

  private async send(alert: DueWebhook): Promise<boolean> {
    const { workspaceId, id } = alert;
    const webhook = await this.alerts.webhookWithSealedSecret(workspaceId);
    if (!webhook) {
      await this.alerts.markWebhookFinal(workspaceId, id, 'none', 'The webhook was removed before the alert was sent');
      return false;
    }
    let secret: string;
    try {
      secret = this.vault.decrypt(webhook.secretSealed, webhookSecretContext(workspaceId));
    } catch (error) {
      // Unsigned is never an option, and no later attempt would open it either (the key changed).
      const reason = `The webhook secret can no longer be decrypted; set the webhook again with rotateSecret. ${error instanceof Error ? error.message : String(error)}`;
      this.logger.error({ err: error, workspaceId, alertId: id }, 'Alert webhook not sent: its secret does not decrypt');
      await this.alerts.markWebhookFinal(workspaceId, id, 'failed', reason);
      return false;
    }
    const body = JSON.stringify({
      id,
      type: alert.kind,
      workspaceId,
      subject: alert.subject,
      message: alert.message,
      details: alert.details,
      raisedAt: alert.raisedAt,
    });
    const error = await this.post(webhook.url, body, signatureHeader(secret, body, Math.floor(Date.now() / 1000)));
    if (error === null) {
      await this.alerts.markWebhookSent(workspaceId, id);
      return true;
    }
    const next = nextWebhookAttempt(alert.attempts, this.config.alerts);
    this.logger.warn({ workspaceId, alertId: id, attempt: alert.attempts, error, giveUp: next.giveUp }, 'Alert webhook failed');
    if (next.giveUp) await this.alerts.markWebhookFinal(workspaceId, id, 'failed', error);
    else await this.alerts.scheduleWebhookRetry(workspaceId, id, next.delayMs, error);
    return false;
  }

  // Null when the receiver answered 2xx; otherwise why not, in words.
  private async post(url: string, body: string, signature: string): Promise<string | null> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature, 'user-agent': 'TrackLayer-Alerts/1' },
        body,
        // A redirect is an answer, not a new place to send the secret-signed body to.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.alerts.webhookTimeoutMs),
      });
      await response.body?.cancel();
      return response.ok ? null : `The receiver answered HTTP ${response.status}`;
    } catch (error) {
      return `The receiver could not be reached: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`;
    }
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}
