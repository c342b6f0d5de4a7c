import { Module } from '@nestjs/common';

// Queue consumers only, no HTTP. Delivery processors and the outbox sweeper join here.
@Module({})
export class WorkerModule {}
