import { Injectable, Logger } from '@nestjs/common';
import { classifyDatabaseFailure, DATABASE_RETRY_AFTER_SECONDS, DatabaseFailureKind, DomainError, WorkspaceId } from '@app/core';
import type { NewRawEvent } from '@app/events';
import { PrometheusMetrics } from '@app/metrics';
import type { WorkspaceSettings } from '@app/tenancy';
import { IngestKeysService } from '../keys/ingest-keys.service';
import type { RejectionReason } from '../validation/rejection-reason';
import { GroupCommitter } from './group-committer';
import { IngestResult } from './ingest-response';
import { Candidate, IngestSubmission } from './ingest-submission';
import { IngestWriter } from './ingest.writer';

// Transactions of one workspace running at once in this process; what arrives meanwhile waits
// and is committed together with others (see GroupCommitter).
const MAX_IN_FLIGHT_PER_WORKSPACE = 2;
// Events per group-committed transaction; a single request of up to 500 always fits. Measured with
// batches of 100: 1,000 -> 300 took ingest from ~10,800 to ~12,100 events/s (smaller transactions
// overlap Postgres and the api better); 100 and 200 were slower.
const MAX_EVENTS_PER_COMMIT = 300;
// Transactions one request may cost while its events are told apart (bisection): finding one bad
// event among 500 takes about log2(500) = 9, so this finds a few; a request made of many bad
// events cannot turn into hundreds of transactions.
const MAX_SPLIT_WRITES = 32;

interface PendingWrite {
  settings: WorkspaceSettings;
  submission: IngestSubmission;
}

type WriteOutcome = { ok: true; results: IngestResult[] } | { ok: false; error: unknown };
type FailureKind = Exclude<DatabaseFailureKind, 'references_gone'> | 'workspace_gone';

const UNSTORABLE_MESSAGE = 'could not be stored (Postgres refused it); the other events of the request were written';
const UNTOLD_MESSAGE = 'could not be told apart from events of this request that Postgres refused; send it again on its own';

// Group commit with isolation: a group-committed transaction that fails because of one request's
// data does not fail the others. Each request of the failed group is retried alone; a request
// that still fails is split until only the events that cannot be written are left, and those are
// rejected as `unstorable` while the rest commit. An outage is not split: every request answers
// 503 with Retry-After. Counters ride in the transactions that commit, so nothing is counted twice.
@Injectable()
export class IngestCommitter {
  private readonly logger = new Logger(IngestCommitter.name);
  private readonly groups: GroupCommitter<PendingWrite, WriteOutcome, WorkspaceId>;

  constructor(
    private readonly writer: IngestWriter,
    private readonly keys: IngestKeysService,
    private readonly prometheus: PrometheusMetrics,
  ) {
    this.groups = new GroupCommitter<PendingWrite, WriteOutcome, WorkspaceId>(
      (workspaceId, writes) => this.flush(workspaceId, writes),
      MAX_IN_FLIGHT_PER_WORKSPACE,
      MAX_EVENTS_PER_COMMIT,
      (write) => Math.max(1, write.submission.candidates.length),
    );
  }

  // The results of the submission's events once they are in Postgres (accepted, duplicate, or
  // rejected as unstorable). Throws a DomainError when the workspace is gone (401) or Postgres is
  // away (503), and what nobody expected as it is (a logged 500).
  async commit(workspaceId: WorkspaceId, settings: WorkspaceSettings, submission: IngestSubmission): Promise<IngestResult[]> {
    const outcome = await this.groups.submit(workspaceId, { settings, submission });
    if (!outcome.ok) throw outcome.error;
    return outcome.results;
  }

  private async flush(workspaceId: WorkspaceId, writes: PendingWrite[]): Promise<WriteOutcome[]> {
    const { settings } = writes[0];
    try {
      const results = await this.writer.write(
        workspaceId,
        settings,
        writes.map((write) => write.submission),
      );
      return results.map((forSubmission) => ({ ok: true, results: forSubmission }));
    } catch (error) {
      const kind = await this.failureKind(workspaceId, error);
      if (kind === 'data' && writes.length === 1) return [await this.split(workspaceId, settings, writes[0].submission)];
      if (kind !== 'data' && kind !== 'conflict') {
        const answer = this.answerFor(kind, workspaceId, error);
        return writes.map(() => ({ ok: false, error: answer }));
      }
      // Alone, one after the other; once Postgres turns out to be away, the rest are not tried.
      const outcomes: WriteOutcome[] = [];
      let outage: WriteOutcome | undefined;
      for (const write of writes) {
        const outcome = outage ?? (await this.writeAlone(workspaceId, settings, write.submission));
        if (!outcome.ok && outcome.error instanceof DomainError && outcome.error.kind === 'unavailable') outage = outcome;
        outcomes.push(outcome);
      }
      return outcomes;
    }
  }

  private async writeAlone(workspaceId: WorkspaceId, settings: WorkspaceSettings, submission: IngestSubmission): Promise<WriteOutcome> {
    this.prometheus.ingestWriteRetries.inc({ mode: 'alone' });
    try {
      const [results] = await this.writer.write(workspaceId, settings, [submission]);
      return { ok: true, results };
    } catch (error) {
      const kind = await this.failureKind(workspaceId, error);
      if (kind === 'data') return this.split(workspaceId, settings, submission);
      return { ok: false, error: this.answerFor(kind, workspaceId, error) };
    }
  }

  // Bisects the request's events. `failing` parts are known to hold an event that cannot be
  // written, `untested` ones are not known either way. The request's earlier rejections (and the
  // unstorable ones found so far) are counted by the next transaction that commits.
  private async split(workspaceId: WorkspaceId, settings: WorkspaceSettings, submission: IngestSubmission): Promise<WriteOutcome> {
    const results: IngestResult[] = [];
    let uncounted: RejectionReason[] = [...submission.rejections];
    let unrecorded = submission.refused ?? [];
    const reject = (candidates: Candidate[], message: string) => {
      for (const { index } of candidates) {
        results.push({ index, status: 'rejected', reason: 'unstorable', errors: [{ field: '$', message }] });
        uncounted.push('unstorable');
      }
    };
    let budget = MAX_SPLIT_WRITES;
    // Throws the answer for the whole request when the failure is not the data's.
    const attempt = async (candidates: Candidate[]): Promise<boolean> => {
      budget -= 1;
      this.prometheus.ingestWriteRetries.inc({ mode: 'split' });
      try {
        const [written] = await this.writer.write(workspaceId, settings, [{ keyId: submission.keyId, candidates, rejections: uncounted, refused: unrecorded }]);
        results.push(...written);
        uncounted = [];
        unrecorded = [];
        return true;
      } catch (error) {
        const kind = await this.failureKind(workspaceId, error);
        if (kind !== 'data') throw this.answerFor(kind, workspaceId, error);
        return false;
      }
    };

    const failing: Candidate[][] = [submission.candidates];
    const untested: Candidate[][] = [];
    try {
      while (failing.length > 0 || untested.length > 0) {
        if (budget <= 0) {
          reject([...failing, ...untested].flat(), UNTOLD_MESSAGE);
          break;
        }
        const next = untested.pop();
        if (next) {
          if (!(await attempt(next))) failing.push(next);
          continue;
        }
        const part = failing.pop() as Candidate[];
        if (part.length === 0) continue;
        if (part.length === 1) {
          reject(part, UNSTORABLE_MESSAGE);
          continue;
        }
        const middle = Math.ceil(part.length / 2);
        const [first, second] = [part.slice(0, middle), part.slice(middle)];
        if (await attempt(first)) {
          failing.push(second);
        } else {
          failing.push(first);
          untested.push(second);
        }
      }
    } catch (answer) {
      return { ok: false, error: answer };
    }
    if (uncounted.length > 0) await this.countRejections(workspaceId, settings, submission.keyId, uncounted, unrecorded);
    return { ok: true, results };
  }

  // The events are written; only the count of the rejected ones is missing. Answering 503 now
  // would make the client resend events that are already stored, so a failure here is logged.
  private async countRejections(
    workspaceId: WorkspaceId,
    settings: WorkspaceSettings,
    keyId: string,
    reasons: RejectionReason[],
    refused: NewRawEvent[],
  ): Promise<void> {
    try {
      await this.writer.write(workspaceId, settings, [{ keyId, candidates: [], rejections: reasons, refused }]);
    } catch (error) {
      this.logger.error({ err: error, workspaceId, rejected: reasons.length }, 'Could not count the rejected events of a split ingest request');
    }
  }

  private async failureKind(workspaceId: WorkspaceId, error: unknown): Promise<FailureKind> {
    const kind = classifyDatabaseFailure(error);
    this.prometheus.ingestWriteFailures.inc({ kind });
    if (kind !== 'references_gone') return kind;
    try {
      // Deleted while this process still had its keys cached; otherwise a connector went away
      // meanwhile, and a retry finds the current ones.
      return (await this.keys.forgetIfWorkspaceGone(workspaceId)) ? 'workspace_gone' : 'conflict';
    } catch {
      return 'unavailable';
    }
  }

  private answerFor(kind: FailureKind, workspaceId: WorkspaceId, error: unknown): unknown {
    switch (kind) {
      case 'workspace_gone':
        return new DomainError('unauthorized', 'invalid_ingest_key', 'This ingest key is unknown or has been revoked');
      case 'unavailable':
      case 'conflict':
      case 'data':
        this.logger.warn({ err: error, workspaceId, kind }, 'Ingest write failed; answering 503');
        return new DomainError('unavailable', 'storage_unavailable', 'Events cannot be stored right now; send them again shortly', {
          retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
        });
      case 'unknown':
        return error;
    }
  }
}
