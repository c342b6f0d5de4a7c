const ID = /^[\w-]{8,64}$/;

// What TrackLayer itself generates (a UUID); anything else in the cookie or a link is not ours.
export function isAnonymousId(value: string | undefined): value is string {
  return value !== undefined && ID.test(value);
}

// The anonymous id travels to the customer's other domains as "<id>.<unix seconds, base 36>". The
// time bounds the link's life: a decorated URL pasted into a chat a day later must not make a
// stranger adopt this visitor's id (and with it, this visitor's click ids).
export function encodeLinkedId(id: string, nowSeconds: number): string {
  return id + '.' + nowSeconds.toString(36);
}

export function decodeLinkedId(value: string | undefined, nowSeconds: number, maxAgeSeconds: number): string | undefined {
  if (!value) return undefined;
  const dot = value.lastIndexOf('.');
  const id = value.slice(0, dot);
  const at = parseInt(value.slice(dot + 1), 36);
  // The same browser wrote the time, so the clock is the same; a minute of slack for rounding.
  return dot > 0 && isAnonymousId(id) && nowSeconds - at <= maxAgeSeconds && at - nowSeconds <= 60 ? id : undefined;
}

export function randomId(fill: (bytes: Uint8Array) => void): string {
  const bytes = new Uint8Array(16);
  try {
    fill(bytes);
  } catch {
    for (let i = 0; i < 16; i++) bytes[i] = (Math.random() * 256) | 0;
  }
  // UUID version 4 layout, so ids look familiar in the events debugger and TikTok's tools.
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  let hex = '';
  for (let i = 0; i < 16; i++) hex += (bytes[i] + 0x100).toString(16).slice(1) + (i === 3 || i === 5 || i === 7 || i === 9 ? '-' : '');
  return hex;
}
