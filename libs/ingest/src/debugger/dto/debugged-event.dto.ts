import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import type { CarriedClickId, ClickIdSource, FbcSource, FbpSource, NormalizedContent, NormalizedEvent, NormalizedProperties, NormalizedUser, TtclidSource, TtpSource } from '@app/core';
import { EventDeliveryResponse } from '@app/platforms';
import type { DebuggedEvent, EventAttempt, EventConnectorStory, EventStory } from '../event-story.service';

// The OpenAPI shape of the events debugger's answer: the normalized event as stored. Identity
// fields are already SHA-256 hashes here (64 hex characters), never the plain values.

const RAW: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: true,
  description: 'The event as it arrived (a drop-in message before translation); plain email and phone values are "[redacted]", hashes kept',
};

const HASHES: ApiPropertyOptions = { type: [String], description: 'SHA-256 hashes of the normalized values' };

class NormalizedUserView implements NormalizedUser {
  @ApiPropertyOptional(HASHES) email?: string[];
  @ApiPropertyOptional(HASHES) phone?: string[];
  @ApiPropertyOptional(HASHES) externalId?: string[];
  @ApiPropertyOptional() firstName?: string;
  @ApiPropertyOptional() lastName?: string;
  @ApiPropertyOptional() zipCode?: string;
  @ApiPropertyOptional() city?: string;
  @ApiPropertyOptional() state?: string;
  @ApiPropertyOptional() country?: string;
  @ApiPropertyOptional() ip?: string;
  @ApiPropertyOptional() userAgent?: string;
  @ApiPropertyOptional() locale?: string;
  @ApiPropertyOptional() ttclid?: string;
  @ApiPropertyOptional() ttp?: string;
  @ApiPropertyOptional({ description: "Meta's click id as the _fbc cookie holds it (fb.<index>.<ms>.<fbclid>), raw" }) fbc?: string;
  @ApiPropertyOptional({ description: "Meta's browser id as the _fbp cookie holds it, raw" }) fbp?: string;
}

class NormalizedContentView implements NormalizedContent {
  @ApiPropertyOptional() contentId?: string;
  @ApiPropertyOptional() contentName?: string;
  @ApiPropertyOptional() contentCategory?: string;
  @ApiPropertyOptional() price?: number;
  @ApiPropertyOptional() quantity?: number;
  @ApiPropertyOptional() brand?: string;
}

class NormalizedPropertiesView implements NormalizedProperties {
  @ApiPropertyOptional() value?: number;
  @ApiPropertyOptional() currency?: string;
  @ApiPropertyOptional() orderId?: string;
  @ApiPropertyOptional() contentType?: string;
  @ApiPropertyOptional({ type: [NormalizedContentView] }) contents?: NormalizedContentView[];
  @ApiPropertyOptional() query?: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Custom properties, forwarded as sent' })
  custom?: Record<string, unknown>;
}

class PageView {
  @ApiPropertyOptional() url?: string;
  @ApiPropertyOptional() referrer?: string;
}

class ClickIdSourcesView {
  @ApiPropertyOptional({ enum: ['url', 'referrer', 'cookie', 'user', 'restored'] }) ttclidSource?: TtclidSource;
  @ApiPropertyOptional({ enum: ['cookie', 'user', 'restored'] }) ttpSource?: TtpSource;
  @ApiPropertyOptional({ enum: ['url', 'referrer', 'cookie', 'user', 'restored'] }) fbcSource?: FbcSource;
  @ApiPropertyOptional({ enum: ['cookie', 'user', 'restored'] }) fbpSource?: FbpSource;
}

class CarriedClickIdView implements CarriedClickId {
  @ApiProperty() value: string;
  @ApiProperty({ enum: ['url', 'referrer', 'cookie', 'user', 'restored'] }) source: ClickIdSource;
}

@ApiExtraModels(CarriedClickIdView)
class NormalizedEventView implements NormalizedEvent {
  @ApiProperty({ description: 'The source event name as sent' }) eventName: string;
  @ApiProperty() eventId: string;
  @ApiProperty({ enum: ['client', 'derived'] }) eventIdSource: 'client' | 'derived';
  @ApiProperty({ description: 'Unix seconds' }) eventTime: number;
  @ApiPropertyOptional() anonymousId?: string;
  @ApiProperty({ type: NormalizedUserView }) user: NormalizedUserView;
  @ApiPropertyOptional({ type: PageView }) page?: PageView;
  @ApiProperty({ type: NormalizedPropertiesView }) properties: NormalizedPropertiesView;
  @ApiPropertyOptional() limitedDataUse?: boolean;
  @ApiProperty({ type: ClickIdSourcesView }) clickIds: ClickIdSourcesView;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/CarriedClickIdView' },
    description: 'Kind (ttclid, ttp, fbc, fbp, ...) -> the click id the event carries, captured or restored; absent on events stored before it',
  })
  clickIdsByKind?: Record<string, CarriedClickIdView>;
}

export class DebuggedEventView implements DebuggedEvent {
  @ApiProperty({ format: 'uuid', description: "TrackLayer's reference of the stored event" }) id: string;
  @ApiProperty() eventId: string;
  @ApiProperty() eventName: string;
  @ApiProperty() eventTime: Date;
  @ApiProperty() receivedAt: Date;
  @ApiProperty() ttclidRestored: boolean;
  @ApiProperty() ttpRestored: boolean;
  @ApiProperty({ type: NormalizedEventView }) event: NormalizedEventView;
  @ApiProperty({ enum: ['accepted'] }) status: 'accepted';
  @ApiProperty({ ...RAW, nullable: true }) raw: unknown;
  @ApiProperty({ type: [EventDeliveryResponse], description: 'Delivery status per connector' }) deliveries: EventDeliveryResponse[];
}

class FieldProblemView {
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

class EventAttemptView implements EventAttempt {
  @ApiProperty({ description: 'The delivery log (GET /delivery-logs) of this request' }) id: string;
  @ApiProperty() attempt: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) settledAt: Date | null;
  @ApiProperty({ enum: ['sending', 'in_doubt', 'delivered', 'retry', 'rejected', 'failed', 'credentials_invalid'] }) outcome: string;
  @ApiProperty({ nullable: true, type: Number }) httpStatus: number | null;
  @ApiProperty({ nullable: true, type: Number, description: "The platform's code (TikTok: 0 is success)" }) platformCode: number | null;
  @ApiProperty() platformMessage: string;
  @ApiProperty({ nullable: true, type: String, description: "The platform's request id" }) requestId: string | null;
  @ApiProperty({ nullable: true, type: Number }) latencyMs: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: "This event's object in the request body, exactly as sent" })
  sent: unknown;
}

class EventConnectorStoryView extends EventDeliveryResponse implements EventConnectorStory {
  @ApiProperty({ type: [EventAttemptView], description: 'Every request that carried the event, oldest first' }) requests: EventAttemptView[];
}

export class EventStoryView implements EventStory {
  @ApiProperty({ format: 'uuid', description: "TrackLayer's reference of the event (a rejected or duplicate event has one too)" }) id: string;
  @ApiProperty({ enum: ['accepted', 'duplicate', 'rejected'] }) status: 'accepted' | 'duplicate' | 'rejected';
  @ApiProperty() receivedAt: Date;
  @ApiProperty({ nullable: true, type: String }) eventId: string | null;
  @ApiProperty({ nullable: true, type: String }) eventName: string | null;
  @ApiProperty({ ...RAW, nullable: true }) raw: unknown;
  @ApiPropertyOptional({ description: 'Why it was rejected' }) reason?: string;
  @ApiPropertyOptional({ type: [FieldProblemView] }) errors?: FieldProblemView[];
  @ApiPropertyOptional({ format: 'uuid', description: "A duplicate's original event" }) originalRef?: string;
  @ApiPropertyOptional({ type: NormalizedEventView, description: 'The event as TrackLayer normalized it (accepted only)' }) normalized?: NormalizedEventView;
  @ApiPropertyOptional() ttclidRestored?: boolean;
  @ApiPropertyOptional() ttpRestored?: boolean;
  @ApiProperty({ type: [EventConnectorStoryView], description: 'Per connector: status and every request' }) deliveries: EventConnectorStoryView[];
}

export class EventReplayResponse {
  @ApiProperty({ description: 'Deliveries put back to pending' }) requeued: number;
}
