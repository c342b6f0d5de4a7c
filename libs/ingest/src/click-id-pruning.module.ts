import { Module } from '@nestjs/common';
import { ClickIdPruner } from './click-ids/click-id.pruner';
import { ClickIdsRepository } from './click-ids/click-ids.repository';

// The retention of click ids, for the worker's storage maintenance (libs/storage), which
// schedules it.
@Module({ providers: [ClickIdsRepository, ClickIdPruner], exports: [ClickIdPruner] })
export class ClickIdPruningModule {}
