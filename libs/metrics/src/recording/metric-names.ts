// Every counter TrackLayer keeps per workspace (and connector) and minute. dim1/dim2 carry the
// breakdown where one exists (a rejection reason, a platform code, source -> platform event name).
export const Metric = {
  Received: 'received',
  Accepted: 'accepted',
  // Accepted while the workspace had no active connector (none, or all invalid).
  Undeliverable: 'undeliverable',
  Duplicate: 'duplicate',
  Rejected: 'rejected', // dim1: reason
  HasTtclid: 'has_ttclid',
  HasTtp: 'has_ttp',
  HasAnyClickId: 'has_any_click_id',
  RestoredTtclid: 'restored_ttclid',
  RestoredTtp: 'restored_ttp',
  RestoredAny: 'restored_any',
  // Accepted events whose visitor ever carried a ttclid (in this event or an earlier one).
  TikTokTraffic: 'tiktok_traffic',
  TikTokTrafficWithTtclid: 'tiktok_traffic_with_ttclid',
  // Per kind of click id (dim1: ttclid, ttp, fbc, fbp, ...): events that carry one, events it was
  // restored onto, events of visitors who ever carried one, and those of them that carry it.
  HasClickId: 'has_click_id',
  RestoredClickId: 'restored_click_id',
  ClickIdTraffic: 'click_id_traffic',
  ClickIdTrafficWithIt: 'click_id_traffic_with_it',
  HasEmail: 'has_email',
  HasPhone: 'has_phone',
  HasExternalId: 'has_external_id',
  HasIp: 'has_ip',
  HasUserAgent: 'has_user_agent',
  // Every request to a platform and the events in it, counted when its attempt is recorded, before
  // it leaves: what the platform received, in-doubt requests included.
  RequestsSent: 'requests_sent',
  EventsSent: 'events_sent',
  // Events sent again because the attempt that carried them ended in doubt (part of events_sent).
  EventsResent: 'events_resent',
  // Events of in-doubt attempts parked instead of resent (the platform would count them twice).
  InDoubt: 'in_doubt',
  Delivered: 'delivered',
  PlatformRejected: 'platform_rejected', // dim1: platform code
  EventName: 'event_name', // dim1: source name, dim2: the connector's platform's name
  Unmapped: 'unmapped', // dim1: source name
} as const;

export type MetricName = (typeof Metric)[keyof typeof Metric];

export const NO_CONNECTOR = '00000000-0000-0000-0000-000000000000';

export interface MetricIncrement {
  metric: MetricName;
  connectorId?: string;
  dim1?: string;
  dim2?: string;
  value: number;
}
