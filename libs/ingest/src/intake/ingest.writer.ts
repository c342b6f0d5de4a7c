import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CombinedStatement, inPgTransaction, PgSession, StatementResult } from '@app/core';
import { DedupVerdict, EventDedupStore } from '@app/dedup';
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

// Writes the submissions of one workspace in ONE transaction of two statements, however many
// requests and events it carries: the first claims the event ids (dedup) and reads the visitors'
// known click ids; the second, once click ids are restored in memory, writes events, click ids,
// deliveries and counters. Each module adds its own part to these statements (CombinedStatement),
// so a group commit costs four round trips with BEGIN and COMMIT. Then nudges the delivery queue
// and answers, per submission, the results of its candidates (accepted or duplicate), known only
// once the transaction has committed.
@Injectable()
export class IngestWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dedup: EventDedupStore,
    private readonly clickIds: ClickIdStore,
    private readonly outbox: DeliveryOutbox,
    private readonly recorder: MetricsRecorder,
  ) {}

  async write(workspaceId: string, settings: WorkspaceSettings, submissions: IngestSubmission[]): Promise<IngestResult[][]> {
    const results = new Map(submissions.map((submission) => [submission, [] as IngestResult[]]));
    const connectorIds = await inPgTransaction(this.dataSource, (session) =>
      this.persist(session, workspaceId, settings, submissions, (submission, result) => results.get(submission)?.push(result)),
    );
    this.outbox.notify(workspaceId, connectorIds);
    return submissions.map((submission) => results.get(submission) ?? []);
  }

  private async persist(
    session: PgSession,
    workspaceId: string,
    settings: WorkspaceSettings,
    submissions: IngestSubmission[],
    answer: (submission: IngestSubmission, result: IngestResult) => void,
  ): Promise<string[]> {
    const all: Owned[] = submissions.flatMap((submission) => submission.candidates.map((candidate) => ({ candidate, submission })));

    const claim = new CombinedStatement();
    const pendingVerdicts = this.dedup.addClaim(
      claim,
      workspaceId,
      all.filter(({ candidate }) => !candidate.identityOnly).map(({ candidate }) => ({ eventId: candidate.event.eventId, ref: candidate.ref })),
      settings.dedupWindowHours,
    );
    const readKnown = this.clickIds.addLoad(
      claim,
      workspaceId,
      all.flatMap(({ candidate }) => visitorIdentities(candidate.event)),
    );
    const claimed = all.length > 0 ? await claim.run(session) : undefined;
    const verdicts = claimed ? await pendingVerdicts.verdicts(claimed, session) : new Map<string, DedupVerdict>();

    const accepted: Owned[] = [];
    for (const owned of all) {
      const verdict = verdicts.get(owned.candidate.ref);
      if (verdict && !verdict.accepted) {
        const { index, event } = owned.candidate;
        answer(owned.submission, { index, status: 'duplicate', eventId: event.eventId, originalId: verdict.originalRef });
      } else accepted.push(owned);
    }

    const write = new CombinedStatement();
    const facts: AcceptedEventFacts[] = [];
    const stored: Owned[] = [];
    let readConnectors: (result: StatementResult) => string[] = () => [];
    if (accepted.length > 0) {
      const restorer = new ClickIdRestorer(claimed ? readKnown(claimed) : new Map(), settings.attributionWindowDays * DAY_SECONDS);
      // In request order, so an identify links the identities that the events after it use.
      for (const owned of accepted) {
        const restored = restorer.apply(owned.candidate.event);
        if (owned.candidate.identityOnly) continue;
        stored.push(owned);
        facts.push({ event: owned.candidate.event, ...restored });
      }
      this.clickIds.addRemember(
        write,
        workspaceId,
        new Map([...restorer.changed].map((identity) => [identity, restorer.known.get(identity) ?? {}])),
      );
      if (stored.length > 0) {
        addEventsInsert(write, workspaceId, stored, facts);
        readConnectors = this.outbox.addForEvents(
          write,
          workspaceId,
          stored.map(({ candidate }) => candidate.ref),
        );
      }
    }
    const rejected = submissions.flatMap((submission) => submission.rejections);
    this.recorder.addRecord(write, workspaceId, new Date(), ingestIncrements(facts, all.length - accepted.length, rejected));
    const written = await write.run(session);

    for (const { candidate, submission } of accepted) {
      const { index, event, ref, warnings } = candidate;
      if (candidate.identityOnly) {
        answer(submission, { index, status: 'remembered' });
        continue;
      }
      answer(submission, { index, status: 'accepted', eventId: event.eventId, id: ref, ...(warnings.length > 0 ? { warnings } : {}) });
    }
    return readConnectors(written);
  }
}

function addEventsInsert(statement: CombinedStatement, workspaceId: string, accepted: Owned[], facts: AcceptedEventFacts[]): void {
  const p = (value: unknown, cast: string) => statement.param(value, cast);
  statement.with(
    'events_added',
    `INSERT INTO events (id, workspace_id, event_id, event_name, event_time, ingest_key_id, payload, ttclid_restored, ttp_restored)
     SELECT e.id, ${p(workspaceId, 'uuid')}, e.event_id, e.event_name, to_timestamp(e.event_time), e.key_id, p.payload, e.ttclid_restored, e.ttp_restored
       FROM unnest(${p(
         accepted.map(({ candidate }) => candidate.ref),
         'uuid[]',
       )}, ${p(
         accepted.map(({ candidate }) => candidate.event.eventId),
         'text[]',
       )}, ${p(
         accepted.map(({ candidate }) => candidate.event.eventName),
         'text[]',
       )}, ${p(
         accepted.map(({ candidate }) => candidate.event.eventTime),
         'bigint[]',
       )}, ${p(
         accepted.map(({ submission }) => submission.keyId),
         'uuid[]',
       )}, ${p(
         facts.map((f) => f.ttclidRestored),
         'bool[]',
       )}, ${p(
         facts.map((f) => f.ttpRestored),
         'bool[]',
       )})
              WITH ORDINALITY AS e(id, event_id, event_name, event_time, key_id, ttclid_restored, ttp_restored, n)
       -- One JSON array rather than a jsonb[]: pg escapes every array element in JavaScript.
       JOIN jsonb_array_elements(${p(
         JSON.stringify(accepted.map(({ candidate }) => candidate.event)),
         'jsonb',
       )}) WITH ORDINALITY AS p(payload, n) USING (n)`,
  );
}
