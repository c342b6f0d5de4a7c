import { BadRequestException, Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { presence, readFaultCount, readLimit } from '../admin-input.reader';
import { isMetaFaultMode, META_FAULT_MODES, MetaFaultMode } from './meta-fault-mode.type';
import { MetaPendingFault, MetaReceivedEvent, MetaRequestRecord, MetaSandboxStateService } from './meta-sandbox-state.service';


// What tests, development and benchmarks read and steer on the Meta side. Pixels are registered
// through the shared POST /sandbox/pixels with platform "meta".
@Controller('sandbox/meta')
export class MetaSandboxAdminController {
  constructor(private readonly state: MetaSandboxStateService) {}

  // Newest last; `limit` keeps the newest N.
  @Get('events')
  listEvents(
    @Query('pixelId') pixelId?: string,
    @Query('testEventCode') testEventCode?: string,
    @Query('limit') limit?: string,
  ): { events: MetaReceivedEvent[]; count: number } {
    const newest = readLimit(limit);
    const events = this.state.listEvents({ pixelId: presence(pixelId), testEventCode: presence(testEventCode) }, newest);
    return { events, count: events.length };
  }

  @Delete('events')
  @HttpCode(204)
  clearEvents(@Query('pixelId') pixelId?: string): void {
    this.state.clearLogs(presence(pixelId));
  }

  @Get('requests')
  listRequests(@Query('pixelId') pixelId?: string): { requests: MetaRequestRecord[]; count: number } {
    const requests = this.state.listRequests(presence(pixelId));
    return { requests, count: requests.length };
  }

  @Post('faults')
  queueFault(@Body() body: unknown): { pixelId: string | null; mode: MetaFaultMode; count: number; pending: number } {
    const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const pixelId = input.pixelId === undefined || input.pixelId === null ? null : input.pixelId;
    if (pixelId !== null && (typeof pixelId !== 'string' || pixelId === '')) throw new BadRequestException('pixelId must be a non-empty string');
    if (!isMetaFaultMode(input.mode)) throw new BadRequestException(`mode must be one of ${META_FAULT_MODES.join(', ')}`);
    const count = readFaultCount(input.count);
    const pending = this.state.queueFault(pixelId, input.mode, count);
    return { pixelId, mode: input.mode, count, pending };
  }

  @Get('faults')
  listFaults(): { faults: MetaPendingFault[] } {
    return { faults: this.state.pendingFaults() };
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.state.clearFaults();
  }

  @Delete('tokens/:accessToken')
  @HttpCode(204)
  revokeToken(@Param('accessToken') accessToken: string): void {
    if (!this.state.revokeToken(accessToken)) throw new NotFoundException('unknown access token');
  }
}
