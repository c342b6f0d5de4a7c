import { deliveryStatus, eventStatus, storyStatus } from './event-status';

describe('eventStatus', () => {
  it('is the worst delivery status, or "accepted" without any connector', () => {
    expect(eventStatus([]).label).toBe('Accepted (no connector)');
    expect(eventStatus([{ status: 'delivered' }]).kind).toBe('delivered');
    expect(eventStatus([{ status: 'delivered' }, { status: 'pending' }]).kind).toBe('pending');
    expect(eventStatus([{ status: 'delivered' }, { status: 'rejected' }]).kind).toBe('rejected');
    expect(eventStatus([{ status: 'failed' }, { status: 'pending' }]).tone).toBe('fail');
  });

  it("speaks the event story's statuses in the same words", () => {
    expect(storyStatus({ status: 'accepted', deliveries: [{ status: 'rejected' }] as never }).label).toBe('Rejected by the platform');
    expect(storyStatus({ status: 'accepted', deliveries: [{ status: 'failed' }] as never }).label).toBe('Failed');
    expect(storyStatus({ status: 'rejected', deliveries: [] }).label).toBe('Rejected by TrackLayer');
    expect(storyStatus({ status: 'duplicate', deliveries: [] }).kind).toBe('duplicate');
  });

  it("names one connector's delivery: its rejected is the platform's refusal, not TrackLayer's", () => {
    expect(deliveryStatus('rejected').label).toBe('Rejected by the platform');
    expect(deliveryStatus('skipped').label).toBe('Not sent (dropped by the mapping)');
    expect(deliveryStatus('in_doubt').tone).toBe('warn');
    expect(deliveryStatus('delivered').tone).toBe('ok');
  });
});
