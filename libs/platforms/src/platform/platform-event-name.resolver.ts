import type { UnmappedEventsPolicy } from '../connectors/connector';
import type { PlatformEventName } from './platform';

export interface EventNameRules {
  // The platform's default table: its name for a source name, if it has one.
  lookupDefault(sourceName: string): string | undefined;
  // The key two spellings of one source name share, for the connector's own mapping.
  keyOf(name: string): string;
}

// Every platform's order: the connector's own mapping (an exact key first, then one spelled
// differently by the platform's rule), then the platform's default table, then the connector's
// policy for names neither knows (sent as custom events, or dropped).
export function resolvePlatformEventName(
  sourceName: string,
  mapping: Record<string, string> | undefined,
  unmapped: UnmappedEventsPolicy,
  rules: EventNameRules,
): PlatformEventName {
  const fromConnector = mapping === undefined ? undefined : lookupMapping(sourceName, mapping, rules.keyOf);
  if (fromConnector !== undefined) return { name: fromConnector, mapped: 'connector' };
  const fromDefaults = rules.lookupDefault(sourceName);
  if (fromDefaults !== undefined) return { name: fromDefaults, mapped: 'default' };
  if (unmapped === 'drop') return { dropped: true };
  return { name: sourceName, mapped: 'custom' };
}

function lookupMapping(sourceName: string, mapping: Record<string, string>, keyOf: (name: string) => string): string | undefined {
  if (Object.hasOwn(mapping, sourceName)) return mapping[sourceName];
  const key = keyOf(sourceName);
  for (const [source, target] of Object.entries(mapping)) {
    if (keyOf(source) === key) return target;
  }
  return undefined;
}
