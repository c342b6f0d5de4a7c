import type { Schema } from '../api/api-client';

type DebuggedEvent = Pick<Schema<'DebuggedEventView'>, 'event' | 'ttclidRestored' | 'ttpRestored'>;

export interface Badge {
  id: 'ttclid' | 'ttp' | 'fbc' | 'fbp' | 'email' | 'phone' | 'ip' | 'user-agent' | 'restored';
  label: string;
  description: string;
}

// The identifiers an event carries, as the badges of the Events page: what TikTok can match on.
export function eventBadges({ event, ttclidRestored, ttpRestored }: DebuggedEvent): Badge[] {
  const user = event.user;
  const badges: Badge[] = [];
  if (user.ttclid) badges.push({ id: 'ttclid', label: 'ttclid', description: `TikTok click id (from ${event.clickIds.ttclidSource ?? 'the event'})` });
  if (user.ttp) badges.push({ id: 'ttp', label: 'ttp', description: `TikTok browser id (from ${event.clickIds.ttpSource ?? 'the event'})` });
  if (user.fbc) badges.push({ id: 'fbc', label: 'fbc', description: `Meta click id (from ${event.clickIds.fbcSource ?? 'the event'})` });
  if (user.fbp) badges.push({ id: 'fbp', label: 'fbp', description: `Meta browser id (from ${event.clickIds.fbpSource ?? 'the event'})` });
  if (user.email?.length) badges.push({ id: 'email', label: 'email', description: 'Hashed email' });
  if (user.phone?.length) badges.push({ id: 'phone', label: 'phone', description: 'Hashed phone number' });
  if (user.ip) badges.push({ id: 'ip', label: 'IP', description: 'Visitor IP address' });
  if (user.userAgent) badges.push({ id: 'user-agent', label: 'user agent', description: 'Visitor user agent' });
  if (ttclidRestored || ttpRestored) {
    const which = [ttclidRestored && 'ttclid', ttpRestored && 'ttp'].filter(Boolean).join(' and ');
    badges.push({ id: 'restored', label: 'restored', description: `TrackLayer restored the ${which} from an earlier event of this visitor` });
  }
  return badges;
}
