import { Module } from '@nestjs/common';
import { EventsRepository } from './events.repository';

// The event store: owner of the events table, for ingest (writes, debugger) and delivery (reads).
@Module({ providers: [EventsRepository], exports: [EventsRepository] })
export class EventsModule {}
