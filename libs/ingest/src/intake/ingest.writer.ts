import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventDedupStore } from '@app/dedup';
import { AcceptedEventFacts, ingestIncrements, MetricsRecorder } from '@app/metrics';
import { DeliveryOutbox } from '@app/platforms';
import type { WorkspaceSettings } from '@app/tenancy';
import { ClickIdRestorer } from '../click-ids/click-id.restorer';
import { ClickIdStore } from '../click-ids/click-id.store';
import { visitorIdentities } from '../click-ids/visitor-identities';
import { IngestResult } from './ingest-response';
import { Candidate, IngestSubmission } from './ingest-submission';

const DAY_SECONDS = 86_400;

interface Owned {
  candidate: Candidate;
  submission: IngestSubmission;
}

// Writes the submissions of one workspace in ONE transaction with a fixed number of statements
// (dedup claim, click-id load, events, click ids, deliveries, counters), however many requests and
// events it carries; then nudges the delivery queue. Fills each submission's results.
@Injectable()
export class IngestWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dedup: EventDedupStore,
    private readonly clickIds: ClickIdStore,
    private readonly outbox: DeliveryOutbox,
    private readonly recorder: MetricsRecorder,
  ) {}

  async write(workspaceId: string, settings: WorkspaceSettings, submissions: IngestSubmission[]): Promise<void> {
    const connectorIds = await this.dataSource.transaction((manager) => this.persist(manager, workspaceId, settings, submissions));
    this.outbox.notify(workspaceId, connectorIds);
  }

  private async persist(
    manager: EntityManager,
    workspaceId: string,
    settings: WorkspaceSettings,
    submissions: IngestSubmission[],
  ): Promise<string[]> {
    const all: Owned[] = submissions.flatMap((submission) => submission.candidates.map((candidate) => ({ candidate, submission })));
    const verdicts = await this.dedup.claim(
      manager,
      workspaceId,
      all.map(({ candidate }) => ({ eventId: candidate.event.eventId, ref: candidate.ref })),
      settings.dedupWindowHours,
    );
    const accepted: Owned[] = [];
    for (const owned of all) {
      const verdict = verdicts.get(owned.candidate.ref);
      if (verdict && !verdict.accepted) {
        const { index, event } = owned.candidate;
        owned.submission.results[index] = { index, status: 'duplicate', eventId: event.eventId, originalId: verdict.originalRef };
      } else accepted.push(owned);
    }

    let facts: AcceptedEventFacts[] = [];
    let connectorIds: string[] = [];
    if (accepted.length > 0) {
      const restorer = new ClickIdRestorer(
        await this.clickIds.load(manager, workspaceId, accepted.flatMap(({ candidate }) => visitorIdentities(candidate.event))),
        settings.attributionWindowDays * DAY_SECONDS,
      );
      facts = accepted.map(({ candidate }) => ({ event: candidate.event, ...restorer.apply(candidate.event) }));
      await manager.query(
        `INSERT INTO events (id, workspace_id, event_id, event_name, event_time, ingest_key_id, payload, ttclid_restored, ttp_restored)
         SELECT e.id, $1, e.event_id, e.event_name, to_timestamp(e.event_time), e.key_id, p.payload, e.ttclid_restored, e.ttp_restored
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::uuid[], $8::bool[], $9::bool[])
                  WITH ORDINALITY AS e(id, event_id, event_name, event_time, key_id, ttclid_restored, ttp_restored, n)
           JOIN jsonb_array_elements($7::jsonb) WITH ORDINALITY AS p(payload, n) USING (n)`,
        [
          workspaceId,
          accepted.map(({ candidate }) => candidate.ref),
          accepted.map(({ candidate }) => candidate.event.eventId),
          accepted.map(({ candidate }) => candidate.event.eventName),
          accepted.map(({ candidate }) => candidate.event.eventTime),
          accepted.map(({ submission }) => submission.keyId),
          // One JSON array rather than a jsonb[]: pg escapes every array element in JavaScript.
          JSON.stringify(accepted.map(({ candidate }) => candidate.event)),
          facts.map((f) => f.ttclidRestored),
          facts.map((f) => f.ttpRestored),
        ],
      );
      await this.clickIds.remember(
        manager,
        workspaceId,
        new Map([...restorer.changed].map((identity) => [identity, restorer.known.get(identity) ?? {}])),
      );
      connectorIds = await this.outbox.addForEvents(
        manager,
        workspaceId,
        accepted.map(({ candidate }) => candidate.ref),
      );
    }

    const rejected = submissions.flatMap((submission) => rejectionReasons(submission.results));
    await this.recorder.record(manager, workspaceId, new Date(), ingestIncrements(facts, all.length - accepted.length, rejected));
    for (const { candidate, submission } of accepted) {
      const { index, event, ref, warnings } = candidate;
      submission.results[index] = {
        index,
        status: 'accepted',
        eventId: event.eventId,
        id: ref,
        ...(warnings.length > 0 ? { warnings } : {}),
      };
    }
    return connectorIds;
  }
}

function rejectionReasons(results: IngestResult[]): string[] {
  const reasons: string[] = [];
  for (const result of results) if (result?.status === 'rejected') reasons.push(result.reason);
  return reasons;
}
