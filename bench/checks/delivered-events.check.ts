import { BenchPlatform, IntegrityCheck, PLATFORM_NAMES } from '../report/bench-results';

export interface DeliveredEventsInput {
  // The run and connector, as the check lines name them (`d1`, `d2c2#2`, `m1`).
  name: string;
  platform: BenchPlatform;
  // The tag of the seeded event ids: `<tag>-<request>-<index>`.
  tag: string;
  expected: number;
  seedBatchSize: number;
  // The connector's delivery rows by status.
  statuses: Array<{ status: string; count: number }>;
  // Every event_id the platform's sandbox stored for the connector's pixel, credential checks left out.
  sandboxEventIds: string[];
}

// Nothing lost, nothing sent twice: every delivery row delivered, and the platform's sandbox holds
// each seeded event_id exactly once, with nothing it was not sent.
export function checkDeliveredEvents(input: DeliveredEventsInput): IntegrityCheck[] {
  const { name, tag, expected, seedBatchSize, statuses, sandboxEventIds } = input;
  const delivered = statuses.find((row) => row.status === 'delivered')?.count ?? 0;
  const total = statuses.reduce((sum, row) => sum + row.count, 0);
  const distinct = new Set(sandboxEventIds);
  const seeded = (id: string) => {
    const [idTag, request, index] = id.split('-');
    return idTag === tag && Number(request) * seedBatchSize + Number(index) < expected && Number(index) < seedBatchSize;
  };
  const unexpected = [...distinct].filter((id) => !seeded(id)).length;
  return [
    {
      name: `delivery ${name}: deliveries all 'delivered'`,
      ok: delivered === expected && total === expected,
      detail: statuses.map((row) => `${row.count} ${row.status}`).join(', ') || 'no deliveries',
    },
    {
      name: `delivery ${name}: ${PLATFORM_NAMES[input.platform]} sandbox has each event exactly once`,
      ok: sandboxEventIds.length === expected && distinct.size === expected && unexpected === 0,
      detail: `${sandboxEventIds.length} received, ${distinct.size} distinct event_ids, ${unexpected} unexpected, expected ${expected}`,
    },
  ];
}
