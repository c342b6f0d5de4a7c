import { dateTime } from '../model/format';
import type { Column } from './data-table.component';
import { StatusBadge } from './status-badge.component';

// A platform's answer to one request: a delivery log row records the same as an attempt of the
// event story.
export interface PlatformAnswer {
  at: string;
  httpStatus: number | null;
  platformCode: number | null;
  platformMessage: string | null;
  requestId: string | null;
  latencyMs: number | null;
  outcome: string;
}

// In flight, or in doubt (sent again as the next attempt): neither delivered nor refused.
const PENDING_OUTCOMES = new Set(['retry', 'sending', 'in_doubt']);
const outcomeTone = (outcome: string) => (outcome === 'delivered' ? 'ok' : PENDING_OUTCOMES.has(outcome) ? 'warn' : 'fail');

export function platformAnswerColumns<Row>(answer: (row: Row) => PlatformAnswer): Array<Column<Row>> {
  return [
    { header: 'At', cell: (row) => dateTime(answer(row).at) },
    { header: 'HTTP', cell: (row) => answer(row).httpStatus ?? '–' },
    { header: 'Code', cell: (row) => answer(row).platformCode ?? '–' },
    { header: 'Message', cell: (row) => answer(row).platformMessage ?? '' },
    { header: 'Request id', cell: (row) => (answer(row).requestId ? <code>{answer(row).requestId}</code> : '–') },
    { header: 'Latency', cell: (row) => (answer(row).latencyMs === null ? '–' : `${answer(row).latencyMs} ms`) },
    { header: 'Outcome', cell: (row) => <StatusBadge tone={outcomeTone(answer(row).outcome)}>{answer(row).outcome}</StatusBadge> },
  ];
}
