import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@app/core';
import type { ClickIdKind } from './click-id-kind';
import { Platform, PLATFORMS, PlatformId } from './platform';

@Injectable()
export class PlatformRegistry {
  private readonly byId: Map<PlatformId, Platform>;
  // The platforms are fixed at composition, and ingest asks for these per event: made once.
  private readonly platforms: readonly Platform[];
  private readonly kinds: readonly ClickIdKind[];

  constructor(@Inject(PLATFORMS) platforms: Platform[]) {
    this.byId = new Map(platforms.map((platform) => [platform.id, platform]));
    this.platforms = [...this.byId.values()];
    this.kinds = uniqueKinds(this.platforms);
  }

  find(id: PlatformId): Platform | undefined {
    return this.byId.get(id);
  }

  get(id: PlatformId): Platform {
    const platform = this.byId.get(id);
    if (!platform) throw new DomainError('bad_request', 'unknown_platform', `Platform ${id} is not available`, { field: 'platform' });
    return platform;
  }

  list(): readonly Platform[] {
    return this.platforms;
  }

  clickIdKinds(): readonly ClickIdKind[] {
    return this.kinds;
  }
}

// Every kind any platform declares, once each: a kind two platforms share (none do yet) keeps the
// longest window, so neither platform loses restorations to the other's.
function uniqueKinds(platforms: readonly Platform[]): ClickIdKind[] {
  const byKind = new Map<string, ClickIdKind>();
  for (const platform of platforms) {
    for (const kind of platform.clickIdKinds) {
      const known = byKind.get(kind.kind);
      if (!known || known.windowMs < kind.windowMs) byKind.set(kind.kind, kind);
    }
  }
  return [...byKind.values()];
}
