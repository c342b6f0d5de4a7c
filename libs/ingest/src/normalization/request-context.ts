import { isIP } from 'node:net';

// What the ingest request itself says about the visitor, for events that do not carry it.
export interface RequestContext {
  ip?: string;
  userAgent?: string;
  // Unix seconds.
  receivedAt: number;
}

const IPV4_MAPPED = '::ffff:';

// Accepts the spellings proxies and sockets use ("1.2.3.4:5678", "[2001:db8::1]:443",
// "::ffff:1.2.3.4") and returns the bare address, or undefined for anything that is not an IP.
export function cleanIp(value: string): string | undefined {
  let ip = value.trim();
  if (ip.startsWith('[')) {
    const end = ip.indexOf(']');
    if (end < 0) return undefined;
    ip = ip.slice(1, end);
  } else {
    const colon = ip.indexOf(':');
    // One colon only: IPv4 with a port. IPv6 has at least two.
    if (colon > 0 && ip.indexOf(':', colon + 1) < 0) ip = ip.slice(0, colon);
  }
  // Dual-stack sockets report IPv4 clients this way; TikTok matches on the IPv4 form.
  if (ip.length > IPV4_MAPPED.length && ip.slice(0, IPV4_MAPPED.length).toLowerCase() === IPV4_MAPPED) {
    const v4 = ip.slice(IPV4_MAPPED.length);
    if (isIP(v4) === 4) return v4;
  }
  return isIP(ip) === 0 ? undefined : ip;
}
