import { MAX_BATCH_SIZE, parseIngestBody } from './ingest-body.parser';

describe('parseIngestBody', () => {
  it('takes one event', () => {
    expect(parseIngestBody({ event: 'purchase' })).toEqual({ ok: true, events: [{ event: 'purchase' }] });
  });

  it('takes a batch', () => {
    expect(parseIngestBody({ batch: [{ event: 'a' }, { event: 'b' }] })).toEqual({ ok: true, events: [{ event: 'a' }, { event: 'b' }] });
  });

  it.each([
    [null, 'body'],
    ['purchase', 'body'],
    [[{ event: 'a' }], 'body'],
    [{ batch: {} }, 'batch'],
    [{ batch: [] }, 'batch'],
  ])('rejects %p naming %s', (body, field) => {
    expect(parseIngestBody(body)).toMatchObject({ ok: false, field });
  });

  it(`caps a batch at ${MAX_BATCH_SIZE} events`, () => {
    expect(parseIngestBody({ batch: new Array(MAX_BATCH_SIZE).fill({ event: 'a' }) }).ok).toBe(true);
    expect(parseIngestBody({ batch: new Array(MAX_BATCH_SIZE + 1).fill({ event: 'a' }) })).toMatchObject({
      ok: false,
      message: expect.stringContaining('at most 500 events (got 501)'),
    });
  });
});
