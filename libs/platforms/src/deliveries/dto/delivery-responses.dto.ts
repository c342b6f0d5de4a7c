import { ApiProperty } from '@nestjs/swagger';
import { DeliveryLogView, DeliveryOutcome, DeliveryStatusView } from '../delivery.store';

const OUTCOMES: DeliveryOutcome[] = ['delivered', 'retry', 'rejected', 'failed', 'credentials_invalid'];

// OpenAPI shapes of the delivery answers; `implements` keeps them in step with the store's rows.
export class EventDeliveryResponse implements DeliveryStatusView {
  @ApiProperty({ format: 'uuid' }) connectorId: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'rejected', 'failed', 'skipped'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: Number, description: "The platform's code of the last answer" }) platformCode: number | null;
  @ApiProperty({ nullable: true, type: String, description: "The platform's message of the last failed answer" })
  lastError: string | null;
  @ApiProperty() nextAttemptAt: Date;
  @ApiProperty({ nullable: true, type: Date }) deliveredAt: Date | null;
}

export class DeliveryLogResponse implements DeliveryLogView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) connectorId: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ description: 'Events in this request' }) events: number;
  @ApiProperty({ nullable: true, type: Number }) httpStatus: number | null;
  @ApiProperty({ nullable: true, type: Number }) platformCode: number | null;
  @ApiProperty() platformMessage: string;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty() latencyMs: number;
  @ApiProperty({ enum: OUTCOMES }) outcome: DeliveryOutcome;
  @ApiProperty() attempt: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The request body sent to the platform (access token never included)',
  })
  requestBody: unknown;
}

export class ReplayResponse {
  @ApiProperty({ description: 'Deliveries put back in the queue' }) requeued: number;
}
