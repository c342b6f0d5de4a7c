import type { UnmappedEventsPolicy } from '@app/platforms';
import { lookupDefaultTikTokEventName } from './tiktok-event-names';

export type TikTokEventNameResolution =
  | { name: string; mapped: 'connector' | 'default' | 'custom' }
  | { dropped: true };

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
  unmapped: UnmappedEventsPolicy,
): TikTokEventNameResolution {
  const fromConnector = connectorMapping === undefined ? undefined : lookupConnectorMapping(sourceName, connectorMapping);
  if (fromConnector !== undefined) return { name: fromConnector, mapped: 'connector' };

  const fromDefaults = lookupDefaultTikTokEventName(sourceName);
  if (fromDefaults !== undefined) return { name: fromDefaults, mapped: 'default' };

  if (unmapped === 'drop') return { dropped: true };
  return { name: sourceName, mapped: 'custom' };
}
