import { BadRequestException, Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { presence, readFaultCount, readLimit } from './admin-input.reader';
import { FAULT_MODES, FaultMode, isFaultMode } from './fault-mode.type';
import { PendingFault } from './fault-queue';
import { MetaSandboxStateService } from './meta/meta-sandbox-state.service';
import { ReceivedEvent, SandboxStateService, TrackRequestRecord } from './sandbox-state.service';


@Controller('sandbox')
export class SandboxAdminController {
  constructor(
    private readonly state: SandboxStateService,
    private readonly meta: MetaSandboxStateService,
  ) {}

  // `platform` defaults to tiktok (pixelCode); "meta" registers a pixelId with its token.
  @Post('pixels')
  registerPixel(@Body() body: unknown): { pixelCode: string } | { platform: 'meta'; pixelId: string } {
    const input = asObject(body);
    if (input.platform !== undefined && input.platform !== 'tiktok' && input.platform !== 'meta') {
      throw new BadRequestException('platform must be tiktok or meta');
    }
    if (input.platform === 'meta') {
      const pixelId = requireString(input, 'pixelId');
      this.meta.registerPixel(pixelId, requireString(input, 'accessToken'));
      return { platform: 'meta', pixelId };
    }
    const pixelCode = requireString(input, 'pixelCode');
    const accessToken = requireString(input, 'accessToken');
    this.state.registerPixel(pixelCode, accessToken);
    return { pixelCode };
  }

  @Delete('tokens/:accessToken')
  @HttpCode(204)
  revokeToken(@Param('accessToken') accessToken: string): void {
    if (!this.state.revokeToken(accessToken)) throw new NotFoundException('unknown access token');
  }

  @Get('events')
  listEvents(
    @Query('pixelCode') pixelCode?: string,
    @Query('testEventCode') testEventCode?: string,
    @Query('limit') limit?: string,
  ): { events: ReceivedEvent[]; count: number } {
    const newest = readLimit(limit);
    const filter = { pixelCode: presence(pixelCode), testEventCode: presence(testEventCode) };
    const events = this.state.listEvents(filter, newest);
    return { events, count: events.length };
  }

  @Delete('events')
  @HttpCode(204)
  clearEvents(@Query('pixelCode') pixelCode?: string): void {
    this.state.clearLogs(presence(pixelCode));
  }

  @Get('requests')
  listRequests(@Query('pixelCode') pixelCode?: string): { requests: TrackRequestRecord[]; count: number } {
    const requests = this.state.listRequests(presence(pixelCode));
    return { requests, count: requests.length };
  }

  @Post('faults')
  queueFault(@Body() body: unknown): { pixelCode: string | null; mode: FaultMode; count: number; pending: number } {
    const input = asObject(body);
    const pixelCode = input.pixelCode === undefined || input.pixelCode === null ? null : requireString(input, 'pixelCode');
    if (!isFaultMode(input.mode)) throw new BadRequestException(`mode must be one of ${FAULT_MODES.join(', ')}`);
    const count = readFaultCount(input.count);
    const pending = this.state.queueFault(pixelCode, input.mode, count);
    return { pixelCode, mode: input.mode, count, pending };
  }

  @Get('faults')
  listFaults(): { faults: PendingFault[] } {
    return { faults: this.state.pendingFaults() };
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.state.clearFaults();
    // One reset for every platform: tests start from no faults at all.
    this.meta.clearFaults();
  }
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestException('The request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function requireString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value.trim() === '') throw new BadRequestException(`${field} must be a non-empty string`);
  return value;
}
