import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsUUID } from 'class-validator';
import { ApiErrors, DAY_MS, DomainError } from '@app/core';
import { CurrentWorkspace, WorkspaceContext, WorkspaceParam } from '@app/tenancy';
import { MetricsReportView } from './dto/metrics-report.dto';
import { MetricsReport } from './metrics-report';
import { MetricsService } from './metrics.service';

const MAX_RANGE_DAYS = 400;

class MetricsQuery {
  @ApiPropertyOptional({ description: 'ISO time; default 24 h before `to`' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 time' })
  from?: Date;

  @ApiPropertyOptional({ description: 'ISO time; default now' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 time' })
  to?: Date;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'connectorId must be a UUID' })
  connectorId?: string;
}

@ApiTags('metrics')
@ApiBearerAuth()
@WorkspaceParam()
@Controller('v1/workspaces/:workspaceId/metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @ApiOperation({
    summary:
      "Ingest and delivery figures of a time range, click-id coverage per kind and per connector's platform, match-key coverage, event-name mapping per platform, health checks in words",
  })
  @ApiErrors(400, 401, 404)
  @Get()
  @ApiOkResponse({ type: MetricsReportView })
  report(@CurrentWorkspace() ws: WorkspaceContext, @Query() query: MetricsQuery): Promise<MetricsReport> {
    // A minute in the future so events of the current minute are in the default window.
    const to = query.to ?? new Date(Date.now() + 60_000);
    const from = query.from ?? new Date(to.getTime() - DAY_MS);
    if (from >= to) throw new DomainError('bad_request', 'invalid_range', 'from must be before to', { field: 'from' });
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      throw new DomainError('bad_request', 'invalid_range', `The range may span at most ${MAX_RANGE_DAYS} days`, { field: 'from' });
    }
    return this.metrics.report(ws.workspaceId, from, to, query.connectorId);
  }
}
