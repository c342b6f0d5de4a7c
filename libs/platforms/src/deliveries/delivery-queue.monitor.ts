import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName, RedisErrorLog } from '@app/core';

// The delivery queue's Redis connection errors go to the log as one JSON line per outage (see
// RedisErrorLog); without a listener BullMQ prints each of them with console.error.
@Injectable()
export class DeliveryQueueMonitor implements OnModuleInit {
  private readonly errors = new RedisErrorLog(new Logger(DeliveryQueueMonitor.name), 'delivery queue');

  constructor(@InjectQueue(QueueName.Delivery) private readonly queue: Queue) {}

  onModuleInit(): void {
    this.queue.on('error', (error: Error) => this.errors.error(error));
    // The queue does not re-emit its client's 'ready'; the client is created with the queue.
    void this.queue.client.then(
      (client) => client.on('ready', () => this.errors.ready()),
      (error: unknown) => this.errors.error(error),
    );
  }
}
