import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../../common/access/access-policy.js';
import { CurrentUser } from '../../../common/access/current-user.decorator.js';
import type { Principal } from '../../../common/access/principal.js';
import { Role } from '../../../common/access/role.js';
import {
  QueueItemDto,
  QueueSearchDto,
  WorkQueueCountsDto,
  WorkQueuePageDto,
  WorkQueueQueryDto,
} from './work-queue.dto.js';
import { WorkQueueService } from './work-queue.service.js';

/** The officers' work queue: their territory, sealed cases only if theirs. */
@ApiTags('cases')
@Controller('cases')
export class WorkQueueController {
  constructor(private readonly queue: WorkQueueService) {}

  @Get()
  @Allow(Role.OPERATOR, Role.MANAGER)
  @ApiOperation({ summary: 'Work queue of my territory, by days left to the legal deadline (overdue first)' })
  @ApiOkResponse({ type: WorkQueuePageDto })
  list(@CurrentUser() actor: Principal, @Query() query: WorkQueueQueryDto) {
    return this.queue.page(actor, query);
  }

  @Get('counts')
  @Allow(Role.OPERATOR, Role.MANAGER)
  @ApiOperation({ summary: 'Open cases per named filter, measure, ATS, Ambito, state and eligibility outcome' })
  @ApiOkResponse({ type: WorkQueueCountsDto })
  counts(@CurrentUser() actor: Principal) {
    return this.queue.counts(actor);
  }

  @Post('search')
  @Allow(Role.OPERATOR, Role.MANAGER)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cases of a codice fiscale (beneficiary or applicant) in my scope, any state; a sealed case found is recorded in its access log',
  })
  @ApiOkResponse({ type: [QueueItemDto] })
  search(@CurrentUser() actor: Principal, @Body() dto: QueueSearchDto) {
    return this.queue.search(actor, dto.fiscalCode);
  }
}
