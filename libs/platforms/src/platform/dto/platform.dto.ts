import { ApiProperty } from '@nestjs/swagger';
import { PLATFORM_IDS, PlatformId } from '../platform';

export class CredentialFieldView {
  @ApiProperty({ example: 'pixelCode', description: 'The field of the connector body that takes this value' })
  name: string;
  @ApiProperty({ example: 'Pixel code' }) label: string;
  @ApiProperty({ description: 'A secret is write-only: it never comes back from the API' }) secret: boolean;
  @ApiProperty() required: boolean;
  @ApiProperty({ example: 'Events Manager > your pixel > Settings', description: 'Where the customer finds the value' })
  help: string;
}

export class ClickIdKindView {
  @ApiProperty({ example: 'ttclid', description: 'The click id, unique across platforms' }) kind: string;
  @ApiProperty({ type: [String], example: ['ttclid'], description: 'Page URL query parameters that carry it, in order' }) urlParams: string[];
  @ApiProperty({ type: [String], example: ['ttclid'], description: 'First-party cookies that carry it, in order' }) cookies: string[];
  @ApiProperty({ example: 604800000, description: "How long after capture it is restored onto the visitor's later events (ms)" })
  windowMs: number;
}

export class PlatformView {
  @ApiProperty({ enum: PLATFORM_IDS }) id: PlatformId;
  @ApiProperty({ example: 'TikTok' }) name: string;
  @ApiProperty({ type: [CredentialFieldView], description: 'The fields of the connect form, in order' })
  credentialFields: CredentialFieldView[];
  @ApiProperty({ type: [String], example: ['ttclid', 'ttp'] }) clickIds: string[];
  @ApiProperty({ type: [ClickIdKindView], description: 'Where each click id is captured and how long it lives' })
  clickIdKinds: ClickIdKindView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { purchase: 'CompletePayment' },
    description: 'Source event name -> platform event name when a connector maps nothing else (matched case-insensitively)',
  })
  defaultEventNames: Record<string, string>;
  @ApiProperty({ type: [String], description: 'Event names the platform knows; any other name is sent as a custom event' })
  eventNames: string[];
}
