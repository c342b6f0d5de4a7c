// The settings analytics.js (analytics-next) loads from `${cdnURL}/v1/projects/:writeKey/settings`
// before it sends anything: only the Segment.io destination, pointed at TrackLayer, so the page's
// events go to /v1/t, /v1/p... (or /v1/b when the page asks for batching) on this host.
export interface SegmentSettings {
  integrations: Record<string, Record<string, unknown>>;
  plan: Record<string, unknown>;
  [other: string]: unknown;
}

export function segmentSettings(writeKey: string, host: string, protocol: string): SegmentSettings {
  return {
    integrations: {
      'Segment.io': {
        apiKey: writeKey,
        apiHost: `${host}/v1`,
        protocol,
        unbundledIntegrations: [],
        addBundledMetadata: true,
        maybeBundledConfigIds: {},
      },
    },
    plan: {
      track: { __default: { enabled: true, integrations: {} } },
      identify: { __default: { enabled: true } },
      group: { __default: { enabled: true } },
    },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    // analytics.js reports its own health to `${apiHost}/m`; TrackLayer has no use for it.
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}
