import { Module } from '@nestjs/common';
import { ScopedRepositoryModule } from '@app/core';
import { DedupModule } from '@app/dedup';
import { ClickIdStore } from './click-ids/click-id.store';
import { EventsDebuggerController } from './debugger/events-debugger.controller';
import { EventsDebuggerService } from './debugger/events-debugger.service';
import { RecentEventsRepository } from './debugger/recent-events.repository';
import { IngestCommitter } from './intake/ingest.committer';
import { Ga4Controller } from './formats/ga4/ga4.controller';
import { Ga4IngestService } from './formats/ga4/ga4-ingest.service';
import { SegmentController } from './formats/segment/segment.controller';
import { SegmentIngestService } from './formats/segment/segment-ingest.service';
import { WriteKeyGuard } from './formats/segment/write-key.guard';
import { IngestController } from './intake/ingest.controller';
import { IngestService } from './intake/ingest.service';
import { IngestWriter } from './intake/ingest.writer';
import { IngestKeyCheckController } from './keys/ingest-key-check.controller';
import { IngestKey } from './keys/ingest-key.entity';
import { IngestKeyGuard } from './keys/ingest-key.guard';
import { IngestKeysController } from './keys/ingest-keys.controller';
import { IngestKeysService } from './keys/ingest-keys.service';

@Module({
  imports: [ScopedRepositoryModule.forFeature([IngestKey]), DedupModule],
  controllers: [IngestKeysController, IngestKeyCheckController, IngestController, EventsDebuggerController, SegmentController, Ga4Controller],
  providers: [
    IngestKeysService,
    IngestKeyGuard,
    IngestService,
    IngestCommitter,
    IngestWriter,
    ClickIdStore,
    EventsDebuggerService,
    RecentEventsRepository,
    SegmentIngestService,
    Ga4IngestService,
    WriteKeyGuard,
  ],
  exports: [IngestKeysService, IngestKeyGuard],
})
export class IngestModule {}
