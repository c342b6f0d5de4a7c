import type { NormalizedEvent } from '@app/core';

// Every key under which a visitor's click ids are remembered and looked up. Hashed identifiers are
// already SHA-256 here, so the store never holds a plain email or phone number.
export function visitorIdentities(event: Pick<NormalizedEvent, 'anonymousId' | 'user'>): string[] {
  const identities: string[] = [];
  if (event.anonymousId) identities.push(`anon:${event.anonymousId}`);
  for (const hash of event.user.externalId ?? []) identities.push(`xid:${hash}`);
  for (const hash of event.user.email ?? []) identities.push(`email:${hash}`);
  for (const hash of event.user.phone ?? []) identities.push(`phone:${hash}`);
  return identities;
}
