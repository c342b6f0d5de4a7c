import { segmentSettings } from './segment-settings.builder';

describe('segmentSettings', () => {
  it('points the Segment.io destination at this host and turns analytics.js metrics off', () => {
    const settings = segmentSettings('tl_live_k', 'track.example:8443', 'https');
    expect(settings.integrations).toEqual({
      'Segment.io': expect.objectContaining({ apiKey: 'tl_live_k', apiHost: 'track.example:8443/v1', protocol: 'https' }),
    });
    expect(settings.metrics).toEqual({ sampleRate: 0 });
  });
});
