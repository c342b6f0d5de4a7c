import { DAY_MS } from '@app/core';
import type { ClickIdKind } from '@app/platforms';


// What ingest captures and restores for Meta: the click id (a landing URL's fbclid, made into an
// fbc, or the `_fbc` cookie) and the browser id (the `_fbp` cookie). 28 days: Meta's longest
// click-through attribution window; a workspace's own window is shorter.
export const META_CLICK_ID_KINDS: readonly ClickIdKind[] = [
  { kind: 'fbc', urlParams: ['fbclid'], cookies: ['_fbc'], windowMs: 28 * DAY_MS },
  { kind: 'fbp', urlParams: [], cookies: ['_fbp'], windowMs: 28 * DAY_MS },
];
