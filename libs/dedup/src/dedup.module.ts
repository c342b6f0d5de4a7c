import { Module } from '@nestjs/common';
import { EventDedupRepository } from './event-dedup.repository';

@Module({ providers: [EventDedupRepository], exports: [EventDedupRepository] })
export class DedupModule {}
