import { Module } from '@nestjs/common';
import { SdkBundleService } from './sdk-bundle.service';
import { SdkController } from './sdk.controller';

// Serves tracklayer.js at GET /v1/sdk.js; part of the api role only.
@Module({
  controllers: [SdkController],
  providers: [SdkBundleService],
})
export class BrowserSdkModule {}
