import { sentEventOf } from './sent-event.extractor';

describe('sentEventOf', () => {
  it("finds the event's object in a batch by event_id", () => {
    const body = { event_source: 'web', data: [{ event_id: 'a', event: 'ViewContent' }, { event_id: 'b', event: 'CompletePayment' }] };
    expect(sentEventOf(body, 'b')).toEqual({ event_id: 'b', event: 'CompletePayment' });
  });

  it('is undefined without a body, without data, or without the event', () => {
    expect(sentEventOf(null, 'a')).toBeUndefined();
    expect(sentEventOf({ data: 'x' }, 'a')).toBeUndefined();
    expect(sentEventOf({ data: [null, { event_id: 'b' }] }, 'a')).toBeUndefined();
  });
});
