import { TIKTOK_KNOWN_EVENTS, isKnownTikTokEvent, lookupDefaultTikTokEventName } from './tiktok-event-names';

export type UnmappedEventPolicy = 'send' | 'drop';

export type TikTokEventNameResolution =
  | { name: string; mapped: 'connector' | 'default' | 'custom' }
  | { dropped: true };

export interface MappingEntryDescription {
  sourceName: string;
  tiktokName: string;
  // `custom` events still reach TikTok, but only for reporting and audiences, not optimization.
  kind: 'standard' | 'custom';
  // Set when a custom target differs from a TikTok name only by case: TikTok matches names
  // case-sensitively, so `completepayment` would silently become a custom event.
  suggestion?: string;
}

export interface MappingError {
  sourceName: string;
  message: string;
}

export interface MappingDescription {
  entries: MappingEntryDescription[];
  errors: MappingError[];
}

export const TIKTOK_EVENT_NAME_MAX_LENGTH = 50;

const KNOWN_BY_LOWER_CASE: ReadonlyMap<string, string> = new Map(
  TIKTOK_KNOWN_EVENTS.map((name) => [name.toLowerCase(), name]),
);

function lookupConnectorMapping(sourceName: string, mapping: Record<string, string>): string | undefined {
  if (Object.hasOwn(mapping, sourceName)) return mapping[sourceName];
  const lower = sourceName.toLowerCase();
  for (const [source, target] of Object.entries(mapping)) {
    if (source.toLowerCase() === lower) return target;
  }
  return undefined;
}

export function resolveTikTokEventName(
  sourceName: string,
  connectorMapping: Record<string, string> | undefined,
  unmapped: UnmappedEventPolicy,
): TikTokEventNameResolution {
  const fromConnector = connectorMapping === undefined ? undefined : lookupConnectorMapping(sourceName, connectorMapping);
  if (fromConnector !== undefined) return { name: fromConnector, mapped: 'connector' };

  const fromDefaults = lookupDefaultTikTokEventName(sourceName);
  if (fromDefaults !== undefined) return { name: fromDefaults, mapped: 'default' };

  if (unmapped === 'drop') return { dropped: true };
  return { name: sourceName, mapped: 'custom' };
}

// Takes unknown values because it validates a connector's eventMapping as the API received it.
export function describeMapping(mapping: Record<string, unknown>): MappingDescription {
  const entries: MappingEntryDescription[] = [];
  const errors: MappingError[] = [];

  for (const [sourceName, tiktokName] of Object.entries(mapping)) {
    if (sourceName.trim() === '') {
      errors.push({ sourceName, message: 'The source event name must not be empty' });
      continue;
    }
    if (typeof tiktokName !== 'string') {
      errors.push({ sourceName, message: `The TikTok event name for "${sourceName}" must be a string` });
      continue;
    }
    if (tiktokName.trim() === '') {
      errors.push({ sourceName, message: `The TikTok event name for "${sourceName}" must not be empty` });
      continue;
    }
    if (tiktokName.length > TIKTOK_EVENT_NAME_MAX_LENGTH) {
      errors.push({
        sourceName,
        message: `The TikTok event name for "${sourceName}" is longer than ${TIKTOK_EVENT_NAME_MAX_LENGTH} characters`,
      });
      continue;
    }
    if (tiktokName !== tiktokName.trim()) {
      errors.push({
        sourceName,
        message: `The TikTok event name for "${sourceName}" has leading or trailing spaces`,
      });
      continue;
    }

    if (isKnownTikTokEvent(tiktokName)) {
      entries.push({ sourceName, tiktokName, kind: 'standard' });
      continue;
    }
    const suggestion = KNOWN_BY_LOWER_CASE.get(tiktokName.toLowerCase());
    entries.push({ sourceName, tiktokName, kind: 'custom', ...(suggestion === undefined ? {} : { suggestion }) });
  }

  return { entries, errors };
}
