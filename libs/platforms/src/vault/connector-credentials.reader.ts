import type { PgSession } from '@app/core';
import type { PlatformId } from '../platform/platform';
import { CredentialVault } from './credential-vault';

export interface OpenedConnectorCredentials {
  workspaceId: string;
  connectorId: string;
  pixelCode: string;
  accessToken: string;
}

export interface UnreadableConnectorCredentials {
  workspaceId: string;
  connectorId: string;
  reason: string;
}

export interface ConnectorCredentialsListing {
  opened: OpenedConnectorCredentials[];
  unreadable: UnreadableConnectorCredentials[];
}

// Every connector of one platform, its access token opened. Only `npm run dev` calls it, to tell
// the local platform sandbox the pixels and tokens of the connectors already in a development
// database, so a restart does not turn them invalid. Across all workspaces by nature (like the
// re-encryption job), hence raw SQL; each token is still opened with its own workspace and
// connector ids as authenticated data. A token that does not open is reported, never guessed.
export async function openAllConnectorCredentials(
  session: PgSession,
  vault: CredentialVault,
  platform: PlatformId,
): Promise<ConnectorCredentialsListing> {
  const { rows } = await session.query(
    `SELECT workspace_id, id, pixel_code, access_token_sealed FROM connectors
      WHERE platform = $1 ORDER BY workspace_id, id`,
    [platform],
  );
  const listing: ConnectorCredentialsListing = { opened: [], unreadable: [] };
  for (const row of rows as Array<{ workspace_id: string; id: string; pixel_code: string; access_token_sealed: string }>) {
    const ids = { workspaceId: row.workspace_id, connectorId: row.id };
    try {
      listing.opened.push({ ...ids, pixelCode: row.pixel_code, accessToken: vault.decrypt(row.access_token_sealed, ids) });
    } catch (error) {
      listing.unreadable.push({ ...ids, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return listing;
}
