import { workspaceIdOf } from '@app/core';
import { DEFAULT_WORKSPACE_SETTINGS } from '@app/tenancy';
import { IngestKeyCache } from './ingest-key.cache';

describe('IngestKeyCache', () => {
  let now = 0;
  const clock = () => now;
  const resolved = { keyId: 'k1', workspaceId: workspaceIdOf('6f1c2a4e-0b7d-4c1e-9f3a-2d5e8b7c6a10'), settings: DEFAULT_WORKSPACE_SETTINGS };

  beforeEach(() => {
    now = 1_000;
  });

  it('serves a lookup until its TTL runs out', () => {
    const cache = new IngestKeyCache(1000, 10, clock);
    cache.set('h', resolved);
    now += 999;
    expect(cache.get('h')).toEqual(resolved);
    now += 1;
    expect(cache.get('h')).toBeUndefined();
  });

  it('remembers unknown keys as null, distinct from a miss', () => {
    const cache = new IngestKeyCache(1000, 10, clock);
    cache.set('bad', null);
    expect(cache.get('bad')).toBeNull();
    expect(cache.get('other')).toBeUndefined();
  });

  it('forgets a revoked key at once', () => {
    const cache = new IngestKeyCache(1000, 10, clock);
    cache.set('h', resolved);
    cache.invalidateKeyId('k1');
    expect(cache.get('h')).toBeUndefined();
  });

  it("forgets a deleted workspace's keys at once", () => {
    const cache = new IngestKeyCache(1000, 10, clock);
    cache.set('h', resolved);
    const other = workspaceIdOf('0c9d7b1e-5a3f-4e2d-8b6c-1f0e9d8c7b6a');
    cache.set('other', { ...resolved, keyId: 'k2', workspaceId: other });
    cache.invalidateWorkspace(resolved.workspaceId);
    expect(cache.get('h')).toBeUndefined();
    expect(cache.get('other')).toMatchObject({ workspaceId: other });
  });

  it('stays bounded', () => {
    const cache = new IngestKeyCache(1000, 2, clock);
    cache.set('a', null);
    cache.set('b', null);
    cache.set('c', null);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBeNull();
  });

  it('caches nothing with a TTL of 0', () => {
    const cache = new IngestKeyCache(0, 10, clock);
    cache.set('h', resolved);
    expect(cache.get('h')).toBeUndefined();
  });
});
