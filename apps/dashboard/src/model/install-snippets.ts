// Ready-to-copy install code with the workspace's key filled in (Install page). The origin is
// where this TrackLayer answers, so the code works as pasted.

const STUB =
  'window.tracklayer=window.tracklayer||[];["track","identify"].forEach(function(m){tracklayer[m]=tracklayer[m]||function(){tracklayer.push([m].concat([].slice.call(arguments)))}});';

// The browser tag: the inline queue of docs/browser.md (calls made before the script loads run
// in order once it arrives), tracklayer.js, and a page view so the landing ttclid is kept at once.
export function browserTag(origin: string, key: string): string {
  return [
    `<script>`,
    STUB,
    `tracklayer.track('page_view');`,
    `</script>`,
    `<script src="${origin}/v1/sdk.js" data-key="${key}" async></script>`,
  ].join('\n');
}

export function purchaseCall(): string {
  return [
    `tracklayer.track('purchase',`,
    `  { value: 42, currency: 'USD', order_id: 'A1001' },`,
    `  { email: customer.email, phone: customer.phone });`,
  ].join('\n');
}

export function serverCurl(origin: string, key: string): string {
  const body = {
    event: 'purchase',
    event_id: 'order-A1001',
    anonymous_id: '<tracklayer.anonymousId() from the browser>',
    user: { email: 'ada@example.com', ip: '<the visitor IP>', user_agent: '<the visitor user agent>' },
    properties: { value: 42, currency: 'USD', order_id: 'A1001' },
  };
  return [
    `curl -s ${origin}/v1/ingest \\`,
    `  -H 'Authorization: Bearer ${key}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${JSON.stringify(body)}'`,
  ].join('\n');
}

export interface HostChange {
  client: string;
  code: string;
}

// Existing analytics clients keep their code and change one line, where this api speaks their
// protocol (drop-in ingest); `has` says which endpoints the running api serves. Only the lines
// docs/integrations.md tests: the RudderStack JavaScript SDK also needs RudderStack's control
// plane, which does not know a TrackLayer key, so it is not offered.
export function hostChanges(origin: string, key: string, has: (operation: string) => boolean): HostChange[] {
  const changes: HostChange[] = [];
  if (has('POST /v1/batch') && has('GET /v1/projects/{writeKey}/settings')) {
    changes.push({ client: 'Segment analytics.js (@segment/analytics-next)', code: `AnalyticsBrowser.load({ writeKey: '${key}', cdnURL: '${origin}' });` });
  }
  if (has('POST /v1/batch')) {
    changes.push({ client: 'Segment Node.js (@segment/analytics-node)', code: `new Analytics({ writeKey: '${key}', host: '${origin}' });` });
    changes.push({ client: 'RudderStack Node.js (@rudderstack/rudder-sdk-node)', code: `new RudderAnalytics('${key}', { dataPlaneUrl: '${origin}' });` });
  }
  if (has('POST /mp/collect')) {
    changes.push({ client: 'GA4 Measurement Protocol', code: `POST ${origin}/mp/collect?measurement_id=<your G-ID>&api_secret=${key}` });
  }
  return changes;
}

export const KEY_PLACEHOLDER = 'YOUR_INGEST_KEY';
