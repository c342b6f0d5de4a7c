import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HealthController } from './health.controller';
import { HeldRequestRegistry } from './held-request.registry';
import { META_SANDBOX_CONTROLLERS, META_SANDBOX_PROVIDERS } from './meta/meta-sandbox.parts';
import { RequestIdGenerator } from './request-id.generator';
import { SandboxAdminController } from './sandbox-admin.controller';
import { SandboxSettings } from './sandbox-settings.config';
import { SandboxStateService } from './sandbox-state.service';
import { TrackExceptionFilter } from './track-exception.filter';
import { TrackController } from './track.controller';
import { TrackService } from './track.service';

// Settings come only through forRoot() so every in-process sandbox of a test run gets its own.
@Module({
  controllers: [TrackController, SandboxAdminController, HealthController, ...META_SANDBOX_CONTROLLERS],
  providers: [
    SandboxStateService,
    TrackService,
    RequestIdGenerator,
    HeldRequestRegistry,
    ...META_SANDBOX_PROVIDERS,
    { provide: APP_FILTER, useClass: TrackExceptionFilter },
  ],
})
export class SandboxModule {
  static forRoot(settings: SandboxSettings): DynamicModule {
    return { module: SandboxModule, providers: [{ provide: SandboxSettings, useValue: settings }] };
  }
}
