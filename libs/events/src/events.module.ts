import { Module } from '@nestjs/common';
import { EventsRepository } from './events.repository';
import { RawEventsRepository } from './raw-events.repository';
import { RawEventsRetention } from './raw-events.retention';

// The event store: owner of the events table, for ingest (writes, debugger) and delivery (reads),
// and of raw_events, every event as it arrived (ingest writes it, the debugger reads it, the
// worker's storage maintenance applies RawEventsRetention).
@Module({ providers: [EventsRepository, RawEventsRepository, RawEventsRetention], exports: [EventsRepository, RawEventsRepository, RawEventsRetention] })
export class EventsModule {}
