import { eventStatus, storyStatus } from './event-status';

describe('eventStatus', () => {
  it('is the worst delivery status, or "accepted" without any connector', () => {
    expect(eventStatus([]).label).toBe('Accepted (no connector)');
    expect(eventStatus([{ status: 'delivered' }]).kind).toBe('delivered');
    expect(eventStatus([{ status: 'delivered' }, { status: 'pending' }]).kind).toBe('pending');
    expect(eventStatus([{ status: 'delivered' }, { status: 'rejected' }]).kind).toBe('rejected');
    expect(eventStatus([{ status: 'failed' }, { status: 'pending' }]).tone).toBe('fail');
  });

  it("speaks the event story's statuses in the same words", () => {
    expect(storyStatus('platform_rejected').label).toBe('Rejected by the platform');
    expect(storyStatus('rejected').label).toBe('Rejected by TrackLayer');
    expect(storyStatus('duplicate').kind).toBe('duplicate');
  });
});
