// Meta's click id as a value: `fb.<subdomainIndex>.<creationTime ms>.<fbclid>`, the format of the
// `_fbc` cookie its pixel writes. Made on a server (no cookie), the subdomain index is 1.
export interface ParsedFbc {
  subdomainIndex: number;
  creationTimeMs: number;
  // Everything after the third dot; Meta's parameter builder may append `.<8 chars>` to it.
  payload: string;
}

export const SERVER_SUBDOMAIN_INDEX = 1;
const FBC = /^fb\.(\d{1,2})\.(\d{1,16})\.(.+)$/;

export function formatFbc(fbclid: string, creationTimeMs: number, subdomainIndex = SERVER_SUBDOMAIN_INDEX): string {
  return `fb.${subdomainIndex}.${Math.floor(creationTimeMs)}.${fbclid}`;
}

export function parseFbc(value: string): ParsedFbc | undefined {
  const match = FBC.exec(value);
  if (!match) return undefined;
  return { subdomainIndex: Number(match[1]), creationTimeMs: Number(match[2]), payload: match[3] };
}

// Whether a stored fbc already stands for this fbclid, so its creation time (the first time the
// click was seen) must be kept instead of writing a new one.
export function fbcCarries(fbc: string, fbclid: string): boolean {
  const parsed = parseFbc(fbc);
  if (parsed === undefined) return false;
  return parsed.payload === fbclid || parsed.payload.startsWith(`${fbclid}.`);
}
