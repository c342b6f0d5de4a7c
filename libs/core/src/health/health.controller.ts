import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import Redis from 'ioredis';
import { Database } from '../database/database';
import { Public } from '../http/public.decorator';
import { InjectRedis } from '../redis/redis.module';
import { probeWithin } from './probe-within';

interface StatusReply {
  status(code: number): StatusReply;
  send(body: unknown): void;
}

const CHECK_TIMEOUT_MS = 1500;

const READINESS_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    checks: {
      type: 'object',
      properties: { postgres: { type: 'string', example: 'ok' }, redis: { type: 'string', example: `error: no answer within ${CHECK_TIMEOUT_MS} ms` } },
    },
  },
};

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: Database,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers (it checks nothing else, so it never fails while the process runs)' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: `Readiness: Postgres and Redis answer within ${CHECK_TIMEOUT_MS} ms` })
  @ApiResponse({ status: 200, description: 'Ready', schema: READINESS_SCHEMA })
  @ApiResponse({ status: 503, description: 'Postgres or Redis does not answer; `checks` says which and why', schema: READINESS_SCHEMA })
  async ready(@Res() reply: StatusReply): Promise<void> {
    const [postgres, redis] = await Promise.all([
      check(() => this.database.one('SELECT 1')),
      check(() => this.redis.ping()),
    ]);
    const ok = postgres === 'ok' && redis === 'ok';
    reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks: { postgres, redis } });
  }
}

async function check(probe: () => Promise<unknown>): Promise<string> {
  try {
    await probeWithin(probe, CHECK_TIMEOUT_MS);
    return 'ok';
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}
