import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

// Mimics TikTok's request ids (UTC yyyyMMddHHmmss, then opaque characters). The random part keeps
// ids unique across sandboxes started in the same test run; the counter keeps them unique within one.
@Injectable()
export class RequestIdGenerator {
  private readonly instanceTag = randomBytes(3).toString('hex').toUpperCase();
  private counter = 0;
  private stampSecond = -1;
  private stamp = '';

  next(): string {
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.stampSecond) {
      this.stampSecond = second;
      this.stamp = new Date(second * 1000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
    }
    this.counter = (this.counter + 1) % 1e10;
    return `${this.stamp}${this.instanceTag}${this.counter.toString().padStart(10, '0')}`;
  }
}
