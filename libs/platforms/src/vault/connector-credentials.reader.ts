import type { ConnectorsRepository } from '../connectors/connectors.repository';
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
// database, so a restart does not turn them invalid. Across all workspaces by nature
// (ConnectorsRepository.sealedCredentialsOfPlatform, a named cross-workspace query); each token is
// still opened with its own workspace and connector ids as authenticated data. A token that does
// not open is reported, never guessed.
export async function openAllConnectorCredentials(
  connectors: ConnectorsRepository,
  vault: CredentialVault,
  platform: PlatformId,
): Promise<ConnectorCredentialsListing> {
  const rows = await connectors.sealedCredentialsOfPlatform(platform);
  const listing: ConnectorCredentialsListing = { opened: [], unreadable: [] };
  for (const row of rows) {
    const ids = { workspaceId: row.workspaceId, connectorId: row.id };
    try {
      listing.opened.push({ ...ids, pixelCode: row.pixelCode, accessToken: vault.decrypt(row.accessTokenSealed, ids) });
    } catch (error) {
      listing.unreadable.push({ ...ids, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return listing;
}
