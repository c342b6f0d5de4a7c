import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

// Meta's fbtrace_id looks like "AbC1dEf2GhI3jKl4MnO5pQr": opaque base64url-ish characters. The
// random prefix keeps ids unique across sandboxes of one test run, the counter within one.
@Injectable()
export class FbtraceIdGenerator {
  private readonly prefix = randomBytes(9).toString('base64url');
  private counter = 0;

  next(): string {
    this.counter = (this.counter + 1) % 2 ** 32;
    return `${this.prefix}${this.counter.toString(36).padStart(7, '0')}`;
  }
}
