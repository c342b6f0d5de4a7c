import { ApiExtraModels, ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { CheckStatus, HealthCheck, MetricsReport } from '../metrics-report';

// The OpenAPI shape of the metrics answer. `implements` ties each class to the computed report,
// so a field added to buildMetricsReport without its documentation here fails the typecheck.

const SHARE: ApiPropertyOptions = { minimum: 0, maximum: 1, description: 'A share of accepted events, 0..1' };

class ClickIdCoverageView {
  @ApiProperty(SHARE) ttclid: number;
  @ApiProperty(SHARE) ttp: number;
  @ApiProperty(SHARE) any: number;
  @ApiProperty({ ...SHARE, description: 'Share of accepted events whose ttclid or ttp TrackLayer restored from an earlier event' })
  restored: number;
}

class KindCoverageView {
  @ApiProperty({ ...SHARE, description: 'Share of accepted events that carry this kind (captured or restored)' }) coverage: number;
  @ApiProperty({ ...SHARE, description: 'Share of accepted events this kind was restored onto from an earlier event' }) restored: number;
  @ApiProperty({ ...SHARE, description: 'Among events of visitors who ever carried this kind, the share that carries it' }) visitorCoverage: number;
}

class ConnectorClickIdCoverageView {
  @ApiProperty() connectorId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'tiktok' }) platform: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/KindCoverageView' },
    description: "The kinds the connector's platform declares (TikTok: ttclid, ttp; Meta: fbc, fbp)",
  })
  kinds: Record<string, KindCoverageView>;
}

class MatchKeyCoverageView {
  @ApiProperty(SHARE) email: number;
  @ApiProperty(SHARE) phone: number;
  @ApiProperty(SHARE) externalId: number;
  @ApiProperty(SHARE) ip: number;
  @ApiProperty(SHARE) userAgent: number;
}

class RejectionReasonCountView {
  @ApiProperty({ example: 'event: is required' }) reason: string;
  @ApiProperty() count: number;
}

class PlatformRejectionCodeCountView {
  @ApiProperty({ example: 40002 }) code: number;
  @ApiProperty() count: number;
}

class EventNameCountView {
  @ApiProperty({ example: 'purchase' }) source: string;
  @ApiProperty({
    example: 'CompletePayment',
    description: "The platform's event name (any platform's: the key is from when TikTok was the only one; eventNamesByPlatform tells them apart)",
  })
  tiktok: string;
  @ApiProperty() count: number;
}

class PlatformEventNameCountView {
  @ApiProperty({ example: 'purchase' }) source: string;
  @ApiProperty({ example: 'Purchase', description: "The platform's event name it was sent as" }) name: string;
  @ApiProperty() count: number;
}

class UnmappedEventNameCountView {
  @ApiProperty({ example: 'wishlist_shared' }) source: string;
  @ApiProperty() count: number;
}

class PlatformEventNamesView {
  @ApiProperty({ example: 'Meta' }) platformName: string;
  @ApiProperty({ type: [PlatformEventNameCountView], description: "Source name -> the platform's name, over the platform's connectors" })
  eventNames: PlatformEventNameCountView[];
  @ApiProperty({ type: [UnmappedEventNameCountView], description: 'Sent as custom events or dropped' }) unmappedEventNames: UnmappedEventNameCountView[];
  @ApiProperty({ minimum: 0, maximum: 1, description: 'unmapped / (mapped + unmapped) of the delivered events of this platform' }) unmappedShare: number;
}

class SeriesPointView {
  @ApiProperty({ format: 'date-time' }) bucket: string;
  @ApiProperty() received: number;
  @ApiProperty() rejected: number;
  @ApiProperty() delivered: number;
  @ApiProperty(SHARE) ttclidCoverage: number;
}

export class HealthCheckView implements HealthCheck {
  @ApiProperty({
    example: 'rejection_rate',
    description:
      'rejection_rate, ttclid_coverage, ttp_coverage, connector_click_ids, event_name_mapping, connectors_valid, events_deliverable, pending_deliveries',
  })
  name: string;
  @ApiProperty({ enum: ['ok', 'warn', 'fail'] }) status: CheckStatus;
  @ApiProperty({ description: 'What the check saw, in words' }) message: string;
  @ApiProperty() threshold: number;
  @ApiProperty({ nullable: true, type: Number, description: 'null when there was nothing to measure' }) value: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'meta', description: 'The platform the check is about; null for workspace-wide checks' })
  platform: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The connector of a per-connector check (connector_click_ids: one per connector); else null' })
  connectorId: string | null;
}

@ApiExtraModels(KindCoverageView, PlatformEventNamesView)
export class MetricsReportView implements MetricsReport {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty() received: number;
  @ApiProperty() accepted: number;
  @ApiProperty() duplicates: number;
  @ApiProperty() rejected: number;
  @ApiProperty() delivered: number;
  @ApiProperty() platformRejected: number;
  @ApiProperty({ description: 'Deliveries waiting now (not limited to the range)' }) pending: number;
  @ApiProperty({ description: 'Events accepted while the workspace had no active connector (none, or all invalid): stored, not delivered' })
  undeliverable: number;
  @ApiProperty({ description: 'Requests sent to platforms, counted before they left (in-doubt ones included): what the platforms received' })
  requestsSent: number;
  @ApiProperty({ description: 'Events in those requests, resent ones included' }) eventsSent: number;
  @ApiProperty({ description: 'Events sent again, with the same event_id, because the request that carried them ended in doubt' })
  eventsResent: number;
  @ApiProperty({ description: 'Events of in-doubt requests parked as in_doubt instead of resent (the platform would count them twice)' })
  inDoubt: number;
  @ApiProperty({ description: '(rejected + platformRejected) / (accepted + rejected)' }) rejectionRate: number;
  @ApiProperty() ingestRejectionRate: number;
  @ApiProperty() platformRejectionRate: number;
  @ApiProperty({ type: ClickIdCoverageView }) clickIdCoverage: ClickIdCoverageView;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/KindCoverageView' },
    description: 'Per kind of click id seen in the period (ttclid, ttp, fbc, fbp, ...)',
  })
  clickIdCoverageByKind: Record<string, KindCoverageView>;
  @ApiProperty({ type: [ConnectorClickIdCoverageView] }) connectorClickIdCoverage: ConnectorClickIdCoverageView[];
  @ApiProperty({ description: 'Among events of visitors who ever carried a ttclid, the share that carries one' })
  tiktokTrafficTtclidCoverage: number;
  @ApiProperty({ type: MatchKeyCoverageView }) matchKeyCoverage: MatchKeyCoverageView;
  @ApiProperty({ type: [RejectionReasonCountView] }) rejectionReasons: RejectionReasonCountView[];
  @ApiProperty({ type: [PlatformRejectionCodeCountView] }) platformRejectionCodes: PlatformRejectionCodeCountView[];
  @ApiProperty({ type: [EventNameCountView] }) eventNames: EventNameCountView[];
  @ApiProperty({ type: [UnmappedEventNameCountView] }) unmappedEventNames: UnmappedEventNameCountView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/PlatformEventNamesView' },
    description: "Event-name mapping per platform of the workspace's connectors (or the one asked for), keyed by platform id (tiktok, meta)",
  })
  eventNamesByPlatform: Record<string, PlatformEventNamesView>;
  @ApiProperty({ type: [SeriesPointView] }) series: SeriesPointView[];
  @ApiProperty({ type: [HealthCheckView] }) checks: HealthCheckView[];
}
