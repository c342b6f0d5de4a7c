import { Module } from '@nestjs/common';
import { ScopedRepositoryModule } from '@app/core';
import { IngestKeyCheckController } from './keys/ingest-key-check.controller';
import { IngestKey } from './keys/ingest-key.entity';
import { IngestKeyGuard } from './keys/ingest-key.guard';
import { IngestKeysController } from './keys/ingest-keys.controller';
import { IngestKeysService } from './keys/ingest-keys.service';

@Module({
  imports: [ScopedRepositoryModule.forFeature([IngestKey])],
  controllers: [IngestKeysController, IngestKeyCheckController],
  providers: [IngestKeysService, IngestKeyGuard],
  exports: [IngestKeysService, IngestKeyGuard],
})
export class IngestModule {}
