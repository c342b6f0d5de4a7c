// The events debugger's page cursor: the (received_at, id) of a page's last event, opaque to
// clients (base64url). The time is Postgres's own text of it, microseconds included, so the next
// page starts exactly after that event. A cursor that does not decode is a 400, never an empty page.
export interface EventCursor {
  receivedAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeEventCursor(cursor: EventCursor): string {
  return Buffer.from(`${cursor.receivedAt}|${cursor.id}`).toString('base64url');
}

export function decodeEventCursor(text: string): EventCursor | undefined {
  const [receivedAt, id, extra] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || id === undefined || !UUID.test(id) || Number.isNaN(new Date(receivedAt).getTime())) return undefined;
  return { receivedAt, id };
}
