import { MAX_SEGMENT_BATCH, parseSegmentBody } from './segment-body.parser';

describe('parseSegmentBody', () => {
  it('takes a single call as one message, its sentAt as the envelope', () => {
    expect(parseSegmentBody({ event: 'x', sentAt: 's' }, false)).toEqual({ ok: true, messages: [{ event: 'x', sentAt: 's' }], envelope: { sentAt: 's' } });
  });

  it('takes a batch with its shared context, integrations and sentAt', () => {
    const body = { batch: [{ type: 'track' }], context: { ip: '1.2.3.4' }, integrations: { All: true }, sentAt: 's', writeKey: 'k' };
    expect(parseSegmentBody(body, true)).toEqual({
      ok: true,
      messages: [{ type: 'track' }],
      envelope: { context: { ip: '1.2.3.4' }, integrations: { All: true }, sentAt: 's' },
    });
    expect(parseSegmentBody({ batch: [] }, true)).toMatchObject({ ok: true, messages: [] });
  });

  it('refuses what is not an envelope', () => {
    expect(parseSegmentBody([1], true)).toMatchObject({ ok: false, field: 'body' });
    expect(parseSegmentBody('x', false)).toMatchObject({ ok: false, field: 'body' });
    expect(parseSegmentBody({ batch: {} }, true)).toMatchObject({ ok: false, field: 'batch' });
    expect(parseSegmentBody({ batch: new Array(MAX_SEGMENT_BATCH + 1).fill({}) }, true)).toMatchObject({ ok: false, field: 'batch' });
  });
});
