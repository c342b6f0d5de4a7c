import { extractWriteKey } from './write-key.guard';

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('extractWriteKey', () => {
  it('reads the Basic user name with or without the trailing colon', () => {
    expect(extractWriteKey({ headers: { authorization: basic('tl_live_abc:') } }, false)).toBe('tl_live_abc');
    expect(extractWriteKey({ headers: { authorization: basic('tl_live_abc') } }, false)).toBe('tl_live_abc');
    expect(extractWriteKey({ headers: { authorization: basic('tl_live_abc:ignored') } }, false)).toBe('tl_live_abc');
  });

  it('takes Basic first, then the body, then the query only where allowed', () => {
    const request = { headers: { authorization: basic('from-basic:') }, body: { writeKey: 'from-body' }, query: { writeKey: 'from-query' } };
    expect(extractWriteKey(request, true)).toBe('from-basic');
    expect(extractWriteKey({ ...request, headers: {} }, true)).toBe('from-body');
    expect(extractWriteKey({ headers: {}, query: { writeKey: 'from-query' } }, true)).toBe('from-query');
    expect(extractWriteKey({ headers: {}, query: { writeKey: 'from-query' } }, false)).toBeUndefined();
  });

  it('ignores a Bearer header and an empty Basic user', () => {
    expect(extractWriteKey({ headers: { authorization: 'Bearer tl_live_abc' } }, false)).toBeUndefined();
    expect(extractWriteKey({ headers: { authorization: basic(':password') }, body: { writeKey: 'k' } }, false)).toBe('k');
  });
});
