import { describeMapping, resolveTikTokEventName } from './tiktok-event-name.resolver';

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

describe('describeMapping', () => {
  it('marks standard, legacy and custom targets', () => {
    expect(describeMapping({ purchase: 'Purchase', order: 'CompletePayment', pv: 'Pageview', quiz: 'QuizDone' })).toEqual({
      entries: [
        { sourceName: 'purchase', tiktokName: 'Purchase', kind: 'standard' },
        { sourceName: 'order', tiktokName: 'CompletePayment', kind: 'standard' },
        { sourceName: 'pv', tiktokName: 'Pageview', kind: 'standard' },
        { sourceName: 'quiz', tiktokName: 'QuizDone', kind: 'custom' },
      ],
      errors: [],
    });
  });

  it('suggests the TikTok spelling for a target that differs only by case', () => {
    expect(describeMapping({ order: 'completepayment' }).entries).toEqual([
      { sourceName: 'order', tiktokName: 'completepayment', kind: 'custom', suggestion: 'CompletePayment' },
    ]);
  });

  it('accepts a target of exactly 50 characters', () => {
    const result = describeMapping({ a: 'x'.repeat(50) });
    expect(result.errors).toEqual([]);
    expect(result.entries).toHaveLength(1);
  });

  it.each([
    ['an empty source name', { '': 'Lead' }, 'source event name must not be empty'],
    ['a blank source name', { '  ': 'Lead' }, 'source event name must not be empty'],
    ['an empty target', { a: '' }, 'must not be empty'],
    ['a blank target', { a: '   ' }, 'must not be empty'],
    ['a target over 50 characters', { a: 'x'.repeat(51) }, 'longer than 50 characters'],
    ['a target with surrounding spaces', { a: ' Lead' }, 'leading or trailing spaces'],
    ['a non-string target', { a: 42 }, 'must be a string'],
  ])('reports %s', (_label, mapping, message) => {
    const result = describeMapping(mapping);
    expect(result.entries).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toContain(message);
  });

  it('keeps valid entries next to errors', () => {
    const result = describeMapping({ a: '', b: 'Lead' });
    expect(result.entries).toEqual([{ sourceName: 'b', tiktokName: 'Lead', kind: 'standard' }]);
    expect(result.errors).toEqual([{ sourceName: 'a', message: 'The TikTok event name for "a" must not be empty' }]);
  });
});
