import type { UnmappedEventsPolicy } from '@app/platforms';
import { eventNameKey, lookupDefaultTikTokEventName } from './tiktok-event-names';

export type TikTokEventNameResolution =
  | { name: string; mapped: 'connector' | 'default' | 'custom' }
  | { dropped: true };

// An exact key first, then one spelled differently (case, spaces, underscores, hyphens), like the
// default table.
function lookupConnectorMapping(sourceName: string, mapping: Record<string, string>): string | undefined {
  if (Object.hasOwn(mapping, sourceName)) return mapping[sourceName];
  const key = eventNameKey(sourceName);
  for (const [source, target] of Object.entries(mapping)) {
    if (eventNameKey(source) === key) return target;
  }
  return undefined;
}

export function resolveTikTokEventName(
  sourceName: string,
  connectorMapping: Record<string, string> | undefined,
  unmapped: UnmappedEventsPolicy,
): TikTokEventNameResolution {
  const fromConnector = connectorMapping === undefined ? undefined : lookupConnectorMapping(sourceName, connectorMapping);
  if (fromConnector !== undefined) return { name: fromConnector, mapped: 'connector' };

  const fromDefaults = lookupDefaultTikTokEventName(sourceName);
  if (fromDefaults !== undefined) return { name: fromDefaults, mapped: 'default' };

  if (unmapped === 'drop') return { dropped: true };
  return { name: sourceName, mapped: 'custom' };
}
