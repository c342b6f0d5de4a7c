import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@app/core';
import { Platform, PLATFORMS, PlatformId } from './platform';

@Injectable()
export class PlatformRegistry {
  private readonly byId: Map<PlatformId, Platform>;

  constructor(@Inject(PLATFORMS) platforms: Platform[]) {
    this.byId = new Map(platforms.map((platform) => [platform.id, platform]));
  }

  get(id: PlatformId): Platform {
    const platform = this.byId.get(id);
    if (!platform) throw new DomainError('bad_request', 'unknown_platform', `Platform ${id} is not available`, { field: 'platform' });
    return platform;
  }

  list(): Platform[] {
    return [...this.byId.values()];
  }
}
