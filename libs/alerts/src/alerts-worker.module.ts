import { Module } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { MetricsModule } from '@app/metrics';
import { PlatformsModule } from '@app/platforms';
import { AlertRulesRunner } from './alert-rules.runner';
import { AlertWebhookSender } from './alert-webhook.sender';
import { AlertsRepository } from './alerts.repository';

// Alerts for the worker: the rules and the webhook sender, no HTTP.
@Module({ imports: [PlatformsModule, EventsModule, MetricsModule], providers: [AlertsRepository, AlertRulesRunner, AlertWebhookSender] })
export class AlertsWorkerModule {}
