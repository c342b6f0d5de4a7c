// The one event object of a platform request that is this event's: TikTok's Events API and
// Meta's Conversions API both carry a batch under `data`, each event with the `event_id` that
// TrackLayer gave it. Undefined when the request body was not kept or does not hold the event.
export function sentEventOf(requestBody: unknown, eventId: string): unknown {
  if (requestBody === null || typeof requestBody !== 'object') return undefined;
  const data = (requestBody as { data?: unknown }).data;
  if (!Array.isArray(data)) return undefined;
  return data.find((item: unknown) => item !== null && typeof item === 'object' && (item as { event_id?: unknown }).event_id === eventId);
}
