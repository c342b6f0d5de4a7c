import { Injectable } from '@nestjs/common';
import { CombinedStatement, Database, Transaction, WorkspaceId } from '@app/core';
import { DedupVerdict, EventDedupRepository } from '@app/dedup';
import { EventsRepository, NewRawEvent, RawEventsRepository } from '@app/events';
import { AcceptedEventFacts, ingestIncrements, Metric, MetricsRecorder } from '@app/metrics';
import { ClickIdKind, DeliveryOutbox, PlatformRegistry, WorkspaceConnector, WorkspacePlatforms } from '@app/platforms';
import type { WorkspaceSettings } from '@app/tenancy';
import { ClickIdRestorer, RestoreKind } from '../click-ids/click-id.restorer';
import { ClickIdsRepository } from '../click-ids/click-ids.repository';
import { visitorIdentities } from '../click-ids/visitor-identities';
import { IngestResult } from './ingest-response';
import { Candidate, IngestSubmission } from './ingest-submission';

const DAY_SECONDS = 86_400;

export const NO_CONNECTOR_WARNING = {
  field: '$',
  message:
    'This workspace has no connector: the event is stored, but nothing will deliver it unless a connector is created with backfillHours covering it',
};

export const NO_ACTIVE_CONNECTOR_WARNING = {
  field: '$',
  message:
    "This workspace's connectors are all invalid: the event is stored and held, but nothing will deliver it until a connector's credentials are fixed",
};

interface Owned {
  candidate: Candidate;
  submission: IngestSubmission;
}

// Writes the submissions of one workspace in ONE transaction of two statements, however many
// requests and events it carries: the first claims the event ids (dedup) and reads the visitors'
// known click ids; the second, once click ids are restored in memory, writes events, click ids
// and counters. Each table's owner repository adds its own part to these statements
// (CombinedStatement), so a group commit costs four round trips with BEGIN and COMMIT. No delivery
// row is written here: each connector's cursor over the events is the worker's (docs/delivery.md).
// Then nudges the delivery queue for the workspace's connectors and answers, per submission, the
// results of its candidates (accepted or duplicate), known only once the transaction has committed.
@Injectable()
export class IngestWriter {
  constructor(
    private readonly db: Database,
    private readonly dedup: EventDedupRepository,
    private readonly clickIds: ClickIdsRepository,
    private readonly events: EventsRepository,
    private readonly rawEvents: RawEventsRepository,
    private readonly connectors: WorkspacePlatforms,
    private readonly outbox: DeliveryOutbox,
    private readonly recorder: MetricsRecorder,
    private readonly platforms: PlatformRegistry,
  ) {}

  async write(workspaceId: WorkspaceId, settings: WorkspaceSettings, submissions: IngestSubmission[]): Promise<IngestResult[][]> {
    const results = new Map(submissions.map((submission) => [submission, [] as IngestResult[]]));
    const connectors = await this.connectors.connectorsOf(workspaceId);
    const stored = await this.db.transaction((tx) =>
      this.persist(tx, workspaceId, settings, submissions, connectors, (submission, result) => results.get(submission)?.push(result)),
    );
    if (stored > 0) this.outbox.notify(workspaceId, connectors.map((connector) => connector.id));
    return submissions.map((submission) => results.get(submission) ?? []);
  }

  private async persist(
    tx: Transaction,
    workspaceId: WorkspaceId,
    settings: WorkspaceSettings,
    submissions: IngestSubmission[],
    connectors: readonly WorkspaceConnector[],
    answer: (submission: IngestSubmission, result: IngestResult) => void,
  ): Promise<number> {
    const all: Owned[] = submissions.flatMap((submission) => submission.candidates.map((candidate) => ({ candidate, submission })));

    const claim = new CombinedStatement(workspaceId);
    const pendingVerdicts = this.dedup.addClaim(
      claim,
      all.filter(({ candidate }) => !candidate.identityOnly).map(({ candidate }) => ({ eventId: candidate.event.eventId, ref: candidate.ref })),
      settings.dedupWindowHours,
    );
    const readKnown = this.clickIds.addLoad(
      claim,
      all.flatMap(({ candidate }) => visitorIdentities(candidate.event)),
    );
    const claimed = all.length > 0 ? await claim.run(tx) : undefined;
    const verdicts = claimed ? await pendingVerdicts.verdicts(claimed, tx) : new Map<string, DedupVerdict>();

    const accepted: Owned[] = [];
    // Every event as it arrived, whatever became of it, for the debugger: written with the rest.
    const raws: NewRawEvent[] = submissions.flatMap((submission) => submission.refused ?? []);
    for (const owned of all) {
      const verdict = verdicts.get(owned.candidate.ref);
      if (verdict && !verdict.accepted) {
        const { index, event, ref, raw } = owned.candidate;
        answer(owned.submission, { index, status: 'duplicate', eventId: event.eventId, originalId: verdict.originalRef });
        raws.push({ id: ref, status: 'duplicate', eventName: event.eventName, eventId: event.eventId, originalRef: verdict.originalRef, raw });
      } else accepted.push(owned);
    }

    const write = new CombinedStatement(workspaceId);
    const facts: AcceptedEventFacts[] = [];
    const stored: Owned[] = [];
    if (accepted.length > 0) {
      const restorer = new ClickIdRestorer(claimed ? readKnown(claimed) : new Map(), restoreKinds(this.platforms.clickIdKinds(), settings));
      // In request order, so an identify links the identities that the events after it use.
      for (const owned of accepted) {
        const restored = restorer.apply(owned.candidate.event);
        if (owned.candidate.identityOnly) continue;
        stored.push(owned);
        facts.push({ event: owned.candidate.event, ...restored });
      }
      this.clickIds.addRemember(write, restorer.changes());
      if (stored.length > 0) {
        this.events.addInsert(
          write,
          stored.map(({ candidate, submission }, i) => ({
            id: candidate.ref,
            ingestKeyId: submission.keyId,
            event: candidate.event,
            ttclidRestored: facts[i].restored.includes('ttclid'),
            ttpRestored: facts[i].restored.includes('ttp'),
          })),
        );
        for (const { candidate } of stored) {
          raws.push({ id: candidate.ref, status: 'accepted', eventName: candidate.event.eventName, eventId: candidate.event.eventId, raw: candidate.raw });
        }
      }
    }
    this.rawEvents.addInsert(write, raws);
    const rejected = submissions.flatMap((submission) => submission.rejections);
    this.recorder.addRecord(write, new Date(), ingestIncrements(facts, all.length - accepted.length, rejected));
    await write.run(tx);
    // Stored, but no active connector will deliver it: said in the answer and counted, not only
    // seen in the dashboard later. Rare, so its counter is a statement of its own.
    const undeliverable =
      stored.length === 0 || connectors.some((connector) => connector.active) ? [] : [connectors.length === 0 ? NO_CONNECTOR_WARNING : NO_ACTIVE_CONNECTOR_WARNING];
    if (undeliverable.length > 0) await this.recorder.record(tx, workspaceId, new Date(), [{ metric: Metric.Undeliverable, value: stored.length }]);

    for (const { candidate, submission } of accepted) {
      const { index, event, ref } = candidate;
      if (candidate.identityOnly) {
        answer(submission, { index, status: 'remembered' });
        continue;
      }
      const warnings = [...candidate.warnings, ...undeliverable];
      answer(submission, { index, status: 'accepted', eventId: event.eventId, id: ref, ...(warnings.length > 0 ? { warnings } : {}) });
    }
    return stored.length;
  }
}

// Each kind the platforms declare, restored for as long as its own window allows and never longer
// than the workspace's attribution window.
function restoreKinds(kinds: readonly ClickIdKind[], settings: WorkspaceSettings): RestoreKind[] {
  const workspaceWindow = settings.attributionWindowDays * DAY_SECONDS;
  return kinds.map(({ kind, windowMs }) => ({ kind, windowSeconds: Math.min(Math.floor(windowMs / 1000), workspaceWindow) }));
}
