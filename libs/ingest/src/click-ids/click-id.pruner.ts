import { Injectable } from '@nestjs/common';
import { DAY_MS } from '@app/core';
import { MAX_ATTRIBUTION_WINDOW_DAYS } from '@app/tenancy';
import { ClickIdsRepository } from './click-ids.repository';

// Click ids captured longer ago than the longest attribution window a workspace may set: no
// window restores them any more. The worker's storage maintenance (libs/storage) calls this in
// bounded batches with a pause between them.
@Injectable()
export class ClickIdPruner {
  constructor(private readonly clickIds: ClickIdsRepository) {}

  // One statement over at most `limit` identities holding an expired click id, oldest first,
  // whichever workspace captured them: their expired kinds go, and the row with them when none is
  // left; returns the rows deleted or trimmed.
  pruneExpired(limit: number, now = new Date()): Promise<number> {
    return this.clickIds.pruneCapturedBefore(new Date(now.getTime() - MAX_ATTRIBUTION_WINDOW_DAYS * DAY_MS), limit);
  }
}
