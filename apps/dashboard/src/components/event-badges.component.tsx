import { eventBadges } from '../model/event-badges';
import type { Schema } from '../api/api-client';

export function EventBadges({ event }: { event: Pick<Schema<'DebuggedEventView'>, 'event' | 'ttclidRestored' | 'ttpRestored'> }) {
  const badges = eventBadges(event);
  if (badges.length === 0) return <span className="muted">no identifiers</span>;
  return (
    <ul className="badges" aria-label="Identifiers">
      {badges.map((badge) => (
        <li key={badge.id} className={`badge badge-id badge-${badge.id}`} title={badge.description}>
          {badge.label}
        </li>
      ))}
    </ul>
  );
}
