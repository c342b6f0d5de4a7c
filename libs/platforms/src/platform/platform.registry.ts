import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@app/core';
import type { ClickIdKind } from './click-id-kind';
import { Platform, PLATFORMS, PlatformId } from './platform';

@Injectable()
export class PlatformRegistry {
  private readonly byId: Map<PlatformId, Platform>;

  constructor(@Inject(PLATFORMS) platforms: Platform[]) {
    this.byId = new Map(platforms.map((platform) => [platform.id, platform]));
  }

  find(id: PlatformId): Platform | undefined {
    return this.byId.get(id);
  }

  get(id: PlatformId): Platform {
    const platform = this.byId.get(id);
    if (!platform) throw new DomainError('bad_request', 'unknown_platform', `Platform ${id} is not available`, { field: 'platform' });
    return platform;
  }

  list(): Platform[] {
    return [...this.byId.values()];
  }

  // Every kind any registered platform declares, once each: a kind two platforms share (none do
  // yet) keeps the longest window, so neither platform loses restorations to the other's.
  clickIdKinds(): ClickIdKind[] {
    const byKind = new Map<string, ClickIdKind>();
    for (const platform of this.byId.values()) {
      for (const kind of platform.clickIdKinds) {
        const known = byKind.get(kind.kind);
        if (!known || known.windowMs < kind.windowMs) byKind.set(kind.kind, kind);
      }
    }
    return [...byKind.values()];
  }
}
