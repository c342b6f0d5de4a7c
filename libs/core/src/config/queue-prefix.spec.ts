import { databaseNameOf, defaultQueuePrefix } from './queue-prefix';

describe('defaultQueuePrefix', () => {
  it('is the database name under tracklayer:', () => {
    expect(defaultQueuePrefix('postgres://postgres@127.0.0.1:5432/tracklayer')).toBe('tracklayer:tracklayer');
    expect(defaultQueuePrefix('postgres://app:secret@db.internal:6432/shop_eu')).toBe('tracklayer:shop_eu');
  });

  it('differs for two databases on one server, as two npm run dev instances use', () => {
    const first = defaultQueuePrefix('postgres://postgres@127.0.0.1:5432/tracklayer');
    const second = defaultQueuePrefix('postgres://postgres@127.0.0.1:5432/tracklayer_second');
    expect(first).not.toBe(second);
  });

  it('is the same for one database reached by different hosts, ports or credentials', () => {
    const direct = defaultQueuePrefix('postgres://api:a@10.0.0.5:5432/shop');
    const pooled = defaultQueuePrefix('postgresql://worker:b@pgbouncer.internal:6432/shop?sslmode=require');
    expect(pooled).toBe(direct);
  });

  it('falls back to the user name, then postgres, when the URL names no database', () => {
    expect(databaseNameOf('postgres://shop@127.0.0.1:5432')).toBe('shop');
    expect(databaseNameOf('postgres://127.0.0.1:5432/')).toBe('postgres');
    expect(defaultQueuePrefix('postgres://shop@127.0.0.1')).toBe('tracklayer:shop');
  });

  it('keeps keys readable and apart when the name has characters Redis keys should not carry', () => {
    const colon = defaultQueuePrefix('postgres://h/a%3Ab');
    const underscore = defaultQueuePrefix('postgres://h/a_b');
    const braces = defaultQueuePrefix('postgres://h/%7Bshop%7D');
    expect(colon).toMatch(/^tracklayer:a_b_[0-9a-f]{8}$/);
    expect(underscore).toBe('tracklayer:a_b');
    expect(braces).toMatch(/^tracklayer:_shop__[0-9a-f]{8}$/);
    expect(colon.slice('tracklayer:'.length)).not.toMatch(/[:{}]/);
  });
});
