// How a workspace's events are treated at ingest. Stored as jsonb; absent keys take these defaults.
export interface WorkspaceSettings {
  // ISO 3166 alpha-2 country for phone numbers sent without a country code.
  defaultCountry: string | null;
  // Older events are rejected (event_too_old): TikTok's attribution windows end at 7 days for views.
  maxEventAgeDays: number;
  // How long a captured click id (ttclid, ttp, fbc, fbp...) may be restored onto later events of the same visitor.
  attributionWindowDays: number;
  // A repeated event_id inside this window is a duplicate (TikTok itself dedups for 48 h).
  dedupWindowHours: number;
  // Take IP and user agent from the HTTP request when the event has none.
  captureIpAndUserAgent: boolean;
  // Accepted events (and their payloads) older than this are deleted, unless a delivery of theirs
  // is still pending or in doubt.
  eventRetentionDays: number;
  // Delivery attempt records (delivery logs) older than this are deleted once settled.
  deliveryLogRetentionDays: number;
}

// The longest attribution window a workspace may set: click ids older than it are never restored.
export const MAX_ATTRIBUTION_WINDOW_DAYS = 28;
// Bounds of the retention settings, enforced by the settings DTO.
export const RETENTION_BOUNDS = Object.freeze({
  eventRetentionDays: { min: 1, max: 30 },
  deliveryLogRetentionDays: { min: 1, max: 90 },
});

export const DEFAULT_WORKSPACE_SETTINGS: Readonly<WorkspaceSettings> = Object.freeze({
  defaultCountry: null,
  maxEventAgeDays: 7,
  attributionWindowDays: 7,
  dedupWindowHours: 48,
  captureIpAndUserAgent: true,
  eventRetentionDays: 7,
  deliveryLogRetentionDays: 30,
});

export function resolveWorkspaceSettings(stored: Partial<WorkspaceSettings> | null | undefined): WorkspaceSettings {
  return { ...DEFAULT_WORKSPACE_SETTINGS, ...(stored ?? {}) };
}
