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
// protocol (drop-in ingest); `has` says which endpoints the running api serves.
export function hostChanges(origin: string, key: string, has: (operation: string) => boolean): HostChange[] {
  const host = origin.replace(/^https?:\/\//, '');
  const changes: HostChange[] = [];
  if (has('POST /v1/batch')) {
    changes.push({ client: 'Segment analytics.js', code: `analytics.load('${key}', { integrations: { 'Segment.io': { apiHost: '${host}/v1', protocol: '${origin.startsWith('https') ? 'https' : 'http'}' } } });` });
    changes.push({ client: 'RudderStack JavaScript SDK', code: `rudderanalytics.load('${key}', '${origin}');` });
  }
  if (has('POST /mp/collect')) {
    changes.push({ client: 'GA4 Measurement Protocol', code: `POST ${origin}/mp/collect?api_secret=${key}&measurement_id=<your G-ID>` });
  }
  return changes;
}

export const KEY_PLACEHOLDER = 'YOUR_INGEST_KEY';
