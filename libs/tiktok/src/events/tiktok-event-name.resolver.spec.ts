import { resolveTikTokEventName } from './tiktok-event-name.resolver';

describe('resolveTikTokEventName', () => {
  it('uses the connector mapping before the defaults', () => {
    expect(resolveTikTokEventName('purchase', { purchase: 'Purchase' }, 'send')).toEqual({
      name: 'Purchase',
      mapped: 'connector',
    });
  });

  it('prefers an exact connector key over a case-insensitive one', () => {
    const mapping = { Signup: 'Lead', signup: 'CompleteRegistration' };
    expect(resolveTikTokEventName('signup', mapping, 'send')).toEqual({ name: 'CompleteRegistration', mapped: 'connector' });
    expect(resolveTikTokEventName('Signup', mapping, 'send')).toEqual({ name: 'Lead', mapped: 'connector' });
  });

  it('matches connector keys case-insensitively', () => {
    expect(resolveTikTokEventName('NEWSLETTER_JOIN', { newsletter_join: 'Subscribe' }, 'drop')).toEqual({
      name: 'Subscribe',
      mapped: 'connector',
    });
  });

  it('matches connector keys whatever their spaces, underscores and hyphens', () => {
    expect(resolveTikTokEventName('Quiz-Finished', { 'quiz finished': 'Lead' }, 'drop')).toEqual({ name: 'Lead', mapped: 'connector' });
    expect(resolveTikTokEventName('application approval', {}, 'drop')).toEqual({ name: 'ApplicationApproval', mapped: 'default' });
  });

  it('lets a connector map to a custom name', () => {
    expect(resolveTikTokEventName('purchase', { purchase: 'BigOrder' }, 'drop')).toEqual({ name: 'BigOrder', mapped: 'connector' });
  });

  it('falls back to the default table', () => {
    expect(resolveTikTokEventName('Order Completed', { other: 'Lead' }, 'drop')).toEqual({
      name: 'CompletePayment',
      mapped: 'default',
    });
    expect(resolveTikTokEventName('PageView', undefined, 'drop')).toEqual({ name: 'Pageview', mapped: 'default' });
  });

  it('sends unmapped names as-is when the policy is send', () => {
    expect(resolveTikTokEventName('Quiz Finished', undefined, 'send')).toEqual({ name: 'Quiz Finished', mapped: 'custom' });
  });

  it('drops unmapped names when the policy is drop', () => {
    expect(resolveTikTokEventName('Quiz Finished', {}, 'drop')).toEqual({ dropped: true });
  });

  it('does not treat inherited object keys as mappings', () => {
    expect(resolveTikTokEventName('constructor', {}, 'drop')).toEqual({ dropped: true });
  });
});
