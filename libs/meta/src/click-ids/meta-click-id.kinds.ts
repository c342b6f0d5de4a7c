import { clickIdWindow } from '@app/platforms';
import type { ClickIdKind } from '@app/platforms';

// Meta's click ids as ingest captures them: fbc from the ad click's fbclid (or the pixel's _fbc
// cookie), fbp from the pixel's _fbp cookie. The pixel writes both cookies for 90 days.
export const META_CLICK_ID_KINDS: readonly ClickIdKind[] = [
  { kind: 'fbc', urlParams: ['fbclid'], cookies: ['_fbc'], windowMs: clickIdWindow.days(90) },
  { kind: 'fbp', urlParams: [], cookies: ['_fbp'], windowMs: clickIdWindow.days(90) },
];
