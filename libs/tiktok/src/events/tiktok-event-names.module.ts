import { Module } from '@nestjs/common';
import { TikTokEventNamesController } from './tiktok-event-names.controller';

// The HTTP face of TikTok's event-name table, for the api only.
@Module({ controllers: [TikTokEventNamesController] })
export class TikTokEventNamesModule {}
