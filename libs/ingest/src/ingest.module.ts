import { Module } from '@nestjs/common';
import { DedupModule } from '@app/dedup';
import { EventsModule } from '@app/events';
import { MetricsModule } from '@app/metrics';
import { PlatformsModule } from '@app/platforms';
import { TenancyModule } from '@app/tenancy';
import { ClickIdsRepository } from './click-ids/click-ids.repository';
import { EventsDebuggerController } from './debugger/events-debugger.controller';
import { EventsDebuggerService } from './debugger/events-debugger.service';
import { IngestCommitter } from './intake/ingest.committer';
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
  controllers: [IngestKeysController, IngestKeyCheckController, IngestController, EventsDebuggerController],
  providers: [
    IngestKeysRepository,
    IngestKeysService,
    IngestKeyGuard,
    IngestService,
    IngestCommitter,
    IngestWriter,
    ClickIdsRepository,
    EventsDebuggerService,
  ],
  exports: [IngestKeysService, IngestKeyGuard],
})
export class IngestModule {}
