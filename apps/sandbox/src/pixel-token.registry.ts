// Which tokens may send to which pixels, both ways round, as a platform's Events Manager knows it.
// One pixel may hold several tokens and one token several pixels.
export class PixelTokenRegistry {
  private readonly pixelTokens = new Map<string, Set<string>>();
  private readonly tokenPixels = new Map<string, Set<string>>();

  register(pixel: string, accessToken: string): void {
    addTo(this.pixelTokens, pixel, accessToken);
    addTo(this.tokenPixels, accessToken, pixel);
  }

  // Like revoking a token at the platform: it then opens no pixel at all.
  revoke(accessToken: string): boolean {
    const pixels = this.tokenPixels.get(accessToken);
    if (!pixels) return false;
    for (const pixel of pixels) this.pixelTokens.get(pixel)?.delete(accessToken);
    this.tokenPixels.delete(accessToken);
    return true;
  }

  hasPixel(pixel: string): boolean {
    return this.pixelTokens.has(pixel);
  }

  pixelsOf(accessToken: string): ReadonlySet<string> | undefined {
    return this.tokenPixels.get(accessToken);
  }
}

function addTo(index: Map<string, Set<string>>, key: string, value: string): void {
  const values = index.get(key);
  if (values === undefined) index.set(key, new Set([value]));
  else values.add(value);
}
