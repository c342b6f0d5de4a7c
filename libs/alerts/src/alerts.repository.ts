import { Injectable } from '@nestjs/common';
import { Database, WorkspaceId } from '@app/core';
import { AlertKind, RaisedAlert } from './alert-rules';

export type WebhookStatus = 'pending' | 'sent' | 'failed' | 'none';

export interface StoredAlert {
  id: string;
  kind: AlertKind;
  subject: string;
  status: 'open' | 'resolved';
  message: string;
  details: Record<string, unknown>;
  raisedAt: Date;
  resolvedAt: Date | null;
  webhookStatus: WebhookStatus;
  webhookAttempts: number;
  webhookSentAt: Date | null;
  webhookLastError: string | null;
}

export interface StoredWebhook {
  url: string;
  createdAt: Date;
  updatedAt: Date;
}

// An alert the sender took, with the attempt this send is.
export interface DueWebhook {
  workspaceId: WorkspaceId;
  id: string;
  kind: AlertKind;
  subject: string;
  message: string;
  details: Record<string, unknown>;
  raisedAt: Date;
  attempts: number;
}

const ALERT_COLUMNS = `id, kind, subject, status, message, details, raised_at AS "raisedAt", resolved_at AS "resolvedAt",
       webhook_status AS "webhookStatus", webhook_attempts AS "webhookAttempts", webhook_sent_at AS "webhookSentAt",
       webhook_last_error AS "webhookLastError"`;

// The alerts and alert_webhooks tables. The sealed webhook secret is read only by the method that says so.
@Injectable()
export class AlertsRepository {
  constructor(private readonly db: Database) {}

  webhook(workspaceId: WorkspaceId): Promise<StoredWebhook | undefined> {
    return this.db
      .forWorkspace(workspaceId)
      .one(`SELECT url, created_at AS "createdAt", updated_at AS "updatedAt" FROM alert_webhooks WHERE workspace_id = $1`);
  }

  webhookWithSealedSecret(workspaceId: WorkspaceId): Promise<{ url: string; secretSealed: string } | undefined> {
    return this.db.forWorkspace(workspaceId).one(`SELECT url, secret_sealed AS "secretSealed" FROM alert_webhooks WHERE workspace_id = $1`);
  }

  // A new webhook, or a new URL and secret for the existing one.
  async saveWebhook(workspaceId: WorkspaceId, url: string, secretSealed: string, secretKeyId: string): Promise<StoredWebhook> {
    const row = await this.db.forWorkspace(workspaceId).one<StoredWebhook>(
      `INSERT INTO alert_webhooks (workspace_id, url, secret_sealed, secret_key_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id) DO UPDATE SET url = EXCLUDED.url, secret_sealed = EXCLUDED.secret_sealed,
                                                secret_key_id = EXCLUDED.secret_key_id, updated_at = now()
       RETURNING url, created_at AS "createdAt", updated_at AS "updatedAt"`,
      [url, secretSealed, secretKeyId],
    );
    return row as StoredWebhook;
  }

  // A new URL, the secret kept.
  updateWebhookUrl(workspaceId: WorkspaceId, url: string): Promise<StoredWebhook | undefined> {
    return this.db.forWorkspace(workspaceId).one(
      `UPDATE alert_webhooks SET url = $2, updated_at = now() WHERE workspace_id = $1
       RETURNING url, created_at AS "createdAt", updated_at AS "updatedAt"`,
      [url],
    );
  }

  deleteWebhook(workspaceId: WorkspaceId): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute('DELETE FROM alert_webhooks WHERE workspace_id = $1');
  }

  list(workspaceId: WorkspaceId, status: 'open' | 'resolved' | null, limit: number): Promise<StoredAlert[]> {
    return this.db.forWorkspace(workspaceId).many(
      `SELECT ${ALERT_COLUMNS} FROM alerts
        WHERE workspace_id = $1 AND ($2::text IS NULL OR status = $2)
        ORDER BY raised_at DESC, id LIMIT $3`,
      [status, limit],
    );
  }

  listOpen(workspaceId: WorkspaceId): Promise<Array<{ id: string; kind: AlertKind; subject: string }>> {
    return this.db.forWorkspace(workspaceId).many(`SELECT id, kind, subject FROM alerts WHERE workspace_id = $1 AND status = 'open'`);
  }

  // Nothing when an alert of the same kind and subject is open (the partial unique index), so
  // two workers evaluating at once raise it once. Its webhook is due now if the workspace has one.
  async raise(workspaceId: WorkspaceId, id: string, alert: RaisedAlert): Promise<boolean> {
    const inserted = await this.db.forWorkspace(workspaceId).execute(
      `INSERT INTO alerts (workspace_id, id, kind, subject, message, details, webhook_status, webhook_next_at)
       SELECT $1, $2, $3, $4, $5, $6::jsonb, CASE WHEN w.workspace_id IS NULL THEN 'none' ELSE 'pending' END, now()
         FROM (SELECT 1) AS one LEFT JOIN alert_webhooks w ON w.workspace_id = $1
       ON CONFLICT (workspace_id, kind, subject) WHERE status = 'open' DO NOTHING`,
      [id, alert.kind, alert.subject, alert.message, JSON.stringify(alert.details)],
    );
    return inserted > 0;
  }

  resolve(workspaceId: WorkspaceId, ids: string[]): Promise<number> {
    if (ids.length === 0) return Promise.resolve(0);
    return this.db
      .forWorkspace(workspaceId)
      .execute(`UPDATE alerts SET status = 'resolved', resolved_at = now() WHERE workspace_id = $1 AND status = 'open' AND id = ANY($2::uuid[])`, [ids]);
  }

  // Up to `limit` alerts resolved more than `days` ago, of any workspace; returns how many.
  deleteResolvedBefore(days: number, limit: number): Promise<number> {
    return this.db.acrossWorkspaces('alert-retention').execute(
      `DELETE FROM alerts WHERE (workspace_id, id) IN (
         SELECT workspace_id, id FROM alerts WHERE status = 'resolved' AND resolved_at < now() - make_interval(days => $1) LIMIT $2)`,
      [days, limit],
    );
  }

  // Takes up to `limit` due notifications of any workspace and pushes each one's next attempt
  // `leaseMs` ahead, counting this attempt: another worker does not take it while it is being
  // sent, and a worker that dies mid-send leaves it due again after the lease.
  claimDueWebhooks(limit: number, leaseMs: number): Promise<DueWebhook[]> {
    return this.db.acrossWorkspaces('alert-webhooks').many(
      `UPDATE alerts a SET webhook_attempts = a.webhook_attempts + 1, webhook_next_at = now() + make_interval(secs => $2::float8 / 1000)
         FROM (SELECT workspace_id, id FROM alerts WHERE webhook_status = 'pending' AND webhook_next_at <= now()
                ORDER BY webhook_next_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
        WHERE a.workspace_id = due.workspace_id AND a.id = due.id
        RETURNING a.workspace_id AS "workspaceId", a.id, a.kind, a.subject, a.message, a.details, a.raised_at AS "raisedAt",
                  a.webhook_attempts AS attempts`,
      [limit, leaseMs],
    );
  }

  markWebhookSent(workspaceId: WorkspaceId, id: string): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute(
      `UPDATE alerts SET webhook_status = 'sent', webhook_sent_at = now(), webhook_next_at = NULL, webhook_last_error = NULL
        WHERE workspace_id = $1 AND id = $2`,
      [id],
    );
  }

  scheduleWebhookRetry(workspaceId: WorkspaceId, id: string, delayMs: number, error: string): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute(
      `UPDATE alerts SET webhook_next_at = now() + make_interval(secs => $3::float8 / 1000), webhook_last_error = $4
        WHERE workspace_id = $1 AND id = $2`,
      [id, delayMs, error],
    );
  }

  // Given up (failed), or nothing to send it to any more (none: the webhook was removed).
  markWebhookFinal(workspaceId: WorkspaceId, id: string, status: 'failed' | 'none', error: string): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute(
      `UPDATE alerts SET webhook_status = $3, webhook_next_at = NULL, webhook_last_error = $4 WHERE workspace_id = $1 AND id = $2`,
      [id, status, error],
    );
  }
}
