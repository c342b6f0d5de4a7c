import { Module } from '@nestjs/common';
import { EventsRepository } from './events.repository';
import { RawEventsRepository } from './raw-events.repository';

// The event store: owner of the events table, for ingest (writes, debugger) and delivery (reads),
// and of raw_events, every event as it arrived (ingest writes it, the debugger reads it).
@Module({ providers: [EventsRepository, RawEventsRepository], exports: [EventsRepository, RawEventsRepository] })
export class EventsModule {}
