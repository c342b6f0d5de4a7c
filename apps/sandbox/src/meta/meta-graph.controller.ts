import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HeldRequestRegistry } from '../held-request.registry';
import { replyWithOutcome } from '../sandbox-outcome.reply';
import { SandboxSettings } from '../sandbox-settings.config';
import { GraphOutcome, GraphRequest, META_TIMEOUT_HTML, MetaGraphService } from './meta-graph.service';
import type { TokenPlacement } from './meta-sandbox-state.service';

const AUTHORIZATION = /^(?:Bearer|OAuth)\s+(\S+)$/i;

// Graph-shaped paths, as on graph.facebook.com: the Conversions API edge and the pixel node.
// Static routes (/sandbox/..., /health) win over these in Fastify's router.
@Controller()
export class MetaGraphController {
  constructor(
    private readonly graph: MetaGraphService,
    private readonly held: HeldRequestRegistry,
    private readonly settings: SandboxSettings,
  ) {}

  @Post(':version/:pixelId/events')
  async events(
    @Param('version') version: string,
    @Param('pixelId') pixelId: string,
    @Headers('authorization') authorization: string | undefined,
    @Query('access_token') queryToken: string | undefined,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const bodyToken = typeof body === 'object' && body !== null ? (body as { access_token?: unknown }).access_token : undefined;
    const request: GraphRequest = { method: 'POST', version, pixelId, body, ...token(authorization, bodyToken, queryToken) };
    await this.send(this.graph.handle(request), reply);
  }

  @Get(':version/:pixelId')
  async pixel(
    @Param('version') version: string,
    @Param('pixelId') pixelId: string,
    @Headers('authorization') authorization: string | undefined,
    @Query('access_token') queryToken: string | undefined,
    @Query('fields') fields: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const request: GraphRequest = { method: 'GET', version, pixelId, fields, ...token(authorization, undefined, queryToken) };
    await this.send(this.graph.handle(request), reply);
  }

  private send(outcome: GraphOutcome, reply: FastifyReply): Promise<void> {
    return replyWithOutcome(outcome, reply, this.held, { ms: this.settings.timeoutMs, html: META_TIMEOUT_HTML });
  }
}

// Graph takes the token in an Authorization header, the body or the query, in that order here.
function token(
  authorization: string | undefined,
  bodyToken: unknown,
  queryToken: string | undefined,
): { accessToken: string | undefined; tokenIn: TokenPlacement | null } {
  const fromHeader = authorization === undefined ? undefined : AUTHORIZATION.exec(authorization.trim())?.[1];
  if (fromHeader !== undefined) return { accessToken: fromHeader, tokenIn: 'header' };
  if (typeof bodyToken === 'string' && bodyToken !== '') return { accessToken: bodyToken, tokenIn: 'body' };
  if (queryToken !== undefined && queryToken !== '') return { accessToken: queryToken, tokenIn: 'query' };
  return { accessToken: undefined, tokenIn: null };
}
