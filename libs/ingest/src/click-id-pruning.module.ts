import { Module } from '@nestjs/common';
import { ClickIdPruner, ClickIdPruningScheduler } from './click-ids/click-id.pruner';
import { ClickIdsRepository } from './click-ids/click-ids.repository';

// The periodic pruning of expired click ids, for the worker role.
@Module({ providers: [ClickIdsRepository, ClickIdPruner, ClickIdPruningScheduler], exports: [ClickIdPruner] })
export class ClickIdPruningModule {}
