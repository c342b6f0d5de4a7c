import { resolvePlatformEventName, type PlatformEventName, type UnmappedEventsPolicy } from '@app/platforms';
import { eventNameKey, lookupDefaultTikTokEventName } from './tiktok-event-names';

export type TikTokEventNameResolution = PlatformEventName;

// A connector's own mapping matches a name spelled differently (case, spaces, underscores,
// hyphens), like the default table.
const TIKTOK_RULES = { lookupDefault: lookupDefaultTikTokEventName, keyOf: eventNameKey };

export function resolveTikTokEventName(
  sourceName: string,
  connectorMapping: Record<string, string> | undefined,
  unmapped: UnmappedEventsPolicy,
): TikTokEventNameResolution {
  return resolvePlatformEventName(sourceName, connectorMapping, unmapped, TIKTOK_RULES);
}
