import { Module } from '@nestjs/common';
import { DedupModule } from '@app/dedup';
import { EventsModule } from '@app/events';
import { MetricsModule } from '@app/metrics';
import { PlatformsModule } from '@app/platforms';
import { TenancyModule } from '@app/tenancy';
import { ClickIdsRepository } from './click-ids/click-ids.repository';
import { EventsDebuggerController } from './debugger/events-debugger.controller';
import { EventStoryService } from './debugger/event-story.service';
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
import { IngestKeyGuard } from './keys/ingest-key.guard';
import { IngestKeysController } from './keys/ingest-keys.controller';
import { IngestKeysRepository } from './keys/ingest-keys.repository';
import { IngestKeysService } from './keys/ingest-keys.service';

// Ingest writes events (EventsModule), dedup claims, click ids (its own table), pending
// deliveries (PlatformsModule) and counters (MetricsModule) in one transaction; a key's
// workspace settings come from TenancyModule.
@Module({
  imports: [TenancyModule, EventsModule, DedupModule, PlatformsModule, MetricsModule],
  controllers: [IngestKeysController, IngestKeyCheckController, IngestController, EventsDebuggerController, SegmentController, Ga4Controller],
  providers: [
    IngestKeysRepository,
    IngestKeysService,
    IngestKeyGuard,
    IngestService,
    IngestCommitter,
    IngestWriter,
    ClickIdsRepository,
    EventStoryService,
    SegmentIngestService,
    Ga4IngestService,
    WriteKeyGuard,
  ],
  exports: [IngestKeysService, IngestKeyGuard],
})
export class IngestModule {}
