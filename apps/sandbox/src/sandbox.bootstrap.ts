import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { SandboxModule } from './sandbox.module';
import { readInteger, SandboxSettings, SandboxSettingsInput } from './sandbox-settings.config';

export interface StartSandboxOptions extends SandboxSettingsInput {
  // 0 picks a free port; the chosen one is in `url`.
  port?: number;
  host?: string;
  logger?: LogLevel[] | false;
}

export interface RunningSandbox {
  url: string;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

// 1000 events with full user data stay well under 1 MB; 20 MB leaves room for oversized tests.
const BODY_LIMIT_BYTES = 20 * 1024 * 1024;

export async function startSandbox(opts: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const settings = SandboxSettings.resolve(process.env, opts);
  const port = opts.port ?? readInteger(process.env, 'SANDBOX_PORT', 3900, 0);
  const host = opts.host ?? (process.env.SANDBOX_HOST || '127.0.0.1');

  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, routerOptions: { ignoreTrailingSlash: true } });
  // Route-mapping logs at start-up would drown the one line main.ts prints.
  const app = await NestFactory.create<NestFastifyApplication>(SandboxModule.forRoot(settings), adapter, {
    logger: opts.logger ?? ['error', 'warn'],
  });
  await app.listen(port, host);

  const address = app.getHttpServer().address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${urlHost}:${address.port}`, app, close: () => app.close() };
}
