import { Module } from '@nestjs/common';
import { EventDedupStore } from './event-dedup.store';

@Module({ providers: [EventDedupStore], exports: [EventDedupStore] })
export class DedupModule {}
