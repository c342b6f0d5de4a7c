import { ApiProperty } from '@nestjs/swagger';
import { DeliveryLogView, DeliveryOutcome } from '../delivery-logs.repository';
import { DeliveryStatusView } from '../delivery-views';

const OUTCOMES: DeliveryOutcome[] = ['sending', 'in_doubt', 'delivered', 'retry', 'rejected', 'failed', 'credentials_invalid'];

// OpenAPI shapes of the delivery answers; `implements` keeps them in step with the store's rows.
export class EventDeliveryResponse implements DeliveryStatusView {
  @ApiProperty({ format: 'uuid' }) connectorId: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'rejected', 'failed', 'skipped', 'in_doubt'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: Number, description: "The platform's code of the last answer" }) platformCode: number | null;
  @ApiProperty({ nullable: true, type: String, description: "The platform's message of the last failed answer" })
  lastError: string | null;
  @ApiProperty() nextAttemptAt: Date;
  @ApiProperty({ nullable: true, type: Date }) deliveredAt: Date | null;
}

// One row per request (attempt), written before the request leaves; see docs/delivery.md.
export class DeliveryLogResponse implements DeliveryLogView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) connectorId: string;
  @ApiProperty({ description: 'When the attempt was recorded, just before the request left' }) createdAt: Date;
  @ApiProperty({ nullable: true, type: Date, description: 'When its answer was recorded; null while sending or in doubt' })
  settledAt: Date | null;
  @ApiProperty({ description: 'Events in this request' }) events: number;
  @ApiProperty({ description: 'Events of this request that an in-doubt request had sent already (same event_id)' }) resentEvents: number;
  @ApiProperty({ nullable: true, type: Number }) httpStatus: number | null;
  @ApiProperty({ nullable: true, type: Number }) platformCode: number | null;
  @ApiProperty() platformMessage: string;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: "TrackLayer's own key of this request" }) requestKey: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'null when no answer was recorded' }) latencyMs: number | null;
  @ApiProperty({
    enum: OUTCOMES,
    description: "sending: in flight; in_doubt: its worker stopped before the answer was recorded, the events were sent again (or parked)",
  })
  outcome: DeliveryOutcome;
  @ApiProperty({ description: 'Attempt number of the batch; a resend after an in-doubt attempt counts as the next one' }) attempt: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The request body sent to the platform, kept for every request; data[i] is the event object of its i-th delivery (access token never included)',
  })
  requestBody: unknown;
}

export class ReplayResponse {
  @ApiProperty({ description: 'Deliveries put back in the queue' }) requeued: number;
}
