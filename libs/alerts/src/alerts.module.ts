import { Module } from '@nestjs/common';
import { PlatformsModule } from '@app/platforms';
import { AlertWebhookController } from './alert-webhook.controller';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';

// Alerts for the api: the list and the webhook settings. The vault seals the webhook secret.
@Module({ imports: [PlatformsModule], controllers: [AlertsController, AlertWebhookController], providers: [AlertsRepository, AlertsService] })
export class AlertsModule {}
