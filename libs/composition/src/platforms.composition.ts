import { ModuleMetadata, Type } from '@nestjs/common';
import { MetaApiModule, MetaPlatform } from '@app/meta';
import type { Platform } from '@app/platforms';
import { TikTokApiModule, TikTokPlatform } from '@app/tiktok';

export interface PlatformComposition {
  // Modules that provide the platform implementations listed in `platforms`.
  imports: NonNullable<ModuleMetadata['imports']>;
  platforms: Array<Type<Platform>>;
}

// The platforms connectors can be made for and deliveries sent to: the one place that names them.
// A lib of its own because both apps read it and neither may import the other: the api
// (ConnectorsApiModule, and DeliveryModule with the worker role) and the worker (DeliveryModule).
// Adding a platform is its lib and a line here (docs/platforms.md).
export const PLATFORMS_COMPOSITION: PlatformComposition = {
  imports: [TikTokApiModule, MetaApiModule],
  platforms: [TikTokPlatform, MetaPlatform],
};
