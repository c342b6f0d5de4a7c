import type { ClickIdKind } from './click-id-kind';
import type { Platform } from './platform';
import { PlatformRegistry } from './platform.registry';

function platform(id: string, clickIdKinds: ClickIdKind[]): Platform {
  // Only the fields the registry reads; a platform's other parts are its own module's to test.
  return { id, clickIdKinds } as unknown as Platform;
}

describe('PlatformRegistry.clickIdKinds', () => {
  it('lists every kind of every registered platform once, a shared kind with the longest window', () => {
    const registry = new PlatformRegistry([
      platform('tiktok', [
        { kind: 'ttclid', urlParams: ['ttclid'], cookies: ['ttclid'], windowMs: 7 },
        { kind: 'ttp', urlParams: [], cookies: ['_ttp'], windowMs: 7 },
      ]),
      platform('meta', [
        { kind: 'fbc', urlParams: ['fbclid'], cookies: ['_fbc'], windowMs: 28 },
        { kind: 'ttp', urlParams: [], cookies: ['_ttp'], windowMs: 28 },
      ]),
    ]);
    expect(registry.clickIdKinds().map(({ kind, windowMs }) => [kind, windowMs])).toEqual([
      ['ttclid', 7],
      ['ttp', 28],
      ['fbc', 28],
    ]);
  });
});
